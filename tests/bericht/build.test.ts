/**
 * Builds the reports of tests/fixtures/bericht and reads them back from the PDF bytes (pdf.js)
 * and the HTML: status counts per Handlungsfeld, every overdue measure, each indicator's
 * assessment and path value, the money totals, the changes since the previous report.
 * Every expected figure is worked out by hand in the comments (fixture: konzept/daten.yaml,
 * indikatoren/*.csv; Toleranz 10 % in ratsdoc.yaml).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { runPipeline } from '../../src/pipeline/pipeline.js';
import { pdfPages } from '../helpers/pdf-text.js';
import { htmlText, words } from '../helpers/html-text.js';

const ROOT = path.resolve(__dirname, '../..');
const CONTENT = path.join(ROOT, 'tests/fixtures/bericht');

let files: Map<string, Buffer | string>;
const text: Record<string, { pdf: string; html: string; pages: string[] }> = {};

const flat = (s: string) => words(s).join(' ');

beforeAll(async () => {
  const result = await runPipeline({ content: CONTENT });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  files = result.files!;
  for (const name of ['2020-1', '2021-1']) {
    const pages = (await pdfPages(files.get(`berichte/${name}.pdf`) as Buffer)).map((p) => flat(p.join(' ')));
    text[name] = { pdf: pages.join(' '), pages, html: flat(htmlText(files.get(`berichte/${name}.html`) as string)) };
  }
}, 240_000);

/** The same passage must be in the PDF and in the HTML. */
function expectBoth(name: string, ...passages: string[]) {
  for (const passage of passages) {
    const want = flat(passage);
    expect(text[name].pdf, `PDF of ${name}`).toContain(want);
    expect(text[name].html, `HTML of ${name}`).toContain(want);
  }
}

