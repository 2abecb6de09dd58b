/**
 * State shared by the tree → pdfmake conversion functions of one document.
 */
import type { Content } from 'pdfmake/interfaces.js';
import type { Heading } from '../../document/tree.js';
import type { FontAsset } from '../renderer.js';
import type { StructureTree } from './tagging/structure.js';
import type { PdfTheme } from './theme.js';

/** What every conversion function of one render needs. */
export interface RenderContext {
  theme: PdfTheme;
  /** Font family for inline code and code blocks (the body font if no monospace font is registered). */
  monoFont: string;
  /** The fonts handed to this render, by family (tables measure their text with them). */
  fonts: Readonly<Record<string, FontAsset>>;
  /** The images handed to this render, by absolute path. */
  images: ReadonlyMap<string, unknown>;
  /** `outPath` of the document being rendered, for links to other documents. */
  outPath: string;
  /**
   * Anchor of the most recent TOC heading per depth (index 0 = depth 1), so a heading's
   * bookmark can be nested under its parent's (`outlineParentId`).
   */
  outlineParents: Array<string | undefined>;
  /** The PDF's structure tree, grown as the definition is made (tagged PDF). */
  tags: StructureTree;
  /**
   * Heading levels in the PDF are the HTML levels minus this: 0 when the document prints its
   * title as H1 (a title page), else 1 (the HTML page's `<h1>` is not printed in the PDF).
   */
  headingShift: number;
  /** Every heading of the document in order (the table of contents lists those marked `toc`). */
  headings: Heading[];
  /** Nesting of labelled sections; a section's label is one heading level above its content. */
  sectionDepth: number;
  /**
   * Each footnote's row (number, text) by its number, tagged as its Note element; set at the
   * foot of the page of its marker (`footnotes.ts`), not in the flow.
   */
  footnotes: Map<number, Content[]>;
}
