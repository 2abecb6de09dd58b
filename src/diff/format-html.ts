/**
 * `--format html`: a self-contained redline report (one file, inline CSS, no scripts, no
 * external requests), grouped by document and Handlungsfeld. Deletions `<del>`, insertions
 * `<ins>`, announced to screen readers by hidden text; headings in order, tables with
 * `th scope`, `lang="de"`.
 */
import { display } from '../document/labels.js';
import { escapeMarkup } from '../format/escape.js';
import {
  COLLECTION_TITLE, documentFacts, documentStatus, FILE_STATUS, documentTitle, entityFacts, entityStatus, entityTitle, fieldLines, formatJson, groupKonzept,
  money, paragraphHeading, revisionLine, signedMoney, summaryLines, VORLAGE_FIELD_LABEL, type FieldLine,
} from './present.js';
import type { DiagnosticJson, DiffReport, DocumentDiff, EntityDiff, FieldChange, ParagraphChange, Segment } from './report.js';

/** Text for HTML content and attribute values: the one escape of ratsdoc. */
const esc = escapeMarkup;

const del = (s: string) => (s ? `<del>${esc(s)}</del>` : '');
const ins = (s: string) => (s ? `<ins>${esc(s)}</ins>` : '');

function redline(segments: Segment[]): string {
  return segments.map((s) => (s.op === 'equal' ? esc(s.text) : s.op === 'delete' ? del(s.text) : ins(s.text))).join('');
}

const STATUS_CLASS: Record<string, string> = { added: 'added', removed: 'removed', changed: 'changed', renamed: 'renamed', moved: 'moved' };

const CSS = `
:root { --text: #1b1b1b; --muted: #555; --line: #c9c9c9; --del: #8a1111; --del-bg: #fde4e4; --ins: #0b5a1f; --ins-bg: #dff3e4; --accent: #003f7d; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; color: var(--text); background: #fff; line-height: 1.5; margin: 0; }
.page { max-width: 62rem; margin: 0 auto; padding: 1.5rem 2rem 3rem; }
h1 { font-size: 1.7rem; margin: 0 0 .5rem; color: var(--accent); }
h2 { font-size: 1.35rem; margin: 2.2rem 0 .8rem; padding-bottom: .25rem; border-bottom: 2px solid var(--accent); color: var(--accent); }
h3 { font-size: 1.15rem; margin: 1.8rem 0 .5rem; }
h4 { font-size: 1rem; margin: 1.3rem 0 .4rem; }
h5 { font-size: .95rem; margin: 1rem 0 .3rem; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .5rem 0 1rem; }
dl.meta dt { font-weight: bold; }
dl.meta dd { margin: 0; }
.file { color: var(--muted); font-size: .85rem; margin: 0 0 .4rem; font-family: "DejaVu Sans Mono", Consolas, monospace; }
.badge { display: inline-block; font-size: .75rem; font-weight: bold; padding: .05rem .45rem; border-radius: .6rem; border: 1px solid currentColor; vertical-align: .12rem; margin-left: .3rem; }
.badge.added { color: var(--ins); background: var(--ins-bg); }
.badge.removed { color: var(--del); background: var(--del-bg); }
.badge.changed, .badge.moved { color: #6b4800; background: #fff1cc; }
.badge.renamed { color: #3d2a83; background: #ebe6fb; }
del { color: var(--del); background: var(--del-bg); text-decoration: line-through; text-decoration-thickness: 1px; }
ins { color: var(--ins); background: var(--ins-bg); text-decoration: underline; text-decoration-thickness: 1px; }
del::before, del::after, ins::before, ins::after { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(100%); white-space: nowrap; }
del::before { content: " [Streichung: "; } del::after { content: " – Ende der Streichung] "; }
ins::before { content: " [Einfügung: "; } ins::after { content: " – Ende der Einfügung] "; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 .8rem; font-size: .92rem; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
thead th { background: #eef2f7; }
tbody th { font-weight: normal; }
.fields tbody th { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: .85rem; white-space: nowrap; }
td.num, th.num { text-align: right; white-space: nowrap; }
.note { color: var(--muted); font-size: .85rem; }
.para { border-left: 4px solid var(--line); padding: .1rem 0 .1rem .8rem; margin: .6rem 0; }
.para.added { border-color: var(--ins); } .para.removed { border-color: var(--del); } .para.changed { border-color: #c08a00; } .para.moved { border-color: #5b4bb7; }
.para .where { font-size: .85rem; color: var(--muted); margin: 0; }
.para .text { margin: .2rem 0 0; }
.entity { margin: 0 0 1rem; }
.facts { margin: .2rem 0 .5rem; }
.warn { color: #6b4800; }
nav ol { margin: .3rem 0 0; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(100%); white-space: nowrap; }
.legend { font-size: .9rem; }
@media print { .page { max-width: none; padding: 0; } nav { display: none; } h2, h3, h4 { break-after: avoid; } }
`;

