/**
 * Page flow in the PDF (issue 15, point 6), read back with pdf.js page by page:
 *
 * - no widows and orphans: a paragraph of four lines or more that breaks across pages leaves
 *   at least two lines at the foot of the one page and two at the top of the next; a
 *   paragraph of three lines may still split. The fixture's paragraphs are built so that
 *   without the rule (its marker stripped from the same definition) one paragraph leaves a
 *   single line at a page's foot and another a single line at a page's top;
 * - a table row taller than a page breaks across pages instead of vanishing, every other row
 *   stays whole;
 * - the header rows of a long table repeat at the top of every page it runs over.
 *
 * Every paragraph's words are `p<k>w<j>`, so each line read back names its paragraph.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Content } from 'pdfmake/interfaces.js';
import type { Block, DocumentTree, TableCell } from '../src/document/tree.js';
import { KEEP_LINES } from '../src/render/pdf/page-flow.js';
import { pdfFromDefinition, renderPdf, toDocDefinition, type PdfRenderOptions } from '../src/render/pdf/render.js';
import { ThemeSchema } from '../src/theme/theme.js';
import { pdfItems, type PdfTextItem } from './helpers/pdf-text.js';
import { checkTaggedPdf, hasQpdf, type CheckedElement } from './helpers/tagged-pdf.js';
import { DEJAVU_FONTS } from './helpers/dejavu.js';

const options: PdfRenderOptions = { fonts: DEJAVU_FONTS, images: new Map() };
const theme = ThemeSchema.parse({});

function document(blocks: Block[]): DocumentTree {
  return {
    kind: 'konzept',
    outPath: 'konzept/seitenfluss',
    meta: { title: 'Seitenfluss', author: 'Stadt Musterstadt', subject: 'Test', keywords: [], lang: 'de-DE', created: new Date('2024-01-31T00:00:00Z') },
    header: 'Seitenfluss',
    blocks,
  };
}

/** Paragraph k of `words` words `p<k>w<j>` (about ten to a line). */
const paragraph = (k: number, words: number): Block => ({
  type: 'paragraph',
  children: [{ type: 'text', value: Array.from({ length: words }, (_, j) => `p${k}w${j + 1}`).join(' ') }],
});

/**
 * Words per paragraph (4 to 10 lines): without the rule paragraph 9 leaves 1 line at the foot
 * of page 1, paragraphs 17 and 32 a single line at the top of pages 3 and 5.
 */
const WORDS = [70, 90, 90, 40, 70, 30, 80, 45, 45, 70, 30, 80, 45, 45, 60, 50, 60, 90, 50, 90, 30, 60, 70, 40, 56, 100, 42, 36, 72, 48, 90, 33, 60, 44, 85, 52, 38];

/** Lines of each paragraph per page: page → paragraph → lines, in reading order. */
interface Split { paragraph: number; lines: number[] }

/** Body lines per page, each named by the paragraph of its first word. */
function linesByPage(pages: PdfTextItem[][]): Array<Array<{ paragraph: number; text: string }>> {
  return pages.map((items) => {
    const rows = new Map<number, PdfTextItem[]>();
    for (const item of items) {
      if (item.region !== 'body' || item.rotated || !item.str.trim()) continue;
      const y = Math.round(item.y);
      rows.set(y, [...(rows.get(y) ?? []), item]);
    }
    return [...rows.entries()].sort((a, b) => b[0] - a[0]).flatMap(([, row]) => {
      const text = row.sort((a, b) => a.x - b.x).map((i) => i.str).join(' ');
      const match = /p(\d+)w\d+/.exec(text);
      return match ? [{ paragraph: Number(match[1]), text }] : [];
    });
  });
}

/** Paragraphs set on more than one page, with their lines on each. */
function splits(pages: PdfTextItem[][]): Split[] {
  const perParagraph = new Map<number, number[]>();
  linesByPage(pages).forEach((lines, page) => {
    for (const { paragraph: k } of lines) {
      const counts = perParagraph.get(k) ?? [];
      counts[page] = (counts[page] ?? 0) + 1;
      perParagraph.set(k, counts);
    }
  });
  return [...perParagraph.entries()].map(([k, counts]) => ({ paragraph: k, lines: counts.filter((n) => n !== undefined) })).filter((s) => s.lines.length > 1);
}

/** The same document without the widow and orphan rule: the marker stripped from every node. */
function withoutRule(node: unknown): void {
  if (Array.isArray(node)) node.forEach(withoutRule);
  else if (node && typeof node === 'object' && Object.getPrototypeOf(node) === Object.prototype) {
    delete (node as Record<string, unknown>)[KEEP_LINES];
    for (const [key, value] of Object.entries(node)) if (key !== '_tag' && key !== '_nodeTag') withoutRule(value);
  }
}

