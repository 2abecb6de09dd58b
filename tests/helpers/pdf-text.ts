/**
 * Reading text back from PDF bytes in tests, with pdfjs-dist (legacy build for Node).
 *
 * pdfjs returns text items in drawing order: for ratsdoc's pdfmake output that is reading
 * order (table cells row by row), with the running header and footer drawn last on each
 * page. Items are classified by the y position of their baseline: above the top page
 * margin → `header`, below the bottom margin → `footer`, else `body`. The default margins
 * are the default theme's (25 mm top, 22 mm bottom); pass others when a test uses another
 * theme. Rotated items (the draft watermark) are flagged `rotated` and left out of
 * `pdfPages`, `pdfRegionText` and `pdfText`; whitespace-only items (pdfjs inserts them
 * between runs) are left out of `pdfPages`.
 *
 * Like a reader, the helpers dehyphenate (unless `hyphens: 'keep'`): a line ending in a letter
 * and „-“ followed by a line starting with a lowercase letter is one word broken at a syllable
 * („Kirchen-“ + „gemeinden sind“ → „Kirchengemeinden“ + „sind“), unless the next word is a
 * conjunction („Sprach-“ + „und Kulturmittler“ stays). A hyphen before a capital („Bergkamen-“
 * + „Mitte“) is the word's own and stays as it is.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const MM = 72 / 25.4;

/** Page margins (pt) separating running header/footer from the body. */
export interface PdfTextOptions {
  /** Top page margin in pt (default 25 mm). */
  top?: number;
  /** Bottom page margin in pt (default 22 mm). */
  bottom?: number;
  /** `keep`: the text as drawn, line-end hyphens and all (default: dehyphenated). */
  hyphens?: 'keep' | 'join';
}

/** One text item of a page with its position (pt, origin bottom left) and region. */
export interface PdfTextItem {
  str: string;
  x: number;
  y: number;
  /** Advance width of the item (pt). */
  width: number;
  /** The item ends a line (pdfjs `hasEOL`). */
  eol: boolean;
  /** Drawn rotated, e.g. the draft watermark. */
  rotated: boolean;
  region: 'header' | 'body' | 'footer';
}

/** Loads a PDF from bytes (a copy: pdfjs detaches the array it is given). */
export async function loadPdf(buf: Uint8Array) {
  return getDocument({ data: new Uint8Array(buf), verbosity: 0, isEvalSupported: false, useSystemFonts: false }).promise;
}