export function formatDiffHtml(report: DiffReport): string {
  const out: string[] = [];
  const push = (s: string) => out.push(s);
  const ids = new Map<string, number>();
  const anchor = (base: string) => {
    const slug = base.toLowerCase().replace(/[äöüß]/g, (c) => ({ ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' })[c]!).replace(/[^a-z0-9_-]+/g, '-').replace(/^-|-$/g, '');
    const n = ids.get(slug) ?? 0;
    ids.set(slug, n + 1);
    return n ? `${slug}-${n + 1}` : slug;
  };
  const toc: Array<{ id: string; title: string }> = [];
  const badge = (status: string, word: string) => `<span class="badge ${STATUS_CLASS[status] ?? 'changed'}">${esc(word)}</span>`;

  const paragraphs = (list: ParagraphChange[]) => {
    for (const p of list) {
      const text = p.segments ? redline(p.segments) : p.op === 'removed' ? del(p.text.replace(/\s+/g, ' ')) : p.op === 'added' ? ins(p.text.replace(/\s+/g, ' ')) : esc(p.text.replace(/\s+/g, ' '));
      push(`<div class="para ${STATUS_CLASS[p.op]}"><p class="where">${esc(paragraphHeading(p))}</p><p class="text">${text}</p></div>`);
    }
  };
  const valueCells = (f: Extract<FieldLine, { kind: 'value' }>) => {
    if (f.segments) return `<td colspan="2">${redline(f.segments)}</td>`;
    return `<td>${del(f.old) || (f.op === 'moved' ? '' : '–')}</td><td>${f.op === 'moved' ? esc(f.new) : ins(f.new) || '–'}</td>`;
  };
  const fields = (changes: FieldChange[], level: number, caption: string, labels: Record<string, string> = {}) => {
    const lines = fieldLines(changes);
    const values = lines.filter((l): l is Extract<FieldLine, { kind: 'value' }> => l.kind === 'value');
    if (values.length) {
      push(`<table class="fields"><caption class="sr-only">${esc(caption)}</caption><thead><tr><th scope="col">Feld</th><th scope="col">bisher</th><th scope="col">neu</th><th scope="col">Hinweis</th></tr></thead><tbody>`);
      for (const v of values) {
        const note = [v.list ? [v.list.removed ? 'Einträge entfernt' : '', v.list.added ? 'Einträge ergänzt' : ''].filter(Boolean).join(', ') : '', v.note ?? ''].filter(Boolean).join('; ');
        push(`<tr><th scope="row">${esc(v.field)}</th>${valueCells(v)}<td class="note">${esc(note)}</td></tr>`);
      }
      push('</tbody></table>');
    }
    for (const t of lines) {
      if (t.kind !== 'text') continue;
      push(`<h${level}>${esc(labels[t.field] ?? t.field)}</h${level}>`);
      paragraphs(t.paragraphs);
    }
  };
  const entity = (e: EntityDiff) => {
    const place = e.place ?? e.oldPlace;
    push(`<article class="entity" id="${anchor(`${e.collection}-${e.id}`)}">`);
    push(`<h4>${esc(entityTitle(e))} ${badge(e.status, entityStatus(e))}</h4>`);
    if (place) push(`<p class="file">${e.status === 'removed' ? 'bisher ' : ''}${esc(`${place.file}:${place.line}`)}</p>`);
    if (e.invalidOld || e.invalidNew) push(`<p class="warn">Ungültig in ${esc([e.invalidOld ? report.old.label : '', e.invalidNew ? report.new.label : ''].filter(Boolean).join(' und '))} (siehe Prüfung); verglichen wie geschrieben.</p>`);
    const facts = e.status === 'added' || e.status === 'removed' ? entityFacts(e) : [];
    if (facts.length) push(`<p class="facts">${facts.map((f) => (e.status === 'added' ? ins(f) : del(f))).join(' · ')}</p>`);
    fields(e.changes, 5, `Geänderte Felder: ${entityTitle(e)}`);
    push('</article>');
  };
  const document = (d: DocumentDiff) => {
    const id = anchor(`${d.kind}-${d.key}`);
    toc.push({ id, title: documentTitle(d) });
    push(`<section aria-labelledby="${id}"><h3 id="${id}">${esc(documentTitle(d))} ${badge(d.status, documentStatus(d))}</h3>`);
    push(`<p class="file">${d.status === 'removed' ? 'bisher ' : ''}${esc(d.file)}</p>`);
    if (d.status === 'added' || d.status === 'removed') {
      push(`<p class="facts">${esc(documentFacts(d).join(' · '))}</p>`);
    }
    fields(d.fields, 4, `Geänderte Angaben: ${documentTitle(d)}`, VORLAGE_FIELD_LABEL);
    if (d.body.length) {
      if (d.kind === 'vorlage') push('<h4>Sachdarstellung</h4>');
      paragraphs(d.body);
    }
    push('</section>');
  };

  const body: string[] = out;
  push('<main class="page">');
  push(`<h1>Änderungsbericht: ${esc(report.old.label)} → ${esc(report.new.label)}</h1>`);
  push('<dl class="meta">');
  push(`<dt>alt</dt><dd>${esc(revisionLine(report.old))}</dd>`);
  push(`<dt>neu</dt><dd>${esc(revisionLine(report.new))}</dd>`);
  push(`<dt>Inhaltsordner</dt><dd>${esc(report.content)}</dd>`);
  push('</dl>');
  const tocAt = out.length;
  push('<section aria-labelledby="zusammenfassung"><h2 id="zusammenfassung">Zusammenfassung</h2>');
  if (report.identical) push('<p>Keine Unterschiede.</p>');
  else push(`<ul>${summaryLines(report).map((s) => `<li>${esc(s)}</li>`).join('')}</ul>`);
  push('<p class="legend">Legende: <del>gestrichener Text</del> · <ins>eingefügter Text</ins></p></section>');

  const groups = groupKonzept(report);
  if (report.settings.length || report.konzept.length || report.kapitel.length || report.entities.length) {
    push('<section aria-labelledby="konzept"><h2 id="konzept">Integrationskonzept</h2>');
    if (report.settings.length) {
      toc.push({ id: 'einstellungen', title: 'Einstellungen (ratsdoc.yaml)' });
      push('<section aria-labelledby="einstellungen"><h3 id="einstellungen">Einstellungen (ratsdoc.yaml)</h3>');
      fields(report.settings, 4, 'Geänderte Einstellungen');
      push('</section>');
    }
    if (report.konzept.length) {
      toc.push({ id: 'konzept-yaml', title: 'Konzept (konzept.yaml)' });
      push('<section aria-labelledby="konzept-yaml"><h3 id="konzept-yaml">Konzept (konzept.yaml)</h3>');
      fields(report.konzept, 4, 'Geänderte Angaben des Konzepts');
      push('</section>');
    }
    for (const d of report.kapitel) document(d);
    for (const g of groups.handlungsfelder) {
      const id = anchor(`hf-${g.id}`);
      const title = `Handlungsfeld ${g.id} „${g.titel}“`;
      toc.push({ id, title });
      push(`<section aria-labelledby="${id}"><h3 id="${id}">${esc(title)}</h3>`);
      if (g.kosten) push(`<p>Kosten im Handlungsfeld: ${del(money(g.kosten.old))} → ${ins(money(g.kosten.new))} (${esc(signedMoney(g.kosten.delta))})</p>`);
      for (const e of g.entities) entity(e);
      push('</section>');
    }
    const others: Array<{ title: string; entities: EntityDiff[] }> = [
      ...(groups.ohneHandlungsfeld.length ? [{ title: 'Ziele und Maßnahmen ohne bekanntes Handlungsfeld', entities: groups.ohneHandlungsfeld }] : []),
      ...groups.weitere.map((g) => ({ title: COLLECTION_TITLE[g.collection], entities: g.entities })),
    ];
    for (const g of others) {
      const id = anchor(g.title);
      toc.push({ id, title: g.title });
      push(`<section aria-labelledby="${id}"><h3 id="${id}">${esc(g.title)}</h3>`);
      for (const e of g.entities) entity(e);
      push('</section>');
    }
    push('</section>');
  }
  if (report.vorlagen.length) {
    push('<section aria-labelledby="vorlagen"><h2 id="vorlagen">Vorlagen</h2>');
    for (const d of report.vorlagen) document(d);
    push('</section>');
  }

  if (report.files.length) {
    toc.push({ id: 'dateien', title: 'Weitere Dateien (Anlagen, Bilder)' });
    push('<section aria-labelledby="dateien"><h2 id="dateien">Weitere Dateien (Anlagen, Bilder)</h2>');
    push(`<ul>${report.files.map((f) => `<li><span class="file">${esc(f.file)}</span> ${badge(f.status, FILE_STATUS[f.status])}</li>`).join('')}</ul></section>`);
  }

  const dv = report.derived;
  if (dv.costs.length || dv.total || dv.status.length || dv.inlineValues.length || dv.newDiagnostics.length || dv.resolvedDiagnostics.length || dv.notes.length) {
    toc.push({ id: 'auswirkungen', title: 'Auswirkungen auf die Dokumente' });
    push('<section aria-labelledby="auswirkungen"><h2 id="auswirkungen">Auswirkungen auf die Dokumente</h2>');
    if (dv.costs.length || dv.total) {
      push('<h3>Kosten je Handlungsfeld</h3>');
      push('<table><caption class="sr-only">Kosten je Handlungsfeld vorher und nachher</caption><thead><tr><th scope="col">Handlungsfeld</th><th scope="col" class="num">bisher</th><th scope="col" class="num">neu</th><th scope="col" class="num">Differenz</th></tr></thead><tbody>');
      for (const k of dv.costs) push(`<tr><th scope="row">${esc(`${k.title} (${k.handlungsfeld})`)}</th><td class="num">${esc(money(k.old))}</td><td class="num">${esc(money(k.new))}</td><td class="num">${esc(signedMoney(k.delta))}</td></tr>`);
      push('</tbody>');
      if (dv.total) push(`<tfoot><tr><th scope="row">Alle Maßnahmen</th><td class="num">${esc(money(dv.total.old))}</td><td class="num">${esc(money(dv.total.new))}</td><td class="num"><strong>${esc(signedMoney(dv.total.delta))}</strong></td></tr></tfoot>`);
      push('</table>');
    }
    for (const h of dv.notes) push(`<p class="warn">Hinweis: ${esc(h)}</p>`);
    if (dv.status.length) {
      push('<h3>Status von Maßnahmen</h3>');
      push('<table><caption class="sr-only">Maßnahmen mit geändertem Status</caption><thead><tr><th scope="col">Maßnahme</th><th scope="col">bisher</th><th scope="col">neu</th></tr></thead><tbody>');
      for (const s of dv.status) push(`<tr><th scope="row">${esc(`${s.id} „${s.title}“`)}</th><td>${del(s.old ? display(s.old) : 'ohne Status')}</td><td>${ins(s.new ? display(s.new) : 'ohne Status')}</td></tr>`);
      push('</tbody></table>');
    }
    if (dv.inlineValues.length) {
      push('<h3>Werte im Text</h3>');
      push('<table><caption class="sr-only">Werte in Sätzen, die sich durch die Änderung der Daten ändern</caption><thead><tr><th scope="col">Dokument und Stelle</th><th scope="col">Baustein</th><th scope="col">bisher</th><th scope="col">neu</th></tr></thead><tbody>');
      for (const w of dv.inlineValues) push(`<tr><th scope="row">${esc(`${w.document}, ${w.location}`)}</th><td><code>${esc(w.call)}</code></td><td>${del(w.old)}</td><td>${ins(w.new)}</td></tr>`);
      push('</tbody></table>');
    }
    if (dv.newDiagnostics.length) {
      push('<h3>Neue Fehler und Warnungen</h3>');
      push(`<ul>${dv.newDiagnostics.map((d) => `<li>${diag(d)}</li>`).join('')}</ul>`);
    }
    if (dv.resolvedDiagnostics.length) {
      push('<h3>Behobene Fehler und Warnungen</h3>');
      push(`<ul>${dv.resolvedDiagnostics.map((d) => `<li>${diag(d)}</li>`).join('')}</ul>`);
    }
    push('</section>');
  }
  if (report.notCompared.length) {
    toc.push({ id: 'nicht-verglichen', title: 'Nicht verglichen' });
    push('<section aria-labelledby="nicht-verglichen"><h2 id="nicht-verglichen">Nicht verglichen</h2>');
    push(`<ul>${report.notCompared.map((n) => `<li>${esc(`${n.what}: ${n.reason}`)}</li>`).join('')}</ul></section>`);
  }
  toc.push({ id: 'pruefung', title: 'Prüfung' });
  push('<section aria-labelledby="pruefung"><h2 id="pruefung">Prüfung</h2>');
  for (const r of [report.old, report.new]) {
    push(`<p>${esc(`${r.label}: ${r.errorCount} Fehler, ${r.warningCount} ${r.warningCount === 1 ? 'Warnung' : 'Warnungen'}`)}</p>`);
    if (r.errors.length) push(`<ul>${r.errors.map((d) => `<li>${diag(d)}</li>`).join('')}</ul>`);
  }
  push('</section>');
  push('<p class="note">Erzeugt mit ratsdoc diff.</p>');
  push('</main>');

  if (toc.length > 2) {
    body.splice(tocAt, 0, `<nav aria-labelledby="inhalt"><h2 id="inhalt">Inhalt</h2><ol>${toc.map((t) => `<li><a href="#${t.id}">${esc(t.title)}</a></li>`).join('')}</ol></nav>`);
  }
  return htmlPage(`Änderungsbericht ${report.old.label} → ${report.new.label}`, body);
}

/** A self-contained page with the report's stylesheet around `body`. */
function htmlPage(title: string, body: string[]): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="de">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function diag(d: DiagnosticJson): string {
  const sev = d.severity === 'error' ? '<strong>Fehler</strong>' : 'Warnung';
  return `${sev}: ${esc(`${d.entity ? `${d.entity}: ` : ''}${d.message}`)} <span class="file">${esc(`${d.file}:${d.line}:${d.column}`)}</span>`;
}
