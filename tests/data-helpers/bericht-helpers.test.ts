/**
 * The parts of a Sachstandsbericht are helpers: placed in the report's own text they stand
 * there (below the heading they follow) and are not appended again; in a Vorlage they name
 * the report. `bewertung` and `stand` give a report's figures inside a sentence.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { runPipeline } from '../../src/pipeline/pipeline.js';
import { CODES } from '../../src/diagnostics/codes.js';
import { pdfText } from '../helpers/pdf-text.js';
import { htmlText, indexOfRun, words } from '../helpers/html-text.js';
import { FIXTURE_TEMPLATES } from '../helpers/fixtures.js';
import { cleanupTemp, fixture } from '../check/fixture.js';

afterAll(cleanupTemp);

const htmlWords = (html: string) => words(htmlText(html.replace(/<\/?(a|code|strong|em|span)\b[^>]*>/g, '')));

/** Every heading of an HTML page as [level, text], in order. */
function headings(html: string): Array<[number, string]> {
  return [...html.matchAll(/<h([1-6])\b[^>]*>(.*?)<\/h\1>/gs)].map((m) => [Number(m[1]), htmlText(m[2]).trim()]);
}

describe('report parts and figures as helpers', () => {
  test('in the report: the sentence has the figures, the placed part stands below its heading and only once', async () => {
    const f = await fixture('helpers');
    const r = await runPipeline({ content: f.dir, templates: FIXTURE_TEMPLATES });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const sentence = words('Der Indikator I-01 ist auf Kurs; die Kita-Lotsen sind laufend und überfällig.');
    expect(indexOfRun(htmlWords(r.files!.get('berichte/2020-1.html') as string), sentence)).toBeGreaterThanOrEqual(0);
    expect(indexOfRun(words(await pdfText(r.files!.get('berichte/2020-1.pdf') as Buffer)), sentence)).toBeGreaterThanOrEqual(0);
    // Tree depth d is <h(d+1)> in HTML (the title is the only <h1>).
    const h = headings(r.files!.get('berichte/2020-1.html') as string);
    const at = h.findIndex(([, text]) => text === 'Maßnahmen im Einzelnen');
    expect(h[at]).toEqual([3, 'Maßnahmen im Einzelnen']);
    expect(h[at + 1]).toEqual([4, 'Umsetzung der Maßnahmen']);
    expect(h.filter(([, text]) => text === 'Umsetzung der Maßnahmen')).toHaveLength(1);
    // The parts not placed are appended as before.
    expect(h.filter(([, text]) => text === 'Entwicklung der Indikatoren')).toEqual([[2, 'Entwicklung der Indikatoren']]);
  });

  test('in a Vorlage with bericht="…": the report\'s figures at its Stichtag', async () => {
    const f = await fixture('helpers');
    await f.append('vorlagen/11-1500.md', '\n\nZum 30.06.2020 ist M-07 {{stand "M-07" bericht="2020-1"}}.\n\n{{massnahmenstand bericht="2020-1"}}\n');
    const r = await runPipeline({ content: f.dir, templates: FIXTURE_TEMPLATES });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const html = htmlWords(r.files!.get('vorlagen/11-1500.html') as string);
    expect(indexOfRun(html, words('Zum 30.06.2020 ist M-07 laufend.'))).toBeGreaterThanOrEqual(0);
    expect(indexOfRun(html, words('Maßnahmen im Handlungsfeld Bildung am 30.06.2020'))).toBeGreaterThanOrEqual(0);
  });

  test('anzahl with bericht="…" counts the state at the Stichtag, not today\'s status', async () => {
    const f = await fixture('helpers');
    // M-07 is abgeschlossen today, but its ende (2020-12) lies after the Stichtag 30.06.2020: then it was laufend.
    await f.replace('konzept/daten.yaml', '    ende: 2020-12\n    status: laufend\n', '    ende: 2020-12\n    status: abgeschlossen\n');
    await f.append('vorlagen/11-1500.md', '\n\nHeute laufen {{anzahl massnahmen status="laufend"}}, am Stichtag liefen {{anzahl massnahmen status="laufend" bericht="2020-1"}} Maßnahmen.\n');
    const r = await runPipeline({ content: f.dir, templates: FIXTURE_TEMPLATES });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(indexOfRun(htmlWords(r.files!.get('vorlagen/11-1500.html') as string), words('Heute laufen 1, am Stichtag liefen 2 Maßnahmen.'))).toBeGreaterThanOrEqual(0);
  });

  test('outside a report, a missing or unknown bericht="…" is a positioned error', async () => {
    const f = await fixture('helpers');
    await f.append('vorlagen/11-1500.md', '\n\nStand: {{stand "M-07"}}.\n\n{{zielstand bericht="2021-1"}}\n');
    const lines = (await f.read('vorlagen/11-1500.md')).split('\n');
    const place = (needle: string) => ({ line: lines.findIndex((l) => l.includes(needle)) + 1, column: lines.find((l) => l.includes(needle))!.indexOf(needle) + 1 });
    const errors = (await f.check()).filter((d) => d.severity === 'error').map((d) => ({ line: d.line, column: d.column, code: d.code, message: d.message }));
    expect(errors).toEqual([
      { ...place('{{stand'), code: CODES.helperNoValue, message: '{{stand "M-07"}}: steht nicht im Text eines Sachstandsberichts und braucht daher bericht="…" (der Dateiname unter berichte/ ohne .md, z. B. bericht="2020-1")' },
      { ...place('{{zielstand'), code: CODES.helperUnknownId, message: '{{zielstand bericht="2021-1"}}: Bericht „2021-1“ ist nicht definiert (meinten Sie „2020-1“?)' },
    ]);
  });
});
