/**
 * Page flow as a print shop sets it, in two hooks into pdfmake 0.3.11's layout (pinned
 * version, like `footnotes.ts` and `tagging/hooks.ts`):
 *
 * - **No widows and orphans.** pdfmake has no such option: `LayoutBuilder.processLeaf` puts a
 *   paragraph's lines on the page one by one and moves on to the next page when a line does not
 *   fit. For a paragraph marked with `KEEP_LINES` (n lines each side), the hook first breaks the
 *   whole paragraph into lines (with the width it is set in, which is the same on every page),
 *   then hands pdfmake those very lines one by one, and before each line decides with their
 *   exact heights and the room left on the page: fewer than n lines would stand at the foot of
 *   the page → the paragraph starts on the next page; fewer than n would be carried over to the
 *   next page → the page break comes n lines before the end. A paragraph of fewer than 2n lines
 *   is left alone (it may split 1 + 2 or 2 + 1). Only the page break moves: the text node, its
 *   lines and their tags stay what they are (one P), and no extra layout pass is needed.
 *   Paragraphs inside unbreakable blocks (table rows, heading groups) are not touched: those
 *   move as a whole.
 * - **Table rows taller than a page.** With `dontBreakRows` pdfmake lays each row out in an
 *   unbreakable block and keeps only the block's first page (`commitUnbreakableBlock`: "no
 *   support for multi-page unbreakableBlocks"): a row taller than a page silently disappears
 *   (measured: its text was missing from the PDF). `TableProcessor.endRow` notices such a row
 *   (its block ran over a page) and marks it; `needsAnotherPass` tells the layout loop
 *   (`footnotes.ts`) to lay the document out once more, and in that pass the marked row is
 *   set without `dontBreakRows`, so it breaks across pages like any breakable row. Every
 *   other row still never splits. Only documents with such a row take the extra pass.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The property of a pdfmake text node that asks for at least this many lines on each side of a page break. */
export const KEEP_LINES = '_ratsdocKeepLines';

interface PdfmakeLine { getHeight(): number }
interface PdfmakeContext { y: number; page: number; availableHeight: number; pageMargins: { top: number }; pages: unknown[]; inSnakingColumns?(): boolean }
interface PdfmakeWriter { transactionLevel: number; context(): PdfmakeContext; moveToNextPage(orientation?: unknown): void }
interface LeafNode { [KEEP_LINES]?: number; pageOrientation?: unknown }
interface Builder { writer: PdfmakeWriter; buildNextLine(node: LeafNode): PdfmakeLine | null }
interface TableProcessor {
  dontBreakRows: boolean;
  headerRows: number;
  tableNode: { table: { body: object[]; headerRows?: number; keepWithHeaderRows?: number; dontBreakRows?: boolean } };
  /** `dontBreakRows` of the table while one of its rows is set breakable. */
  _ratsdocDontBreakRows?: boolean;
}

/** Rows (pdfmake's row arrays) that ran over a page in an unbreakable block: set breakable. */
const breakableRows = new WeakSet<object>();
/** What an unbreakable block holds: a table row (pdfmake's row array) or a node marked `unbreakable`. */
interface Owner { row?: object; node?: { unbreakable?: boolean } }
interface OwnedWriter extends PdfmakeWriter { _ratsdocOwner?: Owner }
/** The owner of the unbreakable block about to be opened (set right before pdfmake opens it). */
let candidate: Owner | undefined;
/** A row was marked in the pass being laid out. */
let marked = false;

/** Call before a layout pass; afterwards `needsAnotherPass` says whether a row was too tall. */
export function beginFlowPass(): void {
  marked = false;
}

/** Whether the last pass found a row taller than a page that is set breakable in the next. */
export function needsAnotherPass(): boolean {
  return marked;
}

let installed = false;

