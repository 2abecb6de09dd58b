/** The tree's `table` node → an accessible, horizontally scrollable HTML table. */
import type { Element } from 'hast';
import type { Table, TableCell } from '../../document/tree.js';
import { h } from './h.js';
import { inlineToHast, type InlineState } from './inline.js';

type Part = 'head' | 'body' | 'foot';

/** Converts a table; the wrapper scrolls sideways on narrow screens and is keyboard-focusable. */
export function tableToHast(table: Table, state: InlineState): Element {
  const classes = ['table', table.variant === 'plain' ? 'plain' : 'grid'];
  const rows = (cells: TableCell[][], part: Part) => cells.map((row) => h('tr', {}, row.map((cell) => cellToHast(cell, part, state))));
  const el = h('table', { id: table.anchor, className: classes },
    !!table.caption?.trim() && h('caption', {}, table.caption),
    colgroup(table.widths),
    table.headerRows.length > 0 && h('thead', {}, rows(table.headerRows, 'head')),
    h('tbody', {}, rows(table.rows, 'body')),
    table.footerRows !== undefined && table.footerRows.length > 0 && h('tfoot', {}, rows(table.footerRows, 'foot')),
  );
  return h('div', {
    className: ['table-wrap'],
    role: 'region',
    tabIndex: 0,
    // The scrollable region needs a name: the caption, or the generic one (never an empty label).
    ariaLabel: table.caption?.trim() || 'Tabelle',
  }, el);
}

function cellToHast(cell: TableCell, part: Part, state: InlineState): Element {
  const className = cell.align ? [`align-${cell.align}`] : undefined;
  const colSpan = cell.colSpan !== undefined && cell.colSpan > 1 ? cell.colSpan : undefined;
  const children = inlineToHast(cell.children, state);
  if (part === 'head') {
    return h('th', { scope: colSpan ? 'colgroup' : 'col', colSpan, className }, children);
  }
  // A header cell in a body/footer row is a row header (usually the first cell).
  if (cell.header) return h('th', { scope: 'row', colSpan, className }, children);
  return h('td', { colSpan, className }, children);
}

/** Relative column weights → percentages; only when every column has a numeric weight. */
function colgroup(widths: Table['widths']): Element | undefined {
  if (!widths || widths.length === 0 || !widths.every((w): w is number => typeof w === 'number' && w > 0)) return undefined;
  const sum = widths.reduce((a, b) => a + b, 0);
  return h('colgroup', {}, widths.map((w) => h('col', { style: `width:${round(100 * w / sum)}%` })));
}

function round(value: number): string {
  return String(Math.round(value * 100) / 100);
}
