/**
 * Table → Word table: the header rows repeat on every page („Überschrift wiederholen“),
 * rows never split, column widths are the PDF's (render/table-columns.ts: from the content,
 * or the weights a city declared), header cells shaded in the theme's colour, captions above
 * in Word's caption style; a table that fits well within a page is kept on one.
 */
import {
  AlignmentType, Bookmark, Paragraph, Table, TableCell, TableLayoutType, TableRow, WidthType, type FileChild,
} from 'docx';
import type { Table as TreeTable, TableCell as TreeCell } from '../../document/tree.js';
import { plainText } from '../../document/markdown.js';
import type { DocxContext } from './context.js';
import { cellBold, columnCount, tableColumns, tableRows, type CellRole } from '../table-columns.js';
import { bookmarkName, inlinesToDocx } from './inline.js';
import { STYLE } from './styles.js';
import { hex } from './units.js';

const ALIGN = { left: AlignmentType.LEFT, right: AlignmentType.RIGHT, center: AlignmentType.CENTER } as const;

/** Converts a table; its caption (with the table's anchor as bookmark) stands above it. */
export function tableToDocx(table: TreeTable, ctx: DocxContext): FileChild[] {
  const columns = columnCount(table);
  const layout = columnLayout(table, ctx);
  const widths = layout.widths;
  const plain = table.variant === 'plain';
  const all = tableRows(table);
  // A short table stays on one page, as the PDF keeps a block that fits well within one
  // (Word's trick: every row but the last kept with the next). A long one breaks between
  // rows, its header rows repeated.
  const keep = estimatedHeight(all.map((r) => r.row), widths, ctx) <= (ctx.contentHeight / 20) * KEEP_LIMIT;
  const rows = all.map(({ row, role }, i) => rowToDocx(row, columns, widths, role, plain, ctx, keep && i < all.length - 1, role === 'header' && !layout.headerHyphens));
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

/** Rules of a data table (`w:sz="4"`: eighths of a point). */
const RULE = 0.5;

/**
 * The column widths in twips, as the PDF sets them (render/table-columns.ts), adding up to
 * the text width exactly. A column's padding is its cell margins and, in a data table, its
 * share of the rules, as the PDF reserves them.
 */
export function columnLayout(table: TreeTable, ctx: DocxContext): { widths: number[]; headerHyphens: boolean } {
  const family = ctx.assets.families[ctx.theme.base.font_family];
  if (!family) throw new Error(`Schrift "${ctx.theme.base.font_family}" (theme base.font_family) ist nicht unter den Schriften: ${Object.keys(ctx.assets.families).join(', ')}`);
  const columns = columnCount(table);
  const plain = table.variant === 'plain';
  const padding = (i: number) => (plain ? CELL_MARGIN.plain : CELL_MARGIN.grid + (i === 0 ? RULE : RULE / 2) + (i === columns - 1 ? RULE : RULE / 2));
  const fontSize = plain ? ctx.theme.base.font_size : ctx.theme.table.font_size;
  const layout = tableColumns(table, { text: family }, { width: ctx.contentWidth / 20, fontSize, padding });
  // Round so the columns add up to the text width exactly.
  const out: number[] = [];
  let used = 0;
  let end = 0;
  for (const w of layout.widths) {
    end += w * 20;
    out.push(Math.round(end) - used);
    used = Math.round(end);
  }
  return { widths: out, headerHyphens: layout.headerHyphens };
}

/** Left plus right cell margin of the table styles (styles.ts), pt. */
const CELL_MARGIN = { grid: 8, plain: 2 };

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

function rowToDocx(row: TreeCell[], columns: number, widths: number[], role: CellRole, plain: boolean, ctx: DocxContext, keepNext: boolean, wholeWords: boolean): TableRow {
  const cells: TableCell[] = [];
  let column = 0;
  row.forEach((cell, index) => {
    const span = Math.min(cell.colSpan ?? 1, columns - column);
    if (span < 1) return;
    const width = widths.slice(column, column + span).reduce((a, b) => a + b, 0);
    cells.push(cellToDocx(cell, span, width, cellStyle(cell, index, role, plain), role === 'header' && !plain, keepNext, ctx, wholeWords));
    column += span;
  });
  for (; column < columns; column++) cells.push(cellToDocx({ children: [] }, 1, widths[column], plain ? STYLE.fieldValue : STYLE.tableText, role === 'header' && !plain, keepNext, ctx));
  return new TableRow({ children: cells, cantSplit: true, ...(role === 'header' ? { tableHeader: true } : {}) });
}

/** Header and footer rows bold, as is a body row's first cell marked as row header. */
function cellStyle(cell: TreeCell, index: number, role: CellRole, plain: boolean): string {
  const bold = cellBold(cell, index, role);
  if (plain) return bold ? STYLE.fieldLabel : STYLE.fieldValue;
  return bold ? STYLE.tableHeading : STYLE.tableText;
}

function cellToDocx(cell: TreeCell, span: number, width: number, style: string, shaded: boolean, keepNext: boolean, ctx: DocxContext, wholeWords = false): TableCell {
  return new TableCell({
    children: [new Paragraph({ style, alignment: ALIGN[cell.align ?? 'left'], ...(keepNext ? { keepNext: true } : {}), children: inlinesToDocx(cell.children, wholeWords ? { wholeWords } : {}, ctx) })],
    width: { size: width, type: WidthType.DXA },
    ...(span > 1 ? { columnSpan: span } : {}),
    // A cell's fill is direct formatting: LibreOffice ignores a table style's first-row shading.
    ...(shaded ? { shading: { type: 'clear', color: 'auto', fill: hex(ctx.theme.colors.table_header_background) } } : {}),
  });
}
