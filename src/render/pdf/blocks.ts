/**
 * Blocks of the document tree → pdfmake content. One function per node type; `blocksToPdf`
 * handles what spans blocks: page breaks (applied to the next block) and keeping a heading
 * or a section label with the block that follows it.
 */
import type { Content } from 'pdfmake/interfaces.js';
import type {
  Block, Blockquote, Code, Footnotes, Heading, List, PageBreak, Paragraph, Section, Toc,
} from '../../document/tree.js';
import { changeSummaryTable } from '../../document/tree.js';
import type { RenderContext } from './context.js';
import { chartToPdf, imageToPdf } from './image.js';
import { inlineText, inlinesToPdf, taggedText, type TextFragment } from './inline.js';
import { fitsOnePage, isOneLine } from './keep.js';
import { withoutTrailingMargin } from './margins.js';
import { KEEP_LINES } from './page-flow.js';
import { bannerToPdf, fieldListToPdf, logoToPdf, signaturesToPdf, titlePageToPdf } from './parts.js';
import { tableToPdf } from './table.js';
import { headingRole, tagged, type ContentTag } from './tagging/structure.js';

/** Lines of a paragraph (of twice as many or more) that stay together at a page break, on each side. */
const MIN_LINES = 2;

/** Blocks that start something new and are never glued to a preceding heading. */
const NOT_KEPT_WITH_HEADING = new Set<Block['type']>(['heading', 'pageBreak', 'toc', 'titlePage', 'footnotes']);

/** Converts a sequence of blocks, applying page breaks and heading/label keep-with-next. */
export function blocksToPdf(blocks: Block[], ctx: RenderContext): Content[] {
  const out: Content[] = [];
  let pendingBreak: PageBreak | undefined;
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i];
    if (block.type === 'pageBreak') {
      const previous = blocks[i - 1];
      if (out.length === 0) continue; // nothing before it: no blank first page
      if (previous?.type === 'titlePage') {
        // The title page already ends with a page break; it takes over the orientation.
        out[out.length - 1] = { ...(out[out.length - 1] as object), pageOrientation: block.orientation } as Content;
        continue;
      }
      pendingBreak = block;
      out[out.length - 1] = withoutTrailingMargin(out[out.length - 1]);
      continue;
    }
    let content: Content | null;
    if (block.type === 'heading') {
      // A heading never ends a page: it goes with the headings right below it and the first
      // block of their text („2 Ausgangslage“, „2.1 Bevölkerung“, first paragraph). When that
      // is too much (a long table follows), the headings at least stay whole on one page.
      const group = headingGroup(blocks, i, ctx);
      content = { stack: group.flatMap((b) => (b.type === 'heading' ? [headingToPdf(b, ctx)] : nonNull(blockToPdf(b, ctx)))), unbreakable: true };
      i += group.length - 1;
    } else {
      content = blockToPdf(block, ctx);
    }
    if (content === null) continue;
    out.push(pendingBreak ? withPageBreak(content, pendingBreak) : content);
    pendingBreak = undefined;
  }
  return out;
}

/**
 * The blocks set together with the heading at `start`: the headings directly below it, and
 * the first block of text after them when the whole group fits well within one page. A
 * one-line paragraph first („Frist: Dezember 2021“) takes the next block with it, so at least
 * two lines of text (or a table) follow the heading on its page.
 */
function headingGroup(blocks: Block[], start: number, ctx: RenderContext): Block[] {
  let end = start + 1;
  while (blocks[end]?.type === 'heading') end++;
  // Whether the group may reach up to and including block `last`.
  const fits = (last: number) => blocks[last] !== undefined && !NOT_KEPT_WITH_HEADING.has(blocks[last].type) && fitsOnePage(blocks.slice(start, last + 1), ctx);
  if (fits(end)) {
    end++;
    if (isOneLine(blocks[end - 1], ctx) && fits(end)) end++;
  }
  return blocks.slice(start, end);
}

function withPageBreak(content: Content, pageBreak: PageBreak): Content {
  return { stack: [content], pageBreak: 'before', pageOrientation: pageBreak.orientation };
}

function nonNull(content: Content | null): Content[] {
  return content === null ? [] : [content];
}

