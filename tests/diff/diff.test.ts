/**
 * `ratsdoc diff` on a real git repository: the example content committed, then changed in one
 * commit per kind of change (field, added and removed measure, renamed ID, edited paragraph,
 * moved paragraph, new Beratungsfolge row, changed cost, renamed goal with its references),
 * and an uncommitted edit in the working tree. Every case is checked in all four formats: text
 * and Markdown written from the report's document tree, HTML set by the HTML renderer, JSON.
 */
import path from 'node:path';
import { promises as fs } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compareRevisions } from '../../src/diff/compare.js';
import { formatDiffJson } from '../../src/diff/similarity.js';
import type { DiffReport, EntityDiff, FieldChange, ParagraphChange } from '../../src/diff/report.js';
import { del, formats, ins, nb, part, row, untypeset } from './formats.js';
import { cleanupTemp, Repo } from './repo.js';

let repo: Repo;
const rev: Record<string, string> = {};
/** Lines in the files at the time of each commit (the example may change; the tests follow it). */
const at: Record<string, number> = {};
const H = 'content/konzept/hf-arbeit.yaml';
const cwd = process.cwd();

interface Rendered {
  report: DiffReport;
  json: any;
  text: string;
  markdown: string;
  html: string;
}

/** Runs `body` in a fresh repository of the example content (`diff` reads the current folder), then returns to the shared one. */
async function inFreshRepo(body: (r: Repo) => Promise<void>): Promise<void> {
  const fresh = await Repo.withContent();
  process.chdir(fresh.dir);
  try {
    await body(fresh);
  } finally {
    process.chdir(repo.dir);
  }
}

async function diff(oldRev: string, newRev?: string): Promise<Rendered> {
  const report = await compareRevisions({ content: 'content', oldRev, ...(newRev ? { newRev } : {}) });
  const f = await formats(report);
  // Texts compare with plain spaces; the HTML without its soft hyphens and no-break spans.
  return { report, json: JSON.parse(f.json), text: nb(f.text), markdown: nb(f.markdown), html: untypeset(f.html) };
}

function entity(r: Rendered, id: string): EntityDiff {
  const e = r.report.entities.find((x) => x.id === id);
  if (!e) throw new Error(`${id} nicht im Bericht: ${r.report.entities.map((x) => x.id).join(', ')}`);
  return e;
}

function field(e: EntityDiff | { fields: FieldChange[] }, name: string): FieldChange {
  const list = 'changes' in e ? e.changes : e.fields;
  const f = list.find((c) => c.field === name);
  if (!f) throw new Error(`Feld ${name} fehlt: ${list.map((c) => c.field).join(', ')}`);
  return f;
}

beforeAll(async () => {
  repo = await Repo.withContent();
  process.chdir(repo.dir);
  rev.base = repo.git('rev-parse', '--short', 'HEAD').trim();
  at.m07 = await repo.lineOf(H, '  - id: M-07');
  at.m08 = await repo.lineOf(H, '  - id: M-08');
  at.m09 = await repo.lineOf(H, '  - id: M-09');
  at.z13 = await repo.lineOf(H, '  - id: Z-ARB-1.3');
  at.i05 = await repo.lineOf('content/konzept/indikatoren.yaml', '  - id: I-05');
  at.aufgrund = await repo.lineOf('content/konzept/kapitel/einleitung.md', 'Aufgrund erhaltener');
  at.ansatz = await repo.lineOf('content/konzept/kapitel/einleitung.md', 'Der potenzialorientierte Ansatz');

  // 1. A field change.
  await repo.replace('content/konzept/hf-arbeit.yaml', '    status: abgeschlossen\n    prioritaet: hoch\n    kosten: { betrag: 2500', '    status: laufend\n    prioritaet: hoch\n    kosten: { betrag: 2500');
  rev.field = repo.commit('M-07 läuft weiter');

  // 2. A measure added, one removed (M-09 was the only measure of Z-ARB-1.3).
  await repo.cut('content/konzept/hf-arbeit.yaml', '  - id: M-09\n', '  - id: M-10\n');
  await repo.replace('content/konzept/hf-arbeit.yaml', '  - id: M-10\n', [
    '  - id: M-40',
    '    titel: Mentoring für zugewanderte Gründerinnen',
    '    handlungsfeld: HF-ARB',
    '    ziele: [Z-ARB-1.1]',
    '    federfuehrung: A-WIFO',
    '    beginn: 2019-09',
    '    ende: 2019-10',
    '    status: geplant',
    '    kosten: { betrag: 1200.50, finanzierung: Haushalt Stadt Bergkamen, jahr: 2019 }',
    '',
    '  - id: M-10',
    '',
  ].join('\n'));
  rev.addRemove = repo.commit('M-40 neu, M-09 entfällt');
  at.m40 = await repo.lineOf(H, '  - id: M-40');

  // 3. An ID renamed, content unchanged (M-08 has a warning, which must follow the rename).
  await repo.replace('content/konzept/hf-arbeit.yaml', '  - id: M-08\n', '  - id: M-08a\n');
  rev.rename = repo.commit('M-08 heißt jetzt M-08a');

  // 4. A paragraph edited: words with umlauts, next to „quotes“.
  await repo.replace('content/konzept/kapitel/einleitung.md', 'Aufgrund erhaltener Fördermittel aus den', 'Aufgrund bewilligter Fördergelder aus den');
  await repo.replace('content/konzept/kapitel/einleitung.md', 'konnte die Stadt im Jahr 2019', 'konnte die Stadt Bergkamen im Frühjahr 2019');
  rev.paragraph = repo.commit('Einleitung: Förderung genauer');

  // 5. A paragraph moved to another section.
  const moved = await repo.cut('content/konzept/kapitel/einleitung.md', 'Der potenzialorientierte Ansatz', '# Vorgehen');
  await repo.replace('content/konzept/kapitel/einleitung.md', '# Aufbau des Konzepts\n\n', `# Aufbau des Konzepts\n\n${moved}`);
  rev.move = repo.commit('Absatz verschoben');

  // 6. A new row in a Vorlage's Beratungsfolge.
  await repo.replace('content/vorlagen/11-1702.md', '  - gremium: Rat der Stadt Bergkamen\n', [
    '  - gremium: Haupt- und Finanzausschuss',
    '    sitzung: 2019-12-05',
    '    zustaendigkeit: Vorberatung',
    '    oeffentlich: true',
    '  - gremium: Rat der Stadt Bergkamen',
    '',
  ].join('\n'));
  rev.beratung = repo.commit('Beratungsfolge: HFA');

  // 7. A changed cost (one entry of a list).
  await repo.replace('content/konzept/hf-arbeit.yaml', '{ betrag: 7500, finanzierung: Fördermittel', '{ betrag: 9000, finanzierung: Fördermittel');
  rev.kosten = repo.commit('Kosten M-08a');

  // 8. A goal renamed, with the references to it.
  const hf = await repo.read('content/konzept/hf-arbeit.yaml');
  await repo.write('content/konzept/hf-arbeit.yaml', hf.replace(/Z-ARB-1\.2\b/g, 'Z-ARB-AUSB'));
  rev.goal = repo.commit('Ziel Z-ARB-1.2 umbenannt');

  // Uncommitted: a nested field, the Stand, and a new (untracked) Vorlage.
  await repo.replace('content/konzept/indikatoren.yaml', 'basis: { wert: 19.6, stichtag: 2018-12-31 }', 'basis: { wert: 19.4, stichtag: 2018-12-31 }');
  await repo.replace('content/konzept/konzept.yaml', 'stand: 2019-10-31', 'stand: 2019-11-15');
  await repo.write('content/anlagen/zuwendungsbescheid.pdf', `${await repo.read('content/anlagen/zuwendungsbescheid.pdf')}\n% ersetzt\n`);
  await repo.write('content/vorlagen/11-1999.md', '---\nnummer: "11/1999"\nart: Mitteilungsvorlage\nbetreff: Sachstand Integrationskonzept\nbeschlussvorschlag: Kenntnisnahme\n---\nDer Integrationsrat wird über den Sachstand unterrichtet.\n');
}, 60_000);

