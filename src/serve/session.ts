/**
 * The rebuild loop of `ratsdoc serve`.
 *
 * Every change runs the pipeline (check, document trees, HTML) with the live-reload snippet.
 * PDFs are not rendered in that pass: each document's PDF comes from the {@link RenderCache}
 * when its tree is unchanged, otherwise the previous PDF stands in for the moment. As soon as
 * the HTML is there, the open pages whose file changed reload. Then the missing PDFs render in
 * a worker, smallest first, and a second pass puts them (and their page counts on the index
 * page) in place. Only a complete state (every PDF current) is written to the output folder.
 *
 * While the content has errors nothing is replaced: the last good pages stay and the open
 * pages show the errors as an overlay, which goes when the errors are fixed.
 */
import { CODES } from '../diagnostics/codes.js';
import path from 'node:path';
import { runPipeline, type PipelineResult, type SlowRender } from '../pipeline/pipeline.js';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnosticLine } from '../diagnostics/format.js';
import { writeOutput, type OutputFiles } from '../output/write.js';
import type { OverlayDiagnostic } from './client.js';
import type { EventHub } from './events.js';
import { servedFile, type ServedFile, type SiteState } from './http.js';
import type { RenderCache } from './render-cache.js';
import type { Renderer } from '../render/renderer.js';
import { RENDERERS } from '../render/renderers.js';

/** Options of a preview session. */
export interface SessionOptions {
  content: string;
  out: string;
  templates?: string;
  /** The formats to make (default: every renderer of the list). */
  renderers?: readonly Renderer[];
  snippet: string;
  /** Progress lines (German), one per call. */
  log: (line: string) => void;
  /** Problems (German), one or more lines per call. */
  warn: (text: string) => void;
}