/** All text items per page, with positions and header/body/footer region. */
export async function pdfItems(buf: Uint8Array, options: PdfTextOptions = {}): Promise<PdfTextItem[][]> {
  const top = options.top ?? 25 * MM;
  const bottom = options.bottom ?? 22 * MM;
  const doc = await loadPdf(buf);
  try {
    const pages: PdfTextItem[][] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const height = page.view[3] - page.view[1];
      const content = await page.getTextContent();
      const items: PdfTextItem[] = [];
      for (const item of content.items) {
        if (!('str' in item)) continue;
        const [x, y] = [item.transform[4], item.transform[5]];
        const region = y > height - top ? 'header' : y < bottom ? 'footer' : 'body';
        const rotated = Math.abs(item.transform[1]) > 1e-6 || Math.abs(item.transform[2]) > 1e-6;
        items.push({ str: item.str, x, y, width: item.width, eol: item.hasEOL, rotated, region });
      }
      pages.push(options.hyphens === 'keep' ? items : dehyphenate(items));
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

/** After a line-end hyphen, these words show a suspended compound („Sprach- und …“). */
const CONJUNCTIONS = new Set(['und', 'oder', 'bis', 'sowie', 'bzw', 'als', 'wie', 'noch', 'wo']);

/** Joins words broken at a syllable across lines (see the module comment). */
export function dehyphenate(items: PdfTextItem[]): PdfTextItem[] {
  const out = items.map((item) => ({ ...item }));
  for (let i = 0; i < out.length; i++) {
    const item = out[i];
    if (!/\p{L}-$/u.test(item.str)) continue;
    let j = i + 1;
    while (j < out.length && out[j].str.trim() === '' && out[j].region === item.region) j++;
    const next = out[j];
    // The next piece of text starts a new line (pdf.js may flag the end on a blank item).
    if (!next || next.region !== item.region || (!item.eol && Math.abs(next.y - item.y) < 1)) continue;
    const m = /^(\p{Ll}[^\s\u00a0]*)(.*)$/su.exec(next.str);
    if (!m || CONJUNCTIONS.has(m[1].replace(/\P{L}+$/u, ''))) continue;
    if (m[2] === '' && next.eol && /\p{L}-$/u.test(m[1])) {
      // The next line is a middle piece broken again („Kirchen-“ / „gemein-“ / „den“): take it
      // whole and look at this item again.
      item.str = item.str.slice(0, -1) + m[1];
      next.str = '';
      i--;
      continue;
    }
    item.str = item.str.slice(0, -1) + m[1];
    // The rest of the line (after the word) stays where it was.
    next.str = m[2].replace(/^[\s\u00a0]/, '');
  }
  return out;
}

/**
 * The same for a text whose lines were joined by spaces (a structure element's text): „Kirchen-
 * gemeinden“ → „Kirchengemeinden“, „Sprach- und“ stays. `joined: ''` for lines joined with
 * nothing between them (`pdfinfo -struct-text`: „Kirchen-gemeinden“).
 */
export function dehyphenateText(text: string, joined: ' ' | '' = ' '): string {
  const re = joined === ' ' ? /(\p{L})- (\p{Ll}[^\s\u00a0]*)/gu : /(\p{L})-(\p{Ll}[^\s\u00a0]*)/gu;
  return text.replace(re, (all, letter: string, next: string) =>
    (CONJUNCTIONS.has(next.replace(/\P{L}+$/u, '')) ? all : letter + next));
}

/**
 * Per page the body text items in drawing order: running header, footer and watermark
 * removed, whitespace-only items dropped. A TOC line is `['1 Einleitung', '3']`.
 */
export async function pdfPages(buf: Uint8Array, options: PdfTextOptions = {}): Promise<string[][]> {
  const pages = await pdfItems(buf, options);
  return pages.map((items) => items.filter((i) => i.region === 'body' && !i.rotated && i.str.trim() !== '').map((i) => i.str));
}

/**
 * Per page the text of one region (`'footer'` → `['Seite 1 von 2', …]`), items joined,
 * a line break after items ending a line, trimmed; watermark left out.
 */
export async function pdfRegionText(buf: Uint8Array, region: PdfTextItem['region'], options: PdfTextOptions = {}): Promise<string[]> {
  const pages = await pdfItems(buf, options);
  return pages.map((items) => joinItems(items.filter((i) => i.region === region && !i.rotated)).trim());
}

/** The body text of the whole document: items joined, lines by `\n`, pages by `\n\f\n`. */
export async function pdfText(buf: Uint8Array, options: PdfTextOptions = {}): Promise<string> {
  return (await pdfRegionText(buf, 'body', options)).join('\n\f\n');
}

function joinItems(items: PdfTextItem[]): string {
  return items.map((i) => i.str + (i.eol ? '\n' : '')).join('');
}

/** Document metadata: the Info dictionary (plus pdfjs' `Language`) and a getter for parsed XMP. */
export interface PdfMetadata {
  info: Record<string, unknown>;
  /** An XMP property (`dc:title`, `pdf:Keywords`, …) from pdfjs' XMP parser; null without XMP. */
  xmp: (name: string) => unknown;
}

/** Reads the Info dictionary and the XMP packet (parsed by pdfjs, so malformed XMP shows). */
export async function pdfMetadata(buf: Uint8Array): Promise<PdfMetadata> {
  const doc = await loadPdf(buf);
  try {
    const { info, metadata } = await doc.getMetadata();
    return { info: info as Record<string, unknown>, xmp: (name) => (metadata ? metadata.get(name) : null) };
  } finally {
    await doc.destroy();
  }
}
