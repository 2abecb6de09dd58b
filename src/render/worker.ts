/**
 * Worker thread that runs the slow renderers (PDF): `build` runs a pool of them, one per
 * core, and `serve` runs one so the server stays responsive while pdfmake lays out a long
 * document (it blocks its thread for seconds).
 */
import { parentPort } from 'node:worker_threads';
import type { DocumentTree } from '../document/tree.js';
import type { Theme } from '../theme/theme.js';
import type { RenderAssets } from './renderer.js';
import { rendererFor } from './renderers.js';

/**
 * A job sent to the worker. The fonts (megabytes) are sent only with a worker's first job
 * and whenever they change; `fonts` absent means "the ones of the previous job".
 */
export interface RenderJob { id: number; format: string; tree: DocumentTree; theme: Theme; assets: Omit<RenderAssets, 'fonts'>; fonts?: RenderAssets['fonts'] }
/** The worker's answer. */
export type RenderReply = { id: number; output: Uint8Array | string } | { id: number; error: string };

const port = parentPort;
if (port) {
  let fonts: RenderAssets['fonts'] = {};
  port.on('message', (job: RenderJob) => {
    if (job.fonts) fonts = job.fonts;
    Promise.resolve()
      .then(() => rendererFor(job.format).render(job.tree, job.theme, { ...job.assets, fonts }))
      .then(
        (output) => port.postMessage({ id: job.id, output } satisfies RenderReply),
        (err: unknown) => port.postMessage({ id: job.id, error: (err as Error)?.stack ?? String(err) } satisfies RenderReply),
      );
  });
}
