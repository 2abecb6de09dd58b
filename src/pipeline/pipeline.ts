/**
 * The one way from a content folder to output files: load and check the content, read the
 * templates, build every document tree, render each in every format of the renderer list,
 * and make the index page. `build`, `serve` and the benchmark call it; it writes nothing
 * (`output/write.ts` does that) and prints nothing (how far it is goes to `progress`).
 */
import { hasErrors, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { buildDocuments } from '../document/build.js';
import type { DocumentTree } from '../document/tree.js';
import { checkContent } from '../model/check.js';
import { DiskCache, renderKey } from '../output/cache.js';
import type { OutputFiles } from '../output/write.js';
import { htmlAssets } from '../render/html/renderer.js';
import { renderIndexPage, type IndexEntry } from '../render/html/index-page.js';
import { RenderPool } from '../render/pool.js';
import type { RenderAssets, Renderer } from '../render/renderer.js';
import { RENDERERS } from '../render/renderers.js';
import { loadTemplates, resolveTemplatesDir } from '../theme/load.js';
import type { Theme } from '../theme/theme.js';
import { assetsFor, readAnlagen, readAssets, sizesOf } from './assets.js';
import { glyphWarnings } from './glyphs.js';
import path from 'node:path';

/** One document to render in a slow format. */
export interface SlowRender {
  /** The content-addressed key of the result (see `output/cache.ts`). */
  key: string;
  /** Path below `out/`, e.g. `vorlagen/11-1481.pdf`. */
  file: string;
  renderer: Renderer;
  tree: DocumentTree;
  theme: Theme;
  assets: RenderAssets;
}

/**
 * How far the renders are. Reported once the content is checked (`done` 0), and again
 * whenever a document is finished or another one becomes the one being set.
 */
export interface PipelineProgress {
  /** Documents whose every format is rendered. */
  done: number;
  /** Documents to render. */
  total: number;
  /**
   * A document being set (its `outPath`, e.g. `vorlagen/11-1481`): the one of the render
   * under way that started last (with none under way, the first unfinished one in line);
   * none once all are done.
   */
  current?: string;
}

/** Options of a pipeline run. */
export interface PipelineOptions {
  content: string;
  templates?: string;
  /** The formats to write (default: every renderer of the list). */
  renderers?: readonly Renderer[];
  /** Snippet injected into every HTML page (live reload of `serve`). */
  liveReloadSnippet?: string;
  /**
   * Supplies the result of a slow render instead of the worker pool; `undefined` leaves the
   * file out (its page count stays unknown). `serve` uses it to reuse unchanged PDFs and to
   * render the others later.
   */
  slow?: (job: SlowRender) => Promise<Uint8Array | string | undefined>;
  /** Worker threads for slow renders (default: one per core). */
  jobs?: number;
  /** Folder of the render cache (`.ratsdoc-cache`); none: render every file. */
  cacheDir?: string;
  /** Told how far the renders are (see `PipelineProgress`); the pipeline itself prints nothing. */
  progress?: (progress: PipelineProgress) => void;
}

/** The files of a run and every diagnostic; no files when the content has errors. */
export interface PipelineResult {
  files?: OutputFiles;
  diagnostics: Diagnostic[];
  documents: number;
  pages: number;
  /** Labels of the formats written, in list order (`PDF`, `HTML`). */
  formats: string[];
}

/** Runs the whole pipeline in memory. */
export async function runPipeline(opts: PipelineOptions): Promise<PipelineResult> {
  // The workers start with the build: they load pdfmake and the fonts while this thread
  // checks the content and builds the trees.
  const pool = opts.slow || !(opts.renderers ?? RENDERERS).some((r) => r.slow) ? undefined : new RenderPool(opts.jobs);
  pool?.warmUp();
  try {
    return await pipelineWith(opts, pool);
  } finally {
    await pool?.close();
  }
}

async function pipelineWith(opts: PipelineOptions, pool: RenderPool | undefined): Promise<PipelineResult> {
  const renderers = opts.renderers ?? RENDERERS;
  const formats = renderers.map((r) => r.label);
  // The templates first: their form declares fields the content check must know.
  const tpl = await loadTemplates(resolveTemplatesDir(opts.templates));
  // As check: without a valid form the content is not judged against a wrong one.
  if (!tpl.templates) return { diagnostics: sortDiagnostics(tpl.diagnostics), documents: 0, pages: 0, formats };
  const checked = await checkContent(opts.content, tpl.templates.theme.vorlage);
  const diagnostics = [...checked.diagnostics, ...tpl.diagnostics];
  const failed = (): PipelineResult => ({ diagnostics: sortDiagnostics(diagnostics), documents: 0, pages: 0, formats });
  if (hasErrors(diagnostics)) return failed();
  const templates = tpl.templates;
  const theme = templates.theme;
  // The Anlagen's bytes before the trees: the lists print their sizes, out/ gets copies.
  const anlagen = await readAnlagen(checked.model);
  const built = buildDocuments(checked.model, checked.index, theme, sizesOf(anlagen));
  diagnostics.push(...built.diagnostics);
  if (hasErrors(diagnostics)) return failed();

  const all = await readAssets(built.trees, templates, opts.liveReloadSnippet);
  diagnostics.push(...await glyphWarnings(built.trees, all.fonts, [theme.base.font_family, theme.base.fallback_font_family], [
    { display: opts.content, dir: path.resolve(opts.content) },
    { display: path.relative(process.cwd(), templates.dir) || '.', dir: templates.dir },
  ]));
  const cache = opts.cacheDir ? new DiskCache(opts.cacheDir) : undefined;
  const outputs = new Map<string, Uint8Array | string | undefined>();
  try {
    // Start every slow render first (largest document first, so the long Konzept does not
    // start last), then run the fast ones on this thread while the workers lay out.
    const order = built.documents.map((d) => ({ d, size: JSON.stringify(d.tree.blocks).length })).sort((a, b) => b.size - a.size).map((x) => x.d);
    const { started, finished } = progressCounter(order.map((d) => d.tree), renderers.length, opts.progress);
    const pending: Array<Promise<void>> = [];
    const lookups: Array<Promise<unknown>> = [];
    for (const slow of [true, false]) {
      // Cache misses go to the workers before this thread renders HTML for seconds.
      if (!slow) await Promise.all(lookups);
      for (const { tree } of slow ? order : built.documents) {
        const assets = assetsFor(tree, all, anlagen);
        for (const renderer of renderers.filter((r) => r.slow === slow)) {
          const file = `${tree.outPath}${renderer.extension}`;
          if (!slow) {
            started(tree);
            outputs.set(file, await renderer.render(tree, theme, assets));
            finished(tree);
            continue;
          }
          const job: SlowRender = { key: renderKey(renderer.format, tree, theme, assets), file, renderer, tree, theme, assets };
          outputs.set(file, undefined);
          pending.push(
            (opts.slow ? opts.slow(job) : cachedRender(job, pool!, cache, () => started(tree), lookups)).then((out) => {
              outputs.set(file, out);
              finished(tree);
            }),
          );
        }
      }
    }
    await Promise.all(pending);
  } finally {
    await pool?.close();
  }
  if (cache) await cache.prune();

  const files: OutputFiles = new Map();
  const entries: IndexEntry[] = built.documents.map(({ tree, index }) => ({
    kind: tree.kind,
    title: tree.meta.title,
    ...index,
    files: renderers.flatMap((r) => {
      const file = `${tree.outPath}${r.extension}`;
      const out = outputs.get(file);
      if (out !== undefined) files.set(file, typeof out === 'string' ? out : Buffer.from(out.buffer, out.byteOffset, out.byteLength));
      const pages = out !== undefined && typeof out !== 'string' && r.pages ? r.pages(out) : undefined;
      return [{ label: r.label, href: file, ...(pages !== undefined ? { pages } : {}) }];
    }),
    attachments: (tree.attachments ?? []).map((a) => {
      const bytes = anlagen.get(a.source)!;
      files.set(a.file, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      return { label: a.label, href: a.file };
    }),
  }));
  const pages = entries.reduce((n, e) => n + (e.files.find((f) => f.pages !== undefined)?.pages ?? 0), 0);
  const kommune = checked.model.config?.value.kommune.name ?? '';
  files.set('index.html', renderIndexPage(entries, { kommune }, theme, htmlAssets(all)));
  return { files, diagnostics: sortDiagnostics(diagnostics), documents: built.trees.length, pages, formats };
}

/**
 * Counts the renders of each document as they start and finish, and tells `progress` (when
 * given) about every change of the finished count or of the document being set; reports the
 * start at once. `order` is the order the renders are submitted in.
 */
function progressCounter(
  order: readonly DocumentTree[],
  formats: number,
  progress: PipelineOptions['progress'],
): { started: (tree: DocumentTree) => void; finished: (tree: DocumentTree) => void } {
  if (!progress) return { started: () => undefined, finished: () => undefined };
  const left = new Map(order.map((t) => [t, formats]));
  /** The document of each render under way, the latest last. */
  const running: DocumentTree[] = [];
  let done = formats === 0 ? order.length : 0;
  let last = '';
  const report = () => {
    const current = (running.at(-1) ?? order.find((t) => left.get(t)! > 0))?.outPath;
    const key = `${done} ${current ?? ''}`;
    if (key === last) return;
    last = key;
    progress({ done, total: order.length, ...(current !== undefined ? { current } : {}) });
  };
  report();
  return {
    started(tree) {
      running.push(tree);
      report();
    },
    finished(tree) {
      const n = left.get(tree)! - 1;
      left.set(tree, n);
      if (n === 0) done++;
      // A render from the cache never started.
      const i = running.lastIndexOf(tree);
      if (i >= 0) running.splice(i, 1);
      report();
    },
  };
}

/** A slow render from the cache, or rendered in the pool and stored. */
async function cachedRender(job: SlowRender, pool: RenderPool, cache: DiskCache | undefined, onStart: () => void, lookups: Array<Promise<unknown>>): Promise<Uint8Array | string> {
  const name = `${job.key}${job.renderer.extension}`;
  const lookup = cache?.get(name);
  if (lookup) lookups.push(lookup);
  const hit = await lookup;
  if (hit) return hit;
  const out = await pool.render(job.renderer.format, job.tree, job.theme, job.assets, onStart);
  await cache?.set(name, out);
  return out;
}

