/**
 * Words measured with one style lookup per run of alike words. pdfmake 0.3.11 (pinned
 * exactly: this replaces its `TextInlines.measure`) resolves 22 style properties for every
 * word, each by pushing the word onto the style stack and walking the stack and the named
 * styles it holds: about a third of measuring a document (2.4 of 5.6 s for the Konzept at
 * ten times the example, the rest being the words' widths).
 *
 * The words of one text fragment carry the same own properties (pdfmake's `TextBreaker`
 * copies the fragment's onto each word), and the stack does not change while one text is
 * measured, so a word whose own values of the properties looked up equal the previous
 * word's resolves to exactly what that word resolved to. Across texts the same holds for the
 * stack: what a lookup reads of it is each named style's name and each node's own values of
 * the properties looked up, so a text measured under a stack that reads the same as one
 * before it shares that stack's resolved styles. This measure is pdfmake's, except that it
 * looks a style up only for own values not seen under such a stack (the example's Konzept:
 * 3,476 lookups of 22 properties for 28,190 words, where pdfmake made one per word). Widths,
 * cuts and heights are computed for every word as before, so the inlines are the same, value
 * for value and in the same property order.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The properties of a word a style lookup reads (`style` names the styles pushed with it). */
interface OwnStyle {
  style: unknown;
  font: unknown;
  bold: unknown;
  italics: unknown;
  alignment: unknown;
  fontSize: unknown;
  fontFeatures: unknown;
  characterSpacing: unknown;
  color: unknown;
  decoration: unknown;
  decorationColor: unknown;
  decorationStyle: unknown;
  decorationThickness: unknown;
  background: unknown;
  link: unknown;
  linkToPage: unknown;
  linkToDestination: unknown;
  noWrap: unknown;
  opacity: unknown;
  sup: unknown;
  sub: unknown;
  lineHeight: unknown;
  preserveLeadingSpaces: unknown;
  preserveTrailingSpaces: unknown;
}

/** A word as pdfmake measures it: its own properties, then what measuring adds. */
type Word = Partial<OwnStyle> & { text: string; leadingCut?: number; leadingIndent?: number; width?: number; height?: number; trailingCut?: number };

/** pdfmake's StyleContextStack, the parts a lookup reads: named styles and overriding nodes, top last. */
interface StyleStack {
  styleDictionary: object;
  defaultStyle: object;
  styleOverrides: ReadonlyArray<string | Word>;
}

/**
 * A stack a text was measured with, as far as a lookup reads it (each node by its own values
 * of the properties looked up), and the styles resolved under it.
 */
interface StackStyles {
  dictionary: object;
  defaultStyle: object;
  elements: Array<string | OwnStyle>;
  resolved: Resolved[];
}

interface Font { lineHeight(size: number): number }

interface TextInlinesThis {
  pdfDocument: { provideFont(family: unknown, bold: unknown, italics: unknown): Font };
  widthOfText(text: string, inline: Word): number;
}

type GetStyleProperty = (item: Word, stack: StyleStack, property: string, fallback: unknown) => unknown;

/** pdfmake's patterns for the spaces a word's width does not count at a line's ends. */
const LEADING = /^(\s)+/g;
const TRAILING = /(\s)+$/g;

/**
 * What a word's style resolves to, with the own values it was resolved for. Every property is
 * read and written by name, not in a loop over names: a word has some 30 properties, and
 * access by a computed name on such objects is several times slower (measured: the module's
 * own time in a Konzept of 848 pages went from 2.0 to 0.7 s).
 */
interface Resolved extends Omit<OwnStyle, 'style' | 'font' | 'bold' | 'italics' | 'fontSize' | 'lineHeight'> {
  own: OwnStyle;
  font: Font;
  fontSize: number;
  lineHeight: number;
}

/** The word's own values of the properties a lookup reads. */
function ownStyle(w: Word): OwnStyle {
  return {
    style: w.style,
    font: w.font,
    bold: w.bold,
    italics: w.italics,
    alignment: w.alignment,
    fontSize: w.fontSize,
    fontFeatures: w.fontFeatures,
    characterSpacing: w.characterSpacing,
    color: w.color,
    decoration: w.decoration,
    decorationColor: w.decorationColor,
    decorationStyle: w.decorationStyle,
    decorationThickness: w.decorationThickness,
    background: w.background,
    link: w.link,
    linkToPage: w.linkToPage,
    linkToDestination: w.linkToDestination,
    noWrap: w.noWrap,
    opacity: w.opacity,
    sup: w.sup,
    sub: w.sub,
    lineHeight: w.lineHeight,
    preserveLeadingSpaces: w.preserveLeadingSpaces,
    preserveTrailingSpaces: w.preserveTrailingSpaces,
  };
}

