/** Inline content of the document tree → hast (phrasing content). */
import type { ElementContent } from 'hast';
import type { Inline } from '../../document/tree.js';
import path from 'node:path';
import { h, text } from './h.js';
import { classifyLink, isSafeRelativePath } from './url.js';
import { typeset } from '../../format/typeset.js';

/** State shared while converting one document. */
export interface InlineState {
  /** Footnote anchors whose first reference already carries the `fnref-…` id. */
  seenFootnoteRefs: Set<string>;
  /** `outPath` of the document being rendered, for links to other documents. */
  outPath: string;
}

/** Options for {@link inlineToHast}. */
export interface InlineOptions {
  /** Plain mode (TOC entries): links become their text, footnote references are dropped. */
  plain?: boolean;
}

/** The id a footnote's note carries: the tree's anchor itself. */
export function footnoteId(anchor: string): string {
  return anchor;
}

/** The id of the first reference to a footnote, target of the note's back-link. */
export function footnoteRefId(anchor: string): string {
  return `fnref-${anchor.replace(/^fn-/, '')}`;
}

/**
 * A text typeset for German (format/typeset.ts): soft hyphens in long words, so that browsers
 * without a German hyphenation dictionary break them too (`hyphens: auto` does the rest), and
 * no-break spaces. A piece that must not break but has a break opportunity of its own (an ID
 * such as `Z-BIL-1.1`, a URL) is a `span.nobr`. Browsers ignore soft hyphens when searching
 * and copying.
 */
export function typesetToHast(value: string): ElementContent[] {
  const out: ElementContent[] = [];
  for (const run of typeset(value)) {
    const last = out[out.length - 1];
    if (run.keep && /[-/]/.test(run.text)) out.push(h('span', { className: ['nobr'] }, run.text));
    else if (last?.type === 'text') last.value += run.text;
    else out.push(text(run.text));
  }
  return out;
}

/** Converts inline nodes to hast. */
export function inlineToHast(nodes: Inline[], state: InlineState, options: InlineOptions = {}): ElementContent[] {
  return nodes.flatMap((node) => one(node, state, options));
}

function one(node: Inline, state: InlineState, options: InlineOptions): ElementContent[] {
  const kids = (children: Inline[]) => inlineToHast(children, state, options);
  switch (node.type) {
    case 'text':
      return options.plain ? [text(node.value)] : typesetToHast(node.value);
    case 'strong':
      return [h('strong', {}, kids(node.children))];
    case 'emphasis':
      return [h('em', {}, kids(node.children))];
    case 'delete':
      return [h('del', {}, kids(node.children))];
    case 'ins':
    case 'del':
      // Hidden words announce the change to screen readers (the CSS marks it for the eye).
      return options.plain ? kids(node.children) : [h(node.type, { className: ['change'] }, [h('span', { className: ['visually-hidden'] }, node.type === 'ins' ? '[eingefügt: ' : '[gestrichen: '), ...kids(node.children), h('span', { className: ['visually-hidden'] }, ']')])];
    case 'inlineCode':
      return [h('code', {}, node.value)];
    case 'break':
      return options.plain ? [text(' ')] : [h('br')];
    case 'link': {
      if (node.target) {
        // A file or document ratsdoc wrote itself: a relative link into out/.
        const href = node.target === 'document' ? `${node.url}.html` : node.url;
        return options.plain || !isSafeRelativePath(href) ? kids(node.children) : [h('a', { href }, kids(node.children))];
      }
      const kind = classifyLink(node.url);
      if (options.plain || kind === 'refused') return kids(node.children);
      return [h('a', { href: node.url, rel: kind === 'external' ? ['noopener'] : undefined }, kids(node.children))];
    }
    case 'documentLink': {
      if (options.plain) return kids(node.children);
      const target = node.document === state.outPath ? '' : `${path.posix.relative(path.posix.dirname(state.outPath), node.document)}.html`;
      return [h('a', { href: `${target}${node.anchor ? `#${node.anchor}` : ''}` }, kids(node.children))];
    }
    case 'footnoteRef': {
      if (options.plain) return [];
      const first = !state.seenFootnoteRefs.has(node.anchor);
      state.seenFootnoteRefs.add(node.anchor);
      const link = h('a', {
        href: `#${footnoteId(node.anchor)}`,
        id: first ? footnoteRefId(node.anchor) : undefined,
        className: ['fnref'],
        ariaLabel: `Fußnote ${node.number}`,
      }, String(node.number));
      return [h('sup', {}, link)];
    }
  }
}
