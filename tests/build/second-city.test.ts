/**
 * A second city with a form far from Bergkamen's (the suite's copy of examples/neckarweil,
 * Baden-Württemberg style), built from the same src/: the text read back from PDF and HTML
 * shows the blocks in the form's order, its labels, the checkbox states and the page
 * furniture; the Ergänzungsvorlage and the Informationsvorlage get their `art` variant, and a
 * Vorlage pinned to `formular: 2023` keeps the old form. Every PDF passes the tagged-PDF
 * checker and has the HTML page's outline.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/pipeline/pipeline.js';
import { pdfItems } from '../helpers/pdf-text.js';
import { htmlText } from '../helpers/html-text.js';
import { NECKARWEIL_CONTENT, NECKARWEIL_TEMPLATES } from '../helpers/fixtures.js';
import { checkEveryPdf, hasQpdf, type TagReport } from '../helpers/tagged-pdf.js';
import { outlinesOf, pdfOutline } from '../helpers/outline.js';

let files: Map<string, Buffer | string>;
/** Neckarweil's page margins (templates/theme.yaml: 20 mm top and bottom) for header/body/footer. */
const MARGINS = { top: (20 * 72) / 25.4, bottom: (20 * 72) / 25.4 };

beforeAll(async () => {
  const result = await runPipeline({ content: NECKARWEIL_CONTENT, templates: NECKARWEIL_TEMPLATES });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  files = result.files!;
}, 300_000);

/** The body text of each page (without header and footer), whitespace normalised. */
async function pages(name: string): Promise<string[]> {
  const items = await pdfItems(files.get(`vorlagen/${name}.pdf`) as Buffer, MARGINS);
  return items.map((p) => p.filter((i) => i.region === 'body').map((i) => i.str).join(' ').replace(/[\s\u00a0]+/g, ' ').trim());
}

/** Asserts that the texts occur in this order in `text`. */
function expectInOrder(text: string, parts: string[]): void {
  let at = -1;
  for (const p of parts) {
    const next = text.indexOf(p, at + 1);
    expect(next, `„${p}“ after position ${at} in: ${text.slice(Math.max(0, at), at + 200)}`).toBeGreaterThan(at);
    at = next;
  }
}

const html = (name: string) => htmlText(files.get(`vorlagen/${name}.html`) as string).replace(/[\s\u00a0]+/g, ' ');

