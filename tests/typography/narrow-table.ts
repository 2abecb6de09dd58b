/** The narrow-cell document of the hyphenation tests (PDF and HTML). */
import type { Block, DocumentTree, Inline, TableCell } from '../../src/document/tree.js';

export const WORDS = ['Integrationsmanagement', 'Ausbildungsmarktstatistik', 'Kirchengemeinden'];

const t = (value: string): Inline => ({ type: 'text', value });
const cell = (value: string): TableCell => ({ children: [t(value)] });

/** A Vorlage-like tree with one table whose first column is narrow (1 of 7 parts). */
export function narrowTable(words: string[], weights: number[] = [1, 6]): DocumentTree {
  const table: Block = {
    type: 'table', widths: weights, headerRows: [[cell('Begriff'), cell('Erläuterung')]],
    rows: words.map((w) => [cell(w), cell('Zum Vergleich steht der Begriff hier in der breiten Spalte: ' + w + '.')]),
  };
  return {
    kind: 'vorlage', outPath: 'vorlagen/test',
    meta: { title: 'Silbentrennung', author: 'Stadt Bergkamen', subject: 'Test', keywords: [], lang: 'de-DE', created: new Date('2024-01-01T00:00:00Z') },
    header: 'Test', blocks: [table],
  } as DocumentTree;
}

