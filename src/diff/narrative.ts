/**
 * Narrative diff: a Markdown text (chapter, Vorlage body, Markdown field) is split into
 * paragraphs (blocks; list items and table rows count as one each), the paragraphs are
 * matched, and inside a changed paragraph the words are compared (jsdiff). A paragraph that
 * stands elsewhere in the new text is reported as moved, not as removed and added.
 */
import { diffWordsWithSpace } from 'diff';
import { toString } from 'mdast-util-to-string';
import type * as md from 'mdast';
import { parseMarkdown } from '../content/markdown.js';
import type { ParagraphChange, Segment } from './report.js';
import { align } from './align.js';
import { dice, words } from './similarity.js';

/** One paragraph of a text. */
export interface TextBlock {
  /** Markdown source of the block, trimmed. */
  text: string;
  /** The text with every run of white space as one space: line wrapping is not a change. */
  norm: string;
  /** Heading above the block, or null. */
  section: string | null;
  /** Line in the file, or null when unknown (YAML fields). */
  line: number | null;
}

/** Below this word-similarity two paragraphs of the same place count as removed + added, not edited. */
const EDIT_THRESHOLD = 0.4;
/** A paragraph elsewhere in the new text counts as moved (and edited) above this similarity. */
const MOVE_THRESHOLD = 0.8;
/** Short blocks (a heading, „Keine.“) are too common to be recognised as moved when edited. */
const MOVE_MIN_WORDS = 6;

export function normalize(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Splits Markdown into blocks by its syntax tree: top-level blocks, each list item and each
 * table row on its own. `lineOffset` is the number of file lines before the text (front
 * matter), or null when lines are not wanted.
 */
export function markdownBlocks(body: string, lineOffset: number | null): TextBlock[] {
  if (!body.trim()) return [];
  const root = parseMarkdown(body);
  const out: TextBlock[] = [];
  let section: string | null = null;
  const push = (node: md.Node) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return;
    const text = body.slice(start, end).trim();
    if (!text) return;
    out.push({ text, norm: normalize(text), section, line: lineOffset === null ? null : lineOffset + node.position!.start.line });
  };
  for (const node of root.children) {
    if (node.type === 'list') for (const item of node.children) push(item);
    else if (node.type === 'table') for (const row of node.children) push(row);
    else if (node.type === 'thematicBreak') continue;
    else {
      push(node);
      if (node.type === 'heading') section = normalize(toString(node));
    }
  }
  return out;
}

/** Blocks of a list of Markdown entries (e.g. `befunde`): one block per entry. */
export function entryBlocks(entries: readonly string[]): TextBlock[] {
  return entries.map((e) => ({ text: e.trim(), norm: normalize(e), section: null, line: null })).filter((b) => b.norm);
}

/**
 * Word-level diff of two paragraphs (white space normalised; umlauts and „quotes“ stay intact),
 * made readable: consecutive changes separated only by white space become one change
 * (`[-a b-]{+c d+}` instead of `[-a-]{+c+} [-b-]{+d+}`); deletions come before insertions.
 */
export function wordSegments(a: string, b: string): Segment[] {
  const list = diffWordsWithSpace(normalize(a), normalize(b));
  const out: Segment[] = [];
  const push = (op: Segment['op'], text: string) => {
    if (!text) return;
    const last = out[out.length - 1];
    if (last && last.op === op) last.text += text;
    else out.push({ op, text });
  };
  // The change being grouped: what it deletes and what it inserts.
  let group: { del: string; ins: string } | null = null;
  const flush = () => {
    if (!group) return;
    const { del, ins } = group;
    // White space at the end of both sides belongs to the text that follows.
    const tail = /\s+$/.exec(del)?.[0] ?? '';
    const keep = tail && ins.endsWith(tail) && del.length > tail.length && ins.length > tail.length ? tail.length : 0;
    push('delete', del.slice(0, del.length - keep));
    push('insert', ins.slice(0, ins.length - keep));
    push('equal', del.slice(del.length - keep));
    group = null;
  };
  list.forEach((c, i) => {
    if (c.added || c.removed) {
      group ??= { del: '', ins: '' };
      if (c.added) group.ins += c.value;
      else group.del += c.value;
    } else if (group && !/\S/.test(c.value) && (list[i + 1]?.added || list[i + 1]?.removed)) {
      // Only white space between this change and the next: both are one change.
      group.del += c.value;
      group.ins += c.value;
    } else {
      flush();
      push('equal', c.value);
    }
  });
  flush();
  return out;
}

/** Compares two texts paragraph by paragraph; unchanged paragraphs are not listed. */
export function diffBlocks(a: TextBlock[], b: TextBlock[]): ParagraphChange[] {
  const aligned = align(a, b, {
    key: (x) => x.norm,
    similarity: (x, y) => dice(words(x.norm), words(y.norm)),
    editThreshold: EDIT_THRESHOLD,
    moveThreshold: MOVE_THRESHOLD,
    canMove: (x) => words(x.norm).length >= MOVE_MIN_WORDS,
  });
  return aligned.map((o): ParagraphChange => {
    const x = 'ai' in o ? a[o.ai] : null;
    const y = 'bi' in o ? b[o.bi] : null;
    return {
      op: o.op,
      index: 'bi' in o ? o.bi + 1 : null,
      oldIndex: 'ai' in o ? o.ai + 1 : null,
      line: y ? y.line : null,
      oldLine: x ? x.line : null,
      section: (y ?? x)!.section,
      oldSection: x && y ? x.section : null,
      text: (y ?? x)!.text,
      segments: x && y && (o.op !== 'moved' || o.edited) ? wordSegments(x.norm, y.norm) : null,
    };
  });
}

/** Compares two Markdown texts (either may be missing). */
export function diffMarkdown(a: string | undefined, b: string | undefined, lineOffsetA: number | null = null, lineOffsetB: number | null = null): ParagraphChange[] {
  if (a === b) return [];
  return diffBlocks(markdownBlocks(a ?? '', lineOffsetA), markdownBlocks(b ?? '', lineOffsetB));
}
