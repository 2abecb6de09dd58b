/**
 * Runs of same-styled words drawn as one text object. pdfmake 0.3.11 (pinned exactly: this
 * replaces its `Renderer.renderLine`) draws a line word by word (its renderLine has a TODO
 * about it): each word its own `q … BT Tm Tf [..] TJ ET Q`, with its font, colour and opacity
 * set again, and each linked word its own link annotation.
 *
 * This renderLine is pdfmake's, except that consecutive words drawn alike (same font object,
 * size, colour, opacity, baseline, link target) become one run: one text object whose TJ
 * array holds each word's glyphs (with its trailing space glyph, so extracted text keeps its
 * spaces) as pdfkit would encode them, pdfkit's kerning adjustments inside the word, and after
 * each word one numeric adjustment that moves the pen exactly to the next word's x as pdfmake
 * placed it (justification, kerning, the hyphenation hook's hyphen all included). The pen
 * position is followed in the numbers as written to the file (the font's /W widths, the TJ
 * adjustments, all rounded as pdfkit rounds), so every word starts where its own text object
 * would have put it, to about 1e-8 pt: the page renders pixel for pixel as before.
 *
 * A run gets one link annotation over its words. Words with font features, character
 * spacing, a page reference, `linkToPage`, a line break or glyph offsets (GPOS marks) are
 * drawn by pdfmake's own code, as are fonts that are not embedded TrueType/OpenType fonts.
 * Backgrounds and decorations are drawn from the line's inlines as before.
 *
 * Installed before the tagging hooks (`engine.ts`): they split a line into runs of one
 * structure element each and call this for every part, so a run never spans two elements
 * and each run lies inside one marked-content sequence.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** pdfkit's embedded font (`EmbeddedFont`), the parts used here. */
interface EmbeddedFont {
  id: string;
  ascender: number;
  widths: number[];
  subset: unknown;
  ref: () => unknown;
  layout: (text: string) => { positions: Glyph[] };
  encode: (text: string) => [string[], Glyph[]];
}

interface Glyph {
  xAdvance: number;
  advanceWidth: number;
  xOffset: number;
  yOffset: number;
}

/** A pdfmake inline (a measured word), the parts used here. */
interface Inline {
  text: string;
  x: number;
  width: number;
  height: number;
  font: EmbeddedFont;
  fontSize: number;
  color?: unknown;
  opacity?: unknown;
  link?: unknown;
  linkToDestination?: unknown;
  linkToPage?: number;
  characterSpacing?: number;
  fontFeatures?: unknown;
  sup?: boolean;
  sub?: boolean;
  alignment?: string;
  _pageNodeRef?: { positions?: Array<{ pageNumber: number }> };
}

interface Line {
  inlines: Inline[];
  id?: string;
  _outline?: { text: string; expanded?: boolean; parentId?: string; id?: string };
  _pageNodeRef?: { positions?: Array<{ pageNumber: number }> };
  getHeight: () => number;
  getAscenderHeight: () => number;
}

/** pdfkit's document, the parts used here. */
interface PdfKitDocument {
  x: number;
  y: number;
  page: { height: number; fonts: Record<string, unknown> };
  outline: { addItem: (text: string, options: { expanded?: boolean }) => unknown };
  _font: EmbeddedFont;
  _fontSize: number;
  _currentStructureElement?: { dictionary: { data: { S?: string } } };
  opacity: (value: number) => unknown;
  fill: (color: unknown) => unknown;
  resolveColor: (color: unknown, fallback: unknown) => unknown;
  fontSize: (size: number) => unknown;
  text: (text: string, x: number, y: number, options: Record<string, unknown>) => unknown;
  widthOfString: (text: string, options?: Record<string, unknown>) => number;
  currentLineHeight: (includeGap?: boolean) => number;
  link: (x: number, y: number, w: number, h: number, url: unknown, options?: Record<string, unknown>) => unknown;
  goTo: (x: number, y: number, w: number, h: number, name: unknown) => unknown;
  addNamedDestination: (name: string, ...args: unknown[]) => unknown;
  ref: (data: Record<string, unknown>) => { end: () => unknown };
  annotate: (x: number, y: number, w: number, h: number, options: Record<string, unknown>) => unknown;
  save: () => unknown;
  restore: () => unknown;
  transform: (a: number, b: number, c: number, d: number, e: number, f: number) => unknown;
  addContent: (data: string) => unknown;
}

interface RendererThis {
  pdfDocument: PdfKitDocument;
  outlineMap: Record<string, unknown>;
}

type RenderLine = (this: RendererThis, line: Line, x: number, y: number) => unknown;

/** pdfkit's rounding of numbers written to the file (`PDFObject.number`). */
const num = (n: number): number => Math.round(n * 1e6) / 1e6;

const isNumber = (v: unknown): v is number => typeof v === 'number' || v instanceof Number;

/** pdfmake's `offsetText`: the baseline shift of superscript and subscript. */
function offsetText(y: number, inline: Inline): number {
  let shifted = y;
  if (inline.sup) shifted -= inline.fontSize * 0.75;
  if (inline.sub) shifted += inline.fontSize * 0.35;
  return shifted;
}