describe('Sachstandsbericht 2020 (Stichtag 30.06.2020)', () => {
  it('has the summary on the page after the title page', () => {
    expect(text['2020-1'].pages[0]).toContain('Sachstandsbericht 2020');
    expect(text['2020-1'].pages[1]).toContain('Auf einen Blick');
    expect(text['2020-1'].pages[1]).toContain('Indikatoren nach Bewertung');
  });

  it('counts the measures by state per Handlungsfeld (geplant, laufend, abgeschlossen, zurückgestellt, überfällig, gesamt)', () => {
    // HF-A: M-A3 geplant (begins 09/2020); M-A1 laufend; M-A2 laufend by its verlauf (abgeschlossen only
    // from 01.09.2020); M-A4 zurückgestellt since 01.11.2019. Overdue: M-A2 (ende 03/2020), M-A4 (ende 12/2019).
    expectBoth('2020-1', 'Sprache und Bildung 1 2 0 1 2 4');
    // HF-B: M-B3 geplant; M-B2 laufend; M-B4 abgeschlossen today but ends 12/2020, so laufend at the Stichtag; M-B1 abgeschlossen.
    expectBoth('2020-1', 'Arbeit und Ausbildung 1 2 1 0 0 4', 'Summe 2 4 1 1 2 8');
  });

  it('flags every overdue measure, and only those', () => {
    expectBoth('2020-1', 'M-A2 Elternkurse 01/2019 – 03/2020 laufend überfällig', 'M-A4 Bibliotheksführungen 05/2019 – 12/2019 zurückgestellt überfällig');
    expectBoth('2020-1', 'Überfällig: M-A2 Elternkurse; M-A4 Bibliotheksführungen');
    // In the measures tables a flag follows the state: exactly the two overdue measures carry one.
    const flags = /\d{2}\/\d{4} (geplant|laufend|abgeschlossen|zurückgestellt|ohne Angabe) überfällig/g;
    expect(text['2020-1'].pdf.match(flags)).toHaveLength(2);
    expect(text['2020-1'].html.match(flags)).toHaveLength(2);
  });

  it('assesses each indicator by the rule', () => {
    expectBoth('2020-1',
      'auf Kurs 4 I-01, I-02, I-03, I-04', 'gefährdet 1 I-06', 'verfehlt 0 –', 'erreicht 0 –', 'keine Daten 1 I-05');
    // I-01 rising, basis 1,5 (31.12.2018) → 2,5 (31.12.2022), 1461 days; last value 1,8 on 31.12.2019 (365 days):
    // path 1,5 + 1 · 365/1461 = 1,7498 → 1,75 %; 1,8 is ahead: auf Kurs.
    expectBoth('2020-1', 'Bewertung „auf Kurs“: auf oder vor dem Zielpfad. Zielpfad am 31.12.2019: 1,75 %.');
    // I-02 falling, 14,0 (31.12.2018) → 11,0 (31.12.2021), 1096 days; 13,2 on 31.12.2019: path 14 − 3 · 365/1096 = 13,0009;
    // 0,199 behind, band 0,3: auf Kurs (within the tolerance).
    expectBoth('2020-1', 'Bewertung „auf Kurs“: hinter dem Zielpfad, aber innerhalb der Toleranz. Zielpfad am 31.12.2019: 13 %.');
    // I-03 falling, 12,0 (31.07.2018) → 9,0 (31.07.2020), 731 days; 10,8 on 31.07.2019 (from the CSV, German date):
    // path 12 − 3 · 365/731 = 10,5021; 0,298 behind, band 0,3: auf Kurs.
    expectBoth('2020-1', 'Zielpfad am 31.07.2019: 10,5 %.');
    // I-06 rising, 40 (30.09.2018) → 60 (30.09.2021), 1096 days; 42 on 30.09.2019: path 40 + 20 · 365/1096 = 46,66;
    // 4,66 behind, band 2: gefährdet.
    expectBoth('2020-1', 'Bewertung „gefährdet“: hinter dem Zielpfad, außerhalb der Toleranz. Zielpfad am 30.09.2019: 46,66 Verträge.');
    // I-05 has only a Sozialraum value: no city-wide measurement.
    expectBoth('2020-1', 'Bewertung „keine Daten“: kein Messwert nach dem Ausgangswert bis zum Stichtag.');
  });

  it('totals the money per Handlungsfeld, year and source, planned and spent', () => {
    // HF-A: 3 × 3.000 + 4.500,50 + 12.000 = 25.500,50; Ist 2.800 + 3.100 + 4.500,50 = 10.400,50.
    // HF-B: 2.500 + 8.000 + 8.000 + 2.000 + 6.000 + 1.500 = 28.000; Ist 2.350 + 8.000 + 7.600,25 = 17.950,25.
    expectBoth('2020-1', 'Sprache und Bildung 25.500,50 € 10.400,50 €', 'Arbeit und Ausbildung 28.000,00 € 17.950,25 €', 'Summe 53.500,50 € 28.350,75 €');
    // 2019: 3.000 + 4.500,50 + 2.500 + 8.000 = 18.000,50 (Ist 17.650,50); 2020: 3.000 + 8.000 + 1.500 = 12.500 (Ist 10.700,25).
    expectBoth('2020-1', '2019 18.000,50 € 17.650,50 €', '2020 12.500,00 € 10.700,25 €', '2021 17.000,00 € –', '2022 6.000,00 € –');
    expectBoth('2020-1', 'Haushalt 13.000,50 € 6.850,50 €', 'KIM 27.000,00 € 21.500,25 €', 'Stiftung 13.500,00 € –');
    expectBoth('2020-1', 'Mittel: geplant 53.500,50 €, ausgegeben (Ist) 28.350,75 €.');
  });

  it('says there is no previous report', () => {
    expectBoth('2020-1', 'Kein vorheriger Bericht zum Vergleich');
  });
});

