/**
 * The hooks into pdfmake 0.3.11 (pinned exactly in package.json: they rely on its internals)
 * that turn the `_tag` of every drawn item into marked content.
 *
 * - `Renderer`: each line, vector, image and SVG is drawn inside the marked-content
 *   sequence of its tag (a structure element's slot → `/P <</MCID n>> BDC`, an artifact →
 *   `/Artifact BMC`); a line mixing tags (a paragraph with a link) is drawn as consecutive
 *   runs with the whole line's metrics. Text without a tag is left outside any sequence,
 *   so the checker finds it; vectors without one (borders, rules, fills) are artifacts.
 * - `PageElementWriter.pushToRepeatables`: table header rows repeated on later pages are
 *   artifacts (their first occurrence is the content).
 * - `DocPreprocessor.preprocessText`: a node's `_nodeTag` reaches its string text (pdfmake
 *   copies only fragment properties onto words, and sets `pageReference` texts itself).
 *   A separate name from the fragments' `_tag`, since pdfmake preprocesses fragments too.
 *
 * The wrappers are installed once per process and do nothing for definitions without tags.
 */
import { createRequire } from 'node:module';
import { LAYOUT, PAGINATION, isSlot, type ContentSlot, type ContentTag, type StructElement, type StructureTree } from './structure.js';

const require = createRequire(import.meta.url);

/** The parts of pdfkit's document the hooks use. */
export interface PdfKitDoc {
  page: { dictionary: { data: Record<string, unknown> }; annotations: unknown[] };
  addPage: (...args: unknown[]) => unknown;
  annotate: (x: number, y: number, w: number, h: number, options: Record<string, unknown>) => unknown;
  markContent: (tag: string, options?: Record<string, unknown> | null) => unknown;
  markStructureContent: (tag: string, options?: Record<string, unknown>) => { refs: Array<{ pageRef: unknown; mcid: number }> };
  endMarkedContent: () => unknown;
  createStructParentTreeNextKey: () => number;
  /** The tagging state of this document's render (set by the hooks). */
  _ratsdocMarks?: Marker;
}

interface PdfmakeLine {
  inlines: Array<{ _tag?: ContentTag }>;
  _artifact?: boolean;
  clone: () => PdfmakeLine;
  getHeight: () => number;
  getAscenderHeight: () => number;
  [key: string]: unknown;
}

interface PageItem { type: string; item: { _tag?: ContentTag; inlines?: Array<{ _tag?: ContentTag }> } }

/**
 * The marking state of one render: which sequence is open, what was drawn untagged.
 * Sequences are closed before every page break, so none spans pages.
 */
export class Marker {
  private open: ContentTag | undefined;
  /** Text lines drawn without any tag (must stay 0). */
  untaggedText = 0;

  constructor(private readonly doc: PdfKitDoc, readonly tree: StructureTree) {
    const addPage = doc.addPage;
    doc.addPage = (...args: unknown[]) => {
      this.close();
      const result = addPage.apply(doc, args);
      // Tab order follows the structure (PDF/UA-1 7.18.3; Matterhorn 28-005 … for annotations).
      doc.page.dictionary.data.Tabs = 'S';
      return result;
    };
    const annotate = doc.annotate;
    doc.annotate = (x, y, w, h, options) => {
      const link = this.openLink();
      if (!link) return annotate.call(doc, x, y, w, h, options);
      const key = doc.createStructParentTreeNextKey();
      options.StructParent = key;
      if (link.options.linkText) options.Contents = new String(link.options.linkText);
      const result = annotate.call(doc, x, y, w, h, options);
      link.annotations.push({ key, ref: doc.page.annotations[doc.page.annotations.length - 1], pageRef: doc.page.dictionary });
      return result;
    };
  }

  /** Makes `tag` the open sequence (`undefined`: none, for untagged text). */
  mark(tag: ContentTag | undefined): void {
    if (tag === this.open) return;
    this.close();
    if (tag === undefined) return;
    if (isSlot(tag)) {
      const content = this.doc.markStructureContent(tag.owner.role);
      tag.refs.push(...content.refs);
    } else {
      this.doc.markContent('Artifact', { type: tag.artifact });
    }
    this.open = tag;
  }

  close(): void {
    if (this.open === undefined) return;
    this.doc.endMarkedContent();
    this.open = undefined;
  }

  /** The Link element whose content is being drawn, if any. */
  private openLink(): StructElement | undefined {
    return isSlot(this.open) && this.open.owner.role === 'Link' ? this.open.owner : undefined;
  }
}

/** The structure tree a render's pages belong to: that of their first content slot. */
function treeOf(pages: Array<{ items: PageItem[] }>): StructureTree | undefined {
  for (const page of pages) {
    for (const { item } of page.items) {
      const tag = item._tag ?? item.inlines?.find((i) => isSlot(i._tag))?._tag;
      if (isSlot(tag)) return (tag as ContentSlot).tree;
    }
  }
  return undefined;
}

/**
 * Consecutive inlines of a line with the same tag, each as a line of its own that keeps the
 * whole line's height and ascender (so the baseline does not move) and, for the first run
 * only, the line's outline entry, page reference and link target.
 */