/** Converts one block (`null` for blocks that print nothing). */
export function blockToPdf(block: Block, ctx: RenderContext): Content | null {
  switch (block.type) {
    case 'heading': return headingToPdf(block, ctx);
    case 'paragraph': return paragraphToPdf(block, ctx);
    case 'list': return listToPdf(block, ctx);
    case 'blockquote': return blockquoteToPdf(block, ctx);
    case 'code': return codeToPdf(block, ctx);
    case 'thematicBreak': return thematicBreakToPdf(ctx);
    case 'table': return tableToPdf(block, ctx);
    case 'changeSummary': return tableToPdf(changeSummaryTable(block), ctx);
    case 'image': return imageToPdf(block, ctx);
    case 'section': return sectionToPdf(block, ctx);
    case 'fieldList': return fieldListToPdf(block, ctx);
    case 'signatures': return signaturesToPdf(block, ctx);
    case 'logo': return logoToPdf(block, ctx);
    case 'banner': return bannerToPdf(block, ctx);
    case 'pageBreak': return null; // handled by blocksToPdf
    case 'toc': return tocToPdf(block, ctx);
    case 'footnotes': return footnotesToPdf(block, ctx);
    case 'chart': return chartToPdf(block, ctx);
    case 'keepTogether': return { stack: blocksToPdf(block.children, ctx), unbreakable: fitsOnePage(block.children, ctx) || undefined };
    case 'titlePage': return titlePageToPdf(block, ctx);
  }
}

/**
 * The PDF heading level of an HTML heading level (2–6 below the page's `<h1>`): the same
 * outline, shifted up one level when the PDF does not print the document title as H1.
 */
export function pdfHeadingLevel(htmlLevel: number, ctx: RenderContext): number {
  return Math.min(6, Math.max(2, htmlLevel)) - ctx.headingShift;
}

/**
 * A heading (H1–H6, see `pdfHeadingLevel`): style per depth, printed number, link target
 * (`id`), and when `toc` a bookmark nested under the previous shallower heading (the table
 * of contents lists it too, see `tocToPdf`).
 */
export function headingToPdf(node: Heading, ctx: RenderContext): Content {
  const level = pdfHeadingLevel(node.depth + 1 + ctx.sectionDepth, ctx);
  const text = ctx.tags.within(headingRole(level), {}, () => [
    ...(node.number ? [{ text: `${node.number} `, _tag: ctx.tags.content() }] : []),
    ...inlinesToPdf(node.children, ctx),
  ]);
  // Inside a labelled section the bold label is the top level and a `#` heading prints in the
  // third size, as the HTML style sheet does (`section.labelled h3`).
  const size = ctx.sectionDepth > 0 ? Math.min(4, node.depth + 2) : node.depth;
  const base = { text, style: `h${size}`, id: node.anchor };
  if (!node.toc) return base;
  const parent = ctx.outlineParents.slice(0, node.depth - 1).reverse().find((a) => a !== undefined);
  ctx.outlineParents.splice(node.depth - 1, ctx.outlineParents.length, node.anchor);
  // @types/pdfmake splits TOC items and bookmarked texts into types that exclude each
  // other; pdfmake itself takes both on one text node.
  const entry = {
    ...base,
    outline: true,
    outlineText: `${node.number ? `${node.number} ` : ''}${inlineText(node.children)}`,
    outlineParentId: parent,
  };
  return entry as Content;
}

/** A paragraph: left-aligned (never justified), in the body, lead, small or muted style. */
function paragraphToPdf(node: Paragraph, ctx: RenderContext): Content {
  return { text: ctx.tags.within('P', {}, () => inlinesToPdf(node.children, ctx)), style: node.style ?? 'paragraph', [KEEP_LINES]: MIN_LINES } as Content;
}

/**
 * A list (L), each item (LI) a label (Lbl) and a body (LBody). Numbers are real columns,
 * not pdfmake's `ol` markers: pdfmake draws those after the item's first line, so text
 * extraction would read „Das Deckblatt 1.“. Bullets are pdfmake's own `ul` discs, drawn
 * with the first line (so never apart from it at a page break); `bulletLabel` tags them.
 */
