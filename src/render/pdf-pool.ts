/**
 * A pool of worker threads rendering PDFs, sized to the cores. pdfmake lays out on one core
 * and the Konzept alone takes seconds, so `build` renders documents side by side. Output does
 * not depend on the pool: each document is rendered whole by one worker, and pdfmake is
 * deterministic, so any number of workers gives the same bytes.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DocumentTree } from '../document/tree.js';
import type { Theme } from '../theme/theme.js';
import { renderPdf, type PdfRenderOptions } from './pdf/render.js';
import type { PdfJob, PdfReply } from './pdf-worker.js';

interface Job {
  message: Omit<PdfJob, 'id'>;
  resolve: (pdf: Buffer) => void;
  reject: (err: Error) => void;
}

/**
 * Node options for a worker: the parent's, less those that only make sense for a main script
 * (`--input-type` makes Node refuse to start a worker from a file).
 */
export function workerExecArgv(): string[] {
  return process.execArgv.filter((a) => !a.startsWith('--input-type'));
}

/** Default pool size: the cores this process may use. */
export function defaultJobs(): number {
  return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
}

/** Renders PDFs on `size` worker threads (in this thread when the worker script is missing). */
export class PdfPool {
  private readonly idle: Worker[] = [];
  private readonly all: Worker[] = [];
  private readonly queue: Job[] = [];
  private readonly running = new Map<Worker, { id: number; job: Job }>();
  private nextId = 1;
  private readonly workerUrl = new URL('./pdf-worker.js', import.meta.url);
  private readonly inThread: boolean;
  private closed = false;

  constructor(private readonly size: number = defaultJobs()) {
    // Running from the TypeScript sources (tests) there is no compiled worker: render here.
    this.inThread = size <= 1 || this.workerUrl.protocol !== 'file:' || !existsSync(fileURLToPath(this.workerUrl));
  }

  /** Renders one document; jobs start in the order they were submitted. */
  render(tree: DocumentTree, theme: Theme, options: PdfRenderOptions): Promise<Buffer> {
    if (this.inThread) return renderPdf(tree, theme, options);
    if (this.closed) return Promise.reject(new Error('PDF-Pool geschlossen'));
    return new Promise<Buffer>((resolve, reject) => {
      this.queue.push({ message: { tree, theme, options }, resolve, reject });
      this.dispatch();
    });
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    // Once closed, a worker's exit must not start another one for a queued job.
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('PDF-Pool geschlossen'));
    const workers = this.all.splice(0);
    this.idle.length = 0;
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length && !this.closed) {
      const worker = this.idle.pop() ?? (this.all.length < this.size ? this.spawn() : undefined);
      if (!worker) return;
      const job = this.queue.shift()!;
      const id = this.nextId++;
      this.running.set(worker, { id, job });
      worker.postMessage({ id, ...job.message } satisfies PdfJob);
    }
  }

  private spawn(): Worker {
    const worker = new Worker(this.workerUrl, { execArgv: workerExecArgv() });
    this.all.push(worker);
    worker.on('message', (reply: PdfReply) => {
      const current = this.running.get(worker);
      if (!current || current.id !== reply.id) return;
      this.running.delete(worker);
      if ('error' in reply) current.job.reject(new Error(reply.error));
      else current.job.resolve(Buffer.from(reply.pdf.buffer, reply.pdf.byteOffset, reply.pdf.byteLength));
      this.idle.push(worker);
      this.dispatch();
    });
    const fail = (err: Error) => {
      const current = this.running.get(worker);
      this.running.delete(worker);
      const i = this.all.indexOf(worker);
      if (i >= 0) this.all.splice(i, 1);
      if (current) current.job.reject(err);
      this.dispatch();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (code !== 0) fail(new Error(`PDF-Worker beendet mit Code ${code}`));
    });
    return worker;
  }
}