/** Whether a word's own values are `own` (once per word, so no object is made). */
function sameOwnStyle(w: Word, own: OwnStyle): boolean {
  return (
    w.style === own.style &&
    w.font === own.font &&
    w.bold === own.bold &&
    w.italics === own.italics &&
    w.alignment === own.alignment &&
    w.fontSize === own.fontSize &&
    w.fontFeatures === own.fontFeatures &&
    w.characterSpacing === own.characterSpacing &&
    w.color === own.color &&
    w.decoration === own.decoration &&
    w.decorationColor === own.decorationColor &&
    w.decorationStyle === own.decorationStyle &&
    w.decorationThickness === own.decorationThickness &&
    w.background === own.background &&
    w.link === own.link &&
    w.linkToPage === own.linkToPage &&
    w.linkToDestination === own.linkToDestination &&
    w.noWrap === own.noWrap &&
    w.opacity === own.opacity &&
    w.sup === own.sup &&
    w.sub === own.sub &&
    w.lineHeight === own.lineHeight &&
    w.preserveLeadingSpaces === own.preserveLeadingSpaces &&
    w.preserveTrailingSpaces === own.preserveTrailingSpaces
  );
}

/** Whether `stack` reads as `last.elements`. */
function sameStack(last: StackStyles, stack: StyleStack): boolean {
  const elements = stack.styleOverrides;
  if (last.dictionary !== stack.styleDictionary || last.defaultStyle !== stack.defaultStyle || last.elements.length !== elements.length) return false;
  for (let i = 0; i < elements.length; i++) {
    const seen = last.elements[i];
    const element = elements[i];
    if (typeof seen === 'string' || typeof element === 'string' ? seen !== element : !sameOwnStyle(element, seen)) return false;
  }
  return true;
}

function stackStyles(stack: StyleStack): StackStyles {
  return {
    dictionary: stack.styleDictionary,
    defaultStyle: stack.defaultStyle,
    elements: stack.styleOverrides.map((element) => (typeof element === 'string' ? element : ownStyle(element))),
    resolved: [],
  };
}

/**
 * Per PDF document (its fonts are its own), the stacks its last texts were measured with and
 * the styles resolved under each, the latest first; weakly held, so a finished document is
 * not kept alive. A few are kept: a table's cells and a paragraph's footnote markers take
 * turns with the body text.
 */
const recentStacks = new WeakMap<object, StackStyles[]>();
const RECENT_STACKS = 8;
/** Styles kept per stack. */
const RECENT_STYLES = 16;

/** The styles resolved under a stack that reads as `stack` in `document`, or a new empty set. */
function stylesUnder(document: object, stack: StyleStack): Resolved[] {
  let recent = recentStacks.get(document);
  if (!recent) recentStacks.set(document, (recent = []));
  const at = recent.findIndex((styles) => sameStack(styles, stack));
  const styles = at >= 0 ? recent.splice(at, 1)[0] : stackStyles(stack);
  recent.unshift(styles);
  if (recent.length > RECENT_STACKS) recent.pop();
  return styles.resolved;
}

let installed = false;
let enabled = true;
/** Words measured and styles resolved by this measure since the process started. */
const stats = { words: 0, resolved: 0 };

/** Switches back to pdfmake's own measure (off) or to this one (on, the default): for tests that compare the two. */
export function setWordMeasure(on: boolean): void {
  enabled = on;
}

/** Words measured and styles resolved so far (a test sees that alike words share one lookup). */
export function wordMeasureStats(): Readonly<typeof stats> {
  return { ...stats };
}