describe('Neckarweil Beschlussvorlage 117/2024', () => {
  it('page 1: kind as title, cover fields, bold Betreff, Beratungsfolge, Kurzfassung, both checklists, in this order', async () => {
    const [first] = await pages('117-2024');
    expect(first.startsWith('Beschlussvorlage Vorlage-Nr. 117/2024 Datum 04.03.2024 Verantwortlich Bürgermeisterin Dr. Hanna Beck Dienststelle Amt für Bildung und Betreuung')).toBe(true);
    expectInOrder(first, [
      'Sanierung und Erweiterung der Kindertagesstätte Lerchenweg',
      'Beratungsfolge', 'Gremien Termin TOP Ö / N Zuständigkeit',
      'Ortschaftsrat Oberweil 12.03.2024 Ö Anhörung',
      'Gemeinderat 11.04.2024 3 Ö Entscheidung',
      'Kurzfassung', 'Die Kindertagesstätte Lerchenweg wird energetisch saniert',
      'Finanzielle Auswirkungen', '☒ ja ☐ nein', 'Art der Mittel', '☒ investiv ☐ konsumtiv', '2.480.000,00 €', 'Jährliche Folgekosten', '96.500,00 €',
      'Einzahlungen / Erträge', '640.000,00 €', 'Finanzierung gesichert ☒ ja ☐ nein', 'Gegenfinanzierung', 'Landesförderung für den Ausbau der Kinderbetreuung',
      'Klima, Integration und Beteiligung', 'CO₂-Relevanz ☒ positiv ☐ negativ ☐ keine ☐ nicht bewertet',
      'IQ-relevant / Korridorthema ☒ ja ☐ nein Korridorthema Bildung und Betreuung',
      'Anhörung Ortschaftsrat ☒ ja ☐ nein Ortschaftsrat Oberweil am 12.03.2024',
      'Abstimmung mit städtischen Gesellschaften ☐ ja ☒ nein',
    ]);
    // Blocks the form leaves out: no Kommune line, no Bestandteile, no Sachdarstellung yet.
    expect(first).not.toContain('Stadt Neckarweil');
    expect(first).not.toContain('Bestandteile');
    expect(first).not.toContain('Erläuterungen');
    // The Beratungsfolge leaves a missing TOP blank instead of printing a dash.
    expect(first).not.toContain('–');
  });

  it('from page 2: Erläuterungen, Abschnitte without an added colon, Anlagen, Beschluss at the end, the fixed text last', async () => {
    const all = await pages('117-2024');
    expect(all.length).toBe(2);
    expect(all[1].startsWith('Erläuterungen Ausgangslage Die Kindertagesstätte Lerchenweg wurde 1974 errichtet')).toBe(true);
    expectInOrder(all[1], [
      'Klimaschutz', 'Zeitplan Baubeginn',
      // Each Anlage with its type and size (issue 20: the list names the copied file).
      'Anlagen: Anlage 1: Entwurfsplanung vom 15.02.2024 (PDF, 10,7 kB) Anlage 2: Kostenberechnung nach DIN 276 (PDF, 11,4 kB)',
      'Beschluss: Antrag an den Gemeinderat', 'Der Gemeinderat beschließt die Sanierung',
      'Gedruckt auf 100 % Recyclingpapier',
    ]);
    expect(all[1]).not.toContain('Zeitplan:');
    expect(all[1].endsWith('Gedruckt auf 100 % Recyclingpapier')).toBe(true);
  });

  it('page furniture: nothing on page 1, „– 2 –“ centred at the top of page 2, no footer', async () => {
    const items = await pdfItems(files.get('vorlagen/117-2024.pdf') as Buffer, MARGINS);
    expect(items[0].filter((i) => i.region !== 'body' && i.str.trim())).toEqual([]);
    const header = items[1].filter((i) => i.region === 'header' && i.str.trim());
    expect(header.map((i) => i.str).join('')).toBe('– 2 –');
    // Centred: the middle of the text is within a few points of the page's middle (A4: 297.6 pt).
    const left = Math.min(...header.map((i) => i.x));
    expect(left).toBeGreaterThan(270);
    expect(left).toBeLessThan(297);
    expect(items[1].filter((i) => i.region === 'footer' && i.str.trim())).toEqual([]);
  });

  it('HTML: the same blocks in the same order, with the same labels and boxes', () => {
    expectInOrder(html('117-2024'), [
      'Beschlussvorlage', 'Vorlage-Nr.', '117/2024', 'Verantwortlich', 'Sanierung und Erweiterung der Kindertagesstätte Lerchenweg',
      'Beratungsfolge', 'Gremien', 'Termin', 'TOP', 'Ö / N', 'Zuständigkeit',
      'Kurzfassung', 'Finanzielle Auswirkungen', '☒ ja ☐ nein', '☒ investiv ☐ konsumtiv',
      'CO₂-Relevanz', '☒ positiv ☐ negativ ☐ keine ☐ nicht bewertet',
      'Erläuterungen', 'Anlagen:', 'Beschluss: Antrag an den Gemeinderat', 'Gedruckt auf 100 % Recyclingpapier',
    ]);
  });
});

