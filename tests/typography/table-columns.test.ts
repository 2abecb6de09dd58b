/**
 * Column widths from the content (issue 15, point 3), in the PDF and the DOCX: a crowded table
 * without declared widths breaks the long words of its narrow column at pattern points with a
 * printed hyphen, its columns are as wide as their content asks (short IDs narrower than
 * running text), no header word is cut, amounts stand right-aligned; widths a city declares
 * are kept. The DOCX has the same column widths and the same typesetting (optional hyphens,
 * no-break spaces), checked in LibreOffice's rendering of it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderPdf, type PdfRenderOptions } from '../../src/render/pdf/render.js';
import { tableColumns } from '../../src/render/table-columns.js';
import { themeToPdfmake } from '../../src/render/pdf/theme.js';
import { ThemeSchema } from '../../src/theme/theme.js';
import { pdfItems, pdfPages, type PdfTextItem } from '../helpers/pdf-text.js';
import { AMOUNTS, columnTable, columnTree, HEADERS, IDS, WORDS } from './column-table.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const ttf = (file: string) => readFileSync(path.join(root, 'node_modules/dejavu-fonts-ttf/ttf', file));
const font = { normal: ttf('DejaVuSans.ttf'), bold: ttf('DejaVuSans-Bold.ttf'), italics: ttf('DejaVuSans-Oblique.ttf'), bolditalics: ttf('DejaVuSans-BoldOblique.ttf') };
const fonts: PdfRenderOptions['fonts'] = { 'DejaVu Sans': font };
const theme = ThemeSchema.parse({});
const page = themeToPdfmake(theme);
/** The text area's left and right edge, pt. */
const [left, right] = [page.pageMargins[0], page.pageMargins[0] + page.contentWidth];
const { hyphenateSync } = createRequire(import.meta.url)('hyphen/de') as { hyphenateSync: (w: string, o: { hyphenChar: string }) => string };

/** The pattern package's break points in a word (offsets), at least 3 letters either side. */
export function patternPoints(word: string): number[] {
  const points: number[] = [];
  let at = 0;
  for (const piece of hyphenateSync(word, { hyphenChar: '|' }).split('|').slice(0, -1)) {
    at += piece.length;
    if (at >= 3 && word.length - at >= 3) points.push(at);
  }
  return points;
}

/** Asserts that `pieces` (lines of one cell) are `word` broken at pattern points, each line but the last ending in „-“. */
export function expectPatternBreaks(word: string, pieces: string[]): void {
  expect(pieces.length, `${word}: ${pieces.join(' | ')}`).toBeGreaterThan(1);
  let offset = 0;
  for (const piece of pieces.slice(0, -1)) {
    expect(piece, `${word}: ${pieces.join(' | ')}`).toMatch(/\p{L}-$/u);
    offset += piece.length - 1;
    expect(patternPoints(word), `${word} broken after „${piece}“`).toContain(offset);
  }
  expect(pieces.map((p, i) => (i < pieces.length - 1 ? p.slice(0, -1) : p)).join('')).toBe(word);
}

/** The lines of the column whose items start at `x` (± 1 pt), top to bottom, below the header. */
function columnLines(items: PdfTextItem[], x: number, headerY: number): string[] {
  return items.filter((i) => Math.abs(i.x - x) < 1 && i.y < headerY - 1).sort((a, b) => b.y - a.y).map((i) => i.str.trim());
}

/** The pieces `word` is set in, taken from the front of `lines` (which loses them). */
function takeWord(lines: string[], word: string): string[] {
  const pieces: string[] = [];
  while (lines.length && !pieces.join('').replace(/-/g, '').startsWith(word)) pieces.push(lines.shift()!);
  return pieces;
}