let enabled = true;
let installed = false;
/** Text objects written for runs of more than one word (for the tests). */
export const runStats = { runs: 0, words: 0 };

/** Switches run drawing off (pdfmake's per-word drawing) or on; the tests compare both. */
export function setTextRuns(on: boolean): void {
  enabled = on;
}

/** A word pdfmake would draw with `text()`, with what it would pass. */
interface Word {
  inline: Inline;
  index: number;
  x: number;
  y: number;
  opacity: number;
  /** Encoded glyphs and their positions, when the word can join a run. */
  encoded?: [string[], Glyph[]];
}

function isEmbedded(font: EmbeddedFont): boolean {
  return typeof font.encode === 'function' && typeof font.layout === 'function' && Array.isArray(font.widths) && font.subset != null && typeof font.id === 'string';
}

/** Whether the word can be drawn as part of a run at all (else pdfmake's own code draws it). */
function runnable(inline: Inline): boolean {
  if (inline._pageNodeRef || inline.linkToPage || inline.fontFeatures || inline.characterSpacing) return false;
  if (typeof inline.text !== 'string' || inline.text === '' || inline.text.includes('\n')) return false;
  if (!isEmbedded(inline.font)) return false;
  return inline.font.layout(inline.text).positions.every((p) => !p.xOffset && !p.yOffset);
}

/** Whether `b` is drawn exactly like `a` (state, baseline and link), so both join a run. */
function alike(a: Word, b: Word): boolean {
  const p = a.inline;
  const q = b.inline;
  return p.font === q.font && p.fontSize === q.fontSize && p.color === q.color && a.opacity === b.opacity && a.y === b.y && p.link === q.link && p.linkToDestination === q.linkToDestination;
}

/**
 * Writes the words as one text object, each word's first glyph where pdfkit would put it
 * (`_fragment` with the default baseline, no rotation, features or spacing).
 */
function drawRun(doc: PdfKitDocument, words: Word[], destination: string | undefined): void {
  const first = words[0];
  const last = words[words.length - 1];
  const font = doc._font;
  const size = doc._fontSize;
  const x0 = first.x;
  const top = first.y;
  const end = last.x + last.inline.width;
  if (first.inline.link != null) {
    const linkOptions: Record<string, unknown> = {};
    if (doc._currentStructureElement && doc._currentStructureElement.dictionary.data.S === 'Link') linkOptions.structParent = doc._currentStructureElement;
    doc.link(x0, top, end - x0, doc.currentLineHeight(), first.inline.link, linkOptions);
  }
  // As pdfmake: a falsy linkToDestination sets no goTo.
  if (first.inline.linkToDestination) doc.goTo(x0, top, end - x0, doc.currentLineHeight(), first.inline.linkToDestination);
  if (destination != null) doc.addNamedDestination(destination, 'XYZ', x0, top, null);

  doc.save();
  doc.transform(1, 0, 0, -1, 0, doc.page.height);
  const dy = (font.ascender / 1000) * size;
  const y = doc.page.height - top - dy;
  if (doc.page.fonts[font.id] == null) doc.page.fonts[font.id] = font.ref();
  doc.addContent('BT');
  doc.addContent(`1 0 0 1 ${num(x0)} ${num(y)} Tm`);
  doc.addContent(`/${font.id} ${num(size)} Tf`);
  // The pen, as a viewer follows it through the numbers written: start, /W widths, adjustments.
  const scale = num(size) / 1000;
  let pen = num(x0);
  const commands: string[] = [];
  for (let w = 0; w < words.length; w++) {
    const [encoded, positions] = words[w].encoded!;
    let from = 0;
    for (let i = 0; i < positions.length; i++) {
      pen += num(font.widths[parseInt(encoded[i], 16)]) * scale;
      const lastGlyph = i === positions.length - 1;
      if (lastGlyph && w < words.length - 1) {
        // To the next word's x: this also takes the place of the glyph's own kerning.
        const shift = num((pen - num(words[w + 1].x)) / scale);
        commands.push(`<${encoded.slice(from, i + 1).join('')}> ${shift}`);
        pen -= shift * scale;
        from = i + 1;
      } else if (lastGlyph || positions[i].xAdvance - positions[i].advanceWidth !== 0) {
        // pdfkit's own segments inside a word (`_fragment`'s addSegment).
        const kern = num(-(positions[i].xAdvance - positions[i].advanceWidth));
        commands.push(`<${encoded.slice(from, i + 1).join('')}> ${kern}`);
        pen -= kern * scale;
        from = i + 1;
      }
    }
  }
  doc.addContent(`[${commands.join(' ')}] TJ`);
  doc.addContent('ET');
  doc.restore();
  // Where pdfkit's `text()` leaves its cursor after the last word.
  doc.x = last.x + doc.widthOfString(last.inline.text, {});
  doc.y = top;
  runStats.runs++;
  runStats.words += words.length;
}