describe('widows and orphans', async () => {
  const tree = document(WORDS.map((words, k) => paragraph(k + 1, words)));
  const buf = await renderPdf(tree, theme, options);
  if (process.env.RATSDOC_PDF_DUMP) writeFileSync(path.join(process.env.RATSDOC_PDF_DUMP, 'seitenfluss.pdf'), buf);
  const pages = await pdfItems(buf);
  const broken = splits(pages);
  const plainDef = toDocDefinition(tree, theme, options);
  withoutRule(plainDef.content);
  const plainItems = await pdfItems(await pdfFromDefinition(plainDef, options));
  const plain = splits(plainItems);
  const plainPages = plainItems.length;

  it('the fixture: without the rule one paragraph leaves a line alone at a page foot, another at a page top', () => {
    const long = plain.filter((s) => s.lines.reduce((a, b) => a + b, 0) >= 4);
    expect(long.some((s) => s.lines[0] === 1), JSON.stringify(plain)).toBe(true);
    expect(long.some((s) => s.lines[s.lines.length - 1] === 1), JSON.stringify(plain)).toBe(true);
  });

  it('leaves at least two lines of a paragraph of four or more on each side of a page break', () => {
    expect(pages.length).toBeGreaterThanOrEqual(4);
    const long = broken.filter((s) => s.lines.reduce((a, b) => a + b, 0) >= 4);
    // Breaks still fall inside paragraphs (the pages are not ended early everywhere).
    expect(long.length).toBeGreaterThanOrEqual(2);
    for (const s of long) expect(Math.min(...s.lines), `paragraph ${s.paragraph}: ${s.lines.join(' + ')}`).toBeGreaterThanOrEqual(2);
  });

  it('keeps every word, in order, and fills the pages (no more than one page more than without the rule)', async () => {
    const words = linesByPage(pages).flat().flatMap((l) => l.text.split(/\s+/).filter((w) => /^p\d+w\d+$/.test(w)));
    expect(words).toEqual(WORDS.flatMap((n, k) => Array.from({ length: n }, (_, j) => `p${k + 1}w${j + 1}`)));
    expect(pages.length).toBeLessThanOrEqual(plainPages + 1);
  });

  it('is byte-identical when rendered twice', async () => {
    expect((await renderPdf(tree, theme, options)).equals(buf)).toBe(true);
  });

  it.skipIf(!hasQpdf())('keeps each paragraph one P in the structure tree, with all its words', async () => {
    const report = await checkTaggedPdf(buf);
    expect(report.problems).toEqual([]);
    const ps: CheckedElement[] = [];
    const walk = (e: CheckedElement) => {
      if (e.role === 'P') ps.push(e);
      e.children.forEach(walk);
    };
    walk(report.root!);
    expect(ps.map((p) => p.text.trim().split(/\s+/).length)).toEqual(WORDS);
  });
});

describe('a three-line paragraph', async () => {
  it('may still split 1 + 2 or 2 + 1', async () => {
    // Paragraphs of three lines only: the rule leaves them alone, so some of them split.
    const tree = document(Array.from({ length: 40 }, (_, k) => paragraph(k + 1, 30)));
    const found = splits(await pdfItems(await renderPdf(tree, theme, options)));
    expect(found.length).toBeGreaterThan(0);
    for (const s of found) expect(s.lines.reduce((a, b) => a + b, 0)).toBe(3);
  });
});

const cell = (value: string): TableCell => ({ children: [{ type: 'text', value }] });

describe('table rows at page breaks', async () => {
  const long = Array.from({ length: 300 }, (_, i) => `Zeile${i + 1} steht hier.`).join(' ');
  const rows: TableCell[][] = Array.from({ length: 60 }, (_, i) => [cell(`Zeile ${i + 1}`), cell(i % 7 === 3 ? 'Ein Eintrag, der über mehrere Zeilen seiner Zelle läuft, damit die Zeilen verschieden hoch sind.' : 'kurz')]);
  rows.splice(40, 0, [cell('lang'), cell(long)]);
  const tree = document([
    { type: 'paragraph', children: [{ type: 'text', value: 'Vor der Tabelle.' }] },
    { type: 'table', variant: 'grid', headerRows: [[cell('Kopf Links'), cell('Kopf Rechts')]], rows },
    { type: 'paragraph', children: [{ type: 'text', value: 'Nach der Tabelle.' }] },
  ]);
  const buf = await renderPdf(tree, theme, options);
  if (process.env.RATSDOC_PDF_DUMP) writeFileSync(path.join(process.env.RATSDOC_PDF_DUMP, 'tabelle.pdf'), buf);
  const pages = await pdfItems(buf);
  const text = pages.map((items) => items.filter((i) => i.region === 'body').map((i) => i.str).join(' ').replace(/\s+/g, ' '));

  it('breaks a row taller than a page across pages and loses none of its text', () => {
    const all = text.join(' ');
    // The long cell's words „Zeile<n>“, in order, each once (a repeated header may stand between lines).
    const numbers = [...all.matchAll(/Zeile(\d+)\b/g)].map((m) => Number(m[1]));
    expect(numbers).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    expect(all.match(/steht hier\./g)).toHaveLength(300);
    const first = text.findIndex((t) => t.includes('Zeile1 '));
    const last = text.findIndex((t) => t.includes('Zeile300 '));
    expect(last - first).toBeGreaterThanOrEqual(1);
    expect(all).toContain('Nach der Tabelle.');
  });

  it('keeps every other row whole on one page', () => {
    for (let i = 1; i <= 60; i++) {
      if (i % 7 !== 4) continue;
      const on = text.flatMap((t, page) => (t.includes(`Zeile ${i} `) ? [page] : []));
      expect(on.length, `row ${i}`).toBe(1);
      expect(text[on[0]], `row ${i} whole`).toContain('damit die Zeilen verschieden hoch sind.');
    }
  });

  it('repeats the header rows at the top of every page the table runs over', () => {
    const tablePages = text.flatMap((t, page) => (/Zeile \d+|Zeile\d+ steht/.test(t) ? [page] : []));
    expect(tablePages.length).toBeGreaterThanOrEqual(3);
    for (const page of tablePages) {
      const body = pages[page].filter((i) => i.region === 'body' && i.str.trim());
      const top = Math.max(...body.filter((i) => !i.str.startsWith('Vor der')).map((i) => i.y));
      const header = body.filter((i) => i.str === 'Kopf Links' || i.str === 'Kopf Rechts');
      expect(header.length, `page ${page + 1}`).toBe(2);
      expect(Math.round(header[0].y), `page ${page + 1}: header on top`).toBe(Math.round(top));
    }
  });
});

