/**
 * Every helper error names file, line, column, code and says in German what is wrong and
 * what to write instead, in Markdown files and inside Markdown fields of YAML files (folded,
 * literal, quoted, list entries) at the place the author sees in the editor.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { cleanupTemp, fixture, type Fixture } from '../check/fixture.js';
import { CODES } from '../../src/diagnostics/codes.js';
import { FormSchema } from '../../src/theme/form.js';

afterAll(cleanupTemp);

/** Line and column (1-based) of the first occurrence of `needle` in a file, found by plain text search. */
async function placeOf(f: Fixture, rel: string, needle: string): Promise<{ line: number; column: number }> {
  const lines = (await f.read(rel)).split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  if (line === -1) throw new Error(`${needle} not in ${rel}`);
  return { line: line + 1, column: lines[line].indexOf(needle) + 1 };
}

async function errorsOf(f: Fixture) {
  return (await f.check()).filter((d) => d.severity === 'error').map((d) => ({ file: d.file, line: d.line, column: d.column, code: d.code, entity: d.entity, message: d.message }));
}

describe('helper errors in a chapter', () => {
  test('unknown helper, unknown ID, wrong argument, block helper in a sentence, unclosed braces', async () => {
    const f = await fixture('helpers');
    const rel = 'konzept/kapitel/lage.md';
    await f.append(rel, [
      '',
      'Die Quote {{wret "I-01"}} steigt.',
      '',
      'Sie liegt bei {{wert "I-0l"}}.',
      '',
      'Ziel ist {{wert "I-01" "zeil"}} bis 2022.',
      '',
      'Wie {{indikator "I-01"}} zeigt, sinkt sie.',
      '',
      'Offen bleibt {{wert "I-01" und der Rest.',
      '',
      'Hier {{anzahl massnahmen stauts="laufend"}} und {{summe kosten finanzierung="Landesmitel"}}.',
      '',
    ].join('\n'));
    const at = (needle: string) => placeOf(f, rel, needle);
    const entity = 'Kapitel „lage“';
    expect(await errorsOf(f)).toEqual([
      { file: rel, ...(await at('{{wret')), code: CODES.helperUnknown, entity, message: 'unbekannter Datenbaustein „wret“ (meinten Sie „wert“?); erlaubt: anzahl, bewertung, datum, finanzstand, frist, indikator, indikatorenstand, kosten, massnahmen, massnahmenstand, meilensteine, name, stand, summe, titel, veraenderungen, vorlage, wert, zeitplan, zeitraum, ziele, zielstand' },
      { file: rel, ...(await at('{{wert "I-0l"}}')), code: CODES.helperUnknownId, entity, message: '{{wert "I-0l"}}: Indikator „I-0l“ ist nicht definiert (meinten Sie „I-01“?)' },
      { file: rel, ...(await at('{{wert "I-01" "zeil"}}')), code: CODES.helperArguments, entity, message: '{{wert "I-01" "zeil"}}: Angabe 2: „zeil“ ist nicht erlaubt (meinten Sie „ziel“?); erlaubt: aktuell, basis, ziel, stichtag' },
      { file: rel, ...(await at('{{indikator "I-01"}} zeigt')), code: CODES.helperBlockInline, entity, message: '{{indikator "I-01"}} ist ein Block (Tabelle oder Grafik) und muss allein in einem eigenen Absatz stehen; im Satz bitte {{wert "I-01"}} verwenden' },
      { file: rel, ...(await at('{{wert "I-01" und')), code: CODES.helperUnclosed, entity, message: 'Datenbaustein „{{“ wird in derselben Zeile nicht mit „}}“ geschlossen; für geschweifte Klammern als Text bitte \\{{ schreiben' },
      { file: rel, ...(await at('{{anzahl massnahmen stauts')), code: CODES.helperArguments, entity, message: '{{anzahl massnahmen stauts="laufend"}}: unbekannte Angabe „stauts“ (meinten Sie „status“?); erlaubt: handlungsfeld, status, ziel, ebene, art, sozialraum, zielgruppe, bericht' },
      { file: rel, ...(await at('{{summe kosten finanzierung')), code: CODES.helperNoValue, entity, message: '{{summe kosten finanzierung="Landesmitel"}}: keine Kosten mit der Finanzierung „Landesmitel“ (meinten Sie „Landesmittel“?); vorhanden: Eigenmittel, Landesmittel' },
    ]);
  });

  test('a value the data does not have is an error, never an empty text', async () => {
    const f = await fixture('helpers');
    const rel = 'konzept/kapitel/lage.md';
    await f.append(rel, '\nKita-Ziel: {{wert "I-02" "ziel"}}; Frist {{frist "Z-SOZ-1"}}; Wert {{wert "I-02" sozialraum="SR-MITTE"}}.\n');
    const at = (needle: string) => placeOf(f, rel, needle);
    const entity = 'Kapitel „lage“';
    expect(await errorsOf(f)).toEqual([
      { file: rel, ...(await at('{{wert "I-02" "ziel"}}')), code: CODES.helperNoValue, entity, message: '{{wert "I-02" "ziel"}}: Indikator „I-02“ hat keinen Zielwert (zielwert)' },
      { file: rel, ...(await at('{{frist "Z-SOZ-1"}}')), code: CODES.helperNoValue, entity, message: '{{frist "Z-SOZ-1"}}: Ziel „Z-SOZ-1“ hat keine Frist (frist: JJJJ-MM oder JJJJ-MM-TT)' },
      { file: rel, ...(await at('{{wert "I-02" sozialraum')), code: CODES.helperNoValue, entity, message: '{{wert "I-02" sozialraum="SR-MITTE"}}: Indikator „I-02“ hat keine Messung für den Sozialraum „SR-MITTE“' },
    ]);
  });
});

