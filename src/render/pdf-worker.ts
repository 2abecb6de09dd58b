/**
 * Worker thread of `ratsdoc serve`: renders PDFs (pdfmake lays out synchronously for seconds
 * on a long document), so the server stays responsive and serves the new HTML meanwhile.
 */
import { parentPort } from 'node:worker_threads';
import { renderPdf, type PdfRenderOptions } from '../render/pdf/render.js';
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