function listToPdf(node: List, ctx: RenderContext): Content {
  const margin: [number, number, number, number] = [0, 0, 0, ctx.theme.blockGap];
  return ctx.tags.within('L', {}, () => {
    if (!node.ordered) {
      return { ul: node.items.map((item) => ctx.tags.within('LI', {}, () => bulletLabel(ctx.tags.leaf('Lbl', { actualText: '•' }), ctx.tags.within('LBody', {}, () => listItemToPdf(item, ctx))))), margin };
    }
    const start = node.start ?? 1;
    const digits = String(start + node.items.length - 1).length;
    return {
      stack: node.items.map((item, i) => ctx.tags.within('LI', {}, () => {
        const number = { text: taggedText(`${start + i}.`, () => ctx.tags.leaf('Lbl')), width: 8 + digits * 6 };
        const body = ctx.tags.within('LBody', {}, () => listItemToPdf(item, ctx));
        return { columns: [number, { stack: [body], width: '*' }], columnGap: 2 };
      })),
      margin,
    } as Content;
  });
}

/**
 * Tags the disc pdfmake makes for a `ul` item: pdfmake's measuring sets `item.listMarker`
 * (a fresh canvas on every layout pass), and this accessor stamps its vector as the Lbl.
 */
function bulletLabel(label: ContentTag, item: Content): Content {
  let marker: { canvas?: Array<Record<string, unknown>> } | undefined;
  Object.defineProperty(item, 'listMarker', {
    configurable: true,
    enumerable: true,
    get: () => marker,
    set: (value: typeof marker) => {
      marker = value;
      for (const vector of value?.canvas ?? []) tagged(vector, label);
    },
  });
  return item;
}

/** A list item; its paragraphs closer together than in running text. */
function listItemToPdf(item: Block[], ctx: RenderContext): Content {
  const tight = (p: Paragraph): Content => ({ text: ctx.tags.within('P', {}, () => inlinesToPdf(p.children, ctx)), margin: [0, 0, 0, ctx.theme.fontSize * 0.3], [KEEP_LINES]: MIN_LINES }) as Content;
  if (item.length === 1 && item[0].type === 'paragraph') return tight(item[0]);
  const content = item.map((b) => (b.type === 'paragraph' && !b.style ? tight(b) : blockToPdf(b, ctx)));
  return { stack: content.filter((c): c is Content => c !== null) };
}

/** A blockquote: its blocks in muted italics behind a rule in the primary colour. */
function blockquoteToPdf(node: Blockquote, ctx: RenderContext): Content {
  const children = ctx.tags.within('BlockQuote', {}, () => blocksToPdf(node.children, ctx));
  return {
    table: { widths: ['*'], body: [[{ stack: children, style: 'blockquote' }]] },
    layout: ctx.theme.tableLayouts.quote,
    margin: [0, 0, 0, ctx.theme.blockGap],
  };
}

/** A code block: monospace on a shaded box, leading spaces kept. */
function codeToPdf(node: Code, ctx: RenderContext): Content {
  return {
    table: { widths: ['*'], body: [[{ text: taggedText(node.value, () => ctx.tags.leaf('Code'), true), style: 'code', font: ctx.monoFont }]] },
    layout: ctx.theme.tableLayouts.code,
    margin: [0, 0, 0, ctx.theme.blockGap],
  };
}

/** A thin horizontal rule across the text width. */
function thematicBreakToPdf(ctx: RenderContext): Content {
  const { contentWidth, colors, blockGap } = ctx.theme;
  return {
    canvas: [{ type: 'line', x1: 0, y1: 0, x2: contentWidth, y2: 0, lineWidth: 0.5, lineColor: colors.table_border }],
    margin: [0, blockGap * 0.5, 0, blockGap * 1.5],
  };
}

