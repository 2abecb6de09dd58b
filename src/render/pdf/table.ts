/**
 * Table → pdfmake table: header rows repeated on every page, header cells bold on the
 * theme's header background, rows never split across pages, relative widths.
 */
import type { Content, TableCell as PdfCell } from 'pdfmake/interfaces.js';
import type { Table, TableCell } from '../../document/tree.js';
import type { RenderContext } from './context.js';
import { inlinesToPdf, taggedText } from './inline.js';
import { fitsOnePage } from './keep.js';
import type { StructRole } from './tagging/structure.js';

type PdfWidth = number | string;
type CellRole = 'header' | 'body' | 'footer';

/**
 * Converts a table; its caption is a small bold line above, its anchor a link target.
 * Tagged as Table (Caption first) with THead, TBody and TFoot; header cells are TH with
 * Scope Column, a body row's header cell TH with Scope Row. A grid of label | value pairs
 * without headers is tagged as a list (`isPairGrid`).
 */
export function tableToPdf(table: Table, ctx: RenderContext): Content {
  if (table.headerRows.length + table.rows.length + (table.footerRows?.length ?? 0) === 0) return { text: '' };
  if (isPairGrid(table)) return ctx.tags.within('L', {}, () => tableDefinition(table, columnCount(table), pairRows(table, ctx), undefined, ctx));
  return ctx.tags.within('Table', {}, () => {
    const caption = table.caption === undefined ? undefined : { text: taggedText(table.caption, () => ctx.tags.leaf('Caption')), style: 'caption', id: table.anchor };
    const columns = columnCount(table);
    const shaded = table.variant !== 'plain';
    const group = (role: StructRole, rows: TableCell[][], cellRole: CellRole) =>
      rows.length === 0 ? [] : ctx.tags.within(role, {}, () => rows.map((row) => rowToPdf(row, columns, cellRole, shaded, ctx)));
    const body = [
      ...group('THead', table.headerRows, 'header'),
      ...group('TBody', table.rows, 'body'),
      ...group('TFoot', table.footerRows ?? [], 'footer'),
    ];
    return tableDefinition(table, columns, body, caption, ctx);
  });
}

/**
 * A plain table without any header cell is the tree's grid of label | value pairs (a
 * Vorlage's checklist: „Finanzielle Auswirkungen | ☒ ja ☐ nein | Art der Mittel | …“), laid
 * out as a table only to align the pairs. It has no column headers, and a row header would
 * claim the second pair's value for the first pair's label; so it is tagged as what a screen
 * reader should announce: a list, one LI per pair, the label as Lbl and the answer as LBody.
 */
function isPairGrid(table: Table): boolean {
  const columns = columnCount(table);
  return table.variant === 'plain' && table.caption === undefined && table.headerRows.length === 0 && !table.footerRows?.length && columns % 2 === 0 &&
    table.rows.every((row) => row.every((cell) => !cell.header && (cell.colSpan ?? 1) === 1));
}

/** The pdfmake rows of a pair grid, each pair an LI (Lbl, LBody); empty padding pairs draw nothing. */
function pairRows(table: Table, ctx: RenderContext): PdfCell[][] {
  const empty: TableCell = { children: [] };
  return table.rows.map((row) => {
    const cells: PdfCell[] = [];
    for (let i = 0; i < columnCount(table); i += 2) {
      ctx.tags.within('LI', {}, () => {
        cells.push(ctx.tags.within('Lbl', {}, () => cellToPdf(row[i] ?? empty, 1, undefined, false, ctx)));
        cells.push(ctx.tags.within('LBody', {}, () => cellToPdf(row[i + 1] ?? empty, 1, undefined, false, ctx)));
      });
    }
    return cells;
  });
}

