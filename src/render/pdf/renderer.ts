/** The PDF format as one entry of the renderer list. */
import type { Renderer } from '../renderer.js';
import { renderPdf } from './render.js';

export const pdfRenderer: Renderer = {
  format: 'pdf',
  extension: '.pdf',
  mediaType: 'application/pdf',
  label: 'PDF',
  slow: true,
  render: (tree, theme, assets) => renderPdf(tree, theme, assets),
  pages: countPdfPages,
};

/** Counts the page objects of a PDF written by pdfkit (uncompressed object headers). */
export function countPdfPages(pdf: Uint8Array): number {
  const m = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g);
  return m ? m.length : 0;
}
