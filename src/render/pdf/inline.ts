/**
 * Inline content → pdfmake text fragments. pdfmake does not inherit styles into nested
 * `text` arrays (pdfmake issue #1174), so the tree's nesting (strong inside a link inside
 * emphasis …) is flattened here into leaf fragments that each carry their full style.
 */
import type { Inline } from '../../document/tree.js';
import type { RenderContext } from './context.js';
import type { ContentTag } from './tagging/structure.js';
import { typeset } from '../../format/typeset.js';

/** One run of text with its complete inline style, as pdfmake wants it in a `text` array. */
export interface TextFragment {
  text: string;
  bold?: boolean;
  italics?: boolean;
  decoration?: 'lineThrough' | 'underline';
  font?: string;
  sup?: boolean;
  link?: string;
  linkToDestination?: string;
  color?: string;
  /** A piece that must stay on one line (an ID, amount, date, URL; see format/typeset.ts). */
  noWrap?: boolean;
  /** Running text the line breaker may hyphenate where a word does not fit (hyphenation.ts). */
  _hyphenate?: true;
  /** The structure element slot (or artifact) this text belongs to; see tagging/structure.ts. */
  _tag?: ContentTag;
  /** A footnote marker: its note's number (`footnotes.ts` finds the page it lands on). */
  _footnote?: number;
}

/** Style accumulated from the enclosing inline nodes. */
type InlineStyle = Omit<TextFragment, 'text' | '_tag' | '_footnote'>;

/**
 * Converts inline content to flat pdfmake text fragments (empty texts are dropped), tagged
 * as content of the current structure element; links become Link elements, footnote
 * references Reference elements with their Link.
 */
export function inlinesToPdf(inlines: Inline[], ctx: RenderContext, style: InlineStyle = {}): TextFragment[] {
  return inlines.flatMap((node) => inlineToPdf(node, ctx, style));
}

function inlineToPdf(node: Inline, ctx: RenderContext, style: InlineStyle): TextFragment[] {
  switch (node.type) {
    case 'text':
      return fragment(node.value, style, ctx);
    case 'strong':
      return inlinesToPdf(node.children, ctx, { ...style, bold: true });
    case 'emphasis':
      return inlinesToPdf(node.children, ctx, { ...style, italics: true });
    case 'delete':
      return inlinesToPdf(node.children, ctx, { ...style, decoration: 'lineThrough' });
    case 'ins':
    case 'del': {
      // Style for the eye, the word for the ear: a Span whose /Alt says „eingefügt: …“ / „gestrichen: …“.
      const word = node.type === 'ins' ? 'eingefügt' : 'gestrichen';
      return ctx.tags.within('Span', { alt: `${word}: ${inlineText(node.children)}` }, () =>
        inlinesToPdf(node.children, ctx, { ...style, decoration: node.type === 'ins' ? 'underline' : 'lineThrough', color: CHANGE_COLOR[node.type] }));
    }
    case 'inlineCode':
      return fragment(node.value, { ...style, font: ctx.monoFont }, ctx);
    case 'break':
      return [{ ...style, text: '\n', _tag: ctx.tags.content() }];
    case 'link':
      return ctx.tags.within('Link', { linkText: inlineText(node.children) }, () =>
        inlinesToPdf(node.children, ctx, { ...style, ...linkTarget(node.target === 'document' ? `${node.url}.pdf` : node.url), color: ctx.theme.colors.primary }));
    case 'footnoteRef':
      return ctx.tags.within('Reference', {}, () => ctx.tags.within('Link', { linkText: `Fußnote ${node.number}` }, () =>
        [{ ...style, text: String(node.number), sup: true, linkToDestination: node.anchor, _footnote: node.number, _tag: ctx.tags.content() }]));
    case 'documentLink':
      // A PDF links only inside itself: another document's text stays text.
      return node.document === ctx.outPath && node.anchor
        ? ctx.tags.within('Link', { linkText: inlineText(node.children) }, () =>
          inlinesToPdf(node.children, ctx, { ...style, linkToDestination: node.anchor, color: ctx.theme.colors.primary }))
        : inlinesToPdf(node.children, ctx, style);
  }
}

/** Colours of inserted and deleted text (as the HTML redline's). */
const CHANGE_COLOR = { ins: '#0b5a1f', del: '#8a1111' } as const;

/**
 * A text as fragments of one style, typeset (format/typeset.ts): no-break spaces, and every
 * piece that must not break as a `noWrap` fragment of its own. No soft hyphens: the rest is
 * marked `_hyphenate`, and the line breaker hyphenates a word only where it does not fit.
 * Inline code keeps its text as it is.
 */
function fragment(text: string, style: InlineStyle, ctx: RenderContext): TextFragment[] {
  if (text === '') return [];
  const tag = ctx.tags.content();
  if (style.font === ctx.monoFont) return [{ ...style, text, _tag: tag }];
  return typesetFragments(text, style, tag);
}

/**
 * The spaces after a `noWrap` piece go with it (pdfmake trims them at a line end as in any
 * word): one fragment and one measured inline fewer than a fragment starting with a space.
 */
function typesetFragments(text: string, style: InlineStyle, tag: ContentTag): TextFragment[] {
  const out: TextFragment[] = [];
  for (const run of typeset(text, { hyphenate: false })) {
    const last = out[out.length - 1];
    if (run.keep) {
      out.push({ ...style, text: run.text, noWrap: true, _tag: tag });
      continue;
    }
    let rest = run.text;
    if (last?.noWrap) {
      const spaces = /^ +/.exec(rest)?.[0];
      if (spaces) {
        last.text += spaces;
        rest = rest.slice(spaces.length);
      }
    }
    if (rest !== '') out.push({ ...style, text: rest, _hyphenate: true, _tag: tag });
  }
  return out;
}

/** `#anchor` → an internal link to the node with that `id`; anything else an external link. */
function linkTarget(url: string): Pick<TextFragment, 'link' | 'linkToDestination'> {
  return url.startsWith('#') ? { linkToDestination: url.slice(1) } : { link: url };
}

/**
 * A plain text tagged `tag()` (nothing, and no tag made, for an empty text), typeset as
 * running text unless `verbatim` (code).
 */
export function taggedText(text: string, tag: () => ContentTag, verbatim = false): TextFragment[] {
  if (text === '') return [];
  return verbatim ? [{ text, _tag: tag() }] : typesetFragments(text, {}, tag());
}

/** The plain text of inline content (bookmark titles, size estimates). */
export function inlineText(inlines: Inline[]): string {
  return inlines.map((node) => {
    switch (node.type) {
      case 'text':
      case 'inlineCode':
        return node.value;
      case 'break':
        return ' ';
      case 'footnoteRef':
        return '';
      default:
        return inlineText(node.children);
    }
  }).join('');
}
