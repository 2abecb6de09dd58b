/**
 * Footnotes at the bottom of the page that references them. pdfmake 0.3.11 has no footnotes,
 * so three hooks into its layout (pinned version, like `tagging/hooks.ts`) do it:
 *
 * - `LayoutBuilder.tryLayoutDocument`: lays the document out, learns on which page each
 *   footnote marker landed and how tall that page's notes are, and lays it out again with
 *   that much more bottom margin on those pages, until every page has room for its notes
 *   (the reserve only grows, so this ends; a few passes at most, and only for documents
 *   with footnotes). When a marker's line and its note no longer fit on a page, the line
 *   moves on with its note and that page keeps the band it reserved, empty: the page ends
 *   a little short, as a book page with footnotes does (measured on the example's Konzept:
 *   three passes, two such pages). Trying to take the empty band back costs two more passes
 *   and, there, brings the marker back, so it is not tried. The layout is repeated in place, as pdfmake itself does for
 *   `pageBreakBefore`; the structure tree is untouched (marked content is assigned later,
 *   when the final pages are drawn).
 * - `DocumentContext.initializePage`: the page's bottom margin is the theme's plus that
 *   page's reserve, so the body text ends above the notes.
 * - `LayoutBuilder.addHeadersAndFooters`: header and footer keep the theme's margins; each
 *   page's notes (numbered per document, in order) are set in the reserved band, flush with
 *   the end of the body area. Their text is tagged as the Note elements of the structure
 *   tree (not as artifacts), the markers as References, so the PDF stays tagged.
 *
 * A document opts in by carrying a `FootnoteArea` on its content array (`FOOTNOTE_AREA`).
 * The same loop lays a document out again when `page-flow.ts` found a table row or kept
 * block taller than a page (set breakable in the next pass); a document with neither
 * footnotes nor such a block is laid out once. Widows and orphans need no pass of their own.
 */
import { createRequire } from 'node:module';
import type { Content } from 'pdfmake/interfaces.js';
import { beginFlowPass, installPageFlowHooks, needsAnotherPass } from './page-flow.js';

const require = createRequire(import.meta.url);

/** The property of a definition's `content` array that holds its footnotes. */
export const FOOTNOTE_AREA = '_ratsdocFootnotes';

/** The footnotes of one document. */
export interface FootnoteArea {
  /** A fresh node with the notes `numbers` (in this order) for the foot of one page. */
  node(numbers: readonly number[]): Content;
}

/** The inline property that marks a footnote marker with its note's number. */
export const FOOTNOTE_MARK = '_footnote';

/** Layout passes at most (the reserve converges in two or three; a too tall block adds one). */
const MAX_PASSES = 6;

interface Margins { left: number; top: number; right: number; bottom: number }
interface PdfmakePage { items: Array<{ type: string; item: { inlines?: Array<Record<string, unknown>> } }>; pageSize: { width: number; height: number }; pageMargins: Margins }
interface PdfmakeContext { page: number; pages: PdfmakePage[]; pageMargins: Margins; y: number; getCurrentPage(): PdfmakePage }
interface PdfmakeBuilder {
  writer: { context(): PdfmakeContext; beginUnbreakableBlock(w: number, h: number): void; commitUnbreakableBlock(x: number, y: number): void };
  docPreprocessor: { preprocessBlock(node: unknown): unknown };
  docMeasure: { measureBlock(node: unknown): unknown };
  processNode(node: unknown): void;
  linearNodeList: Array<{ resetXY(): void }>;
}

/** The pass being laid out: its document's notes, reserves and what the pages needed. */
interface Pass {
  area: FootnoteArea;
  /** Extra bottom margin per page index (pt). */
  reserve: number[];
  /** Height the notes of each page took in this pass (pt). */
  needed: number[];
  /** The document's own page context (not those of headers, footers or unbreakable blocks). */
  main?: PdfmakeContext;
  base?: Margins;
}

/** Layout is synchronous: one pass at a time per thread. */
let active: Pass | undefined;

let installed = false;