/** Seconds with a German decimal comma, e.g. `0,42 s`. */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2).replace('.', ',')} s`;
}

function clock(): string {
  return new Date().toTimeString().slice(0, 8);
}

/** `PDF-Dateien`, `PDF- und DOCX-Dateien`: the files of the slow formats just rendered. */
function slowFiles(labels: string[]): string {
  if (labels.length <= 1) return `${labels[0] ?? 'PDF'}-Dateien`;
  return `${labels.slice(0, -1).map((l) => `${l}-`).join(', ')} und ${labels[labels.length - 1]}-Dateien`;
}

export class PreviewSession {
  private files = new Map<string, ServedFile>();
  private ready = false;
  private readonly pending = new Set<string>();
  private errors: Diagnostic[] = [];
  private warningsShown = '';
  /** Raised by every change; a pass of an older generation stops as soon as it notices. */
  private generation = 0;
  /** Passes run one after the other. */
  private queue: Promise<void> = Promise.resolve();
  private closed = false;
  private writing: Promise<void> = Promise.resolve();
  /** PDF renders running in the background. */
  private readonly background = new Set<Promise<void>>();
  /** PDFs whose render failed since the last change: not tried again until something changes. */
  private readonly failed = new Set<string>();

  constructor(
    private readonly opts: SessionOptions,
    private readonly hub: EventHub,
    private readonly pdfs: RenderCache,
  ) {}

  /** The state the HTTP handler serves. */
  site(): SiteState {
    return { files: this.files, ready: this.ready, pendingPdfs: this.pending, snippet: this.opts.snippet };
  }

  /** The events a page gets when it connects. */
  initialEvents(): Array<{ event: string; data: unknown }> {
    return [{ event: 'diagnostics', data: this.overlayList() }];
  }

  /** Content errors right now (empty when the last pass was good). */
  currentErrors(): readonly Diagnostic[] {
    return this.errors;
  }

  /**
   * Schedules a rebuild. `invalidatePdfs`: something the cache key does not cover changed
   * (an image, a font, anything in templates/), so every PDF renders again.
   * Resolves when the HTML pass of this rebuild is done (PDFs may still be rendering).
   */
  rebuild(reason: string, invalidatePdfs = false): Promise<void> {
    if (invalidatePdfs) this.pdfs.clear();
    this.failed.clear();
    const gen = ++this.generation;
    const started = performance.now();
    const run = this.queue.then(() => this.pass(gen, started, reason, 'html'));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Waits for every scheduled pass, PDFs included (for tests and a clean shutdown). */
  async settled(): Promise<void> {
    for (;;) {
      const queue = this.queue;
      await queue;
      await Promise.all([...this.background]);
      await this.writing;
      if (queue === this.queue && this.background.size === 0) return;
    }
  }

  /** Stops scheduling; running passes end quietly. Resolves when a running write of the output folder is done. */
  async close(): Promise<void> {
    this.closed = true;
    this.generation++;
    await this.writing;
  }

  private stale(gen: number): boolean {
    return this.closed || gen !== this.generation;
  }

  /** One pass: build, publish the HTML, then start the PDFs that are missing. */
  private async pass(gen: number, started: number, reason: string, phase: 'html' | { labels: string[] }): Promise<void> {
    if (this.stale(gen)) return;
    const missing: SlowRender[] = [];
    const used = new Set<string>();
    let result: PipelineResult;
    try {
      result = await runPipeline({
        content: this.opts.content,
        ...(this.opts.templates ? { templates: this.opts.templates } : {}),
        ...(this.opts.renderers ? { renderers: this.opts.renderers } : {}),
        liveReloadSnippet: this.opts.snippet,
        slow: async (job) => {
          used.add(job.key);
          const hit = this.pdfs.get(job.key);
          if (hit) return hit;
          if (!this.failed.has(job.key)) missing.push(job);
          // Until the new one is ready, the previous file stands in (and gives the page count).
          return this.files.get(job.file)?.data;
        },
      });
    } catch (err) {
      if (this.stale(gen)) return;
      const message = (err as Error)?.message ?? String(err);
      return this.showErrors([{ severity: 'error', code: CODES.internal, file: this.opts.content, line: 1, column: 1, message: `interner Fehler beim Erzeugen: ${message}` }], reason);
    }
    if (this.stale(gen)) return;
    if (!result.files || hasErrors(result.diagnostics)) return this.showErrors(result.diagnostics.filter((d) => d.severity === 'error'), reason);

    this.showWarnings(result.diagnostics);
    const hadErrors = this.errors.length > 0;
    this.errors = [];
    if (hadErrors) this.hub.send('diagnostics', []);
    this.pending.clear();
    for (const m of missing) this.pending.add(m.file);
    const changed = this.publish(result.files);
    if (changed.length > 0) this.hub.send('reload', changed);
    const what = changed.length === 0 ? 'nichts geändert' : changed.length === 1 ? `geändert: ${changed[0]}` : `${changed.length} Dateien geändert`;
    const done = phase === 'html' ? (missing.length ? 'HTML fertig' : 'fertig') : `${slowFiles(phase.labels)} fertig`;
    this.opts.log(`[${clock()}] ${reason}: ${done} nach ${seconds(performance.now() - started)} (${what})${hadErrors ? ' – Fehler behoben' : ''}`);

    if (missing.length === 0) {
      this.pdfs.prune(used);
      this.write(result.files);
      return;
    }
    // PDFs in the background: the next change must not wait for a long render.
    const job = this.renderMissing(gen, missing, started, reason).catch((err: unknown) => {
      this.opts.warn(`ratsdoc: interner Fehler beim Setzen der PDFs: ${(err as Error)?.stack ?? String(err)}\n`);
    });
    this.background.add(job);
    void job.finally(() => this.background.delete(job));
  }

  private async renderMissing(gen: number, missing: SlowRender[], started: number, reason: string): Promise<void> {
    // Small documents first: a Vorlage is ready in a fraction of a second.
    const sorted = [...missing].sort((a, b) => a.tree.blocks.length - b.tree.blocks.length);
    for (const req of sorted) {
      if (this.stale(gen)) return;
      const t0 = performance.now();
      try {
        await this.pdfs.render(req);
      } catch (err) {
        if (this.stale(gen)) return;
        this.failed.add(req.key);
        this.opts.warn(`ratsdoc: ${req.renderer.label} „${req.file}“ ließ sich nicht setzen: ${(err as Error)?.message ?? String(err)}\n`);
        continue;
      }
      if (!this.stale(gen)) this.opts.log(`[${clock()}] ${req.renderer.label} gesetzt: ${req.file} (${seconds(performance.now() - t0)})`);
    }
    if (this.stale(gen)) return;
    // A second pass puts the new PDFs and page counts in place; every PDF now comes from the cache.
    const labels = RENDERERS.filter((r) => missing.some((m) => m.renderer.format === r.format)).map((r) => r.label);
    const run = this.queue.then(() => this.pass(gen, started, reason, { labels }));
    this.queue = run.catch(() => undefined);
    await run;
  }

  /** Replaces the served files; returns the paths whose bytes changed (added and removed included). */
  private publish(files: OutputFiles): string[] {
    const next = new Map<string, ServedFile>();
    const changed: string[] = [];
    for (const [rel, data] of files) {
      const old = this.files.get(rel);
      const file = servedFile(rel, data);
      if (!old || old.etag !== file.etag) changed.push(rel);
      next.set(rel, old && old.etag === file.etag ? old : file);
    }
    for (const rel of this.files.keys()) if (!next.has(rel)) changed.push(rel);
    this.files = next;
    this.ready = true;
    return changed.sort();
  }

  /** Writes a complete state to the output folder, one write after the other. */
  private write(files: OutputFiles): void {
    this.writing = this.writing.then(async () => {
      if (this.closed) return;
      try {
        await writeOutput(this.opts.out, files);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code ?? String(err);
        this.opts.warn(`ratsdoc: Ausgabeordner „${this.opts.out}“ lässt sich nicht schreiben (Fehler ${code}); die Vorschau läuft weiter.\n`);
      }
    });
  }

  private showErrors(errors: Diagnostic[], reason: string): void {
    const same = JSON.stringify(errors) === JSON.stringify(this.errors);
    this.errors = errors;
    this.hub.send('diagnostics', this.overlayList());
    if (same) return;
    const kept = this.ready ? 'die Vorschau zeigt weiter den letzten fehlerfreien Stand' : 'noch keine Vorschau';
    this.opts.warn(`[${clock()}] ${reason}: ${errors.length} Fehler im Inhalt – ${kept}:\n${errors.map(formatDiagnosticLine).join('\n')}\n`);
  }

  private showWarnings(diagnostics: Diagnostic[]): void {
    const warnings = diagnostics.filter((d) => d.severity === 'warning');
    const key = JSON.stringify(warnings);
    if (key === this.warningsShown) return;
    this.warningsShown = key;
    if (warnings.length) this.opts.warn(warnings.map(formatDiagnosticLine).join('\n') + '\n');
  }

  private overlayList(): OverlayDiagnostic[] {
    return this.errors.map((d) => ({ file: d.file, line: d.line, column: d.column, severity: d.severity, message: d.message, ...(d.entity ? { entity: d.entity } : {}) }));
  }
}

/**
 * True when a changed file can change a PDF without changing its document tree or the theme
 * (both are in the cache key): an image in the content, a font or other file in templates/.
 * Content YAML and Markdown, theme.yaml and the HTML layout and stylesheet cannot.
 */
export function affectsPdfAssets(root: string, file: string, templatesDir: string): boolean {
  const name = path.basename(file);
  if (root === templatesDir) return !(name === 'theme.yaml' || /\.(hbs|css)$/i.test(name));
  return !/\.(ya?ml|md)$/i.test(name);
}
