/**
 * `ratsdoc build`: runs the pipeline and writes `out/` atomically. Content errors → exit 1
 * and nothing written. Progress goes to stderr (see `progress.ts`), the summary to stdout;
 * `quiet` prints only errors.
 */
import { hasErrors } from '../diagnostics/diagnostic.js';
import { formatText, formatDiagnosticLine } from '../diagnostics/format.js';
import { formatList } from '../format/german.js';
import { writeOutput } from '../output/write.js';
import { runPipeline, type PipelineResult } from '../pipeline/pipeline.js';
import type { Renderer } from '../render/renderer.js';
import { RENDERERS } from '../render/renderers.js';
import { progressMode, progressReporter } from './progress.js';

/** Options of `build`. */
export interface BuildOptions {
  content: string;
  out: string;
  templates?: string;
  /** The formats to write (`--formats`; default: every renderer of the list). */
  renderers?: readonly Renderer[];
  /** Only errors: no progress, no warnings, no summary. */
  quiet?: boolean;
  /** Worker threads for PDFs (default: one per core). */
  jobs?: number;
  /** Folder of the render cache (`.ratsdoc-cache`); none: render every PDF. */
  cacheDir?: string;
}

/** `ratsdoc build`. */
export async function build(opts: BuildOptions): Promise<number> {
  const started = performance.now();
  const progress = progressReporter(process.stderr, progressMode(process.stderr, process.env, opts.quiet ?? false));
  progress.start();
  let result: PipelineResult;
  try {
    result = await runPipeline({
      content: opts.content,
      ...(opts.templates ? { templates: opts.templates } : {}),
      ...(opts.renderers ? { renderers: opts.renderers } : {}),
      ...(opts.jobs ? { jobs: opts.jobs } : {}),
      ...(opts.cacheDir ? { cacheDir: opts.cacheDir } : {}),
      progress: (p) => progress.update(p),
    });
  } finally {
    progress.finish();
  }
  // Quiet: the errors' lines alone (a count with „0 Warnungen“ would hide the warnings it left out).
  if (hasErrors(result.diagnostics)) process.stderr.write(opts.quiet ? result.diagnostics.filter((d) => d.severity === 'error').map((d) => formatDiagnosticLine(d) + '\n').join('') : formatText(result.diagnostics));
  else if (result.diagnostics.length && !opts.quiet) process.stderr.write(result.diagnostics.map(formatDiagnosticLine).join('\n') + '\n');
  if (!result.files) {
    process.stderr.write(`Nichts geschrieben: „${opts.out}“ bleibt unverändert.\n`);
    return 1;
  }
  try {
    await writeOutput(opts.out, result.files);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'EACCES' || code === 'EPERM' ? 'keine Schreibrechte' : code === 'ENOSPC' ? 'der Datenträger ist voll' : code === 'EROFS' ? 'der Datenträger ist schreibgeschützt' : `Fehler ${code ?? String(err)}`;
    process.stderr.write(`ratsdoc: Ausgabeordner „${opts.out}“ lässt sich nicht schreiben (${reason}). Die bisherige Ausgabe bleibt unverändert.\n`);
    return 1;
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1).replace('.', ',');
  // Page counts come from a format with pages (PDF); Word counts its pages itself.
  const pages = (opts.renderers ?? RENDERERS).some((r) => r.pages) ? ` (${result.pages} Seiten)` : '';
  // For tests and for finding out why a rebuild is slow: which documents were built anew.
  if (process.env.RATSDOC_CACHE_REPORT) process.stderr.write(`Neu erzeugt: ${result.rebuilt.length ? result.rebuilt.join(', ') : '–'}\n`);
  // With the cache: how many documents were built anew (the others read as before).
  const reused = result.documents - result.rebuilt.length;
  const fresh = reused > 0 ? ` (${result.rebuilt.length} neu erzeugt, ${reused} unverändert aus dem Zwischenspeicher)` : '';
  if (!opts.quiet) process.stdout.write(`${result.documents} Dokumente${pages} als ${formatList(result.formats)} in „${opts.out}“ geschrieben${fresh}, in ${seconds} s.\n`);
  return 0;
}