/** Installs the hooks (once per process); definitions without footnotes are laid out as before. */
export function installFootnoteHooks(): void {
  if (installed) return;
  installed = true;
  installPageFlowHooks();
  const LayoutBuilder = require('pdfmake/js/LayoutBuilder.js').default;
  const DocumentContext = require('pdfmake/js/DocumentContext.js').default;
  const builder = LayoutBuilder.prototype as Record<string, (...args: never[]) => unknown>;
  const context = DocumentContext.prototype as Record<string, (...args: never[]) => unknown>;
  for (const [proto, name] of [[builder, 'tryLayoutDocument'], [builder, 'addHeadersAndFooters'], [context, 'initializePage']] as const) {
    if (typeof proto[name] !== 'function') throw new Error(`pdfmake: ${name} fehlt (pdfmake-Version geändert?)`);
  }
  const tryLayout = builder.tryLayoutDocument;
  const headersAndFooters = builder.addHeadersAndFooters;
  const initializePage = context.initializePage;

  builder.tryLayoutDocument = function layoutWithFootnotes(this: PdfmakeBuilder, ...args: unknown[]) {
    const area = (args[0] as Record<string, unknown> | undefined)?.[FOOTNOTE_AREA] as FootnoteArea | undefined;
    const reserve: number[] = [];
    for (let pass = 1; ; pass++) {
      const current: Pass | undefined = area && { area, reserve, needed: [] };
      active = current;
      beginFlowPass();
      let result: unknown;
      try {
        result = tryLayout.apply(this, args as never[]);
      } finally {
        active = undefined;
      }
      const short = current?.needed.some((h, i) => h > (reserve[i] ?? 0) + 0.01) ?? false;
      if ((!short && !needsAnotherPass()) || pass === MAX_PASSES) return result;
      current?.needed.forEach((h, i) => (reserve[i] = Math.max(reserve[i] ?? 0, h)));
      for (const node of this.linearNodeList) node.resetXY();
    }
  } as never;

  context.initializePage = function initializeWithReserve(this: PdfmakeContext) {
    const pass = active;
    if (pass) {
      // The first context to start a page in a pass is the document's own.
      if (!pass.main) {
        pass.main = this;
        pass.base = this.pageMargins;
      }
      if (pass.main === this && pass.base) {
        const extra = pass.reserve[this.page] ?? 0;
        this.pageMargins = extra ? { ...pass.base, bottom: pass.base.bottom + extra } : pass.base;
        this.getCurrentPage().pageMargins = this.pageMargins;
      }
    }
    return initializePage.call(this as never);
  } as never;

  builder.addHeadersAndFooters = function footnotesAtTheFoot(this: PdfmakeBuilder, ...args: unknown[]) {
    const pass = active;
    if (!pass?.base) return headersAndFooters.apply(this, args as never[]);
    const ctx = this.writer.context();
    const base = pass.base;
    // Each note goes to the page of its first marker.
    const pageOf = new Map<number, number>();
    ctx.pages.forEach((page, index) => {
      for (const { type, item } of page.items) {
        if (type !== 'line') continue;
        for (const inline of item.inlines ?? []) {
          const n = inline[FOOTNOTE_MARK];
          if (typeof n === 'number' && !pageOf.has(n)) pageOf.set(n, index);
        }
      }
    });
    // Header and footer stand where the theme puts them, whatever a page reserves.
    for (const page of ctx.pages) page.pageMargins = base;
    const result = headersAndFooters.apply(this, args as never[]);
    const byPage = new Map<number, number[]>();
    for (const [n, index] of [...pageOf].sort((a, b) => a[0] - b[0])) byPage.set(index, [...(byPage.get(index) ?? []), n]);
    for (const [index, numbers] of [...byPage].sort((a, b) => a[0] - b[0])) {
      ctx.page = index;
      const { width, height } = ctx.pages[index].pageSize;
      this.writer.beginUnbreakableBlock(width, height);
      const node = this.docPreprocessor.preprocessBlock(pass.area.node(numbers));
      this.processNode(this.docMeasure.measureBlock(node));
      const used = this.writer.context().y;
      this.writer.commitUnbreakableBlock(0, height - base.bottom - used);
      pass.needed[index] = used;
    }
    return result;
  } as never;
}

/**
 * A copy of a pdfmake node for one more layout (pdfmake writes into the nodes it lays out):
 * arrays and plain objects are copied, everything else (the structure tree's tags) is shared.
 */
export function cloneNode<T>(node: T): T {
  if (Array.isArray(node)) return node.map(cloneNode) as T;
  if (node && typeof node === 'object' && Object.getPrototypeOf(node) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) out[key] = key === '_tag' || key === '_nodeTag' ? value : cloneNode(value);
    return out as T;
  }
  return node;
}
