/**
 * Blocks of the document tree → pdfmake content. One function per node type; `blocksToPdf`
 * handles what spans blocks: page breaks (applied to the next block) and keeping a heading
 * or a section label with the block that follows it.
 */
import type { Content } from 'pdfmake/interfaces.js';
import type {
  Block, Blockquote, Code, Footnotes, Heading, List, PageBreak, Paragraph, Section, Toc,
} from '../../document/tree.js';
import type { RenderContext } from './context.js';
import { chartToPdf, imageToPdf } from './image.js';
import { inlineText, inlinesToPdf } from './inline.js';
import { fitsOnePage } from './keep.js';
import { withoutTrailingMargin } from './margins.js';
import { bannerToPdf, fieldListToPdf, logoToPdf, signaturesToPdf, titlePageToPdf } from './parts.js';
import { tableToPdf } from './table.js';

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
    const next = blocks[i + 1];
    let content: Content | null;
    if (block.type === 'heading' && next && keepsWithHeading(block, next, ctx)) {
      content = { stack: [headingToPdf(block, ctx), ...nonNull(blockToPdf(next, ctx))], unbreakable: true };
      i++;
    } else {
      content = blockToPdf(block, ctx);
    }
    if (content === null) continue;
    out.push(pendingBreak ? withPageBreak(content, pendingBreak) : content);
    pendingBreak = undefined;
  }
  return out;
}

function keepsWithHeading(heading: Heading, next: Block, ctx: RenderContext): boolean {
  return !NOT_KEPT_WITH_HEADING.has(next.type) && fitsOnePage([heading, next], ctx);
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
 * A heading: style per depth, printed number, link target (`id`), and when `toc` an entry
 * in the table of contents and a bookmark nested under the previous shallower heading.
 */
export function headingToPdf(node: Heading, ctx: RenderContext): Content {
  const prefix = node.number ? [{ text: `${node.number} ` }] : [];
  const text = [...prefix, ...inlinesToPdf(node.children, ctx)];
  const base = { text, style: `h${node.depth}`, id: node.anchor };
  if (!node.toc) return base;
  const parent = ctx.outlineParents.slice(0, node.depth - 1).reverse().find((a) => a !== undefined);
  ctx.outlineParents.splice(node.depth - 1, ctx.outlineParents.length, node.anchor);
  // @types/pdfmake splits TOC items and bookmarked texts into types that exclude each
  // other; pdfmake itself takes both on one text node.
  const entry = {
    ...base,
    tocItem: true,
    tocStyle: `toc${node.depth}`,
    tocMargin: ctx.theme.tocMargins[node.depth],
    outline: true,
    outlineText: `${node.number ? `${node.number} ` : ''}${inlineText(node.children)}`,
    outlineParentId: parent,
  };
  return entry as Content;
}

/** A paragraph: left-aligned (never justified), in the body, lead, small or muted style. */
function paragraphToPdf(node: Paragraph, ctx: RenderContext): Content {
  return { text: inlinesToPdf(node.children, ctx), style: node.style ?? 'paragraph' };
}

/** A list; each item a stack of blocks, tighter spacing for one-paragraph items. */
function listToPdf(node: List, ctx: RenderContext): Content {
  const items = node.items.map((item) => listItemToPdf(item, ctx));
  const margin: [number, number, number, number] = [0, 0, 0, ctx.theme.blockGap];
  if (node.ordered) {
    // Numbers as real columns, not pdfmake's `ol` markers: pdfmake draws those after the item
    // text, so text extraction and screen readers would read „Das Deckblatt 1.“.
    const start = node.start ?? 1;
    const digits = String(start + items.length - 1).length;
    return {
      stack: items.map((item, i) => ({ columns: [{ text: `${start + i}.`, width: 8 + digits * 6 }, { stack: [item], width: '*' }], columnGap: 2 })),
      margin,
    } as Content;
  }
  return { ul: items, margin };
}

/** A list item; its paragraphs closer together than in running text. */
function listItemToPdf(item: Block[], ctx: RenderContext): Content {
  const tight = (p: Paragraph): Content => ({ text: inlinesToPdf(p.children, ctx), margin: [0, 0, 0, ctx.theme.fontSize * 0.3] });
  if (item.length === 1 && item[0].type === 'paragraph') return tight(item[0]);
  const content = item.map((b) => (b.type === 'paragraph' && !b.style ? tight(b) : blockToPdf(b, ctx)));
  return { stack: content.filter((c): c is Content => c !== null) };
}

/** A blockquote: its blocks in muted italics behind a rule in the primary colour. */
function blockquoteToPdf(node: Blockquote, ctx: RenderContext): Content {
  return {
    table: { widths: ['*'], body: [[{ stack: blocksToPdf(node.children, ctx), style: 'blockquote' }]] },
    layout: ctx.theme.tableLayouts.quote,
    margin: [0, 0, 0, ctx.theme.blockGap],
  };
}

/** A code block: monospace on a shaded box, leading spaces kept. */
function codeToPdf(node: Code, ctx: RenderContext): Content {
  return {
    table: { widths: ['*'], body: [[{ text: node.value, style: 'code', font: ctx.monoFont }]] },
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
  const label: Content = { text: node.label, style: 'sectionLabel', id: node.anchor };
  const [first, ...rest] = node.children;
  if (first && first.type !== 'pageBreak' && fitsOnePage([first], ctx)) {
    const head: Content = { stack: [label, ...nonNull(blockToPdf(first, ctx))], unbreakable: true };
    return { stack: [head, ...blocksToPdf(rest, ctx)] };
  }
  return { stack: [label, ...blocksToPdf(node.children, ctx)] };
}

/** The table of contents: pdfmake's `toc`, filled with every heading marked `tocItem`. */
function tocToPdf(node: Toc, ctx: RenderContext): Content {
  return {
    toc: { title: { text: node.title, style: 'tocTitle' }, numberStyle: {} },
    margin: [0, 0, 0, ctx.theme.blockGap * 2],
  };
}

/** Footnotes at the end of a chapter: a short rule, then number | text in small type. */
function footnotesToPdf(node: Footnotes, ctx: RenderContext): Content | null {
  if (node.items.length === 0) return null;
  const { fontSize, colors } = ctx.theme;
  const rule: Content = { canvas: [{ type: 'line', x1: 0, y1: 0, x2: fontSize * 8, y2: 0, lineWidth: 0.5, lineColor: colors.table_border }], margin: [0, fontSize, 0, fontSize * 0.4] };
  const body = node.items.map((item) => [
    { text: String(item.number), id: item.anchor, style: 'footnote' },
    { stack: footnoteBody(item.children, ctx), style: 'footnote' },
  ]);
  return {
    stack: [rule, { table: { widths: [fontSize * 1.6, '*'], body, dontBreakRows: true }, layout: ctx.theme.tableLayouts.plain }],
    margin: [0, 0, 0, ctx.theme.blockGap],
  };
}

function footnoteBody(blocks: Block[], ctx: RenderContext): Content[] {
  if (blocks.length === 1 && blocks[0].type === 'paragraph') return [{ text: inlinesToPdf(blocks[0].children, ctx) }];
  return blocksToPdf(blocks, ctx);
}