function runsOf(line: PdfmakeLine): Array<{ tag: ContentTag | undefined; line: PdfmakeLine }> {
  const runs: Array<{ tag: ContentTag | undefined; inlines: PdfmakeLine['inlines'] }> = [];
  for (const inline of line.inlines) {
    const last = runs[runs.length - 1];
    if (last && last.tag === inline._tag) last.inlines.push(inline);
    else runs.push({ tag: inline._tag, inlines: [inline] });
  }
  if (runs.length <= 1) return [{ tag: runs[0]?.tag, line }];
  const height = line.getHeight();
  const ascender = line.getAscenderHeight();
  return runs.map((run, index) => {
    const part = line.clone();
    part.inlines = run.inlines;
    part.getHeight = () => height;
    part.getAscenderHeight = () => ascender;
    if (index > 0) {
      delete part._outline;
      delete part._pageNodeRef;
      delete part.id;
    }
    return { tag: run.tag, line: part };
  });
}

type Method = (this: { pdfDocument: PdfKitDoc }, ...args: never[]) => unknown;

let installed = false;

/** Installs the wrappers (once per process). */
export function installTaggingHooks(): void {
  if (installed) return;
  installed = true;
  const Renderer = require('pdfmake/js/Renderer.js').default;
  const PageElementWriter = require('pdfmake/js/PageElementWriter.js').default;
  const DocPreprocessor = require('pdfmake/js/DocPreprocessor.js').default;
  const proto = Renderer.prototype as Record<string, Method>;
  const original: Record<string, Method> = {};
  for (const name of ['renderPages', 'renderLine', 'renderVector', 'renderImage', 'renderSVG', 'renderWatermark']) {
    if (typeof proto[name] !== 'function') throw new Error(`pdfmake: Renderer.${name} fehlt (pdfmake-Version geändert?)`);
    original[name] = proto[name];
  }
  const marks = (self: { pdfDocument: PdfKitDoc }) => self.pdfDocument._ratsdocMarks;

  proto.renderPages = function renderPages(this: { pdfDocument: PdfKitDoc }, pages: Array<{ items: PageItem[] }>) {
    const tree = treeOf(pages);
    if (tree) this.pdfDocument._ratsdocMarks = new Marker(this.pdfDocument, tree);
    const result = original.renderPages.call(this, pages as never);
    marks(this)?.close();
    return result;
  } as Method;

  proto.renderLine = function renderLine(this: { pdfDocument: PdfKitDoc }, line: PdfmakeLine, x: number, y: number) {
    const m = marks(this);
    if (!m) return original.renderLine.call(this, line as never, x as never, y as never);
    if (line._artifact) {
      m.mark(LAYOUT);
      return original.renderLine.call(this, line as never, x as never, y as never);
    }
    for (const run of runsOf(line)) {
      if (run.tag === undefined) m.untaggedText++;
      m.mark(run.tag);
      original.renderLine.call(this, run.line as never, x as never, y as never);
    }
    return undefined;
  } as Method;

  for (const name of ['renderVector', 'renderImage', 'renderSVG'] as const) {
    proto[name] = function renderItem(this: { pdfDocument: PdfKitDoc }, item: { _tag?: ContentTag }) {
      marks(this)?.mark(item._tag ?? LAYOUT);
      return original[name].call(this, item as never);
    } as Method;
  }

  proto.renderWatermark = function renderWatermark(this: { pdfDocument: PdfKitDoc }, page: unknown) {
    marks(this)?.mark(PAGINATION);
    const result = original.renderWatermark.call(this, page as never);
    marks(this)?.close();
    return result;
  } as Method;

  // Repeated header rows: the copies pdfmake draws on later pages are artifacts.
  const writerProto = PageElementWriter.prototype as Record<string, Method>;
  const pushToRepeatables = writerProto.pushToRepeatables;
  if (typeof pushToRepeatables !== 'function') throw new Error('pdfmake: PageElementWriter.pushToRepeatables fehlt (pdfmake-Version geändert?)');
  writerProto.pushToRepeatables = function pushRepeatable(this: unknown, rep: { items: Array<{ type: string; item: Record<string, unknown> & { clone?: () => Record<string, unknown> } }> }) {
    const items = rep.items.map(({ type, item }) => {
      const copy = type === 'line' && item.clone ? item.clone() : { ...item };
      if (type === 'line') copy._artifact = true;
      else copy._tag = LAYOUT;
      return { type, item: copy };
    });
    return pushToRepeatables.call(this as never, { ...rep, items } as never);
  } as Method;

  const preprocessorProto = DocPreprocessor.prototype as Record<string, Method>;
  const preprocessText = preprocessorProto.preprocessText;
  if (typeof preprocessText !== 'function') throw new Error('pdfmake: DocPreprocessor.preprocessText fehlt (pdfmake-Version geändert?)');
  preprocessorProto.preprocessText = function preprocessTaggedText(this: unknown, node: { text?: unknown; _nodeTag?: ContentTag }) {
    const result = preprocessText.call(this as never, node as never) as { text?: unknown; _nodeTag?: ContentTag };
    if (result._nodeTag && typeof result.text === 'string' && result.text !== '') result.text = [{ text: result.text, _tag: result._nodeTag }];
    return result;
  } as Method;
}
