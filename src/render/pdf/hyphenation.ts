/**
 * Hyphenation in the PDF, on demand. The PDF's running text carries no soft hyphens (they
 * would make pdfmake 0.3.11 split every long word into one measured inline per syllable:
 * most of the layout's time). Instead this replaces `LayoutBuilder.buildNextLine` (pinned
 * pdfmake, as the tagging hooks; the loop is pdfmake's) and hyphenates a word only where it
 * does not fit:
 *
 * - when the next word does not fit on the line, the word (a fragment marked `_hyphenate` in
 *   inline.ts: running text, not code, IDs, amounts, dates, URLs) is hyphenated with the
 *   patterns of format/typeset.ts (`hyphenateWord`, ≥ 3 letters per part) and the longest
 *   prefix that fits with its „-“ ends the line; the rest, a new inline with every property of
 *   the word (style, link, structure tag), starts the next. A word with a hyphen breaks after
 *   it (pdfmake's line breaker, UAX #14);
 * - pdfmake cuts a word that is wider than what is left of the line at the last character that
 *   fits, without a hyphen. Such a word is hyphenated first; failing that, it moves to the next
 *   line whole when other inlines precede it. A single piece wider than the whole line is
 *   still cut, as nothing else can fit it;
 * - a soft hyphen that is in the text anyway (typed into the content) still works: a line
 *   ending at one ends with a real „-“, every other one is removed from the drawn text, so
 *   text extraction reads „Kirchen-“ + „gemeinde“ at a line end and whole words elsewhere.
 */
import { createRequire } from 'node:module';
import { SHY, hyphenateWord } from '../../format/typeset.js';

const require = createRequire(import.meta.url);

/** The parts of a pdfmake inline (a measured word) this hook uses. */
interface Inline {
  text: string;
  width: number;
  leadingCut?: number;
  leadingIndent?: number;
  trailingCut?: number;
  noWrap?: boolean | null;
  noNewLine?: boolean;
  lineEnd?: boolean;
  /** Set on running-text fragments by inline.ts: may be hyphenated. */
  _hyphenate?: true;
  fontSize: number;
  fontFeatures?: unknown;
  characterSpacing?: number;
  font: { widthOfString: (text: string, size: number, features?: unknown) => number };
}

/** The parts of a pdfmake `Line` this hook uses. */
interface Line {
  maxWidth: number;
  inlines: Inline[];
  inlineWidths: number;
  leadingCut: number;
  trailingCut: number;
  newLineForced?: boolean;
  lastLineInParagraph?: boolean;
  getWidth: () => number;
  getAvailableWidth: () => number;
  addInline: (inline: Inline) => void;
}

interface TextNode { _inlines?: Inline[] }

interface Builder { writer: { context: () => { availableWidth: number } } }

const HYPHEN = '-';
/** Rounding slack when comparing widths (pt). */
const EPSILON = 0.01;

/** Takes the line's last inline back to the front of the paragraph's remaining inlines. */
function popLast(line: Line, rest: Inline[]): void {
  const last = line.inlines.pop()!;
  line.inlineWidths -= last.width;
  line.trailingCut = line.inlines[line.inlines.length - 1]?.trailingCut ?? 0;
  rest.unshift(last);
}

/** Prints the hyphen of a line ending at a soft hyphen, and drops all other soft hyphens. */
export function finishLine(line: Line, rest: Inline[]): void {
  while (rest.length > 0 && line.inlines.length > 0) {
    const last = line.inlines[line.inlines.length - 1];
    if (!last.text.endsWith(SHY)) break;
    const width = last.font.widthOfString(HYPHEN, last.fontSize, last.fontFeatures) + (last.characterSpacing ?? 0);
    if (line.inlines.length > 1 && line.getWidth() + width > line.maxWidth + EPSILON) {
      popLast(line, rest);
      continue;
    }
    last.text = last.text.slice(0, -1) + HYPHEN;
    last.width += width;
    line.inlineWidths += width;
    break;
  }
  line.lastLineInParagraph = rest.length === 0;
  for (const inline of line.inlines) if (inline.text.includes(SHY)) inline.text = inline.text.replaceAll(SHY, '');
}

/** pdfmake's `TextInlines.widthOfText`. */
function widthOfText(text: string, inline: Inline): number {
  return inline.font.widthOfString(text, inline.fontSize, inline.fontFeatures) + (inline.characterSpacing || 0) * (text.length - 1);
}

/**
 * pdfmake's `Line.hasEnoughSpaceForInline(rest[0], rest.slice(1))`, without copying the
 * paragraph's remaining inlines for every word (quadratic in a long paragraph).
 */