/** pdfmake's drawing of one word (the loop body of its renderLine). */
function drawWord(doc: PdfKitDocument, word: Word, destination: string | undefined): void {
  const inline = word.inline;
  const options: Record<string, unknown> = { lineBreak: false, textWidth: inline.width, characterSpacing: inline.characterSpacing, wordCount: 1, link: inline.link };
  if (inline.linkToDestination) options.goTo = inline.linkToDestination;
  if (destination != null) options.destination = destination;
  if (inline.fontFeatures) options.features = inline.fontFeatures;
  doc.text(inline.text, word.x, word.y, options);
  if (inline.linkToPage) {
    doc.ref({ Type: 'Action', S: 'GoTo', D: [inline.linkToPage, 0, 0] }).end();
    doc.annotate(word.x, word.y, inline.width, inline.height, { Subtype: 'Link', Dest: [inline.linkToPage - 1, 'XYZ', null, null, null] });
  }
}

/** Installs the run drawing (once per process). */
export function installTextRuns(): void {
  if (installed) return;
  installed = true;
  const Renderer = require('pdfmake/js/Renderer.js').default as { prototype: { renderLine?: RenderLine } };
  const TextDecorator = require('pdfmake/js/TextDecorator.js').default as new (doc: PdfKitDocument) => { drawBackground: (line: Line, x: number, y: number) => void; drawDecorations: (line: Line, x: number, y: number) => void };
  const TextInlines = require('pdfmake/js/TextInlines.js').default as new (fonts: null) => { widthOfText: (text: string, inline: Inline) => number };
  const original = Renderer.prototype.renderLine;
  if (typeof original !== 'function' || typeof TextDecorator !== 'function' || typeof TextInlines !== 'function') throw new Error('pdfmake: Renderer.renderLine fehlt (pdfmake-Version geändert?)');

  // pdfmake's preparePageNodeRefLine, unchanged.
  const preparePageNodeRefLine = (ref: NonNullable<Inline['_pageNodeRef']>, inline: Inline) => {
    if (ref.positions === undefined) throw new Error('Page reference id not found');
    inline.text = ref.positions[0].pageNumber.toString();
    const newWidth = new TextInlines(null).widthOfText(inline.text, inline);
    const diffWidth = inline.width - newWidth;
    inline.width = newWidth;
    if (inline.alignment === 'right') inline.x += diffWidth;
    else if (inline.alignment === 'center') inline.x += diffWidth / 2;
  };

  Renderer.prototype.renderLine = function renderLineInRuns(this: RendererThis, line: Line, x: number, y: number) {
    if (!enabled) return original.call(this, line, x, y);
    const doc = this.pdfDocument;
    if (line._outline) {
      let parent: { addItem: PdfKitDocument['outline']['addItem'] } = doc.outline;
      if (line._outline.parentId && this.outlineMap[line._outline.parentId]) parent = this.outlineMap[line._outline.parentId] as typeof parent;
      const outline = parent.addItem(line._outline.text, { expanded: line._outline.expanded });
      if (line._outline.id) this.outlineMap[line._outline.id] = outline;
    }
    if (line._pageNodeRef) preparePageNodeRefLine(line._pageNodeRef, line.inlines[0]);
    x = x || 0;
    y = y || 0;
    const lineHeight = line.getHeight();
    const ascenderHeight = line.getAscenderHeight();
    const descent = lineHeight - ascenderHeight;
    const decorator = new TextDecorator(doc);
    decorator.drawBackground(line, x, y);

    const words: Word[] = [];
    for (let i = 0; i < line.inlines.length; i++) {
      const inline = line.inlines[i];
      const shiftToBaseline = lineHeight - (inline.font.ascender / 1000) * inline.fontSize - descent;
      if (inline._pageNodeRef) preparePageNodeRefLine(inline._pageNodeRef, inline);
      words.push({ inline, index: i, x: x + inline.x, y: offsetText(y + shiftToBaseline, inline), opacity: isNumber(inline.opacity) ? Number(inline.opacity) : 1 });
    }
    for (let start = 0; start < words.length; ) {
      const first = words[start];
      let stop = start + 1;
      if (runnable(first.inline)) {
        while (stop < words.length && alike(first, words[stop]) && runnable(words[stop].inline)) stop++;
      }
      const destination = line.id && first.index === 0 ? line.id : undefined;
      doc.opacity(first.opacity);
      doc.fill(doc.resolveColor(first.inline.color, 'black'));
      doc._font = first.inline.font;
      doc.fontSize(first.inline.fontSize);
      if (stop - start === 1) {
        drawWord(doc, first, destination);
      } else {
        const run = words.slice(start, stop);
        // Encoded in word order, as pdfkit would (the font subset numbers glyphs as they come).
        for (const word of run) word.encoded = doc._font.encode(word.inline.text);
        drawRun(doc, run, destination);
      }
      start = stop;
    }
    // Decorations won't draw correctly for superscript (pdfmake's comment)
    decorator.drawDecorations(line, x, y);
    return undefined;
  };
}