describe('PDF: column widths from the content', async () => {
  const buf = await renderPdf(columnTree(), theme, { fonts, images: new Map() });
  const items = (await pdfItems(buf, { hyphens: 'keep' }))[0].filter((i) => i.str.trim() !== '' && i.region === 'body');
  const header = HEADERS.map((h) => items.find((i) => i.str.trim() === h));

  it('sets every header word whole, on one line, never cut inside the word', () => {
    expect(header.map((h) => h?.str.trim())).toEqual(HEADERS);
    const y = header[0]!.y;
    // Nothing else on the header line but the header words; none ends in a hyphen.
    const line = items.filter((i) => Math.abs(i.y - y) < 1).map((i) => i.str.trim());
    expect(line).toEqual(HEADERS);
  });

  it('gives a column of short IDs less room than a column of running text, and the table fills the text width', () => {
    const x = header.map((h) => h!.x);
    const widths = x.slice(1, 5).map((v, i) => v - x[i]);
    // Indikatoren (IDs under a long header word) < Beschreibung, Zuständigkeit, Hinweise (running text).
    expect(widths[0]).toBeLessThan(widths[2]);
    expect(widths[0]).toBeLessThan(widths[3]);
    // The ID column is as wide as its header word needs, not a fixed share of the page.
    const pdf = { padding: 8.5 };
    const headerWord = header[0]!.width;
    expect(widths[0]).toBeGreaterThanOrEqual(headerWord + pdf.padding - 0.5);
    expect(widths[0]).toBeLessThan(headerWord + pdf.padding + 6);
    // The amounts' right edges are the table's right edge less the cell padding.
    const ends = AMOUNTS.map((a) => items.find((i) => i.str.trim() === a.replace(' ', '\u00a0')) ?? items.find((i) => i.str.trim() === a)).map((i) => i!.x + i!.width);
    for (const end of ends) expect(Math.abs(end - (right - 4.5))).toBeLessThan(1);
  });

  it('breaks the long words of the narrow column at pattern points with a printed hyphen; IDs and amounts stay whole', async () => {
    const x = header[1]!.x;
    const lines = columnLines(items, x, header[1]!.y);
    for (const word of WORDS) expectPatternBreaks(word, takeWord(lines, word));
    expect(columnLines(items, header[0]!.x, header[0]!.y)).toEqual(IDS);
    // A reader finds the whole words.
    const text = (await pdfPages(buf)).flat().join(' ');
    for (const word of WORDS) expect(text).toContain(word);
  });

  it('the shared layout: no piece too wide, header words whole, widths adding up to the text width', () => {
    const layout = tableColumns(columnTable(), { text: font }, { width: page.contentWidth, fontSize: theme.table.font_size, padding: () => 8.5 });
    expect(layout.tooWide).toEqual([]);
    expect(layout.headerHyphens).toBe(false);
    expect(layout.widths.reduce((a, b) => a + b, 0)).toBeCloseTo(page.contentWidth, 6);
    const [ids, begriff, beschreibung] = layout.widths;
    expect(ids).toBeLessThan(beschreibung);
    expect(begriff).toBeLessThan(beschreibung);
  });

  it('keeps the relative widths a city declares', async () => {
    const declared = await renderPdf(columnTree([10, 10, 20, 20, 20, 20]), theme, { fonts, images: new Map() });
    const got = (await pdfItems(declared, { hyphens: 'keep' }))[0];
    const x = HEADERS.slice(0, 5).map((h) => got.find((i) => i.str.trim() === h || i.str.trim().startsWith(h.slice(0, 4)))!.x);
    const widths = x.slice(1).map((v, i) => v - x[i]);
    const total = page.contentWidth;
    expect(x[0]).toBeCloseTo(left + 4.5, 0);
    expect(widths[0]).toBeCloseTo(total * 0.1, 0);
    expect(widths[1]).toBeCloseTo(total * 0.1, 0);
    expect(widths[2]).toBeCloseTo(total * 0.2, 0);
    expect(widths[3]).toBeCloseTo(total * 0.2, 0);
  });
});

describe('DOCX: the same columns and the same typesetting, read back by LibreOffice', async () => {
  const { renderDocx } = await import('../../src/render/docx/render.js');
  const { docxParts } = await import('../helpers/docx-text.js');
  const { convertWithLibreOffice } = await import('../helpers/libreoffice.js');
  const docx = await renderDocx(columnTree(), theme, { images: new Map(), fonts: [font.normal, font.bold], families: fonts });
  const xml = docxParts(docx).get('word/document.xml')!;

  it('has the PDF\'s column widths, optional hyphens at the pattern points and no-break spaces in amounts', () => {
    const cols = [...xml.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]));
    const pdf = tableColumns(columnTable(), { text: font }, { width: cols.reduce((a, b) => a + b, 0) / 20, fontSize: theme.table.font_size, padding: (i) => 8 + (i === 0 || i === 5 ? 0.75 : 0.5) });
    cols.forEach((w, i) => expect(Math.abs(w - pdf.widths[i] * 20)).toBeLessThanOrEqual(1));
    expect(cols[0]).toBeLessThan(cols[2]);
    const soft = '<w:softHyphen/>';
    expect(xml).toContain(['Inte', 'gra', 'ti', 'ons', 'ma', 'nage', 'ment'].join(`</w:t>${soft}<w:t xml:space="preserve">`));
    expect(xml).toContain('21.700,00\u00a0€');
    // Header words carry no optional hyphen: they wrap between words only.
    const header = /<w:tr\b[\s\S]*?<\/w:tr>/.exec(xml)![0];
    expect(header).not.toContain(soft);
  });

  it('LibreOffice breaks the long words at pattern points with a hyphen, cuts no header word and sets amounts flush right', async () => {
    const { converted } = await convertWithLibreOffice(new Map([['spalten.docx', docx]]), 'pdf');
    const items = (await pdfItems(converted.get('spalten.docx')!, { hyphens: 'keep' }))[0].filter((i) => i.str.trim() !== '' && i.region === 'body');
    const head = HEADERS.map((h) => items.find((i) => i.str.trim() === h));
    expect(head.map((h) => h?.str.trim())).toEqual(HEADERS);
    const lines = columnLines(items, head[1]!.x, head[1]!.y).map((l) => l.replace(/\u00ad$/, '-'));
    for (const word of WORDS) expectPatternBreaks(word, takeWord(lines, word));
    const ends = AMOUNTS.map((a) => items.find((i) => i.str.replace(/\u00a0/g, ' ').trim() === a)).map((i) => i!.x + i!.width);
    for (const end of ends) expect(Math.abs(end - ends[0])).toBeLessThan(1);
  }, 120_000);
});