/** Installs the measure (once per process). */
export function installWordMeasure(): void {
  if (installed) return;
  installed = true;
  const TextInlines = require('pdfmake/js/TextInlines.js').default as { prototype: Record<string, unknown> };
  const StyleContextStack = require('pdfmake/js/StyleContextStack.js').default as { getStyleProperty?: GetStyleProperty };
  const lookup = StyleContextStack.getStyleProperty;
  if (typeof TextInlines?.prototype.measure !== 'function' || typeof lookup !== 'function') {
    throw new Error('pdfmake: TextInlines.measure fehlt (pdfmake-Version geändert?)');
  }

  const resolve = (doc: TextInlinesThis['pdfDocument'], item: Word, stack: StyleStack): Resolved => {
    const get = (property: string, fallback: unknown) => lookup(item, stack, property, fallback);
    const style: Resolved = {
      own: ownStyle(item),
      font: doc.provideFont(get('font', 'Roboto'), get('bold', false), get('italics', false)),
      alignment: get('alignment', 'left'),
      fontSize: get('fontSize', 12) as number,
      fontFeatures: get('fontFeatures', null),
      characterSpacing: get('characterSpacing', 0),
      color: get('color', 'black'),
      decoration: get('decoration', null),
      decorationColor: get('decorationColor', null),
      decorationStyle: get('decorationStyle', null),
      decorationThickness: get('decorationThickness', null),
      background: get('background', null),
      link: get('link', null),
      linkToPage: get('linkToPage', null),
      linkToDestination: get('linkToDestination', null),
      noWrap: get('noWrap', null),
      opacity: get('opacity', 1),
      sup: get('sup', false),
      sub: get('sub', false),
      lineHeight: get('lineHeight', 1) as number,
      preserveLeadingSpaces: get('preserveLeadingSpaces', false),
      preserveTrailingSpaces: get('preserveTrailingSpaces', false),
    };
    // pdfmake's size for sup/sub, applied to the resolved size.
    if (style.sup || style.sub) style.fontSize *= 0.58;
    return style;
  };

  const original = TextInlines.prototype.measure as (this: TextInlinesThis, array: Word[], stack: StyleStack) => Word[];
  TextInlines.prototype.measure = function measureAlikeWordsOnce(this: TextInlinesThis, array: Word[], stack: StyleStack) {
    if (!enabled) return original.call(this, array, stack);
    stats.words += array.length;
    if (array.length) {
      const leadingIndent = lookup(array[0], stack, 'leadingIndent', 0) as number;
      if (leadingIndent) {
        array[0].leadingCut = -leadingIndent;
        array[0].leadingIndent = leadingIndent;
      }
    }
    // The styles resolved under this stack, each with the own values it was resolved for
    // (taken before measuring sets them), the current one tried first: a text's fragments
    // alternate between a few styles (a date kept on one line, a bold word), and the next
    // paragraph or table cell is mostly measured under a stack that reads the same.
    const resolved = stylesUnder(this.pdfDocument, stack);
    let style: Resolved | undefined;
    for (const item of array) {
      if (!style || !sameOwnStyle(item, style.own)) {
        style = resolved.find((candidate) => sameOwnStyle(item, candidate.own));
        if (!style) {
          // The latest first, and only a few: words with a link each of their own must
          // not make every later word search a long list.
          resolved.unshift((style = resolve(this.pdfDocument, item, stack)));
          if (resolved.length > RECENT_STYLES) resolved.pop();
          stats.resolved++;
        }
      }
      item.font = style.font;
      item.alignment = style.alignment;
      item.fontSize = style.fontSize;
      item.fontFeatures = style.fontFeatures;
      item.characterSpacing = style.characterSpacing;
      item.color = style.color;
      item.decoration = style.decoration;
      item.decorationColor = style.decorationColor;
      item.decorationStyle = style.decorationStyle;
      item.decorationThickness = style.decorationThickness;
      item.background = style.background;
      item.link = style.link;
      item.linkToPage = style.linkToPage;
      item.linkToDestination = style.linkToDestination;
      item.noWrap = style.noWrap;
      item.opacity = style.opacity;
      item.sup = style.sup;
      item.sub = style.sub;
      item.width = this.widthOfText(item.text, item);
      item.height = style.font.lineHeight(style.fontSize) * style.lineHeight;
      if (!item.leadingCut) item.leadingCut = 0;
      if (!style.preserveLeadingSpaces) {
        const leadingSpaces = item.text.match(LEADING);
        if (leadingSpaces) item.leadingCut += this.widthOfText(leadingSpaces[0], item);
      }
      item.trailingCut = 0;
      if (!style.preserveTrailingSpaces) {
        const trailingSpaces = item.text.match(TRAILING);
        if (trailingSpaces) item.trailingCut = this.widthOfText(trailingSpaces[0], item);
      }
    }
    return array;
  };
}
