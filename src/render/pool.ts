/**
 * A pool of worker threads for the slow renderers (PDF), sized to the cores. pdfmake lays out
 * on one core and the Konzept alone takes seconds, so `build` renders documents side by side.
 * Output does not depend on the pool: each document is rendered whole by one worker, and the
 * renderers are deterministic, so any number of workers gives the same bytes.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DocumentTree } from '../document/tree.js';
import type { Theme } from '../theme/theme.js';
import type { RenderAssets } from './renderer.js';
import { rendererFor } from './renderers.js';
import type { RenderJob, RenderReply } from './worker.js';

interface Job {
  message: Omit<RenderJob, 'id' | 'fonts'>;
  fonts: RenderAssets['fonts'];
  onStart?: (() => void) | undefined;
  resolve: (output: Uint8Array | string) => void;
  reject: (err: Error) => void;
}

/**
 * Node options for a worker: the parent's, less those that only make sense for a main script
 * (`--input-type` makes Node refuse to start a worker from a file) and less those a worker
 * refuses (V8 flags such as `--max-semi-space-size=64`, process-wide ones such as `--title`;
 * see {@link newWorker}).
 */
export function workerExecArgv(argv: readonly string[] = process.execArgv): string[] {
  return argv.filter((a) => !a.startsWith('--input-type') && !refused.has(a));
}

/** Flags a worker refused in this process (Node names them in its error). */
const refused = new Set<string>();

/**
 * A worker with the parent's options where it accepts them. Node tells which flags are not
 * allowed in a worker only by refusing them (ERR_WORKER_INVALID_EXEC_ARGV, listing them), so
 * those are dropped and the worker started again; later workers leave them out at once.
 */
export function newWorker(url: URL, argv: readonly string[] = process.execArgv): Worker {
  for (;;) {
    const execArgv = workerExecArgv(argv);
    try {
      return new Worker(url, { execArgv });
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      const listed = e.code === 'ERR_WORKER_INVALID_EXEC_ARGV' ? /flags: (.*)$/.exec(e.message)?.[1].split(', ').filter((f) => execArgv.includes(f)) : undefined;
      if (!listed?.length) throw err;
      for (const flag of listed) refused.add(flag);
    }
  }
}

/** Default pool size: the cores this process may use. */
export function defaultJobs(): number {
  return Math.max(1, typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);
}

/** Renders on `size` worker threads (in this thread when the worker script is missing). */
export class RenderPool {
  private readonly idle: Worker[] = [];
  private readonly all: Worker[] = [];
  private readonly queue: Job[] = [];
  private readonly running = new Map<Worker, { id: number; job: Job }>();
  /** The fonts each worker has (sent once, not with every job). */
  private readonly fontsOf = new WeakMap<Worker, RenderAssets['fonts']>();
  private nextId = 1;
  private readonly workerUrl = new URL('./worker.js', import.meta.url);
  private readonly inThread: boolean;
  private closed = false;
  /** The render running in this thread (in-thread renders run one after the other). */
  private inThreadQueue: Promise<void> = Promise.resolve();

  /**
   * `size` 1 renders in this thread (nothing to gain from a worker) unless `alwaysWorker`:
   * `serve` wants its one render off the thread that answers the browser.
   */
  constructor(private readonly size: number = defaultJobs(), private readonly alwaysWorker = false) {
    // Running from the TypeScript sources (tests) there is no compiled worker: render here.
    this.inThread = (size <= 1 && !alwaysWorker) || this.workerUrl.protocol !== 'file:' || !existsSync(fileURLToPath(this.workerUrl));
  }

  /**
   * Renders one document in `format`; jobs start in the order they were submitted, and
   * `onStart` is called when this one does (for progress displays).
   */
  async render(format: string, tree: DocumentTree, theme: Theme, assets: RenderAssets, onStart?: () => void): Promise<Uint8Array | string> {
    if (this.closed) throw new Error('Render-Pool geschlossen');
    if (this.inThread) {
      // One document at a time: started together, every render would hold its layout at once.
      const run = this.inThreadQueue.then(() => {
        if (this.closed) throw new Error('Render-Pool geschlossen');
        onStart?.();
        return rendererFor(format).render(tree, theme, assets);
      });
      this.inThreadQueue = run.then(() => undefined, () => undefined);
      return run;
    }
    const { fonts, ...rest } = assets;
    return new Promise((resolve, reject) => {
      this.queue.push({ message: { format, tree, theme, assets: rest }, fonts, onStart, resolve, reject });
      this.dispatch();
    });
  }

  /** Starts the workers now, so the first renders do not wait for them to load pdfmake. */
  warmUp(): void {
    while (!this.inThread && !this.closed && this.all.length < this.size) this.idle.push(this.spawn());
  }

  /** Stops every worker; jobs still waiting fail. */
  async close(): Promise<void> {
    // Once closed, a worker's exit must not start another one for a queued job.
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('Render-Pool geschlossen'));
    for (const { job } of this.running.values()) job.reject(new Error('Render-Pool geschlossen'));
    this.running.clear();
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
      const fontsNew = this.fontsOf.get(worker) !== job.fonts;
      this.fontsOf.set(worker, job.fonts);
      worker.postMessage({ id, ...job.message, ...(fontsNew ? { fonts: job.fonts } : {}) } satisfies RenderJob);
      job.onStart?.();
    }
  }

  private spawn(): Worker {
    const worker = newWorker(this.workerUrl);
    this.all.push(worker);
    worker.on('message', (reply: RenderReply) => {
      const current = this.running.get(worker);
      if (!current || current.id !== reply.id) return;
      this.running.delete(worker);
      if ('error' in reply) current.job.reject(new Error(reply.error));
      else current.job.resolve(typeof reply.output === 'string' ? reply.output : Buffer.from(reply.output.buffer, reply.output.byteOffset, reply.output.byteLength));
      this.idle.push(worker);
      this.dispatch();
    });
    const fail = (err: Error) => {
      const current = this.running.get(worker);
      this.running.delete(worker);
      const i = this.all.indexOf(worker);
      if (i >= 0) this.all.splice(i, 1);
      const j = this.idle.indexOf(worker);
      if (j >= 0) this.idle.splice(j, 1);
      if (current) current.job.reject(err);
      this.dispatch();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (code !== 0) fail(new Error(`Render-Worker beendet mit Code ${code}`));
    });
    // `serve`'s worker must not keep the process alive after Ctrl+C (its server does that);
    // a build's workers stay referenced, the build waits for them and closes the pool.
    if (this.alwaysWorker) worker.unref();
    return worker;
  }
}
