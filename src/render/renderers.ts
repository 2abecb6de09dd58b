/**
 * Every output format, in the order of the index page's links. A new format is one folder
 * under `render/` exporting a {@link Renderer} and one entry here; build, serve, the index
 * page, the worker pool, the cache and the summary take it from this list.
 */
import type { Renderer } from './renderer.js';
import { pdfRenderer } from './pdf/renderer.js';
import { htmlRenderer } from './html/renderer.js';
import { docxRenderer } from './docx/renderer.js';

export const RENDERERS: readonly Renderer[] = [pdfRenderer, htmlRenderer, docxRenderer];

/** The renderer of `format`; throws for an unknown one (a caller's bug). */
export function rendererFor(format: string, renderers: readonly Renderer[] = RENDERERS): Renderer {
  const r = renderers.find((x) => x.format === format);
  if (!r) throw new Error(`unbekanntes Ausgabeformat „${format}“`);
  return r;
}