/** A labelled Vorlage section: the bold label (kept with the first child), then the children. */
function sectionToPdf(node: Section, ctx: RenderContext): Content {
  return ctx.tags.within('Sect', {}, () => {
    const level = pdfHeadingLevel(2 + ctx.sectionDepth, ctx);
    const label: Content = { text: taggedText(node.label, () => ctx.tags.leaf(headingRole(level))), style: 'sectionLabel', id: node.anchor } as Content;
    ctx.sectionDepth++;
    try {
      const [first, ...rest] = node.children;
      if (first && first.type !== 'pageBreak' && fitsOnePage([first], ctx)) {
        const head: Content = { stack: [label, ...nonNull(blockToPdf(first, ctx))], unbreakable: true };
        return { stack: [head, ...blocksToPdf(rest, ctx)] };
      }
      return { stack: [label, ...blocksToPdf(node.children, ctx)] };
    } finally {
      ctx.sectionDepth--;
    }
  });
}

/**
 * The table of contents: its title a heading (as in HTML), then a TOC with one TOCI per
 * heading marked `toc`, each a Link with the heading's number and text and its page number
 * (pdfmake's `pageReference`). Built here rather than with pdfmake's `toc`, which copies the
 * headings' own text nodes and so their tags.
 */
function tocToPdf(node: Toc, ctx: RenderContext): Content {
  const title: Content = { text: taggedText(node.title, () => ctx.tags.leaf(headingRole(pdfHeadingLevel(2, ctx)))), style: 'tocTitle' };
  const body = ctx.tags.within('TOC', {}, () => ctx.headings.filter((h) => h.toc).map((heading) => {
    const text = `${heading.number ? `${heading.number} ` : ''}${inlineText(heading.children)}`;
    return ctx.tags.within('TOCI', {}, () => ctx.tags.within('Link', { linkText: text }, () => {
      const slot = ctx.tags.content();
      const margin = ctx.theme.tocMargins[heading.depth];
      return [
        { text: [{ text, _tag: slot, linkToDestination: heading.anchor }] as TextFragment[], alignment: 'left', style: `toc${heading.depth}`, margin },
        // pdfmake replaces a `pageReference` node's text by the page number: the tag goes on the node.
        { pageReference: heading.anchor, alignment: 'right', margin: [0, margin[1], 0, margin[3]], _nodeTag: slot },
      ];
    }));
  }));
  if (body.length === 0) return { stack: [title], margin: [0, 0, 0, ctx.theme.blockGap * 2] };
  return {
    stack: [title, { table: { dontBreakRows: true, widths: ['*', 'auto'], body }, layout: 'noBorders' }],
    margin: [0, 0, 0, ctx.theme.blockGap * 2],
  } as Content;
}

/**
 * A chapter's footnotes: their Note elements stand here in the structure tree (after the
 * text that references them), their rows go to the foot of the page of their marker
 * (`footnotes.ts`), so nothing is set in the flow.
 */
function footnotesToPdf(node: Footnotes, ctx: RenderContext): Content | null {
  for (const item of node.items) {
    ctx.footnotes.set(item.number, ctx.tags.within('Note', { id: item.anchor }, () => [
      { text: taggedText(String(item.number), () => ctx.tags.leaf('Lbl')), id: item.anchor, style: 'footnote' },
      { stack: footnoteBody(item.children, ctx), style: 'footnote' },
    ]));
  }
  return null;
}

/** The foot of a page: a short rule, then the notes `numbers` as label and text. */
export function footnoteArea(numbers: readonly number[], ctx: RenderContext): Content {
  const { fontSize, colors, pageMargins } = ctx.theme;
  const rule: Content = { canvas: [{ type: 'line', x1: 0, y1: 0, x2: fontSize * 8, y2: 0, lineWidth: 0.5, lineColor: colors.table_border }], margin: [0, fontSize, 0, fontSize * 0.4] };
  const body = numbers.map((n) => ctx.footnotes.get(n)!);
  return {
    stack: [rule, { table: { widths: [fontSize * 1.6, '*'], body, dontBreakRows: true }, layout: ctx.theme.tableLayouts.plain }],
    margin: [pageMargins[0], 0, pageMargins[2], 0],
  };
}

function footnoteBody(blocks: Block[], ctx: RenderContext): Content[] {
  const first = blocks[0];
  if (blocks.length === 1 && first.type === 'paragraph') return [{ text: ctx.tags.within('P', {}, () => inlinesToPdf(first.children, ctx)) }];
  return blocksToPdf(blocks, ctx);
}
