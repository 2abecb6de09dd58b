/**
 * Keeping blocks together without losing content.
 *
 * pdfmake's `unbreakable` moves a block to the next page when it does not fit, but a block
 * taller than a whole page does not fit on the next one either and is dropped (PageElementWriter
 * `commitUnbreakableBlock`: "no support for multi-page unbreakableBlocks"). `page-flow.ts`
 * catches that and lays the document out once more with the block breakable; to keep that
 * extra pass rare, blocks are only made unbreakable when a rough, deliberately pessimistic
 * height estimate says they fit well within one page. (`pageBreakBefore` callbacks would be exact but re-lay the
 * whole document for every break: 102 pages went from 1,3 s to 9,8 s when measured.)
 */
import type { Block, TableCell } from '../../document/tree.js';
import { changeSummaryTable } from '../../document/tree.js';
import type { RenderContext } from './context.js';
import { inlineText } from './inline.js';

/** Fraction of the text area height a kept-together group may take (estimate). */
const KEEP_LIMIT = 0.55;

/** Whether `blocks` may safely be put into one unbreakable pdfmake stack. */
export function fitsOnePage(blocks: Block[], ctx: RenderContext): boolean {
  const total = blocks.reduce((sum, block) => sum + estimateHeight(block, ctx), 0);
  return total <= ctx.theme.contentHeight * KEEP_LIMIT;
}

/** A rough, generous height of a block in pt (overestimates rather than under). */
export function estimateHeight(block: Block, ctx: RenderContext): number {
  const { fontSize, contentWidth, contentHeight } = ctx.theme;
  const line = fontSize * 1.4;
  const textHeight = (text: string, width = contentWidth) => textLines(text, width, fontSize) * line;
  switch (block.type) {
    case 'heading':
    case 'paragraph':
      return textHeight(inlineText(block.children)) + line;
    case 'list':
      return block.items.reduce((sum, item) => sum + sumHeights(item, ctx), 0) + line;
    case 'blockquote':
    case 'section':
    case 'keepTogether':
      return sumHeights(block.children, ctx) + line * 2;
    case 'code':
      return block.value.split('\n').length * line + line;
    case 'changeSummary':
      return estimateHeight(changeSummaryTable(block), ctx);
    case 'table':
      return tableHeight(block.widths?.length, [...block.headerRows, ...block.rows, ...(block.footerRows ?? [])], ctx) + (block.caption ? line * 2 : line);
    case 'fieldList':
      return block.fields.reduce((sum, f) => sum + textHeight(inlineText(f.value), contentWidth * 0.7), 0) + line;
    case 'signatures':
      return (block.layout === 'row' ? 1 : block.items.length) * (line * 5 + ctx.theme.signatureSpace);
    case 'footnotes':
      return block.items.reduce((sum, item) => sum + sumHeights(item.children, ctx), 0) + line;
    case 'chart':
      return Math.min(block.height * 0.75, contentHeight) + line * 2;
    case 'image':
      return contentHeight * 0.5;
    case 'titlePage':
    case 'toc':
      return contentHeight;
    default:
      return line * 2;
  }
}

function sumHeights(blocks: Block[], ctx: RenderContext): number {
  return blocks.reduce((sum, block) => sum + estimateHeight(block, ctx), 0);
}

/**
 * Whether a block is a paragraph of one line (estimated generously, so a paragraph said to be
 * one line is one): „Frist: Dezember 2021“ below a Handlungsziel.
 */
export function isOneLine(block: Block, ctx: RenderContext): boolean {
  return block.type === 'paragraph' && textLines(inlineText(block.children), ctx.theme.contentWidth, ctx.theme.fontSize) === 1;
}

/** Lines a text needs at `width`, assuming a wide average glyph (0.6 em). */
function textLines(text: string, width: number, fontSize: number): number {
  const perLine = Math.max(1, Math.floor(width / (fontSize * 0.6)));
  return text.split('\n').reduce((sum, part) => sum + Math.max(1, Math.ceil(part.length / perLine)), 0);
}

function tableHeight(columns: number | undefined, rows: TableCell[][], ctx: RenderContext): number {
  const { fontSize, contentWidth } = ctx.theme;
  const count = columns ?? Math.max(1, ...rows.map((r) => r.length));
  const cellWidth = contentWidth / count - 8;
  return rows.reduce((sum, row) => {
    const lines = Math.max(1, ...row.map((cell) => textLines(inlineText(cell.children), cellWidth, fontSize)));
    return sum + lines * fontSize * 1.4 + 6;
  }, 0);
}