/** Installs the hooks (once per process); nodes without `KEEP_LINES` are laid out as before. */
export function installPageFlowHooks(): void {
  if (installed) return;
  installed = true;
  const LayoutBuilder = require('pdfmake/js/LayoutBuilder.js').default;
  const TableProcessorClass = require('pdfmake/js/TableProcessor.js').default;
  const builder = LayoutBuilder.prototype as Record<string, (...args: never[]) => unknown>;
  const PageElementWriter = require('pdfmake/js/PageElementWriter.js').default;
  const table = TableProcessorClass.prototype as Record<string, (...args: never[]) => unknown>;
  const writer = PageElementWriter.prototype as Record<string, (...args: never[]) => unknown>;
  for (const [proto, name] of [[builder, 'processLeaf'], [builder, 'buildNextLine'], [builder, 'processNode'], [table, 'beginTable'], [table, 'beginRow'], [table, 'endRow'],
    [writer, 'beginUnbreakableBlock'], [writer, 'commitUnbreakableBlock'], [writer, 'addFragment']] as const) {
    if (typeof proto[name] !== 'function') throw new Error(`pdfmake: ${name} fehlt (pdfmake-Version geändert?)`);
  }
  installKeepLines(builder);
  installBreakableRows(table, writer, builder);
}

function installKeepLines(builder: Record<string, (...args: never[]) => unknown>): void {
  const processLeaf = builder.processLeaf;
  builder.processLeaf = function processLeafKeepingLines(this: Builder, node: LeafNode) {
    const min = node[KEEP_LINES];
    const ctx = this.writer.context();
    if (!min || this.writer.transactionLevel > 0 || ctx.inSnakingColumns?.()) return processLeaf.call(this, node as never);
    const lines: PdfmakeLine[] = [];
    for (let line = this.buildNextLine(node); line; line = this.buildNextLine(node)) lines.push(line);
    if (lines.length < 2 * min) return replay(this, node, lines, () => undefined, processLeaf);
    let page = ctx.page;
    let pageStart = 0;
    return replay(this, node, lines, (i) => {
      const context = this.writer.context();
      if (context.page !== page) {
        page = context.page;
        pageStart = i;
      }
      const fitting = linesThatFit(lines, i, context.availableHeight);
      const left = lines.length - i;
      if (fitting >= left) return;
      const orphan = i === 0 && fitting < min && context.y > context.pageMargins.top;
      const widow = left <= min && i - pageStart >= min;
      if (orphan || widow) {
        this.writer.moveToNextPage(node.pageOrientation);
        page = this.writer.context().page;
        pageStart = i;
      }
    }, processLeaf);
  } as never;
}

/** How many of `lines` from `from` fit into `available` pt, compared as pdfmake does. */
function linesThatFit(lines: PdfmakeLine[], from: number, available: number): number {
  let room = available;
  let count = 0;
  for (let i = from; i < lines.length; i++) {
    const height = lines[i].getHeight();
    if (height > room) break;
    room -= height;
    count++;
  }
  return count;
}

/**
 * Runs pdfmake's own `processLeaf` on lines already built: its `buildNextLine` calls for this
 * node get them in order, `before(i)` runs right before line i is handed out (so after line
 * i − 1 was placed) and may start a new page.
 */
function replay(builder: Builder, node: LeafNode, lines: PdfmakeLine[], before: (i: number) => void, processLeaf: (...args: never[]) => unknown): unknown {
  const own = Object.getOwnPropertyDescriptor(builder, 'buildNextLine');
  const build = builder.buildNextLine;
  let next = 0;
  builder.buildNextLine = function replayedLine(this: Builder, leaf: LeafNode) {
    if (leaf !== node) return build.call(this, leaf);
    if (next >= lines.length) return null;
    before(next);
    return lines[next++];
  };
  try {
    return processLeaf.call(builder, node as never);
  } finally {
    if (own) Object.defineProperty(builder, 'buildNextLine', own);
    else delete (builder as Partial<Builder>).buildNextLine;
  }
}

