/**
 * Bad input around reports: measurement tables with positioned German errors (all at once),
 * and the rules on reports, Anlagen and spent amounts. Each case edits a copy of
 * tests/fixtures/bericht and runs the real check.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkContent } from '../../src/model/check.js';
import { formatDiagnosticLine } from '../../src/diagnostics/format.js';

const FIXTURE = path.resolve(__dirname, '../fixtures/bericht');
const temps: string[] = [];
afterAll(() => Promise.all(temps.map((d) => fs.rm(d, { recursive: true, force: true }))));

/** A copy of the fixture with `edits` applied (file → new content, or [from, to] replacements); returns the error lines. */
async function check(edits: Record<string, string | [string, string]>): Promise<string[]> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ratsdoc-bericht-'));
  temps.push(dir);
  await fs.cp(FIXTURE, dir, { recursive: true });
  for (const [rel, edit] of Object.entries(edits)) {
    const file = path.join(dir, rel);
    if (typeof edit === 'string') await fs.writeFile(file, edit);
    else {
      const text = await fs.readFile(file, 'utf8');
      expect(text, `${rel} contains ${edit[0]}`).toContain(edit[0]);
      await fs.writeFile(file, text.replace(edit[0], edit[1]));
    }
  }
  const { diagnostics } = await checkContent(dir);
  return diagnostics.filter((d) => d.severity === 'error').map((d) => formatDiagnosticLine({ ...d, file: path.relative(dir, d.file), message: d.message.replaceAll(`${dir}/`, '') }));
}

describe('measurements from CSV', () => {
  it('the fixture itself is clean', async () => {
    expect(await check({})).toEqual([]);
  });

  it('a bad date, an unknown indicator and a non-number give three positioned errors at once', async () => {
    const errors = await check({
      'indikatoren/messungen.csv': 'id;stichtag;wert;sozialraum\nI-02;2019-13-31;13,2;\nI-99;2019-12-31;13,2;\nI-02;2020-12-31;viel;\n',
    });
    expect(errors).toEqual([
      'indikatoren/messungen.csv:2:6: Fehler: Indikator „I-02“: „2019-13-31“ ist kein gültiges Datum (erwartet JJJJ-MM-TT oder TT.MM.JJJJ, z. B. 2020-06-30)',
      expect.stringMatching(/^indikatoren\/messungen\.csv:3:1: Fehler: Indikator „I-99“ ist nicht definiert/),
      'indikatoren/messungen.csv:4:17: Fehler: Indikator „I-02“: „viel“ ist keine Zahl (z. B. 21,7 oder 21.7, ohne Einheit und Tausenderpunkt)',
    ]);
  });

  it('reports columns, field counts, Sozialräume, duplicates and quoted fields where they stand', async () => {
    const errors = await check({
      'indikatoren/messungen.csv': 'id;stichtag;wert;sozialraum\nI-02;2019-12-31;13,2\nI-02;2018-12-31;13,2;\nI-02;2018-12-31;13,5;\nI-04;2019-06-30;"24,0";SR-WEST\n I-04 ; 2018-06-30 ;"1.000";\n',
      'indikatoren/I-06.csv': 'stichtag,wert,quelle\n2019-09-30,42,BA\n',
    });
    expect(errors).toEqual([
      'indikatoren/I-06.csv:1:15: Fehler: unbekannte Spalte „quelle“; erlaubt sind id, stichtag, wert, sozialraum',
      'indikatoren/messungen.csv:2:1: Fehler: Die Zeile hat 3 Felder, die Kopfzeile 4; fehlt oder überzählt ein Trennzeichen?',
      'indikatoren/messungen.csv:4:6: Fehler: Indikator „I-02“: Für diesen Stichtag gibt es schon einen Wert (indikatoren/messungen.csv:3:6)',
      'indikatoren/messungen.csv:5:24: Fehler: Indikator „I-04“: Sozialraum „SR-WEST“ ist nicht definiert',
      'indikatoren/messungen.csv:6:21: Fehler: Indikator „I-04“: „1.000“ ist mehrdeutig (Tausenderpunkt oder Dezimalpunkt?); bitte ohne Tausenderpunkt (1000) oder mit Dezimalkomma (1,000) schreiben',
    ]);
  });

  it('a value given in YAML and again in the CSV is a duplicate named at both places', async () => {
    const errors = await check({ 'indikatoren/messungen.csv': 'id;stichtag;wert;sozialraum\nI-01;2019-12-31;1,9;\n' });
    expect(errors).toEqual([expect.stringMatching(/^indikatoren\/messungen\.csv:2:6: Fehler: Indikator „I-01“: Für diesen Stichtag gibt es schon einen Wert \(.*konzept\/daten\.yaml:\d+:\d+\)$/)]);
  });

  it('a file without id column must be named after an indicator', async () => {
    const errors = await check({ 'indikatoren/ausbildung.csv': 'stichtag;wert\n2019-09-30;42\n' });
    expect(errors).toEqual([expect.stringMatching(/^indikatoren\/ausbildung\.csv:1:1: Fehler: Spalte „id“ fehlt: ohne sie muss die Datei wie ein Indikator heißen/)]);
  });

  it('an unclosed quote is a syntax error at the quote', async () => {
    expect(await check({ 'indikatoren/I-06.csv': 'stichtag,wert\n2019-09-30,"42\n' })).toEqual(['indikatoren/I-06.csv:2:12: Fehler: CSV-Fehler: Ein Anführungszeichen (") wird nicht geschlossen']);
  });
});

