/**
 * Table → Word table: the header rows repeat on every page („Überschrift wiederholen“),
 * rows never split, column widths are the PDF's (the same relative weights of the text
 * width), header cells shaded in the theme's colour, captions above in Word's caption style;
 * a table that fits well within a page is kept on one.
 */
import {
  AlignmentType, Bookmark, Paragraph, Table, TableCell, TableLayoutType, TableRow, WidthType, type FileChild,
} from 'docx';
import type { Table as TreeTable, TableCell as TreeCell } from '../../document/tree.js';
import { plainText } from '../../document/markdown.js';
import type { DocxContext } from './context.js';
import { bookmarkName, inlinesToDocx } from './inline.js';
import { STYLE } from './styles.js';
import { hex } from './units.js';

type CellRole = 'header' | 'body' | 'footer';

const ALIGN = { left: AlignmentType.LEFT, right: AlignmentType.RIGHT, center: AlignmentType.CENTER } as const;

/** Converts a table; its caption (with the table's anchor as bookmark) stands above it. */
export function tableToDocx(table: TreeTable, ctx: DocxContext): FileChild[] {
  const columns = columnCount(table);
  const widths = columnWidths(table.widths, columns, ctx.contentWidth);
  const plain = table.variant === 'plain';
  const all: Array<{ row: TreeCell[]; role: CellRole }> = [
    ...table.headerRows.map((row) => ({ row, role: 'header' as const })),
    ...table.rows.map((row) => ({ row, role: 'body' as const })),
    ...(table.footerRows ?? []).map((row) => ({ row, role: 'footer' as const })),
  ];
  // A short table stays on one page, as the PDF keeps a block that fits well within one
  // (Word's trick: every row but the last kept with the next). A long one breaks between
  // rows, its header rows repeated.
  const keep = estimatedHeight(all.map((r) => r.row), widths, ctx) <= (ctx.contentHeight / 20) * KEEP_LIMIT;
  const rows = all.map(({ row, role }, i) => rowToDocx(row, columns, widths, role, plain, ctx, keep && i < all.length - 1));
  if (rows.length === 0) return [];
  const out: FileChild[] = [];
  if (table.caption !== undefined) {
    const text = inlinesToDocx([{ type: 'text', value: table.caption }]);
    out.push(new Paragraph({ style: STYLE.caption, keepNext: true, children: table.anchor ? [new Bookmark({ id: bookmarkName(table.anchor), children: text })] : text }));
  }
  out.push(new Table({
    rows,
    style: plain ? STYLE.layoutTable : STYLE.dataTable,
    width: { size: ctx.contentWidth, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
  }));
  out.push(spacer(ctx));
  return out;
}

/**
 * The gap after a table: Word puts the next paragraph right below the last row, the PDF
 * leaves the block gap; an empty small paragraph gives the same room.
 */
export function spacer(ctx: DocxContext): Paragraph {
  return new Paragraph({ style: STYLE.tableText, spacing: { before: 0, after: Math.round(ctx.theme.base.font_size * 0.7 * 20) } });
}

/** The number of columns: from `widths`, else the widest row (counting colSpans), as in the PDF. */
function columnCount(table: TreeTable): number {
  const rows = [...table.headerRows, ...table.rows, ...(table.footerRows ?? [])];
  const widest = Math.max(0, ...rows.map((row) => row.reduce((n, cell) => n + (cell.colSpan ?? 1), 0)));
  return Math.max(table.widths?.length ?? 0, widest, 1);
}

/**
 * Relative weights → twips of the text width, as the PDF turns them into percentages; with
 * `auto` columns Word sizes the columns to their content (the PDF shares the rest equally).
 */
export function columnWidths(widths: Array<number | 'auto'> | undefined, columns: number, total: number): number[] {
  const given = Array.from({ length: columns }, (_, i) => widths?.[i] ?? 1);
  const weights = given.map((w) => (w === 'auto' ? 1 : w));
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (sum > 0 ? (w / sum) * total : total / columns));
  // Round so the columns add up to the text width exactly.
  const out: number[] = [];
  let used = 0;
  exact.forEach((w, i) => {
    const end = Math.round(exact.slice(0, i + 1).reduce((a, b) => a + b, 0));
    out.push(end - used);
    used = end;
  });
  return out;
}

/** Fraction of the text area height up to which a table is kept on one page (as the PDF's keep.ts). */
const KEEP_LIMIT = 0.55;

/**
 * A rough, generous height of a table in pt: per row the most lines one of its cells needs
 * at its column width (a wide average glyph of 0.6 em), as the PDF estimates.
 */
function estimatedHeight(rows: TreeCell[][], widths: number[], ctx: DocxContext): number {
  const size = ctx.theme.base.font_size;
  return rows.reduce((sum, row) => {
    let column = 0;
    let lines = 1;
    for (const cell of row) {
      const span = cell.colSpan ?? 1;
      const width = widths.slice(column, column + span).reduce((a, b) => a + b, 0) / 20 - 8;
      column += span;
      const perLine = Math.max(1, Math.floor(width / (size * 0.6)));
      lines = Math.max(lines, Math.ceil(plainText(cell.children).length / perLine));
    }
    return sum + lines * size * 1.4 + 6;
  }, 0);
}

function rowToDocx(row: TreeCell[], columns: number, widths: number[], role: CellRole, plain: boolean, ctx: DocxContext, keepNext: boolean): TableRow {
  const cells: TableCell[] = [];
  let column = 0;
  row.forEach((cell, index) => {
    const span = Math.min(cell.colSpan ?? 1, columns - column);
    if (span < 1) return;
    const width = widths.slice(column, column + span).reduce((a, b) => a + b, 0);
    cells.push(cellToDocx(cell, span, width, cellStyle(cell, index, role, plain), role === 'header' && !plain, keepNext, ctx));
    column += span;
  });
  for (; column < columns; column++) cells.push(cellToDocx({ children: [] }, 1, widths[column], plain ? STYLE.fieldValue : STYLE.tableText, role === 'header' && !plain, keepNext, ctx));
  return new TableRow({ children: cells, cantSplit: true, ...(role === 'header' ? { tableHeader: true } : {}) });
}

/** Header and footer rows bold, as is a body row's first cell marked as row header. */
function cellStyle(cell: TreeCell, index: number, role: CellRole, plain: boolean): string {
  const bold = role !== 'body' || (cell.header === true && index === 0);
  if (plain) return bold ? STYLE.fieldLabel : STYLE.fieldValue;
  return bold ? STYLE.tableHeading : STYLE.tableText;
}

function cellToDocx(cell: TreeCell, span: number, width: number, style: string, shaded: boolean, keepNext: boolean, ctx: DocxContext): TableCell {
  return new TableCell({
    children: [new Paragraph({ style, alignment: ALIGN[cell.align ?? 'left'], ...(keepNext ? { keepNext: true } : {}), children: inlinesToDocx(cell.children, {}, ctx) })],
    width: { size: width, type: WidthType.DXA },
    ...(span > 1 ? { columnSpan: span } : {}),
    // A cell's fill is direct formatting: LibreOffice ignores a table style's first-row shading.
    ...(shaded ? { shading: { type: 'clear', color: 'auto', fill: hex(ctx.theme.colors.table_header_background) } } : {}),
  });
}