afterAll(async () => {
  process.chdir(cwd);
  await cleanupTemp();
});

describe('one commit per kind of change', () => {
  test('a field change: old → new, the measure’s status in the derived effects', async () => {
    const r = await diff(rev.base, rev.field);
    expect(r.report.entities).toHaveLength(1);
    const m = entity(r, 'M-07');
    expect(m.status).toBe('changed');
    expect(m.changes).toEqual([{ type: 'value', path: ['status'], field: 'status', old: 'abgeschlossen', new: 'laufend' }]);
    expect(r.report.derived.status).toEqual([{ id: 'M-07', oldId: null, title: 'Job-Speeddating mit Bergkamener Betrieben', old: 'abgeschlossen', new: 'laufend' }]);
    expect(r.report.derived.costs).toEqual([]);

    const m07 = part(r.text, 'Maßnahme M-07 „Job-Speeddating mit Bergkamener Betrieben“ – geändert\n');
    expect(m07).toContain(`\n  content/konzept/hf-arbeit.yaml:${at.m07}\n`);
    expect(m07).toMatch(row('Feld', 'bisher', 'neu', 'Hinweis'));
    expect(m07).toMatch(row('status', '[-abgeschlossen-]', '{+laufend+}'));
    expect(part(r.text, 'Status von Maßnahmen')).toMatch(row('M-07 „Job-Speeddating mit Bergkamener Betrieben“', '[-abgeschlossen-]', '{+laufend+}'));
    expect(r.markdown).toContain('#### Maßnahme M-07 „Job-Speeddating mit Bergkamener Betrieben“ – geändert\n');
    expect(r.markdown).toContain('| status | <del>abgeschlossen</del> | <ins>laufend</ins> |  |');
    expect(r.html).toContain(`<th scope="row">status</th><td>${del('abgeschlossen')}</td><td>${ins('laufend')}</td>`);
    expect(r.json.entities[0]).toMatchObject({ collection: 'massnahmen', id: 'M-07', status: 'changed', handlungsfeld: 'HF-ARB' });
    expect(r.json.derived.status[0]).toMatchObject({ id: 'M-07', old: 'abgeschlossen', new: 'laufend' });
  });

  test('a measure added and one removed; the goal that lost its last measure is a new warning', async () => {
    const r = await diff(rev.field, rev.addRemove);
    expect(r.report.entities.map((e) => `${e.status} ${e.id}`)).toEqual(['removed M-09', 'added M-40']);
    expect(entity(r, 'M-40').value).toMatchObject({ titel: 'Mentoring für zugewanderte Gründerinnen', status: 'geplant' });
    expect(r.report.summary.entities).toEqual({ massnahmen: { added: 1, removed: 1, changed: 0, renamed: 0 } });
    expect(r.report.derived.newDiagnostics.map((d) => `${d.code} ${d.entity}`)).toEqual(['goal-without-measure Ziel „Z-ARB-1.3“']);
    expect(r.report.derived.costs).toEqual([{ handlungsfeld: 'HF-ARB', title: 'Ausbildung und Arbeit', old: 26350, new: 27550.5, delta: 1200.5 }]);

    expect(part(r.text, 'Maßnahme M-09 „Erstberatung zur Anerkennung ausländischer Berufsabschlüsse im Rathaus“ – entfernt\n')).toContain(`\n  bisher content/konzept/hf-arbeit.yaml:${at.m09}\n`);
    const m40 = part(r.text, 'Maßnahme M-40 „Mentoring für zugewanderte Gründerinnen“ – neu\n');
    expect(m40).toContain(`\n  content/konzept/hf-arbeit.yaml:${at.m40}\n\n  {+Handlungsfeld: HF-ARB · Ziele: Z-ARB-1.1 · Status: geplant · Zeitraum: September 2019 bis Oktober 2019 · Kosten: 1.200,50 €+}\n`);
    expect(part(r.text, 'Neue Fehler und Warnungen')).toContain(`\n  Warnung: Ziel „Z-ARB-1.3“: Handlungsziel ohne Maßnahme: keine Maßnahme verfolgt es (content/konzept/hf-arbeit.yaml:${at.z13}:9)\n`);
    // Removed before added, as in the JSON.
    expect(r.text.indexOf('Maßnahme M-09')).toBeLessThan(r.text.indexOf('Maßnahme M-40'));
    expect(r.markdown).toContain('#### Maßnahme M-09 „Erstberatung zur Anerkennung ausländischer Berufsabschlüsse im Rathaus“ – entfernt\n');
    expect(r.markdown).toContain('#### Maßnahme M-40 „Mentoring für zugewanderte Gründerinnen“ – neu\n');
    expect(r.markdown).toContain(`\nWarnung: Ziel „Z-ARB-1.3“: Handlungsziel ohne Maßnahme: keine Maßnahme verfolgt es (content/konzept/hf-arbeit.yaml:${at.z13}:9)\n`);
    expect(r.html).toMatch(/<h4 id="[^"]+">Maßnahme M-40 „Mentoring für zugewanderte Gründerinnen“ – neu<\/h4><p class="muted">content\/konzept\/hf-arbeit.yaml:\d+<\/p><p><ins /);
    expect(r.html).toMatch(/<h4 id="[^"]+">Maßnahme M-09 „Erstberatung zur Anerkennung ausländischer Berufsabschlüsse im Rathaus“ – entfernt<\/h4><p class="muted">bisher content\/konzept\/hf-arbeit.yaml:\d+<\/p><p><del /);
    expect(r.json.entities.map((e: any) => [e.status, e.id])).toEqual([['removed', 'M-09'], ['added', 'M-40']]);
  });

  test('a renamed ID with unchanged content is renamed, not removed + added; its warning follows', async () => {
    const r = await diff(rev.addRemove, rev.rename);
    expect(r.report.entities).toHaveLength(1);
    const m = entity(r, 'M-08a');
    expect(m).toMatchObject({ status: 'renamed', oldId: 'M-08', changes: [], similarity: 1 });
    expect(r.report.derived.newDiagnostics).toEqual([]);
    expect(r.report.derived.resolvedDiagnostics).toEqual([]);
    expect(r.report.derived.costs).toEqual([]);

    expect(r.text).toContain(`\nMaßnahme M-08a „Ausbildungspatenschaften für junge Geflüchtete“ – umbenannt (bisher M-08), Inhalt unverändert\n\n  content/konzept/hf-arbeit.yaml:${at.m08}\n`);
    // Nothing reported as removed or added: the summary counts one renamed measure, no heading says „entfernt“ or „neu“.
    expect(part(r.text, 'Zusammenfassung')).toMatch(row('Maßnahmen', '–', '–', '–', '1'));
    expect(r.text).not.toMatch(/– (entfernt|neu)\n/);
    expect(r.markdown).toContain('#### Maßnahme M-08a „Ausbildungspatenschaften für junge Geflüchtete“ – umbenannt (bisher M-08), Inhalt unverändert\n');
    expect(r.html).toContain('">Maßnahme M-08a „Ausbildungspatenschaften für junge Geflüchtete“ – umbenannt (bisher M-08), Inhalt unverändert</h4>');
    expect(r.json.summary.entities).toEqual({ massnahmen: { added: 0, changed: 0, removed: 0, renamed: 1 } });
  });

  test('an edited paragraph: word-level changes, umlauts and „quotes“ intact', async () => {
    const r = await diff(rev.rename, rev.paragraph);
    expect(r.report.kapitel).toHaveLength(1);
    const k = r.report.kapitel[0];
    expect(k).toMatchObject({ kind: 'kapitel', key: 'einleitung', title: 'Einleitung', status: 'changed' });
    expect(k.body).toHaveLength(1);
    const p = k.body[0] as ParagraphChange;
    expect(p).toMatchObject({ op: 'changed', line: at.aufgrund, oldLine: at.aufgrund, section: 'Anlass und Auftrag' });
    const changed = p.segments!.filter((s) => s.op !== 'equal').map((s) => `${s.op === 'delete' ? '-' : '+'}${s.text}`);
    expect(changed).toEqual(['-erhaltener Fördermittel', '+bewilligter Fördergelder', '+Bergkamen ', '-Jahr', '+Frühjahr']);
    expect(p.segments!.map((s) => s.text).join('')).toContain('aus den „Zuweisungen für Integrationsmaßnahmen nach § 14a Teilhabe- und Integrationsgesetz NRW“ der');

    const kapitel = part(r.text, 'Kapitel „Einleitung“ – geändert\n');
    expect(kapitel).toContain(`\n  content/konzept/kapitel/einleitung.md\n`);
    const body = part(r.text, 'Text\n');
    expect(r.text.indexOf(body)).toBeGreaterThan(r.text.indexOf(kapitel));
    expect(body).toContain(`\n  Absatz geändert (Zeile ${at.aufgrund}, Abschnitt „Anlass und Auftrag“)\n    Bisherige Fassung: Aufgrund [-erhaltener Fördermittel-] aus den „Zuweisungen für Integrationsmaßnahmen nach § 14a Teilhabe- und Integrationsgesetz NRW“`);
    expect(body).toContain('\n    Neue Fassung: Aufgrund {+bewilligter Fördergelder+} aus den „Zuweisungen für Integrationsmaßnahmen nach § 14a Teilhabe- und Integrationsgesetz NRW“');
    expect(body).toContain('konnte die Stadt im [-Jahr-] 2019');
    expect(body).toContain('konnte die Stadt {+Bergkamen +}im {+Frühjahr+} 2019');
    expect(r.markdown).toContain(`| **Absatz geändert (Zeile ${at.aufgrund}, Abschnitt „Anlass und Auftrag“)** |\n| Aufgrund <del>erhaltener Fördermittel</del> aus den „Zuweisungen für Integrationsmaßnahmen nach § 14a Teilhabe- und Integrationsgesetz NRW“`);
    expect(r.markdown).toContain(' | Aufgrund <ins>bewilligter Fördergelder</ins> aus den „Zuweisungen für Integrationsmaßnahmen nach § 14a Teilhabe- und Integrationsgesetz NRW“');
    expect(r.html).toContain(`<td>Aufgrund ${del('erhaltener Fördermittel')} aus den „Zuweisungen für Integrationsmaßnahmen nach § 14a Teilhabe- und Integrationsgesetz NRW“`);
    expect(r.html).toContain(`<td>Aufgrund ${ins('bewilligter Fördergelder')} aus den „Zuweisungen für Integrationsmaßnahmen nach § 14a Teilhabe- und Integrationsgesetz NRW“`);
    expect(r.html).toContain(`im ${del('Jahr')} 2019`);
    expect(r.html).toContain(`Stadt ${ins('Bergkamen ')}im ${ins('Frühjahr')} 2019`);
    expect(r.json.kapitel[0].body[0].segments[1]).toEqual({ op: 'delete', text: 'erhaltener Fördermittel' });
  });

  test('a moved paragraph is reported as moved, from one section to the other', async () => {
    const r = await diff(rev.paragraph, rev.move);
    const k = r.report.kapitel[0];
    expect(k.body).toHaveLength(1);
    expect(k.body[0]).toMatchObject({ op: 'moved', section: 'Aufbau des Konzepts', oldSection: 'Integrationsverständnis', oldLine: at.ansatz, segments: null });
    expect(k.body[0].text.startsWith('Der potenzialorientierte Ansatz war dem Rat besonders wichtig')).toBe(true);

    expect(r.text).toMatch(/\n {2}Absatz verschoben: von Zeile \d+, Abschnitt „Integrationsverständnis“ nach Zeile \d+, Abschnitt „Aufbau des Konzepts“\n {4}Bisherige Fassung: Der potenzialorientierte Ansatz.*\n {4}Neue Fassung: Der potenzialorientierte Ansatz/);
    expect(r.markdown).toMatch(/\| \*\*Absatz verschoben: von Zeile \d+, Abschnitt „Integrationsverständnis“ nach Zeile \d+, Abschnitt „Aufbau des Konzepts“\*\* \|\n\| Der potenzialorientierte Ansatz/);
    expect(r.html).toMatch(/<td colspan="2"><strong>Absatz verschoben: von Zeile \d+, Abschnitt „Integrationsverständnis“ nach Zeile \d+, Abschnitt „Aufbau des Konzepts“<\/strong><\/td><\/tr><tr><td>Der potenzialorientierte Ansatz/);
    expect(r.text).not.toMatch(/Absatz (neu|entfernt)/);
    expect(r.json.kapitel[0].body[0].op).toBe('moved');
  });

  test('a new Beratungsfolge row in a Vorlage', async () => {
    const r = await diff(rev.move, rev.beratung);
    expect(r.report.vorlagen).toHaveLength(1);
    const v = r.report.vorlagen[0];
    expect(v).toMatchObject({ kind: 'vorlage', key: '11/1702', status: 'changed', body: [] });
    const b = field(v, 'beratungsfolge');
    expect(b).toMatchObject({
      type: 'rows',
      rows: [{ op: 'added', index: 2, oldIndex: null, label: 'Haupt- und Finanzausschuss', new: { gremium: 'Haupt- und Finanzausschuss', sitzung: '2019-12-05', zustaendigkeit: 'Vorberatung', oeffentlich: true } }],
    });
    const line = 'beratungsfolge Nr. 3 (Haupt- und Finanzausschuss)';
    const vorlage = part(r.text, 'Vorlage 11/1702 „Integrationskonzept der Stadt Bergkamen – Ergebnis des Kommunalen Integrationsmanagements 2019“ – geändert\n');
    expect(vorlage).toContain('\n  content/vorlagen/11-1702.md\n');
    // The row is too wide for a terminal: its cells stand below it by column name.
    expect(vorlage).toContain(`\n  ${line}\n    bisher: –\n    neu: {+gremium: Haupt- und Finanzausschuss, sitzung: 05.12.2019, zustaendigkeit: Vorberatung, oeffentlich: ja+}\n`);
    expect(r.markdown).toContain(`| ${line} | – | <ins>gremium: Haupt- und Finanzausschuss, sitzung: 05.12.2019, zustaendigkeit: Vorberatung, oeffentlich: ja</ins> |  |`);
    expect(r.html).toContain(`<th scope="row">${line}</th><td>–</td><td>${ins('gremium: Haupt- und Finanzausschuss, sitzung: 05.12.2019, zustaendigkeit: Vorberatung, oeffentlich: ja')}</td>`);
    expect(r.json.vorlagen[0].fields[0].rows[0].op).toBe('added');
  });

  test('a changed cost: the entry, the measure’s sum and the Handlungsfeld’s total with the difference', async () => {
    const r = await diff(rev.beratung, rev.kosten);
    const m = entity(r, 'M-08a');
    const k = field(m, 'kosten');
    expect(k).toMatchObject({ type: 'rows', sum: { old: 13500, new: 15000, delta: 1500 } });
    expect(k.type === 'rows' && k.rows).toEqual([
      {
        op: 'changed', index: 0, oldIndex: 0, label: '2019, Fördermittel § 14a TIntG NRW',
        old: { betrag: 7500, finanzierung: 'Fördermittel § 14a TIntG NRW', jahr: 2019 },
        new: { betrag: 9000, finanzierung: 'Fördermittel § 14a TIntG NRW', jahr: 2019 },
        changes: [{ type: 'value', path: ['kosten', 0, 'betrag'], field: 'betrag', old: 7500, new: 9000 }],
      },
    ]);
    expect(r.report.derived.costs).toEqual([{ handlungsfeld: 'HF-ARB', title: 'Ausbildung und Arbeit', old: 27550.5, new: 29050.5, delta: 1500 }]);
    expect(r.report.derived.total?.delta).toBe(1500);

    const m08a = part(r.text, 'Maßnahme M-08a');
    expect(m08a).toMatch(row('kosten (Summe)', '[-13.500,00 €-]', '{+15.000,00 €+}', '+1.500,00 €'));
    expect(m08a).toMatch(row('kosten Posten 1 (2019, Fördermittel § 14a TIntG NRW) › betrag', '[-7.500,00 €-]', '{+9.000,00 €+}'));
    expect(m08a.indexOf('kosten (Summe)')).toBeLessThan(m08a.indexOf('kosten Posten 1'));
    expect(r.text).toContain('\n  Kosten im Handlungsfeld: [-27.550,50 €-] → {+29.050,50 €+} (+1.500,00 €)\n');
    expect(part(r.text, 'Kosten je Handlungsfeld')).toMatch(row('Ausbildung und Arbeit (HF-ARB)', '[-27.550,50 €-]', '{+29.050,50 €+}', '+1.500,00 €'));
    expect(r.markdown).toContain('| kosten (Summe) | <del>13.500,00 €</del> | <ins>15.000,00 €</ins> | +1.500,00 € |');
    expect(r.markdown).toContain('| Ausbildung und Arbeit (HF-ARB) | <del>27.550,50 €</del> | <ins>29.050,50 €</ins> | +1.500,00 € |');
    expect(r.html).toContain(`<th scope="row">kosten (Summe)</th><td>${del('13.500,00 €')}</td><td>${ins('15.000,00 €')}</td><td>+1.500,00 €</td>`);
    expect(r.html).toContain(`<tr><th scope="row">Ausbildung und Arbeit (HF-ARB)</th><td>${del('27.550,50 €')}</td><td>${ins('29.050,50 €')}</td><td>+1.500,00 €</td></tr>`);
    expect(r.json.derived.costs[0].delta).toBe(1500);
  });

  test('a renamed goal: renamed once, the references to it follow the rename', async () => {
    const r = await diff(rev.kosten, rev.goal);
    expect(r.report.entities.map((e) => `${e.status} ${e.oldId ?? ''}→${e.id}`)).toEqual(['renamed Z-ARB-1.2→Z-ARB-AUSB', 'changed →M-07', 'changed →M-08a']);
    const m = entity(r, 'M-08a');
    expect(m.changes).toEqual([
      {
        type: 'items', path: ['ziele'], field: 'ziele', collection: 'ziele', added: [], removed: [], reordered: false,
        renamed: [{ from: { id: 'Z-ARB-1.2', label: 'Mehr junge Zugewanderte beginnen eine duale Ausbildung in Bergkamen und Umgebung.' }, to: { id: 'Z-ARB-AUSB', label: 'Mehr junge Zugewanderte beginnen eine duale Ausbildung in Bergkamen und Umgebung.' } }],
        old: ['Z-ARB-1.2'], new: ['Z-ARB-AUSB'],
      },
    ]);
    expect(r.report.derived.newDiagnostics).toEqual([]);
    const goal = 'Mehr junge Zugewanderte beginnen eine duale Ausbildung in Bergkamen und Umgebung.';
    expect(r.text).toContain(`\nZiel Z-ARB-AUSB „${goal}“ – umbenannt (bisher Z-ARB-1.2), Inhalt unverändert\n`);
    for (const id of ['M-07', 'M-08a']) expect(part(r.text, `Maßnahme ${id}`)).toMatch(row('ziele', 'Z-ARB-1.2 → Z-ARB-AUSB', 'folgt der Umbenennung'));
    expect(r.markdown).toContain('| ziele |  | Z-ARB-1.2 → Z-ARB-AUSB | folgt der Umbenennung |');
    expect(r.html).toContain(`">Ziel Z-ARB-AUSB „${goal}“ – umbenannt (bisher Z-ARB-1.2), Inhalt unverändert</h4>`);
    expect(r.html).toContain('<th scope="row">ziele</th><td></td><td>Z-ARB-1.2 → Z-ARB-AUSB</td><td>folgt der Umbenennung</td>');
  });
});

