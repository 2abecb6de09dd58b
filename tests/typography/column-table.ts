/**
 * The crowded table of the column-width tests: no declared widths, so the content decides
 * (render/table-columns.ts). Six columns: short IDs under a long header word, the long words
 * of issue 15, three columns of running text and right-aligned amounts.
 */
import type { DocumentTree, Inline, Table, TableCell } from '../../src/document/tree.js';

export const WORDS = ['Integrationsmanagement', 'Ausbildungsmarktstatistik', 'Kirchengemeinden'];
export const HEADERS = ['Indikatoren', 'Begriff', 'Beschreibung', 'Zuständigkeit', 'Hinweise', 'Kosten'];
export const AMOUNTS = ['21.700,00 €', '450,00 €', '1.234.567,89 €'];
export const IDS = ['I-01', 'I-02', 'I-13'];

const t = (value: string): Inline => ({ type: 'text', value });
const cell = (value: string, extra: Partial<TableCell> = {}): TableCell => ({ children: [t(value)], ...extra });
const prose = (word: string) => `Der Begriff ${word} steht hier in einem längeren Satz, der seine Spalte füllt und umbrechen muss.`;

/** The table: one row per word. `widths` as a city would declare them (none: from the content). */
export function columnTable(widths?: number[]): Table {
  return {
    type: 'table', variant: 'grid', caption: 'Spaltenbreiten',
    ...(widths ? { widths } : {}),
    headerRows: [HEADERS.map((h, i) => cell(h, { header: true, ...(i === 5 ? { align: 'right' as const } : {}) }))],
    rows: WORDS.map((word, i) => [
      cell(IDS[i]), cell(word), cell(prose(word)), cell('Amt für Schule, Kultur und Integration der Stadt'), cell('Siehe die Erläuterungen im Sachstandsbericht des Jahres.'),
      cell(AMOUNTS[i], { align: 'right' }),
    ]),
  };
}

/** A Vorlage-like tree holding the table. */
export function columnTree(widths?: number[]): DocumentTree {
  return {
    kind: 'vorlage', outPath: 'vorlagen/spalten',
    meta: { title: 'Spaltenbreiten', author: 'Stadt Bergkamen', subject: 'Test', keywords: [], lang: 'de-DE', created: new Date('2024-01-01T00:00:00Z') },
    header: 'Test', blocks: [columnTable(widths)],
  } as DocumentTree;
}