describe('Sachstandsbericht 2021 (Stichtag 30.06.2021, vorheriger 2020-1)', () => {
  it('counts the measures by state per Handlungsfeld', () => {
    // HF-A: M-A1, M-A3 laufend; M-A2 abgeschlossen (since 01.09.2020); M-A4 zurückgestellt and overdue.
    // HF-B: M-B3 geplant; M-B2 laufend and overdue (ende 03/2021); M-B1, M-B4 abgeschlossen.
    expectBoth('2021-1', 'Sprache und Bildung 0 2 1 1 1 4', 'Arbeit und Ausbildung 1 1 2 0 1 4', 'Summe 1 3 3 1 2 8');
    expectBoth('2021-1', 'Überfällig: M-A4 Bibliotheksführungen; M-B2 Ausbildungslotsen', 'M-B2 Ausbildungslotsen 02/2019 – 03/2021 laufend überfällig');
  });

  it('assesses each indicator by the rule, with every assessment value', () => {
    expectBoth('2021-1', 'erreicht 1 I-04', 'auf Kurs 0 –', 'gefährdet 3 I-01, I-02, I-06', 'verfehlt 1 I-03', 'keine Daten 1 I-05');
    // I-01: 1,7 on 31.12.2020 (CSV), 731 of 1461 days: path 2,0003 → 2 %; 0,30 behind, band 0,1: gefährdet.
    expectBoth('2021-1', 'Zielpfad am 31.12.2020: 2 %.');
    // I-03: 9,8 on 31.07.2020 = the target date, 9,8 > 9,0: verfehlt. I-04 falling: 21,9 ≤ 22,0: erreicht.
    expectBoth('2021-1', 'Bewertung „verfehlt“: Frist des Zielwerts verstrichen, Zielwert nicht erreicht.', 'Bewertung „erreicht“: Zielwert erreicht.');
    // I-02: 13,9 on 31.12.2020; path 14 − 3 · 731/1096 = 11,999 → 12 %.
    expectBoth('2021-1', 'Zielpfad am 31.12.2020: 12 %.');
  });

  it('shows the change since the previous report and what changed (diff of the two Stichtage)', () => {
    // I-02 13,2 → 13,9: +0,7 points, auf Kurs → gefährdet; I-06 42 → 50: +8, gefährdet both times.
    expectBoth('2021-1', 'Veränderungen seit dem 30.06.2020');
    expectBoth('2021-1', 'M-A2 Elternkurse laufend abgeschlossen', 'M-A3 Lernpatenschaften geplant laufend', 'M-B4 Mentoring laufend abgeschlossen');
    expectBoth('2021-1', '13,2 % (31.12.2019) 13,9 % (31.12.2020) +0,7 Prozentpunkte auf Kurs → gefährdet');
    expectBoth('2021-1', '42 Verträge (30.09.2019) 50 Verträge (30.09.2020) +8 Verträge gefährdet (unverändert)');
    expectBoth('2021-1', '10,8 % (31.07.2019) 9,8 % (31.07.2020) −1 Prozentpunkte auf Kurs → verfehlt');
  });

  it('shows the goals with deadline, indicator assessments and the administration’s own assessment', () => {
    expectBoth('2021-1', 'Z-A.1 Mehr Einbürgerungen und weniger Abgänge ohne Abschluss. Dezember 2022 I-01: gefährdet; I-03: verfehlt teilweise erreicht (Stand 31.05.2021)');
    expectBoth('2021-1', 'Z-B.1 Weniger Erwerbslose und Leistungsbeziehende. Dezember 2021 I-02: gefährdet; I-04: erreicht noch nicht bewertet');
  });
});

describe('reports among the other documents', () => {
  it('are listed in the index and attached to a Vorlage', () => {
    const index = flat(htmlText(files.get('index.html') as string));
    expect(index).toContain('Sachstandsbericht 2020 Sachstandsbericht 30.06.2020');
    expect(index).toContain('Sachstandsbericht 2021 Sachstandsbericht 30.06.2021');
    expect(flat(htmlText(files.get('vorlagen/1-100.html') as string))).toContain('Anlage 1: Sachstandsbericht 2020');
  });

  it('are byte-identical on a rebuild', async () => {
    const again = (await runPipeline({ content: CONTENT })).files!;
    for (const name of ['berichte/2020-1.pdf', 'berichte/2020-1.html', 'berichte/2021-1.pdf', 'berichte/2021-1.html']) {
      expect(Buffer.compare(Buffer.from(again.get(name)!), Buffer.from(files.get(name)!)), name).toBe(0);
    }
  }, 240_000);
});