describe('working tree against HEAD', () => {
  test('uncommitted edits, a nested field and an untracked new Vorlage are compared', async () => {
    const r = await diff('HEAD');
    expect(r.report.new).toMatchObject({ rev: null, hash: null, label: 'Arbeitsverzeichnis' });
    expect(r.report.old.label).toBe(`HEAD (${rev.goal})`);
    const i = entity(r, 'I-05');
    expect(i.changes).toEqual([{ type: 'value', path: ['basis', 'wert'], field: 'basis.wert', old: 19.6, new: 19.4 }]);
    expect(r.report.konzept).toEqual([{ type: 'value', path: ['stand'], field: 'stand', old: '2019-10-31', new: '2019-11-15' }]);
    expect(r.report.vorlagen.map((v) => `${v.status} ${v.key}`)).toEqual(['added 11/1999']);
    // A replaced Anlage (a file ratsdoc does not read) is named too.
    expect(r.report.files).toEqual([{ file: 'content/anlagen/zuwendungsbescheid.pdf', status: 'changed' }]);
    expect(part(r.text, 'Weitere Dateien (Anlagen, Bilder)')).toContain('\n  - content/anlagen/zuwendungsbescheid.pdf – ersetzt\n');
    expect(part(r.text, 'Zusammenfassung')).toMatch(row('Weitere Dateien', '–', '–', '1', '–'));
    expect(r.markdown).toContain('\n- content/anlagen/zuwendungsbescheid.pdf – ersetzt\n');
    expect(r.html).toContain('<li>content/anlagen/zuwendungsbescheid.pdf – ersetzt</li>');

    expect(r.text.startsWith('Änderungsbericht: HEAD (')).toBe(true);
    expect(r.text).toContain('→ Arbeitsverzeichnis\n');
    expect(part(r.text, 'Konzept (konzept.yaml)')).toMatch(row('stand', '[-31.10.2019-]', '{+15.11.2019+}'));
    const i05 = part(r.text, 'Indikator I-05 „Arbeitslosenquote der Ausländerinnen und Ausländer“ – geändert\n');
    expect(i05).toContain(`\n  content/konzept/indikatoren.yaml:${at.i05}\n`);
    expect(i05).toMatch(row('basis.wert', '[-19,6-]', '{+19,4+}'));
    expect(r.text).toContain('\nVorlage 11/1999 „Sachstand Integrationskonzept“ – neu\n');
    expect(part(r.text, 'Vorlage 11/1999')).toContain('\n  content/vorlagen/11-1999.md\n\n  Art: Mitteilungsvorlage · 1 Absatz\n');
    expect(r.markdown).toContain('| basis.wert | <del>19,6</del> | <ins>19,4</ins> |  |');
    expect(r.markdown).toContain('### Vorlage 11/1999 „Sachstand Integrationskonzept“ – neu\n');
    expect(r.html).toContain(`<th scope="row">basis.wert</th><td>${del('19,6')}</td><td>${ins('19,4')}</td>`);
    expect(r.html).toContain(`<th scope="row">stand</th><td>${del('31.10.2019')}</td><td>${ins('15.11.2019')}</td>`);
    expect(r.json.new.label).toBe('Arbeitsverzeichnis');
    expect(r.json.entities[0].changes[0].field).toBe('basis.wert');
  });

  test('several commits at once: everything since the example, in one report', async () => {
    const r = await diff(rev.base, 'HEAD');
    expect(r.report.summary.entities.massnahmen).toEqual({ added: 1, removed: 1, changed: 1, renamed: 1 });
    expect(r.report.summary.entities.ziele).toEqual({ added: 0, removed: 0, changed: 0, renamed: 1 });
    expect(r.report.kapitel[0].body.map((p) => p.op).sort()).toEqual(['changed', 'moved']);
    expect(r.report.vorlagen.map((v) => v.key)).toEqual(['11/1702']);
    const m = entity(r, 'M-08a');
    expect(m.status).toBe('renamed');
    expect(m.changes.map((c) => c.field)).toEqual(['ziele', 'kosten']);
  });

  test('identical revisions: no differences', async () => {
    const r = await diff('HEAD', 'HEAD');
    expect(r.report.identical).toBe(true);
    expect(r.text).toContain('\n  Keine Unterschiede.\n');
    expect(r.markdown).toContain('\nKeine Unterschiede.\n');
    expect(r.html).toContain('<p>Keine Unterschiede.</p>');
    expect(r.text).not.toContain('Integrationskonzept\n===');
    expect(r.json.identical).toBe(true);
  });

  test('identical input gives identical output in every format', async () => {
    const a = await diff(rev.base);
    const b = await diff(rev.base);
    expect(b.text).toBe(a.text);
    expect(b.markdown).toBe(a.markdown);
    expect(b.html).toBe(a.html);
    expect(formatDiffJson(b.report)).toBe(formatDiffJson(a.report));
  });
});