describe('blocks taller than a page in other places', async () => {
  const long = (n: number) => Array.from({ length: n }, (_, i) => `Wort${i + 1} steht hier.`).join(' ');
  const words = async (buf: Buffer) => {
    const pages = await pdfItems(buf);
    const all = pages.map((items) => items.filter((i) => i.region === 'body').map((i) => i.str).join(' ')).join(' ');
    return { pages: pages.length, numbers: [...all.matchAll(/Wort(\d+)\b/g)].map((m) => Number(m[1])), all };
  };
  const upTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

  it('breaks the first body row (kept with the header) when it is taller than a page', async () => {
    const rows = [[cell('lang'), cell(long(300))], [cell('zwei'), cell('kurz')]];
    const found = await words(await renderPdf(document([{ type: 'table', variant: 'grid', headerRows: [[cell('Kopf A'), cell('Kopf B')]], rows }]), theme, options));
    expect(found.numbers).toEqual(upTo(300));
    expect(found.pages).toBeGreaterThanOrEqual(2);
    expect(found.all).toContain('zwei');
  });

  it('breaks row 0 of a table without header rows when it is taller than a page', async () => {
    const rows = [[cell('lang'), cell(long(300))], [cell('zwei'), cell('kurz')]];
    const found = await words(await renderPdf(document([{ type: 'table', variant: 'grid', headerRows: [], rows }]), theme, options));
    expect(found.numbers).toEqual(upTo(300));
    expect(found.all).toContain('zwei');
  });

  it('sets an unbreakable block taller than a page across pages instead of dropping it', async () => {
    // pdfmake drops an unbreakable block that does not fit on a fresh page; here one of 1200 words.
    const def = toDocDefinition(document([paragraph(1, 3), paragraph(2, 1200), paragraph(3, 3)]), theme, options);
    const content = def.content as Content[];
    content[1] = { stack: [content[1]], unbreakable: true };
    const pages = await pdfItems(await pdfFromDefinition(def, options));
    const all = pages.map((items) => items.filter((i) => i.region === 'body').map((i) => i.str).join(' ')).join(' ');
    expect([...all.matchAll(/p2w(\d+)\b/g)].map((m) => Number(m[1]))).toEqual(upTo(1200));
    expect(all).toContain('p3w3');
  });
});

describe('a heading followed by a one-line paragraph', () => {
  it('stays on the page of the block after that line („Handlungsziel …“, „Frist: …“, indicator table)', async () => {
    const pagesOf = (pages: PdfTextItem[][], needle: string) => pages.flatMap((items, page) => (items.some((i) => i.str.includes(needle)) ? [page] : []));
    let splitBefore = 0;
    // The filler moves the heading across the last lines of page 1.
    for (let words = 380; words <= 480; words += 10) {
      const blocks: Block[] = [
        paragraph(1, words),
        { type: 'heading', depth: 2, number: '5.1', anchor: 'ziel', toc: false, children: [{ type: 'text', value: 'Handlungsziel Kopf' }] },
        { type: 'paragraph', children: [{ type: 'text', value: 'Frist: Dezember 2021' }] },
        { type: 'table', variant: 'grid', headerRows: [[cell('Ausgangswert'), cell('Zielwert')]], rows: [[cell('12 %'), cell('16 %')], [cell('13 %'), cell('17 %')]] },
      ];
      const pages = await pdfItems(await renderPdf(document(blocks), theme, options));
      const heading = pagesOf(pages, 'Handlungsziel Kopf');
      expect(heading, `${words} words`).toEqual(pagesOf(pages, 'Frist: Dezember 2021'));
      expect(heading, `${words} words`).toEqual(pagesOf(pages, 'Ausgangswert'));
      if (heading[0] === 1) splitBefore++;
    }
    // Some fillers push the group onto page 2 (so the keeping is exercised).
    expect(splitBefore).toBeGreaterThan(0);
  });
});
