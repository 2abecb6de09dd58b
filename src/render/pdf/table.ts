/**
 * Table → pdfmake table: header rows repeated on every page, header cells bold on the
 * theme's header background, rows never split across pages, column widths from the content
 * (render/table-columns.ts, as the DOCX renderer sets them) unless the city declared them.
 * Right-aligned cells (numbers, amounts) ask the font for tabular figures.
 */
import type { Content, CustomTableLayout, TableCell as PdfCell } from 'pdfmake/interfaces.js';
import type { Table, TableCell } from '../../document/tree.js';
import { SHY } from '../../format/typeset.js';
import { cellBold, columnCount, tableColumns, type CellRole } from '../table-columns.js';
import type { RenderContext } from './context.js';
import { inlinesToPdf, taggedText, type TextFragment } from './inline.js';
import { fitsOnePage } from './keep.js';
import type { StructRole } from './tagging/structure.js';

/**
 * Converts a table; its caption is a small bold line above, its anchor a link target.
 * Tagged as Table (Caption first) with THead, TBody and TFoot; header cells are TH with
 * Scope Column, a body row's header cell TH with Scope Row. A grid of label | value pairs
 * without headers is tagged as a list (`isPairGrid`).
 */
export function tableToPdf(table: Table, ctx: RenderContext): Content {
  if (table.headerRows.length + table.rows.length + (table.footerRows?.length ?? 0) === 0) return { text: '' };
  const columns = layoutOf(table, ctx);
  if (isPairGrid(table)) return ctx.tags.within('L', {}, () => tableDefinition(table, columns.widths, pairRows(table, ctx), undefined, ctx));
  return ctx.tags.within('Table', {}, () => {
    const caption = table.caption === undefined ? undefined : { text: taggedText(table.caption, () => ctx.tags.leaf('Caption')), style: 'caption', id: table.anchor };
    const count = columnCount(table);
    const shaded = table.variant !== 'plain';
    const group = (role: StructRole, rows: TableCell[][], cellRole: CellRole) =>
      rows.length === 0 ? [] : ctx.tags.within(role, {}, () => rows.map((row) => rowToPdf(row, count, cellRole, shaded, ctx, cellRole === 'header' && !columns.headerHyphens)));
    const body = [
      ...group('THead', table.headerRows, 'header'),
      ...group('TBody', table.rows, 'body'),
      ...group('TFoot', table.footerRows ?? [], 'footer'),
    ];
    return tableDefinition(table, columns.widths, body, caption, ctx);
  });
}

/** The table's pdfmake layout (rules and paddings). */
function pdfLayout(table: Table, ctx: RenderContext): CustomTableLayout {
  return table.variant === 'plain' ? ctx.theme.tableLayouts.plain : ctx.theme.tableLayouts.grid;
}

/**
 * The column widths (render/table-columns.ts) as percentages of the width pdfmake gives the
 * table. A column's padding is what pdfmake reserves for a percentage column: its paddings
 * and its share of the rules (the outer rules whole, the inner ones half).
 */
function layoutOf(table: Table, ctx: RenderContext): { widths: string[]; headerHyphens: boolean } {
  const layout = pdfLayout(table, ctx);
  const count = columnCount(table);
  const node = {} as never;
  const rule = (i: number) => layout.vLineWidth?.(i, node) ?? 1;
  const padding = (i: number) => (layout.paddingLeft?.(i, node) ?? 4) + (layout.paddingRight?.(i, node) ?? 4)
    + (i === 0 ? rule(0) : rule(i) / 2) + (i === count - 1 ? rule(count) : rule(i + 1) / 2);
  const width = ctx.theme.contentWidth;
  const fontSize = table.variant === 'plain' ? ctx.theme.fontSize : (ctx.theme.styles.dataTable.fontSize ?? ctx.theme.fontSize);
  const mono = ctx.fonts[ctx.monoFont];
  const result = tableColumns(table, { text: ctx.fonts[ctx.theme.font], ...(mono ? { mono } : {}) }, { width, fontSize, padding });
  return { widths: result.widths.map((w) => `${((w / width) * 100).toFixed(4)}%`), headerHyphens: result.headerHyphens };
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

function tableDefinition(table: Table, widths: string[], body: PdfCell[][], caption: Content | undefined, ctx: RenderContext): Content {
  if (table.anchor && !caption) attachAnchor(body, table.anchor);
  const pdfTable: Content = {
    table: {
      headerRows: table.headerRows.length,
      keepWithHeaderRows: table.headerRows.length > 0 ? 1 : undefined,
      dontBreakRows: true,
      widths,
      body,
    },
    layout: pdfLayout(table, ctx),
    ...(table.variant === 'plain' ? {} : { style: 'dataTable' }),
    margin: [0, 0, 0, ctx.theme.blockGap],
  };
  if (!caption) return pdfTable;
  // Keep a short table with its caption; a long one at least starts right below it.
  return { stack: [caption, pdfTable], unbreakable: fitsOnePage([table], ctx) || undefined };
}

/** A row padded to `columns` cells, with pdfmake's placeholder cells after a colSpan. */
function rowToPdf(row: TableCell[], columns: number, role: CellRole, shaded: boolean, ctx: RenderContext, wholeWords: boolean): PdfCell[] {
  const cells: PdfCell[] = [];
  ctx.tags.within('TR', {}, () => row.forEach((cell, index) => {
    const span = Math.min(cell.colSpan ?? 1, columns - cells.length);
    if (span < 1) return;
    // As in HTML: a header cell in a body or footer row is a row header.
    const header = role === 'header' || cell.header === true;
    const scope = role === 'header' ? 'Column' : 'Row';
    const content = ctx.tags.within(header ? 'TH' : 'TD', { ...(header ? { scope } : {}), ...(span > 1 ? { colSpan: span } : {}) }, () =>
      cellToPdf(cell, span, cellStyle(cell, index, role), shaded, ctx, wholeWords));
    cells.push(content);
    for (let i = 1; i < span; i++) cells.push({ text: '' });
  }));
  while (cells.length < columns) cells.push({ text: '' });
  return cells;
}

function cellStyle(cell: TableCell, index: number, role: CellRole): string | undefined {
  if (role === 'header') return 'tableHeader';
  return cellBold(cell, index, role) ? 'tableFooter' : undefined;
}

/**
 * A cell; `wholeWords`: without its soft hyphens (a header cell whose column fits its
 * longest word wraps between words only).
 */
function cellToPdf(cell: TableCell, span: number, style: string | undefined, shaded: boolean, ctx: RenderContext, wholeWords = false): PdfCell {
  const text = inlinesToPdf(cell.children, ctx);
  return {
    text: wholeWords ? text.map(withoutShy) : text,
    style,
    alignment: cell.align ?? 'left',
    // Figures of one width, so the digits of right-aligned numbers stand in columns.
    ...(cell.align === 'right' ? { fontFeatures: ['tnum'] } : {}),
    colSpan: span > 1 ? span : undefined,
    // pdfmake reads a cell's fill from the cell itself, not from its style.
    fillColor: style === 'tableHeader' && shaded ? ctx.theme.colors.table_header_background : undefined,
  };
}

function withoutShy(fragment: TextFragment): TextFragment {
  return fragment.text.includes(SHY) ? { ...fragment, text: fragment.text.replaceAll(SHY, '') } : fragment;
}

/** Puts the table's anchor on its first cell (pdfmake link targets must be text). */
function attachAnchor(body: PdfCell[][], anchor: string): void {
  const first = body[0][0];
  if (typeof first === 'object' && first !== null && 'text' in first) Object.assign(first, { id: anchor });
}
