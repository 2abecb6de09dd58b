/**
 * The helpers of a Markdown text found without the Markdown parser (see content/plain-blocks.ts):
 * exactly what `findHelpers(parseMarkdown(text))` gives (helper values, contents, positions,
 * standalone, unclosed `{{`), or undefined when the text needs the parser.
 */
import type * as md from 'mdast';
import type { HelperNode, HelperUnclosedNode } from '../content/helper-syntax.js';
import { plainBlocks, TextLines } from '../content/plain-blocks.js';

/** A helper node with what decides its placement. */
export interface FoundHelper {
  node: HelperNode;
  /** Alone in its paragraph (block helpers must be). */
  standalone: boolean;
}

/** Helpers and unclosed `{{` of `text`, or undefined when only the parser can tell. */
export function scanHelpers(text: string): { helpers: FoundHelper[]; unclosed: md.Node[] } | undefined {
  const helpers: FoundHelper[] = [];
  const unclosed: md.Node[] = [];
  if (!text.includes('{{')) return { helpers, unclosed };
  const lines = new TextLines(text);
  const blocks = plainBlocks(text, '{{', lines);
  if (!blocks) return undefined;
  for (const { text: block, from, kind } of blocks) {
    const position = (start: number, end: number): md.Node['position'] => ({ start: lines.point(from + start), end: lines.point(from + end) });
    const found: Array<{ start: number; end: number; helper?: HelperNode }> = [];
    // The helper tokenizer of helper-syntax.ts: at each `{{`, a helper up to the first `}}`
    // outside a string on the same line, else an unclosed `{{`.
    for (let at = block.indexOf('{{'); at !== -1; ) {
      const close = closing(block, at + 2);
      if (close === -1) {
        unclosed.push({ type: 'helperUnclosed', position: position(at, at + 2) } as HelperUnclosedNode);
        found.push({ start: at, end: at + 2 });
        at = block.indexOf('{{', at + 2);
        continue;
      }
      const value = block.slice(at, close + 2);
      // A table splits its rows at `|` before it reads a cell: a call across one is the parser's.
      if (kind === 'table' && value.includes('|')) return undefined;
      found.push({ start: at, end: close + 2, helper: { type: 'helper', value, inner: block.slice(at + 2, close), position: position(at, close + 2) } });
      at = block.indexOf('{{', close + 2);
    }
    for (const f of found) {
      // Alone in its paragraph: nothing but spaces around it. Any other character (emphasis
      // markers too) is a sibling or a wrapper; either way the helper is not alone. In a table
      // it stands in a cell, or in a paragraph next to a `|`.
      if (f.helper) helpers.push({ node: f.helper, standalone: kind === 'paragraph' && found.length === 1 && (block.slice(0, f.start) + block.slice(f.end)).trim() === '' });
    }
  }
  return { helpers, unclosed };
}

/** Index of the `}}` closing a helper whose content starts at `from`, or -1 (none on this line). */
function closing(block: string, from: number): number {
  let inString = false;
  for (let j = from; j < block.length && block[j] !== '\n'; j++) {
    if (block[j] === '}' && !inString && block[j + 1] === '}') return j;
    if (block[j] === '"') inString = !inString;
  }
  return -1;
}
