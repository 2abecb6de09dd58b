/**
 * State shared by the tree → `docx` conversion functions of one document. Counters live
 * here, per render, so ids never depend on what the process rendered before.
 */
import type { Theme } from '../../theme/theme.js';
import type { DocxAssets } from './assets.js';

/** What every conversion function of one render needs. */
export interface DocxContext {
  theme: Theme;
  assets: DocxAssets;
  /** The document's output path below `out/` (links to other documents are relative to it). */
  outPath: string;
  /** Width of the text area in twips. */
  contentWidth: number;
  /** Height of the text area in twips. */
  contentHeight: number;
  /** Next drawing id (`wp:docPr`), unique in the document. */
  nextDrawingId: number;
  /** Next numbering instance: every list gets its own, so each starts at its first number. */
  nextListInstance: number;
  /** Numbering references of ordered lists that do not start at 1, by start number. */
  listStarts: Set<number>;
  /** Depth of lists around the block being converted (0 outside lists). */
  listDepth: number;
  /** The charts' PNGs by their SVG (rendered before the synchronous conversion). */
  chartPngs: ReadonlyMap<string, Uint8Array>;
  /** Entries of the table of contents: the tree's headings marked `toc`. */
  tocEntries: Array<{ title: string; level: number; href: string }>;
}
