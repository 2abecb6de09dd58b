/**
 * The PDF format as one entry of the renderer list. pdfmake, pdfkit, the fonts' parser and
 * pdf-lib are loaded on the first render (0,6 s CPU): a thread that renders no PDF — the main
 * thread of a build, a worker that gets only Word jobs, a rebuild served from the cache —
 * never loads them.
 */
import type { Renderer } from '../renderer.js';

export const pdfRenderer: Renderer = {
  format: 'pdf',
  extension: '.pdf',
  mediaType: 'application/pdf',
  label: 'PDF',
  slow: true,
  render: async (tree, theme, assets) => {
    const { renderPdf } = await import('./render.js');
    const pdf = await renderPdf(tree, theme, assets);
    const appended = (tree.attachments ?? []).filter((a) => a.append);
    if (!appended.length) return pdf;
    const { appendPdfs } = await import('./append.js');
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