describe('helper errors inside Markdown fields of YAML files, at their real place', () => {
  test('folded (>-), literal (|), single-quoted and list-entry fields; a Vorlage front matter field', async () => {
    const f = await fixture('helpers');
    const daten = 'konzept/daten.yaml';
    await f.replace(daten, "    kosten: { betrag: 5000.5, finanzierung: Landesmittel, jahr: 2020 }\n",
      "    kosten: { betrag: 5000.5, finanzierung: Landesmittel, jahr: 2020 }\n    beschreibung: >-\n      Erste Zeile ohne Baustein,\n      dann   {{wert \"I-99\"}} im Text.\n");
    await f.replace(daten, '      - Viele kennen die Beratung nicht.', '      - Viele kennen {{titel "M-99"}} nicht.');
    await f.replace(daten, '    datum: 2020-03\n', "    datum: 2020-03\n    beschreibung: 'Im Bericht: {{anzahl massnahmen status=\"fertig\"}} Maßnahmen.'\n");
    await f.replace(daten, '    titel: Bildung\n', '    titel: Bildung\n    beschreibung: |\n      Absatz eins.\n\n      Absatz zwei nennt {{name "AK-VHX"}}.\n');
    const vorlage = 'vorlagen/11-1500.md';
    await f.replace(vorlage, '  Der Rat nimmt zur Kenntnis, dass die Quote bei {{wert "I-01"}} liegt.', '  Der Rat nimmt zur Kenntnis, dass die Quote\n  bei {{ziele}} liegt.');
    const at = (rel: string, needle: string) => placeOf(f, rel, needle);
    expect(await errorsOf(f)).toEqual([
      { file: daten, ...(await at(daten, '{{name "AK-VHX"}}')), code: CODES.helperUnknownId, entity: 'Handlungsfeld „HF-BIL“', message: '{{name "AK-VHX"}}: Akteur oder Sozialraum „AK-VHX“ ist nicht definiert (meinten Sie „AK-VHS“?)' },
      { file: daten, ...(await at(daten, '{{wert "I-99"}}')), code: CODES.helperUnknownId, entity: 'Maßnahme „M-08“', message: '{{wert "I-99"}}: Indikator „I-99“ ist nicht definiert' },
      { file: daten, ...(await at(daten, '{{titel "M-99"}}')), code: CODES.helperUnknownId, entity: 'Interview „INT-1“', message: '{{titel "M-99"}}: Maßnahme, Ziel, Handlungsfeld, Indikator oder Meilenstein „M-99“ ist nicht definiert (meinten Sie „M-09“?)' },
      { file: daten, ...(await at(daten, '{{anzahl massnahmen status')), code: CODES.helperArguments, entity: 'Meilenstein „MS-04“', message: '{{anzahl massnahmen status="fertig"}}: „status“: „fertig“ ist nicht erlaubt; erlaubt: geplant, laufend, abgeschlossen, zurueckgestellt' },
      { file: vorlage, ...(await at(vorlage, '{{ziele}}')), code: CODES.helperBlockInline, entity: 'Vorlage „11/1500“', message: '{{ziele}} ist ein Block (Tabelle oder Grafik) und muss allein in einem eigenen Absatz stehen; im Satz bitte {{anzahl ziele}} verwenden' },
    ]);
  });
});

describe('helper errors inside a field the city form declares as Markdown', () => {
  test('checked like the built-in fields, at the real line and column', async () => {
    const f = await fixture('helpers');
    const vorlage = 'vorlagen/11-1500.md';
    await f.replace(vorlage, 'betreff: Sachstand Beratung\n', 'betreff: Sachstand Beratung\nbegruendung: |\n  Erste Zeile.\n  Die Quote liegt bei {{wert "I-0l"}}.\n');
    const form = FormSchema.parse({ felder: { begruendung: { label: 'Begründung', typ: 'markdown' } } });
    const errors = (await f.check(form)).filter((d) => d.severity === 'error');
    expect(errors.map((d) => ({ file: d.file, line: d.line, column: d.column, code: d.code, entity: d.entity }))).toEqual([
      { file: vorlage, ...(await placeOf(f, vorlage, '{{wert "I-0l"}}')), code: CODES.helperUnknownId, entity: 'Vorlage „11/1500“' },
    ]);
  });
});
