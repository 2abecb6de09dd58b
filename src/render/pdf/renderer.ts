/** The PDF format as one entry of the renderer list. */
import type { Renderer } from '../renderer.js';
import { renderPdf } from './render.js';
import { appendPdfs } from './append.js';

export const pdfRenderer: Renderer = {
  format: 'pdf',
  extension: '.pdf',
  mediaType: 'application/pdf',
  label: 'PDF',
  slow: true,
  render: async (tree, theme, assets) => {
    const pdf = await renderPdf(tree, theme, assets);
    const appended = (tree.attachments ?? []).filter((a) => a.append);
    if (!appended.length) return pdf;
    return appendPdfs(pdf, appended.map((a) => {
      const data = assets.attachments?.get(a.source);
      if (!data) throw new Error(`Anlage ${a.source}: Inhalt fehlt in den Render-Daten`);
      return { title: a.title, data };
    }));
  },
  pages: countPdfPages,
};

/** Counts the page objects of a PDF written by pdfkit (uncompressed object headers). */
export function countPdfPages(pdf: Uint8Array): number {
  const m = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g);
  return m ? m.length : 0;
}
