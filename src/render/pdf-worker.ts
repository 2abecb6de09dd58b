/**
 * Worker thread that renders PDFs: `build` runs a pool of them, one per core, and `serve`
 * runs one so the server stays responsive while pdfmake lays out a long document (it blocks
 * its thread for seconds).
 */
import { parentPort } from 'node:worker_threads';
import { renderPdf, type PdfRenderOptions } from './pdf/render.js';
import type { DocumentTree } from '../document/tree.js';
import type { Theme } from '../theme/theme.js';

/** A job sent to the worker. */
export interface PdfJob { id: number; tree: DocumentTree; theme: Theme; options: PdfRenderOptions }
/** The worker's answer. */
export type PdfReply = { id: number; pdf: Uint8Array } | { id: number; error: string };

const port = parentPort;
if (port) {
  port.on('message', (job: PdfJob) => {
    renderPdf(job.tree, job.theme, job.options).then(
      (pdf) => port.postMessage({ id: job.id, pdf } satisfies PdfReply),
      (err: unknown) => port.postMessage({ id: job.id, error: (err as Error)?.stack ?? String(err) } satisfies PdfReply),
    );
  });
}