describe('chapters, Gliederung and Vorlage numbers', () => {
  test('a renamed chapter file, a new chapter, a reordered Gliederung, a new Vorlage number', () => inFreshRepo(async (r2) => {
    const k = 'content/konzept/konzept.yaml';
    await r2.replace(k, '    - kapitel: einleitung\n    - kapitel: ausgangslage\n', '    - kapitel: ausgangslage\n    - kapitel: einleitung\n');
    await r2.replace(k, 'kapitel: umsetzung\n', 'kapitel: umsetzung-steuerung\n');
    r2.git('mv', 'content/konzept/kapitel/umsetzung.md', 'content/konzept/kapitel/umsetzung-steuerung.md');
    await r2.write('content/konzept/kapitel/glossar.md', '---\ntitel: Glossar\n---\nBegriffe und Abkürzungen.\n\n# KIM\n\nKommunales Integrationsmanagement.\n');
    const v = await r2.read('content/vorlagen/11-1850.md');
    await r2.write('content/vorlagen/11-1850.md', v.replace(/^nummer: .*$/m, 'nummer: "11/1850-1"'));
    r2.commit('Gliederung, Kapitel, Nummer');
    const r = await diff('HEAD~1', 'HEAD');

    const g = r.report.konzept.find((c) => c.field === 'gliederung')!;
    expect(g).toMatchObject({ type: 'items', reordered: true, removed: [{ id: 'Kapitel umsetzung' }], added: [{ id: 'Kapitel umsetzung-steuerung' }] });
    expect(r.report.kapitel.map((d) => `${d.status} ${d.oldKey ?? ''}→${d.key}`)).toEqual(['renamed umsetzung→umsetzung-steuerung', 'added →glossar']);
    expect(r.report.kapitel[0].body).toEqual([]);
    expect(r.report.vorlagen.map((d) => `${d.status} ${d.oldKey}→${d.key}`)).toEqual(['renamed 11/1850→11/1850-1']);
    expect(r.report.derived.newDiagnostics.map((d) => d.code)).toEqual(['kapitel-unused']);

    const konzept = part(r.text, 'Konzept (konzept.yaml)');
    expect(konzept).toContain('\n  gliederung\n    bisher: [-Kapitel einleitung, Kapitel ausgangslage, sozialraeume');
    expect(konzept).toContain('\n    neu: {+Kapitel ausgangslage, Kapitel einleitung, sozialraeume');
    expect(konzept).toContain('\n    Hinweis: Reihenfolge geändert; entfernt Kapitel umsetzung; neu Kapitel umsetzung-steuerung\n');
    expect(r.text).toContain('\nKapitel „Umsetzung, Steuerung und Fortschreibung“ – umbenannt, bisher umsetzung.md\n');
    expect(part(r.text, 'Kapitel „Umsetzung')).toContain('\n  content/konzept/kapitel/umsetzung-steuerung.md\n');
    expect(r.text).toContain('\nKapitel „Glossar“ – neu\n');
    expect(part(r.text, 'Kapitel „Glossar“')).toContain('\n  content/konzept/kapitel/glossar.md\n\n  3 Absätze\n');
    expect(r.text).toMatch(/\nVorlage 11\/1850-1 „[^“]+“ – Nummer geändert, bisher 11\/1850\n-+\n\n {2}content\/vorlagen\/11-1850.md\n/);
    expect(r.markdown).toContain('### Kapitel „Glossar“ – neu\n');
    expect(r.html).toMatch(/<h3 id="[^"]+">Vorlage 11\/1850-1 „[^“]+“ – Nummer geändert, bisher 11\/1850<\/h3>/);
    expect(r.json.kapitel[1]).toMatchObject({ status: 'added', key: 'glossar', paragraphs: 3 });
  }));
});