function installBreakableRows(table: Record<string, (...args: never[]) => unknown>, writer: Record<string, (...args: never[]) => unknown>, builder: Record<string, (...args: never[]) => unknown>): void {
  const beginTable = table.beginTable;
  const beginRow = table.beginRow;
  const endRow = table.endRow;
  const processNode = builder.processNode;
  const beginBlock = writer.beginUnbreakableBlock;
  const commitBlock = writer.commitUnbreakableBlock;
  const addFragment = writer.addFragment;

  // What the next unbreakable block opened on the page holds: a row, or a node marked unbreakable.
  builder.processNode = function processNodeNamingItsBlock(this: Builder, node: { unbreakable?: boolean }, ...rest: unknown[]) {
    if (node?.unbreakable) candidate = { node };
    return processNode.call(this, node as never, ...(rest as never[]));
  } as never;

  writer.beginUnbreakableBlock = function beginOwnedBlock(this: OwnedWriter, ...args: unknown[]) {
    if (this.transactionLevel === 0) this._ratsdocOwner = candidate;
    candidate = undefined;
    return beginBlock.apply(this, args as never[]);
  } as never;

  writer.commitUnbreakableBlock = function commitOwnedBlock(this: OwnedWriter, ...args: unknown[]) {
    try {
      return commitBlock.apply(this, args as never[]);
    } finally {
      if (this.transactionLevel === 0) this._ratsdocOwner = undefined;
    }
  } as never;

  // A block that does not fit even on a fresh page is dropped by pdfmake: its owner breaks next pass.
  writer.addFragment = function addFragmentOrNotice(this: OwnedWriter, ...args: unknown[]) {
    const position = addFragment.apply(this, args as never[]);
    const owner = this._ratsdocOwner;
    if (!position && this.transactionLevel === 0 && owner) {
      if (owner.row) breakableRows.add(owner.row);
      if (owner.node) owner.node.unbreakable = false;
      this._ratsdocOwner = undefined;
      marked = true;
    }
    return position;
  } as never;

  table.beginTable = function beginTableWithBreakableRows(this: TableProcessor, writer: PdfmakeWriter) {
    const node = this.tableNode.table;
    const headerRows = node.headerRows ?? 0;
    const first = node.body[headerRows];
    const keep = node.keepWithHeaderRows;
    // A first body row that must break cannot stay in the header's unbreakable block.
    const dropKeep = first !== undefined && breakableRows.has(first) && keep !== undefined;
    if (dropKeep) node.keepWithHeaderRows = undefined;
    // Row 0 of a table without header rows shares the table's opening block: off for it.
    const rowZero = headerRows === 0 && node.dontBreakRows === true && node.body[0] !== undefined && breakableRows.has(node.body[0]);
    if (rowZero) node.dontBreakRows = false;
    // The opening block holds the header rows and the first body row kept with them (or row 0).
    candidate = headerRows === 0 ? ownerOf(node.body[0]) : node.keepWithHeaderRows ? ownerOf(first) : undefined;
    try {
      return beginTable.call(this, writer as never);
    } finally {
      candidate = undefined;
      if (dropKeep) node.keepWithHeaderRows = keep;
      if (rowZero) {
        node.dontBreakRows = true;
        this._ratsdocDontBreakRows = true;
      }
    }
  } as never;

  table.beginRow = function beginBreakableRow(this: TableProcessor, rowIndex: number, writer: PdfmakeWriter) {
    const row = this.tableNode.table.body[rowIndex];
    if (row && breakableRows.has(row) && rowIndex >= this.headerRows && this.dontBreakRows) {
      // Breakable until its endRow: no unbreakable block, pdfmake's geometry for a breaking row.
      this._ratsdocDontBreakRows = true;
      this.dontBreakRows = false;
    }
    candidate = ownerOf(row);
    try {
      return beginRow.call(this, rowIndex as never, writer as never);
    } finally {
      candidate = undefined;
    }
  } as never;

  table.endRow = function endRowRestoring(this: TableProcessor, rowIndex: number, writer: PdfmakeWriter, pageBreaks: unknown) {
    try {
      return endRow.call(this, rowIndex as never, writer as never, pageBreaks as never);
    } finally {
      if (this._ratsdocDontBreakRows) {
        this.dontBreakRows = true;
        this._ratsdocDontBreakRows = undefined;
      }
    }
  } as never;
}

function ownerOf(row: object | undefined): Owner | undefined {
  return row ? { row } : undefined;
}