describe('rules on reports', () => {
  it('a missing previous report, an unknown Handlungsfeld and a reversed period', async () => {
    const errors = await check({
      'berichte/2021-1.md': ['vorheriger: 2020-1', 'vorheriger: 2019-1\nhandlungsfelder: [HF-A, HF-C]'],
      'berichte/2020-1.md': ['berichtszeitraum: { von: 2019-07-01, bis: 2020-06-30 }', 'berichtszeitraum: { von: 2020-07-01, bis: 2020-06-30 }'],
    });
    expect(errors).toEqual([
      'berichte/2020-1.md:5:43: Fehler: Bericht „2020-1“: Berichtszeitraum endet (2020-06-30) vor seinem Beginn (2020-07-01)',
      expect.stringMatching(/^berichte\/2021-1\.md:5:13: Fehler: Bericht „2021-1“: Vorheriger Bericht „2019-1“ gibt es nicht \(erwartet: berichte\/2019-1\.md\)/),
      expect.stringMatching(/^berichte\/2021-1\.md:6:25: Fehler: Bericht „2021-1“: Handlungsfeld „HF-C“ ist nicht definiert/),
    ]);
  });

  it('a previous report must have an earlier Stichtag', async () => {
    const errors = await check({ 'berichte/2020-1.md': ['stichtag: 2020-06-30', 'stichtag: 2021-06-30'] });
    expect(errors).toEqual(['berichte/2021-1.md:5:13: Fehler: Bericht „2021-1“: Der vorherige Bericht „2020-1“ hat den Stichtag 2021-06-30, nicht vor 2021-06-30']);
  });

  it('an Anlage naming a report that does not exist', async () => {
    const errors = await check({ 'vorlagen/1-100.md': ['bericht: 2020-1', 'bericht: 2020-2'] });
    expect(errors).toEqual([expect.stringMatching(/^vorlagen\/1-100\.md:8:14: Fehler: Vorlage „1\/100“: Bericht „2020-2“ gibt es nicht \(erwartet: berichte\/2020-2\.md\) \(meinten Sie „2020-1“\?\)$/)]);
  });

  it('a spent amount needs a year within the measure’s period and must not be negative', async () => {
    const errors = await check({
      'konzept/daten.yaml': ['{ betrag: 2500, jahr: 2019, finanzierung: Haushalt, ist: 2350 }', '{ betrag: 2500, jahr: 2021, finanzierung: Haushalt, ist: 2350 }'],
    });
    expect(errors).toEqual([expect.stringMatching(/^konzept\/daten\.yaml:\d+:\d+: Fehler: Maßnahme „M-B1“: Ist-Betrag im Jahr 2021, die Maßnahme läuft aber 2019 bis 2019$/)]);
    const more = await check({ 'konzept/daten.yaml': ['{ betrag: 1500, jahr: 2020, finanzierung: Stiftung }', '{ betrag: 1500, finanzierung: Stiftung, ist: -3 }'] });
    expect(more).toEqual([expect.stringMatching(/^konzept\/daten\.yaml:\d+:\d+: Fehler: Maßnahme „M-B4“: „ist“ darf nicht negativ sein \(kosten\.ist\)$/)]);
    const noYear = await check({ 'konzept/daten.yaml': ['{ betrag: 1500, jahr: 2020, finanzierung: Stiftung }', '{ betrag: 1500, finanzierung: Stiftung, ist: 3 }'] });
    expect(noYear).toEqual([expect.stringMatching(/^konzept\/daten\.yaml:\d+:\d+: Fehler: Maßnahme „M-B4“: Ein Ist-Betrag braucht das Haushaltsjahr/)]);
  });
});