describe('the reports as documents', () => {
  test('the HTML report is self-contained and accessible: lang, headings in order, th scope, no external requests', async () => {
    const { html } = await diff(rev.base);
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="de-DE">')).toBe(true);
    expect(html).not.toMatch(/<script|<link|src=|url\(|https?:\/\//);
    const levels = [...html.matchAll(/<h([1-6])[ >]/g)].map((m) => Number(m[1]));
    expect(levels[0]).toBe(1);
    for (let i = 1; i < levels.length; i++) expect(levels[i] - levels[i - 1]).toBeLessThanOrEqual(1);
    expect(html.match(/<th(?=[\s>])(?![^>]*scope=)/g)).toBeNull();
    expect(html).toContain('<th scope="col">');
    // Deletions and insertions are announced to screen readers by hidden words, marked for the eye by the stylesheet.
    expect(html).toContain('<span class="visually-hidden">[gestrichen: </span>');
    expect(html).toContain('<span class="visually-hidden">[eingefügt: </span>');
    expect(html).toMatch(/del\.change \{[^}]*line-through/);
    expect(html).toMatch(/ins\.change \{[^}]*underline/);
  });

  test('JSON keys are sorted at every level', async () => {
    const { report } = await diff(rev.base);
    const text = formatDiffJson(report);
    const check = (v: unknown) => {
      if (Array.isArray(v)) v.forEach(check);
      else if (v && typeof v === 'object') {
        const keys = Object.keys(v);
        expect(keys).toEqual([...keys].sort());
        Object.values(v).forEach(check);
      }
    };
    check(JSON.parse(text));
    expect(JSON.parse(text).format).toBe('ratsdoc-diff/1');
  });

  test('text is coloured only when asked; the markers stay either way', async () => {
    const { report } = await diff(rev.rename, rev.paragraph);
    const plain = (await formats(report)).text;
    const coloured = (await formats(report, { color: true })).text;
    expect(plain).not.toContain('\x1b[');
    expect(coloured).toContain('\x1b[31m[-erhaltener Fördermittel-]\x1b[0m');
    expect(coloured.replace(/\x1b\[\d+m/g, '')).toBe(plain);
  });
});

describe('content that does not validate', () => {
  test('Anlagen are checked against the revision’s own files, not the working tree', () => inFreshRepo(async (r2) => {
    await r2.replace('content/vorlagen/11-1702.md', '    datei: anlagen/zuwendungsbescheid.pdf\n', '    datei: anlagen/zuwendungsbescheid.pdf\n  - titel: Stellungnahme des Integrationsrates\n    datei: anlagen/stellungnahme.pdf\n');
    r2.commit('Anlage genannt, Datei fehlt noch');
    await r2.write('content/anlagen/stellungnahme.pdf', '%PDF-1.4\n');
    r2.commit('Datei nachgereicht');
    const before = await diff('HEAD~2', 'HEAD~1');
    expect(before.report.new.errors.map((d) => d.message)).toEqual(['Anlage „anlagen/stellungnahme.pdf“ gibt es nicht']);
    expect(before.report.derived.newDiagnostics.map((d) => d.code)).toEqual(['file-invalid']);
    expect(field(before.report.vorlagen[0], 'anlagen')).toMatchObject({ type: 'rows', rows: [{ op: 'added', label: 'Stellungnahme des Integrationsrates' }] });
    const after = await diff('HEAD~1', 'HEAD');
    expect(after.report.new.errors).toEqual([]);
    expect(after.report.derived.resolvedDiagnostics.map((d) => d.message)).toEqual(['Anlage „anlagen/stellungnahme.pdf“ gibt es nicht']);
    expect(after.report.files).toEqual([{ file: 'content/anlagen/stellungnahme.pdf', status: 'added' }]);
    expect(after.text).toContain('Behobene Fehler und Warnungen\n');
  }));

  test('a revision’s Anlagen and Wappen are judged by their bytes in that revision', () => inFreshRepo(async (r2) => {
    const wappen = (await r2.read('content/ratsdoc.yaml')).match(/wappen: (\S+)/)![1];
    const png = await fs.readFile(r2.abs(`content/${wappen}`));
    await r2.replace('content/vorlagen/11-1702.md', '    datei: anlagen/zuwendungsbescheid.pdf\n', '    datei: anlagen/zuwendungsbescheid.pdf\n  - titel: Stellungnahme des Integrationsrates\n    datei: anlagen/stellungnahme.pdf\n');
    await r2.write('content/anlagen/stellungnahme.pdf', 'Stellungnahme folgt\n');
    await r2.write(`content/${wappen}`, 'kein Bild\n');
    r2.commit('Anlage und Wappen als Platzhalter');
    await r2.write('content/anlagen/stellungnahme.pdf', '%PDF-1.4\n');
    await fs.writeFile(r2.abs(`content/${wappen}`), png);
    r2.commit('Dateien nachgereicht');
    // The working tree holds the good files: the revision before must still show its own.
    const broken = await diff('HEAD~2', 'HEAD~1');
    expect(broken.report.new.errors.map((d) => d.message)).toEqual([
      `Wappen „${wappen}“ ist kein PNG- oder JPEG-Bild`,
      'Anlage „anlagen/stellungnahme.pdf“ ist keine PDF-Datei, obwohl sie auf .pdf endet',
    ]);
    expect((await diff('HEAD~1', 'HEAD')).report.derived.resolvedDiagnostics).toHaveLength(2);
  }));

  test('a `.nan` value unchanged between two commits is no change', () => inFreshRepo(async (r2) => {
    const I = 'content/konzept/indikatoren.yaml';
    await r2.replace(I, 'basis: { wert: 19.6, stichtag: 2018-12-31 }', 'basis: { wert: .nan, stichtag: 2018-12-31 }');
    await r2.replace(I, '      - { stichtag: 2016-12-31, wert: 22.3 }', '      - { stichtag: 2016-12-31, wert: .NaN }');
    r2.commit('I-05 ohne Basiswert');
    await r2.replace(I, 'zielwert: { wert: 16.0, stichtag: 2021-12-31 }', 'zielwert: { wert: 15.0, stichtag: 2021-12-31 }');
    r2.commit('I-05 neuer Zielwert');
    const r = await diff('HEAD~1', 'HEAD');
    expect(entity(r, 'I-05').changes).toEqual([{ type: 'value', path: ['zielwert', 'wert'], field: 'zielwert.wert', old: 16, new: 15 }]);
  }));

  test('a revision with errors is compared where possible and its errors are listed', () => inFreshRepo(async (r2) => {
    await r2.replace('content/konzept/hf-arbeit.yaml', '    status: abgeschlossen\n    prioritaet: hoch\n    kosten: { betrag: 2500', '    status: erledigt\n    prioritaet: hoch\n    kosten: { betrag: 2500');
    await r2.write('content/konzept/hf-bildung.yaml', 'handlungsfelder:\n  - id: HF-BIL\n   titel: kaputt\n');
    r2.commit('kaputt');
    const r = await diff('HEAD~1', 'HEAD');
    // The schema error and the syntax error; references to Handlungsfeld HF-BIL, whose file does
    // not parse, are no follow-on errors (issue 20, point 4): one warning says they went unchecked.
    expect(new Set(r.report.new.errors.map((d) => d.code))).toEqual(new Set(['schema', 'yaml-syntax']));
    expect(r.report.derived.newDiagnostics.map((d) => d.code)).toContain('references-not-checked');
    const m = entity(r, 'M-07');
    expect(m).toMatchObject({ status: 'changed', invalidNew: true, invalidOld: false });
    expect(m.changes).toEqual([{ type: 'value', path: ['status'], field: 'status', old: 'abgeschlossen', new: 'erledigt' }]);
    // The entities of the unreadable file are not reported as removed.
    expect(r.report.entities.filter((e) => e.status === 'removed')).toEqual([]);
    expect(r.report.notCompared.length).toBeGreaterThan(5);
    expect(r.report.notCompared[0].reason).toBe(`content/konzept/hf-bildung.yaml ist in HEAD (${r2.git('rev-parse', '--short', 'HEAD').trim()}) nicht lesbar`);
    // Costs count as written (M-07 keeps its 2.500 €); the unreadable Handlungsfeld is not summed but named.
    expect(r.report.derived.costs).toEqual([]);
    expect(r.report.derived.notes).toEqual(['Kosten im Handlungsfeld „HF-BIL“ nicht verglichen: seine Daten sind in einem der Stände nicht lesbar']);
    expect(r.report.derived.status).toEqual([{ id: 'M-07', oldId: null, title: 'Job-Speeddating mit Bergkamener Betrieben', old: 'abgeschlossen', new: 'erledigt' }]);
    expect(part(r.text, 'Maßnahme M-07')).toContain('\n  Ungültig in HEAD (');
    expect(r.text).toMatch(/\nPrüfung\n=+\n\n {2}HEAD~1 \(\w+\): 0 Fehler, 3 Warnungen\n\n {2}HEAD \(\w+\): \d+ Fehler, \d+ Warnungen\n\n {2}Fehler: Maßnahme „M-07“: .*\(content\/konzept\/hf-arbeit.yaml:\d+:\d+\)\n/);
    expect(r.markdown).toContain('\n## Nicht verglichen\n');
    expect(r.html).toContain('<h2 id="nicht-verglichen">Nicht verglichen</h2>');
  }));
});