describe('Neckarweil Ergänzungsvorlage and Informationsvorlage', () => {
  it('the Ergänzungsvorlage names its Vorlage and shows „nicht bewertet“ and no finances checked as such', async () => {
    const [first, second] = await pages('117-2024-1');
    expectInOrder(first, [
      'Ergänzungsvorlage', 'Vorlage-Nr. 117/2024/1', 'Ergänzung zu 117/2024',
      'Finanzielle Auswirkungen ☐ ja ☒ nein', 'Art der Mittel ☐ investiv ☐ konsumtiv', 'Gesamtkosten der Maßnahme –',
      'CO₂-Relevanz ☐ positiv ☐ negativ ☐ keine ☒ nicht bewertet',
      'IQ-relevant / Korridorthema ☐ ja ☒ nein',
    ]);
    expect(second.startsWith('Erläuterungen Der Ortschaftsrat Oberweil hat die Vorlage 117/2024')).toBe(true);
    expect(second).toContain('Beschluss: Antrag an den Gemeinderat');
    expect(second).not.toContain('Anlagen:');
  });

  it('the Informationsvorlage pinned to formular 2023 keeps the old form: Kommune line, „Drucksache“, Beschlussantrag before Begründung, footer „Seite 1 von 1“', async () => {
    const all = await pages('88-2023');
    expect(all.length).toBe(1);
    expectInOrder(all[0], [
      'Stadt Neckarweil', 'Informationsvorlage', 'Drucksache 88/2023', 'Datum 09.10.2023', 'Dienststelle Stabsstelle Klimaschutz',
      'Sachstand der kommunalen Wärmeplanung',
      'Gremium Sitzung Zuständigkeit', 'Ausschuss für Umwelt und Technik 18.10.2023 Kenntnisnahme',
      'Beschlussantrag: Der Gemeinderat nimmt den Sachstand zur Kenntnis.',
      'Begründung: Nach dem Klimaschutzgesetz Baden-Württemberg',
      'Klimaschutz CO₂-Relevanz ☐ positiv ☐ negativ ☐ keine ☒ nicht bewertet',
    ]);
    expect(all[0]).not.toContain('Verantwortlich');
    expect(all[0]).not.toContain('Kurzfassung');
    const items = await pdfItems(files.get('vorlagen/88-2023.pdf') as Buffer, MARGINS);
    expect(items[0].filter((i) => i.region === 'footer').map((i) => i.str).join('').trim()).toBe('Seite 1 von 1');
  });
});

describe.skipIf(!hasQpdf())('Neckarweil: tagged PDF of every Vorlage', () => {
  let reports: Map<string, TagReport>;
  beforeAll(async () => {
    reports = await checkEveryPdf(files);
  }, 120_000);

  it('passes the checker (checklists as lists, no skipped heading level, every table with TH)', () => {
    expect([...reports.keys()].sort()).toEqual(['vorlagen/117-2024-1.pdf', 'vorlagen/117-2024.pdf', 'vorlagen/88-2023.pdf']);
    for (const [name, report] of reports) {
      expect(report.problems, name).toEqual([]);
      expect(report.untagged, name).toBe(0);
      expect(report.textItems, name).toBeGreaterThan(0);
    }
  });

  it('tags a checklist as a list: one item per question, its label as Lbl and the boxes as LBody', () => {
    const pairs = pdfOutline(reports.get('vorlagen/117-2024.pdf')!).pairs;
    expect(pairs).toContain('FinanzielleAuswirkungen☒ja☐nein');
    expect(pairs).toContain('ArtderMittel☒investiv☐konsumtiv');
    expect(pairs).toContain('CO₂-Relevanz☒positiv☐negativ☐keine☐nichtbewertet');
    // 7 questions in the financial checklist, 4 in the climate one (and no Table for either).
    expect(pairs.length).toBe(11);
  });

  it('nests the Erläuterungen\' own headings one level below their label', () => {
    const headings = pdfOutline(reports.get('vorlagen/117-2024.pdf')!).headings;
    expect(headings.slice(headings.indexOf('H1 Erläuterungen'), headings.indexOf('H1 Zeitplan') + 1))
      .toEqual(['H1 Erläuterungen', 'H2 Ausgangslage', 'H2 Planung', 'H2 Klimaschutz', 'H1 Zeitplan']);
  });

  it('has the HTML page\'s outline: the same headings, table headers and checklist pairs', () => {
    for (const { name, pdf, html } of outlinesOf(reports, files)) expect(pdf, name).toEqual(html);
  });
});
