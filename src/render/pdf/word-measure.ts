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
 * word's resolves to exactly what that word resolved to. This measure is pdfmake's, except
 * that it looks the style up only when a word's own values differ from the previous word's.
 * Widths, cuts and heights are computed for every word as before, so the inlines are the
 * same, value for value and in the same property order.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** A word as pdfmake measures it (its own properties, then what measuring adds). */
type Word = Record<string, unknown> & { text: string; leadingCut?: number };

interface StyleStack { readonly __brand?: 'StyleContextStack' }

interface TextInlinesThis {
  pdfDocument: { provideFont(family: unknown, bold: unknown, italics: unknown): { lineHeight(size: number): number } };
  widthOfText(text: string, inline: Word): number;
}

type GetStyleProperty = (item: Word, stack: StyleStack, property: string, fallback: unknown) => unknown;

/** The style properties pdfmake's measure sets on a word, in its order, with its defaults. */
const SET: ReadonlyArray<readonly [string, unknown]> = [
  ['alignment', 'left'], ['fontSize', 12], ['fontFeatures', null], ['characterSpacing', 0], ['color', 'black'],
  ['decoration', null], ['decorationColor', null], ['decorationStyle', null], ['decorationThickness', null],
  ['background', null], ['link', null], ['linkToPage', null], ['linkToDestination', null], ['noWrap', null],
  ['opacity', 1], ['sup', false], ['sub', false],
];

/** Every own property of a word that a lookup reads (`style` names the styles pushed with it). */
const LOOKED_UP = ['style', 'font', 'bold', 'italics', ...SET.map(([name]) => name), 'lineHeight', 'preserveLeadingSpaces', 'preserveTrailingSpaces'];

/** pdfmake's patterns for the spaces a word's width does not count at a line's ends. */
const LEADING = /^(\s)+/g;
const TRAILING = /(\s)+$/g;

/** What a word's style resolves to. */
interface Resolved {
  /** The word's own values of `LOOKED_UP` this was resolved for. */
  own: unknown[];
  font: { lineHeight(size: number): number };
  values: unknown[];
  lineHeight: number;
  preserveLeadingSpaces: unknown;
  preserveTrailingSpaces: unknown;
}

/** Whether a word's own values of the looked-up properties are `own` (no array made: once per word). */
function sameOwnValues(item: Word, own: readonly unknown[]): boolean {
  for (let i = 0; i < LOOKED_UP.length; i++) if (item[LOOKED_UP[i]] !== own[i]) return false;
  return true;
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
    const font = doc.provideFont(lookup(item, stack, 'font', 'Roboto'), lookup(item, stack, 'bold', false), lookup(item, stack, 'italics', false));
    const values = SET.map(([name, fallback]) => lookup(item, stack, name, fallback));
    // sup/sub: pdfmake's size reduction, applied to the resolved size.
    const [sup, sub] = [values[SET.length - 2], values[SET.length - 1]];
    if (sup || sub) values[1] = (values[1] as number) * 0.58;
    return {
      own: LOOKED_UP.map((name) => item[name]),
      font,
      values,
      lineHeight: lookup(item, stack, 'lineHeight', 1) as number,
      preserveLeadingSpaces: lookup(item, stack, 'preserveLeadingSpaces', false),
      preserveTrailingSpaces: lookup(item, stack, 'preserveTrailingSpaces', false),
    };
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
    // The styles resolved in this text, each with the own values it was resolved for (taken
    // before measuring sets them), the current one tried first: a text's fragments alternate
    // between a few styles (a date kept on one line, a bold word).
    const resolved: Resolved[] = [];
    let style: Resolved | undefined;
    for (const item of array) {
      if (!style || !sameOwnValues(item, style.own)) {
        style = resolved.find((candidate) => sameOwnValues(item, candidate.own));
        if (!style) {
          resolved.push((style = resolve(this.pdfDocument, item, stack)));
          stats.resolved++;
        }
      }
      item.font = style.font;
      for (let i = 0; i < SET.length; i++) item[SET[i][0]] = style.values[i];
      item.width = this.widthOfText(item.text, item);
      item.height = style.font.lineHeight(item.fontSize as number) * style.lineHeight;
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
