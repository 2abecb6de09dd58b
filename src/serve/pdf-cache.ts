/**
 * PDFs of `serve`, kept by a hash of everything a PDF depends on (the document tree, the theme,
 * the font files and the allowed folders). A rebuild asks for every document's PDF; the ones
 * whose tree did not change come from here, so a Vorlage edit never re-renders the Konzept.
 * Renders run one after the other in a worker thread (in this thread when the worker script
 * is missing, e.g. when running from the TypeScript sources); the same job is never rendered
 * twice at once.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DocumentTree } from '../document/tree.js';
import { renderPdf, type PdfRenderOptions } from '../render/pdf/render.js';
import type { Theme } from '../theme/theme.js';
import type { PdfJob, PdfReply } from '../render/pdf-worker.js';
import { workerExecArgv } from '../render/pdf-pool.js';

/** A PDF to render. */
export interface PdfRequest { key: string; tree: DocumentTree; theme: Theme; options: PdfRenderOptions }

/** The cache key of a document's PDF. Image bytes are not in it: the caller clears the cache when an image changes. */
export function pdfKey(tree: DocumentTree, theme: Theme, options: PdfRenderOptions): string {
  return createHash('sha256').update(JSON.stringify([tree, theme, options.fonts, options.allowedRoots])).digest('hex');
}

export class PdfCache {
  private readonly done = new Map<string, Buffer>();
  private readonly inflight = new Map<string, Promise<Buffer>>();
  private worker: Worker | undefined;
  private workerFailed = false;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (b: Buffer) => void; reject: (e: Error) => void }>();
  /** Renders queue here, one at a time. */
  private chain: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(private readonly useWorker = true) {}

  /** The finished PDF for `key`, if any. */
  get(key: string): Buffer | undefined {
    return this.done.get(key);
  }

  /** Renders (or waits for the render already running for the same key). */
  render(req: PdfRequest): Promise<Buffer> {
    const hit = this.done.get(req.key);
    if (hit) return Promise.resolve(hit);
    const running = this.inflight.get(req.key);
    if (running) return running;
    const job = this.chain.then(() => this.renderNow(req));
    this.chain = job.catch(() => undefined);
    const tracked = job.then(
      (pdf) => {
        this.inflight.delete(req.key);
        if (!this.closed) this.done.set(req.key, pdf);
        return pdf;
      },
      (err: unknown) => {
        this.inflight.delete(req.key);
        throw err;
      },
    );
    this.inflight.set(req.key, tracked);
    return tracked;
  }

  /** Forgets every PDF not among `keep` (bounded memory across many edits). */
  prune(keep: ReadonlySet<string>): void {
    for (const key of [...this.done.keys()]) if (!keep.has(key)) this.done.delete(key);
  }

  /** Forgets every PDF (an image, a font or the theme changed). */
  clear(): void {
    this.done.clear();
  }

  /** Starts the worker now, so the first render does not pay for loading pdfmake. */
  warmUp(): void {
    if (this.useWorker) this.ensureWorker();
  }

  /** Stops the worker; renders still waiting fail. */
  async close(): Promise<void> {
    this.closed = true;
    const w = this.worker;
    this.worker = undefined;
    for (const { reject } of this.waiting.values()) reject(new Error('Vorschau beendet'));
    this.waiting.clear();
    if (w) await w.terminate();
  }

  private async renderNow(req: PdfRequest): Promise<Buffer> {
    if (this.closed) throw new Error('Vorschau beendet');
    const worker = this.useWorker ? this.ensureWorker() : undefined;
    if (!worker) return renderPdf(req.tree, req.theme, req.options);
    const id = this.nextId++;
    return new Promise<Buffer>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, tree: req.tree, theme: req.theme, options: req.options } satisfies PdfJob);
    });
  }

  private ensureWorker(): Worker | undefined {
    if (this.worker) return this.worker;
    if (this.workerFailed || this.closed) return undefined;
    const url = new URL('../render/pdf-worker.js', import.meta.url);
    if (url.protocol !== 'file:' || !existsSync(fileURLToPath(url))) {
      this.workerFailed = true;
      return undefined;
    }
    const worker = new Worker(url, { execArgv: workerExecArgv() });
    worker.on('message', (reply: PdfReply) => {
      const w = this.waiting.get(reply.id);
      if (!w) return;
      this.waiting.delete(reply.id);
      if ('error' in reply) w.reject(new Error(reply.error));
      else w.resolve(Buffer.from(reply.pdf.buffer, reply.pdf.byteOffset, reply.pdf.byteLength));
    });
    const fail = (err: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const { reject } of this.waiting.values()) reject(err);
      this.waiting.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (!this.closed && code !== 0) fail(new Error(`PDF-Worker beendet mit Code ${code}`));
      else if (this.worker === worker) this.worker = undefined;
    });
    // The worker must not keep the process alive after Ctrl+C.
    worker.unref();
    this.worker = worker;
    return worker;
  }
}
