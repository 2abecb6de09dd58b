/**
 * Inline helpers put data into sentences: the PDF (read back with pdf.js) and the HTML show
 * every inline value in its sentence, German formatted; a changed measurement changes the
 * sentence on rebuild. `{{…}}` in code stays code.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import path from 'node:path';
import { runPipeline } from '../../src/pipeline/pipeline.js';
import { pdfText } from '../helpers/pdf-text.js';
import { htmlText, indexOfRun, longestPrefixRun, readable, words } from '../helpers/html-text.js';
import { cleanupTemp, fixture, FIXTURES } from '../check/fixture.js';
import { FIXTURE_TEMPLATES } from '../helpers/fixtures.js';

afterAll(cleanupTemp);

async function build(content: string) {
  const result = await runPipeline({ content, templates: FIXTURE_TEMPLATES });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result.files!;
}

/** The words of a PDF's body; items are joined as pdf.js reads them (a link's text is its own item, so joining by spaces would split „2020.“). */
async function pdfWords(buf: Buffer): Promise<string[]> {
  return words(await pdfText(buf));
}

/** The words of an HTML page; inline tags (links, code) do not split words as `htmlText` does for block tags. */
function htmlWords(html: string): string[] {
  return words(htmlText(html.replace(/<\/?(a|code|strong|em|span)\b[^>]*>/g, '')));
}

/** Expects the sentence as a contiguous run of words. */
function expectSentence(doc: string[], sentence: string): void {
  const needle = words(sentence);
  expect(indexOfRun(doc, needle), `„${sentence}“: longest prefix ${longestPrefixRun(doc, needle)} of ${needle.length} words`).toBeGreaterThanOrEqual(0);
}

/** Each inline helper's value in the sentence the fixture writes around it. */
const KONZEPT_SENTENCES = [
  // wert: latest, ziel, basis, stichtag
  'Die Quote liegt bei 21,7 % und soll bis 2022 auf 18 % sinken; Ausgangswert war 23,4 %, zuletzt gemessen am 31.12.2019.',
  // anzahl: massnahmen with filters, all, ziele, indikatoren, akteure, interviews (sum of anzahl)
  'Im Handlungsfeld laufen 1 von 3 Maßnahmen zu 3 Zielen mit 2 Indikatoren; 1 Akteur ist beteiligt, 19 Interviews wurden geführt.',
  // summe kosten with handlungsfeld; with jahr and finanzierung
  'Die Maßnahmen kosten zusammen 17.850,50 €, davon 10.000,00 € Landesmittel im Jahr 2019.',
  // titel, name, zeitraum, datum, frist, vorlage
  'Die Maßnahme Sprechstunde im Stadtteil der Volkshochschule Musterstadt läuft von März 2019 bis Dezember 2020. Der Rat beschloss am 21.02.2019; das Ziel gilt bis Juni 2022. Grundlage ist 11/1481 „Einführung eines Kommunalen Integrationsmanagements“.',
  // in a YAML Markdown field: wert with sozialraum, name of a Sozialraum
  'Die Quote lag zuletzt bei 21,7 %; im Stadtteil Musterstadt-Mitte bei 30,2 %.',
  // code stays code; an escaped brace is text
  'Im Code bleibt {{wert "I-01"}} stehen, ebenso {{wert "I-01"}} als Text.',
];
const VORLAGE_SENTENCES = [
  'Der Rat nimmt zur Kenntnis, dass die Quote bei 21,7 % liegt.',
  'Die Maßnahme Sprechstunde im Stadtteil kostet 7.850,50 € im Jahr 2020; sie ergänzt 11/1481 „Einführung eines Kommunalen Integrationsmanagements“.',
];

let files: Map<string, Buffer | string>;
beforeAll(async () => {
  files = await build(path.join(FIXTURES, 'helpers'));
});

describe('inline values in their sentences', () => {
  test('HTML of the Konzept and of a Vorlage', () => {
    const konzept = htmlWords(files.get('konzept/integrationskonzept.html') as string);
    for (const s of KONZEPT_SENTENCES) expectSentence(konzept, s);
    const vorlage = htmlWords(files.get('vorlagen/11-1500.html') as string);
    for (const s of VORLAGE_SENTENCES) expectSentence(vorlage, s);
  });

  test('PDF of the Konzept and of a Vorlage, read back from the bytes', async () => {
    const konzept = await pdfWords(files.get('konzept/integrationskonzept.pdf') as Buffer);
    for (const s of KONZEPT_SENTENCES) expectSentence(konzept, s);
    const vorlage = await pdfWords(files.get('vorlagen/11-1500.pdf') as Buffer);
    for (const s of VORLAGE_SENTENCES) expectSentence(vorlage, s);
  });

  test('links: inside the Konzept to the profile; from a Vorlage to the Konzept page and to the other Vorlage', () => {
    const konzept = readable(files.get('konzept/integrationskonzept.html') as string);
    expect(konzept).toContain('<a href="#massnahme-m-07">Sprechstunde im Stadtteil</a>');
    expect(konzept).toContain('<a href="#ziel-z-soz-1-1">Juni 2022</a>');
    expect(konzept).toContain('id="massnahme-m-07"');
    const vorlage = readable(files.get('vorlagen/11-1500.html') as string);
    expect(vorlage).toContain('<a href="../konzept/integrationskonzept.html#massnahme-m-07">Sprechstunde im Stadtteil</a>');
    expect(vorlage).toContain('<a href="11-1481.html">11/1481 „Einführung eines Kommunalen Integrationsmanagements“</a>');
  });

  test('code spans and fences print {{…}} as code', () => {
    const konzept = files.get('konzept/integrationskonzept.html') as string;
    expect(konzept).toContain('<code>{{wert "I-01"}}</code>');
    expect(konzept).toMatch(/<pre[^>]*><code[^>]*>\{\{unbekannt "X"\}\}/);
  });

  test('block helpers kosten and meilensteine are tables', () => {
    const text = htmlText(files.get('konzept/integrationskonzept.html') as string);
    expectSentence(words(text), 'M-07 Sprechstunde im Stadtteil 2019 Landesmittel 10.000,00 €');
    expectSentence(words(text), 'Summe 17.850,50 €');
    expectSentence(words(text), '21.02.2019 Beschluss des Rates Erreicht');
  });
});

describe('a changed measurement changes the sentence on rebuild', () => {
  test('HTML and PDF show the new value', async () => {
    const f = await fixture('helpers');
    await f.replace('konzept/daten.yaml', '{ stichtag: 2019-12-31, wert: 21.7 }', '{ stichtag: 2019-12-31, wert: 20.15 }');
    const rebuilt = await build(f.dir);
    const sentence = 'Die Quote liegt bei 20,15 % und soll bis 2022 auf 18 %';
    expectSentence(htmlWords(rebuilt.get('konzept/integrationskonzept.html') as string), sentence);
    expectSentence(await pdfWords(rebuilt.get('konzept/integrationskonzept.pdf') as Buffer), sentence);
    expectSentence(await pdfWords(rebuilt.get('vorlagen/11-1500.pdf') as Buffer), 'dass die Quote bei 20,15 % liegt.');
  });
});