function tableDefinition(table: Table, columns: number, body: PdfCell[][], caption: Content | undefined, ctx: RenderContext): Content {
  if (table.anchor && !caption) attachAnchor(body, table.anchor);
  const pdfTable: Content = {
    table: {
      headerRows: table.headerRows.length,
      keepWithHeaderRows: table.headerRows.length > 0 ? 1 : undefined,
      dontBreakRows: true,
      widths: columnWidths(table.widths, columns),
      body,
    },
    layout: table.variant === 'plain' ? ctx.theme.tableLayouts.plain : ctx.theme.tableLayouts.grid,
    ...(table.variant === 'plain' ? {} : { style: 'dataTable' }),
    margin: [0, 0, 0, ctx.theme.blockGap],
  };
  if (!caption) return pdfTable;
  // Keep a short table with its caption; a long one at least starts right below it.
  return { stack: [caption, pdfTable], unbreakable: fitsOnePage([table], ctx) || undefined };
}

/** The number of columns: from `widths`, else the widest row (counting colSpans). */
function columnCount(table: Table): number {
  const rows = [...table.headerRows, ...table.rows, ...(table.footerRows ?? [])];
  const widest = Math.max(0, ...rows.map((row) => row.reduce((n, cell) => n + (cell.colSpan ?? 1), 0)));
  return Math.max(table.widths?.length ?? 0, widest, 1);
}

/**
 * Relative weights → percentages of the available width; `auto` stays. With a mix of both,
 * the weighted columns share the rest equally (`*`): pdfmake cannot weight star columns.
 */
export function columnWidths(widths: Array<number | 'auto'> | undefined, columns: number): PdfWidth[] {
  const given = Array.from({ length: columns }, (_, i) => widths?.[i] ?? 1);
  if (given.some((w) => w === 'auto')) return given.map((w) => (w === 'auto' ? 'auto' : '*'));
  const weights = given as number[];
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) return weights.map(() => '*');
  return weights.map((w) => `${((w / sum) * 100).toFixed(3)}%`);
}

/** A row padded to `columns` cells, with pdfmake's placeholder cells after a colSpan. */
function rowToPdf(row: TableCell[], columns: number, role: CellRole, shaded: boolean, ctx: RenderContext): PdfCell[] {
  const cells: PdfCell[] = [];
  ctx.tags.within('TR', {}, () => row.forEach((cell, index) => {
    const span = Math.min(cell.colSpan ?? 1, columns - cells.length);
    if (span < 1) return;
    // As in HTML: a header cell in a body or footer row is a row header.
    const header = role === 'header' || cell.header === true;
    const scope = role === 'header' ? 'Column' : 'Row';
    const content = ctx.tags.within(header ? 'TH' : 'TD', { ...(header ? { scope } : {}), ...(span > 1 ? { colSpan: span } : {}) }, () =>
      cellToPdf(cell, span, cellStyle(cell, index, role), shaded, ctx));
    cells.push(content);
    for (let i = 1; i < span; i++) cells.push({ text: '' });
  }));
  while (cells.length < columns) cells.push({ text: '' });
  return cells;
}

function cellStyle(cell: TableCell, index: number, role: CellRole): string | undefined {
  if (role === 'header') return 'tableHeader';
  if (role === 'footer') return 'tableFooter';
  return cell.header && index === 0 ? 'tableFooter' : undefined;
}

function cellToPdf(cell: TableCell, span: number, style: string | undefined, shaded: boolean, ctx: RenderContext): PdfCell {
  return {
    text: inlinesToPdf(cell.children, ctx),
    style,
    alignment: cell.align ?? 'left',
    colSpan: span > 1 ? span : undefined,
    // pdfmake reads a cell's fill from the cell itself, not from its style.
    fillColor: style === 'tableHeader' && shaded ? ctx.theme.colors.table_header_background : undefined,
  };
}

/** Puts the table's anchor on its first cell (pdfmake link targets must be text). */
function attachAnchor(body: PdfCell[][], anchor: string): void {
  const first = body[0][0];
  if (typeof first === 'object' && first !== null && 'text' in first) Object.assign(first, { id: anchor });
}
