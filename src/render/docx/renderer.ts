/**
 * The DOCX format as one entry of the renderer list. The `docx` library and resvg are loaded
 * on the first render (0,45 s CPU), so a thread that writes no Word file never loads them.
 */
import type { RenderAssets, Renderer } from '../renderer.js';
import type { DocxAssets } from './assets.js';
import { REFERENCE_NAMES } from '../../theme/reference-document.js';

/** The media type of a Word document. */
export const DOCX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export const docxRenderer: Renderer = {
  format: 'docx',
  extension: '.docx',
  mediaType: DOCX_MEDIA_TYPE,
  label: 'DOCX',
  // Charts go through resvg and every part is built and zipped: a second for the Konzept, so
  // it renders in the worker pool and is kept in the cache, as the PDF is.
  slow: true,
  render: async (tree, theme, assets) => (await import('./render.js')).renderDocx(tree, theme, docxAssets(assets)),
};

/**
 * The DOCX renderer's bytes out of the common assets: image bytes by path, every font file
 * of the theme (for the charts' text) and the reference document, if `templates/` has one.
 */
export function docxAssets(assets: RenderAssets, templatesShown = 'templates'): DocxAssets {
  const images = new Map<string, Uint8Array>();
  for (const [p, img] of assets.images) images.set(p, img.data);
  const fonts = Object.values(assets.fonts).flatMap((f) => [f.normal, f.bold, f.italics, f.bolditalics]);
  const name = REFERENCE_NAMES.find((n) => assets.files?.[n]);
  return { images, fonts, families: assets.fonts, ...(name ? { reference: { file: `${templatesShown}/${name}`, bytes: assets.files![name] } } : {}) };
}
