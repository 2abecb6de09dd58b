/**
 * Slow renders (PDFs) of `serve`, kept by their content-addressed key (`output/cache.ts`).
 * A rebuild asks for every document's PDF; the ones whose key did not change come from here,
 * so a Vorlage edit never re-renders the Konzept. Renders run one after the other in a worker
 * thread (in this thread when the worker script is missing, e.g. when running from the
 * TypeScript sources); the same job is never rendered twice at once.
 */
import type { SlowRender } from '../pipeline/pipeline.js';
import { RenderPool } from '../render/pool.js';

export class RenderCache {
  private readonly done = new Map<string, Uint8Array | string>();
  private readonly inflight = new Map<string, Promise<Uint8Array | string>>();
  private readonly pool = new RenderPool(1, true);
  private closed = false;

  /** The finished file for `key`, if any. */
  get(key: string): Uint8Array | string | undefined {
    return this.done.get(key);
  }

  /** Renders (or waits for the render already running for the same key). */
  render(job: SlowRender): Promise<Uint8Array | string> {
    const hit = this.done.get(job.key);
    if (hit) return Promise.resolve(hit);
    const running = this.inflight.get(job.key);
    if (running) return running;
    const tracked = this.pool.render(job.renderer.format, job.tree, job.theme, job.assets).then(
      (out) => {
        this.inflight.delete(job.key);
        if (!this.closed) this.done.set(job.key, out);
        return out;
      },
      (err: unknown) => {
        this.inflight.delete(job.key);
        throw err;
      },
    );
    this.inflight.set(job.key, tracked);
    return tracked;
  }

  /** Forgets every file not among `keep` (bounded memory across many edits). */
  prune(keep: ReadonlySet<string>): void {
    for (const key of [...this.done.keys()]) if (!keep.has(key)) this.done.delete(key);
  }

  /** Forgets every file (something outside the key may have changed). */
  clear(): void {
    this.done.clear();
  }

  /** Starts the worker now, so the first render does not pay for loading pdfmake. */
  warmUp(): void {
    this.pool.warmUp();
  }

  /** Stops the worker; renders still waiting fail. */
  async close(): Promise<void> {
    this.closed = true;
    await this.pool.close();
  }
}