function fits(line: Line, rest: Inline[]): boolean {
  if (line.inlines.length === 0) return true;
  if (line.newLineForced) return false;
  const inline = rest[0];
  let width = inline.width;
  let trailingCut = inline.trailingCut || 0;
  if (inline.noNewLine) {
    for (let i = 1; i < rest.length; i++) {
      width += rest[i].width;
      trailingCut += rest[i].trailingCut || 0;
      if (!rest[i].noNewLine) break;
    }
  }
  return line.inlineWidths + width - line.leadingCut - trailingCut <= line.maxWidth;
}

const LETTERS = /\p{L}+/gu;

/**
 * Hyphenates `rest[0]` into the line: the longest prefix ending at a hyphenation point that
 * fits with its „-“ goes onto the line, the rest replaces `rest[0]`. False (nothing changed)
 * when the word may not be hyphenated or no prefix fits.
 */
export function hyphenateInto(line: Line, rest: Inline[]): boolean {
  const inline = rest[0];
  if (!inline || !inline._hyphenate || inline.noWrap || inline.text.length < 6) return false;
  const marked = inline.text.replace(LETTERS, hyphenateWord);
  let at = marked.lastIndexOf(SHY);
  if (at < 0) return false;
  const room = line.maxWidth + EPSILON - (line.inlines.length === 0 ? -(inline.leadingCut || 0) : line.inlineWidths - line.leadingCut);
  for (; at > 0; at = marked.lastIndexOf(SHY, at - 1)) {
    const head = marked.slice(0, at).replaceAll(SHY, '') + HYPHEN;
    const width = widthOfText(head, inline);
    if (width > room) continue;
    const tail: Inline = { ...inline, text: marked.slice(at + 1).replaceAll(SHY, ''), leadingCut: 0 };
    delete tail.leadingIndent;
    tail.width = widthOfText(tail.text, tail);
    const first: Inline = { ...inline, text: head, width, trailingCut: 0 };
    delete first.noNewLine;
    delete first.lineEnd;
    rest[0] = tail;
    line.addInline(first);
    return true;
  }
  return false;
}

/** pdfmake's `findMaxFitLength`: the most characters of `text` within `maxWidth` (at least 1). */
function maxFitLength(text: string, maxWidth: number, inline: Inline): number {
  let low = 1;
  let high = text.length;
  let best = 1;
  while (low <= high) {
    const mid = Math.floor((low + high) / 2);
    if (widthOfText(text.substring(0, mid), inline) <= maxWidth) {
      best = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return best;
}

/**
 * pdfmake 0.3.11's `LayoutBuilder.buildNextLine` with hyphenation on demand (see the top of
 * this file). `Line` is pdfmake's class.
 */
export function buildLine(LineClass: new (maxWidth: number) => Line, maxWidth: number, node: TextNode): Line | null {
  const rest = node._inlines;
  if (!rest || rest.length === 0) return null;
  const line = new LineClass(maxWidth);
  let forced = false;
  while (rest.length > 0) {
    if (!forced && !fits(line, rest)) {
      if (!line.newLineForced) hyphenateInto(line, rest);
      break;
    }
    let inline = rest[0];
    let hardWrap = false;
    if (!inline.noWrap && inline.text.length > 1 && inline.width - (inline.trailingCut || 0) > line.getAvailableWidth()) {
      if (hyphenateInto(line, rest)) break;
      // Moves to the next line whole, unless nothing precedes it: then cut as pdfmake does.
      if (line.inlines.length > 0) break;
      const chars = maxFitLength(inline.text, line.getAvailableWidth(), inline);
      if (chars < inline.text.length) {
        const piece: Inline = { ...inline, text: inline.text.substring(chars) };
        piece.width = widthOfText(piece.text, piece);
        inline.text = inline.text.substring(0, chars);
        inline.width = widthOfText(inline.text, inline);
        rest.splice(1, 0, piece);
        hardWrap = true;
      }
    }
    inline = rest.shift()!;
    line.addInline(inline);
    forced = !!inline.noNewLine && !hardWrap;
  }
  finishLine(line, rest);
  return line;
}

let installed = false;

/** Installs the hook (once per process). */
export function installHyphenationHook(): void {
  if (installed) return;
  installed = true;
  const LayoutBuilder = require('pdfmake/js/LayoutBuilder.js').default;
  const LineClass = require('pdfmake/js/Line.js').default;
  const proto = LayoutBuilder.prototype as { buildNextLine?: (node: TextNode) => Line | null };
  if (typeof proto.buildNextLine !== 'function' || typeof LineClass !== 'function') throw new Error('pdfmake: LayoutBuilder.buildNextLine fehlt (pdfmake-Version geändert?)');
  proto.buildNextLine = function buildHyphenatedLine(this: Builder, node: TextNode) {
    return buildLine(LineClass, this.writer.context().availableWidth, node);
  };
}
