/**
 * State shared by the tree → pdfmake conversion functions of one document.
 */
import type { PdfTheme } from './theme.js';

/** What every conversion function of one render needs. */
export interface RenderContext {
  theme: PdfTheme;
  /** Font family for inline code and code blocks (the body font if no monospace font is registered). */
  monoFont: string;
  /** The images handed to this render, by absolute path. */
  images: ReadonlyMap<string, unknown>;
  /** `outPath` of the document being rendered, for links to other documents. */
  outPath: string;
  /**
   * Anchor of the most recent TOC heading per depth (index 0 = depth 1), so a heading's
   * bookmark can be nested under its parent's (`outlineParentId`).
   */
  outlineParents: Array<string | undefined>;
}
