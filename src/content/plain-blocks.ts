/**
 * The blocks of a Markdown text that are plain running text (or plain table rows), found without
 * the Markdown parser. In a cold process micromark is the slowest thing `check` runs (its first
 * texts are read at a fraction of its later speed), and most texts with a helper or an image
 * are plain paragraphs of prose. The scanners built on this (helpers/scan.ts, model/images.ts)
 * give exactly what the parser gives, or undefined when they cannot be sure; then the caller
 * parses. tests/check/plain-scan.test.ts compares both on real and generated texts.
 */
import { computeLineStarts, positionAt, type SourceText } from './source.js';

/**
 * Anywhere in the text, these may build a block that runs across blank lines (fenced code,
 * HTML blocks), or be read differently from the string (a CR line ending, NUL, a byte order
 * mark): the text is parsed.
 */
const PARSE_TEXT = /[\r\0\uFEFF]|```|~~~|<[A-Za-z!?/]/;

/**
 * In a block, these may take a `{{` or `![` out of running text or change what the parser
 * makes of it: code spans, escapes, links and references, tabs (columns count to the tab
 * stop), autolinks and HTML, character references (`&nbsp;` turns into a space).
 */
const PARSE_BLOCK = /[`\\[\]\t&<@]|www\.|:\/\//i;

/**
 * A line that can only start or continue a paragraph: no heading, list, quote, fence, thematic
 * break, setext underline, table delimiter or definition starts with a letter, `{`, `!`, a quote
 * or `(`; and no leading whitespace (indented code, lazy lines).
 */
const PARAGRAPH_LINE = /^[\p{L}{!„"(]/u;

const BLANK = /^[ \t]*$/;

/** A run of non-blank lines that starts a block of its own (after a blank line or at the start). */
export interface PlainBlock {
  text: string;
  /** Offset of its first character in the whole text. */
  from: number;
  /**
   * `paragraph`: one paragraph of running text. `table`: every line starts with `|`; a table
   * (cells are running text, split at `|`) or, if not a valid one, a paragraph.
   */
  kind: 'paragraph' | 'table';
}

/** A text's lines and their starts, for the parser's positions. */
export class TextLines {
  readonly lines: string[];
  private readonly source: SourceText;
  constructor(text: string) {
    this.lines = text.split('\n');
    this.source = { text, lineStarts: computeLineStarts(text) };
  }
  start(line: number): number {
    return this.source.lineStarts[line];
  }
  /** The parser's point of an offset: 1-based line and column (UTF-16 units), 0-based offset. */
  point(offset: number): { line: number; column: number; offset: number } {
    return { ...positionAt(this.source, offset), offset };
  }
}

/**
 * Every block of `text` holding `marker`, each plain; undefined when one of them is not
 * (or the text as a whole needs the parser). `known` matches constructs the caller reads
 * itself: they are left out when the block is judged.
 */
export function plainBlocks(text: string, marker: string, lines = new TextLines(text), known?: RegExp): PlainBlock[] | undefined {
  if (PARSE_TEXT.test(text)) return undefined;
  const out: PlainBlock[] = [];
  const all = lines.lines;
  let i = 0;
  while (i < all.length) {
    if (BLANK.test(all[i])) {
      i++;
      continue;
    }
    let end = i;
    while (end < all.length && !BLANK.test(all[end])) end++;
    const from = lines.start(i);
    const block = text.slice(from, lines.start(end - 1) + all[end - 1].length);
    if (block.includes(marker)) {
      if (PARSE_BLOCK.test(known ? block.replace(known, '') : block)) return undefined;
      const run = all.slice(i, end);
      if (run.every((l) => PARAGRAPH_LINE.test(l))) out.push({ text: block, from, kind: 'paragraph' });
      else if (run.every((l) => l.startsWith('|'))) out.push({ text: block, from, kind: 'table' });
      else return undefined;
    }
    i = end;
  }
  return out;
}
