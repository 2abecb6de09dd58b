/**
 * German typesetting of running text, shared by the PDF and HTML renderers: where a line may
 * break and where it must not.
 *
 * - Long words get soft hyphens (U+00AD) at the hyphenation points of the TeX German patterns
 *   (package `hyphen`, `hyphen/de` = 1996 orthography), keeping at least 3 letters on either
 *   side of a break. A renderer uses them only where a line would otherwise be too short or a
 *   word too wide for its cell. A word with a hyphen („Bergkamen-Mitte“) breaks after it.
 * - Pieces that never break are returned as `keep` runs: anything with a digit (numbers,
 *   amounts, dates, IDs such as `M-07` or `Z-BIL-1.1`, „§ 14a“), URLs, e-mail addresses and
 *   hyphenated words with a part shorter than 3 letters („E-Mail“).
 * - Spaces that must not break become U+00A0: between a number and its unit or counted noun
 *   („21,7 %“, „12 Monate“, „34 Verträge“; not after a year such as „2019 wurden“), after
 *   „§“, „Nr.“, „Abs.“ … before a number, inside abbreviations and initials („z. B.“,
 *   „A. Müller“), and before the dash of a range („03/2019 – 12/2021“ breaks after the dash).
 */
import { createRequire } from 'node:module';
import type * as HyphenDe from 'hyphen/de';

// `hyphen/de` is CommonJS whose exports ES module imports cannot see: load it with require.
const { hyphenateSync } = createRequire(import.meta.url)('hyphen/de') as typeof HyphenDe;

/** The soft hyphen: a possible break that prints a hyphen only at the end of a line. */
export const SHY = '\u00ad';
const NBSP = '\u00a0';

/** One run of typeset text; a `keep` run must stay on one line. */
export interface TypesetRun {
  text: string;
  keep?: true;
}

/** Fewest letters before and after a hyphenation point. */
const MIN_PART = 3;

const NO_BREAK_RULES: Array<[RegExp, string]> = [
  // A number and its unit or counted noun; a four-digit year (19xx, 20xx) is not glued.
  [/(?<![\p{L}\d.,/-])((?!(?:19|20)\d\d(?![\d.,]))\d+(?:[.,]\d+)*) (?=[%‰€]|EUR\b|\p{L})/gu, `$1${NBSP}`],
  // Paragraph signs and numbered references before their number.
  [/(§§?|\bNr\.|\bAbs\.|\bArt\.|\bZiff\.|\bS\.|\bBd\.|\bKap\.|\bAnl\.) (?=\d)/gu, `$1${NBSP}`],
  // Abbreviations and initials: „z. B.“, „d. h.“, „u. a.“, „A. Müller“.
  [/(?<![\p{L}\d])(\p{L}\.) (?=\p{L}\.|\p{Lu}\p{Ll})/gu, `$1${NBSP}`],
  // A range: the dash stays with what precedes it.
  [/(\d) ([–—]) (?=\d)/gu, `$1${NBSP}$2 `],
];

/** The text with the no-break spaces of the rules above. */
export function noBreakSpaces(text: string): string {
  let out = text;
  for (const [re, to] of NO_BREAK_RULES) out = out.replace(re, to);
  return out;
}

const cache = new Map<string, string>();

/** A run of letters with soft hyphens at the pattern points, ≥ 3 letters on either side. */
export function hyphenateWord(word: string): string {
  if (word.length < MIN_PART * 2) return word;
  let hit = cache.get(word);
  if (hit === undefined) {
    const pieces = hyphenateSync(word, { hyphenChar: SHY }).split(SHY);
    hit = '';
    let done = 0;
    for (let i = 0; i < pieces.length; i++) {
      hit += pieces[i];
      done += pieces[i].length;
      if (i < pieces.length - 1 && done >= MIN_PART && word.length - done >= MIN_PART) hit += SHY;
    }
    if (cache.size > 50_000) cache.clear();
    cache.set(word, hit);
  }
  return hit;
}

/** Never broken: digits, URLs, e-mail addresses. */
const KEEP = /\d|@|:\/\/|^www\./u;

/** How to typeset. */
export interface TypesetOptions {
  /**
   * Soft hyphens in long words (default true). The PDF passes false: its line breaker
   * hyphenates a word only where it does not fit (render/pdf/hyphenation.ts).
   */
  hyphenate?: boolean;
}

/** One whitespace-free token (NBSP-joined groups count as one) → its runs. */
function token(tok: string, hyphenate: boolean): TypesetRun {
  if (KEEP.test(tok)) return { text: tok, keep: true };
  const parts = tok.split('-');
  if (parts.length > 1) {
    // „E-Mail“, „U-Bahn“: a break after the hyphen would leave fewer than 3 letters.
    const letters = parts.map((p) => (p.match(/\p{L}/gu) ?? []).length);
    if (letters.some((n, i) => n < MIN_PART && !(n === 0 && (i === 0 || i === parts.length - 1)))) return { text: tok, keep: true };
  }
  return { text: hyphenate ? tok.replace(/\p{L}+/gu, hyphenateWord) : tok };
}

/**
 * Typesets a text: no-break spaces, soft hyphens in long words, unbreakable pieces as `keep`
 * runs. Adjacent breakable runs are merged; joined, the runs' texts are the input with
 * U+00A0 for the glued spaces and U+00AD at the hyphenation points.
 */
export function typeset(text: string, options: TypesetOptions = {}): TypesetRun[] {
  const hyphenate = options.hyphenate ?? true;
  const runs: TypesetRun[] = [];
  const push = (run: TypesetRun) => {
    const last = runs[runs.length - 1];
    if (last && !last.keep && !run.keep) last.text += run.text;
    else runs.push({ ...run });
  };
  for (const piece of noBreakSpaces(text).split(/([ \t\r\n]+)/)) {
    if (piece === '') continue;
    push(/^[ \t\r\n]+$/.test(piece) ? { text: piece } : token(piece, hyphenate));
  }
  return runs;
}

/** Removes the soft hyphens again (plain text, search, comparisons). */
export function withoutSoftHyphens(text: string): string {
  return text.replaceAll(SHY, '');
}
