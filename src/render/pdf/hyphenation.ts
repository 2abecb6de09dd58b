/**
 * Hyphenation in the PDF: the text carries soft hyphens (U+00AD, see format/typeset.ts) and
 * pdfmake 0.3.11 breaks lines after them (its line breaker follows UAX #14) but draws
 * nothing there, since the soft hyphen has no width and no glyph. This hook on
 * `LayoutBuilder.buildNextLine` (pinned pdfmake, as the tagging hooks) finishes each line:
 *
 * - a line that ends at a soft hyphen inside a word ends with a real „-“ (its width added);
 *   when the hyphen would not fit, the last syllable goes to the next line instead;
 * - every other soft hyphen is removed from the drawn text, so text extraction and copying
 *   read „Kirchen-“ + „gemeinde“ at a line end and whole words elsewhere, with no stray U+00AD;
 * - pdfmake cuts a word that is wider than the line at the last character that fits, without
 *   a hyphen. Where that word can move to the next line whole (it is not the line's first
 *   piece), the cut is undone (`undoCharacterSplit`), so words break at their syllables.
 *   A single piece wider than the whole line is still cut, as nothing else can fit it.
 */
import { createRequire } from 'node:module';
import { SHY } from '../../format/typeset.js';

const require = createRequire(import.meta.url);

/** The parts of a pdfmake inline (a measured word) this hook uses. */
interface Inline {
  text: string;
  width: number;
  trailingCut?: number;
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
  trailingCut: number;
  lastLineInParagraph?: boolean;
  getWidth: () => number;
}

interface TextNode { _inlines?: Inline[] }

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

/**
 * pdfmake split the line's last inline at a character (its rest is `rest[0]`, a piece that
 * was not among the paragraph's inlines before): put the word together again and, when other
 * inlines precede it on the line, move it to the next line whole.
 */
export function undoCharacterSplit(line: Line, rest: Inline[], before: ReadonlySet<Inline>): void {
  const piece = rest[0];
  if (!piece || before.has(piece) || line.inlines.length < 2) return;
  const last = line.inlines[line.inlines.length - 1];
  rest.shift();
  last.text += piece.text;
  line.inlineWidths -= last.width;
  last.width += piece.width;
  line.inlineWidths += last.width;
  last.trailingCut = piece.trailingCut;
  popLast(line, rest);
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

let installed = false;

/** Installs the hook (once per process). */
export function installHyphenationHook(): void {
  if (installed) return;
  installed = true;
  const LayoutBuilder = require('pdfmake/js/LayoutBuilder.js').default;
  const proto = LayoutBuilder.prototype as { buildNextLine?: (node: TextNode) => Line | null };
  const buildNextLine = proto.buildNextLine;
  if (typeof buildNextLine !== 'function') throw new Error('pdfmake: LayoutBuilder.buildNextLine fehlt (pdfmake-Version geändert?)');
  proto.buildNextLine = function buildHyphenatedLine(this: unknown, node: TextNode) {
    const before = new Set(node._inlines ?? []);
    const line = buildNextLine.call(this, node);
    const rest = node._inlines;
    if (!line || !rest) return line;
    undoCharacterSplit(line, rest, before);
    finishLine(line, rest);
    return line;
  };
}
