/**
 * The one way from a content folder to output files: load and check the content, read the
 * templates, build every document tree, render each in every format of the renderer list,
 * and make the index page. `build`, `serve` and the benchmark call it; it writes nothing
 * (`output/write.ts` does that) and prints nothing (how far it is goes to `progress`).
 */
import { hasErrors, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { buildDocument, buildRoots, documentSlots, type BuildState, type BuiltDocument, type DocumentSlot } from '../document/build.js';
import { ReadTracker, readsStillHold, readTree } from '../document/tracking.js';
import type { DocumentTree } from '../document/tree.js';
import type { Model, ModelIndex } from '../model/model.js';
import { checkContent } from '../model/check.js';
import { bytesHash, DiskCache, renderKey } from '../output/cache.js';
import { buildKey, SourceCache, type SourceEntry } from '../output/source-cache.js';
import type { OutputFiles } from '../output/write.js';
import { htmlAssets } from '../render/html/renderer.js';
import { renderIndexPage, type IndexEntry } from '../render/html/index-page.js';
import { RenderPool } from '../render/pool.js';
import type { ImageAsset, RenderAssets, Renderer } from '../render/renderer.js';
import { RENDERERS } from '../render/renderers.js';
import { loadTemplates, resolveTemplatesDir } from '../theme/load.js';
import type { Theme } from '../theme/theme.js';
import { addImages, assetsFor, readAnlagen, readAssets, sizesOf } from './assets.js';
import { fontFamilies, glyphWarnings, missingGlyphs } from './glyphs.js';
import { promises as fs } from 'node:fs';
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
 * How far the renders are. Reported once the first document's tree is built (`done` 0), and
 * again whenever a document is finished or another one becomes the one being set.
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
  /** Out paths of the documents whose tree was built (the others came from the source cache). */
  rebuilt: string[];
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
  if (!tpl.templates) return { diagnostics: sortDiagnostics(tpl.diagnostics), documents: 0, pages: 0, formats, rebuilt: [] };
  // Validation always runs over everything: a cached document never hides an error.
  const checked = await checkContent(opts.content, tpl.templates.theme.vorlage);
  const diagnostics = [...checked.diagnostics, ...tpl.diagnostics];
  const failed = (): PipelineResult => ({ diagnostics: sortDiagnostics(diagnostics), documents: 0, pages: 0, formats, rebuilt: [] });
  if (hasErrors(diagnostics)) return failed();
  const templates = tpl.templates;
  const theme = templates.theme;
  const { model, index } = checked;
  // The Anlagen's bytes before the trees: the lists print their sizes, out/ gets copies.
  const anlagen = await readAnlagen(model);
  const sizes = sizesOf(anlagen);
  const images = new Map<string, ImageAsset>();
  const all: RenderAssets = { ...await readAssets([], templates, opts.liveReloadSnippet), images };
  const families = fontFamilies(all.fonts, [theme.base.font_family, theme.base.fallback_font_family]);
  const cache = opts.cacheDir ? new DiskCache(opts.cacheDir) : undefined;
  // The source-level cache needs the render cache and is of no use to `serve` (its own cache).
  const sources = opts.cacheDir && !opts.slow ? new SourceCache(opts.cacheDir, buildKey(theme, all, renderers.map((r) => r.format))) : undefined;

  const slots = documentSlots(model);
  const state: BuildState = { diagnostics: [], reported: new Set() };
  /** Per slot: the built document (tree rebuilt) or the cached one. */
  const docs: Array<{ built?: BuiltDocument; tracker?: ReadTracker; clean?: boolean; cached?: SourceEntry }> = [];
  const outputs = new Map<string, Uint8Array | string | undefined>();
  const outPaths = new Map<DocumentSlot, string>();
  const { started, finished } = progressCounter(slots, renderers.length, (slot) => outPaths.get(slot), opts.progress);
  const progressOf = (i: number) => slots[i];
  const pending: Array<Promise<void>> = [];
  let renderFailure: { error: unknown } | undefined;
  const lookups: Array<Promise<unknown>> = [];
  try {
    // One document after the other (the Konzept, the longest render, first): reused from the
    // source cache when what it read is unchanged, else built and its slow renders sent to
    // the workers at once, before the next tree is built and long before any HTML.
    for (const [i, slot] of slots.entries()) {
      const reused = sources ? await reuse(sources, slot, model, index, sizes, anlagen, renderers, cache!) : undefined;
      if (reused) {
        outPaths.set(slot, reused.entry.document.outPath);
        docs.push({ cached: reused.entry });
        for (const [file, out] of reused.outputs) {
          outputs.set(file, out);
          finished(progressOf(i));
        }
        continue;
      }
      const tracker = sources ? new ReadTracker(slot.kind.kind === 'konzept') : undefined;
      const before = state.diagnostics.length;
      const built = buildDocument(slot, model, index, theme, state, sizes, tracker);
      outPaths.set(slot, built.tree.outPath);
      docs.push({ built, ...(tracker ? { tracker } : {}), clean: state.diagnostics.length === before });
      // After an error nothing is written: the other trees are still built (every error is
      // reported at once), but nothing more is rendered.
      if (hasErrors(state.diagnostics)) continue;
      await addImages(images, [built.tree]);
      const assets = assetsFor(built.tree, all, anlagen);
      for (const renderer of renderers.filter((r) => r.slow)) {
        const file = `${built.tree.outPath}${renderer.extension}`;
        const job: SlowRender = { key: renderKey(renderer.format, built.tree, theme, assets), file, renderer, tree: built.tree, theme, assets };
        outputs.set(file, undefined);
        pending.push(
          (opts.slow ? opts.slow(job) : cachedRender(job, pool!, cache, () => started(progressOf(i)), lookups)).then(
            (out) => {
              outputs.set(file, out);
              finished(progressOf(i));
            },
            (error: unknown) => {
              renderFailure ??= { error };
            },
          ),
        );
      }
    }
    diagnostics.push(...state.diagnostics);
    if (hasErrors(diagnostics)) return failed();
    const builtTrees = docs.flatMap((d) => (d.built ? [d.built.tree] : []));
    diagnostics.push(...await glyphWarnings(builtTrees, all.fonts, [theme.base.font_family, theme.base.fallback_font_family], [
      { display: opts.content, dir: path.resolve(opts.content) },
      { display: path.relative(process.cwd(), templates.dir) || '.', dir: templates.dir },
    ], docs.flatMap((d) => (d.cached ? [d.cached.document] : []))));
    // Cache misses reach the workers before this thread renders HTML for seconds.
    await Promise.all(lookups);
    for (const [i, d] of docs.entries()) {
      if (!d.built) continue;
      const tree = d.built.tree;
      const assets = assetsFor(tree, all, anlagen);
      for (const renderer of renderers.filter((r) => !r.slow)) {
        const file = `${tree.outPath}${renderer.extension}`;
        started(progressOf(i));
        const out = await renderer.render(tree, theme, assets);
        outputs.set(file, out);
        // Kept for the source cache: a document not rebuilt takes its HTML from there.
        if (sources) await cache!.set(`${renderKey(renderer.format, tree, theme, assets)}${renderer.extension}`, out);
        finished(progressOf(i));
      }
    }
    await Promise.all(pending);
    if (renderFailure) throw renderFailure.error;
  } finally {
    await pool?.close();
  }
  if (sources) {
    await Promise.all(docs.map(async (d, i) => {
      if (!d.built || !d.tracker || !d.clean) return;
      const tree = d.built.tree;
      const assets = assetsFor(tree, all, anlagen);
      const files: Record<string, string> = {};
      for (const [p, img] of assets.images) files[p] = bytesHash(img.data);
      for (const [p, data] of assets.attachments ?? new Map<string, Uint8Array>()) files[p] = bytesHash(data);
      await sources.set(slots[i].kind.kind, slots[i].name, {
        reads: readTree(d.tracker.recorded()),
        files,
        outputs: Object.fromEntries(renderers.map((r) => [r.format, `${renderKey(r.format, tree, theme, assets)}${r.extension}`])),
        document: {
          kind: tree.kind,
          title: tree.meta.title,
          outPath: tree.outPath,
          index: d.built.index,
          attachments: (tree.attachments ?? []).map((a) => ({ label: a.label, file: a.file, source: a.source })),
          missingGlyphs: [...missingGlyphs([tree], families).keys()],
        },
      });
    }));
  }
  if (cache) await cache.prune();

  const files: OutputFiles = new Map();
  const entries: IndexEntry[] = docs.map((d) => {
    const doc = d.built ? { kind: d.built.tree.kind, title: d.built.tree.meta.title, outPath: d.built.tree.outPath, index: d.built.index, attachments: d.built.tree.attachments ?? [] } : d.cached!.document;
    return {
      kind: doc.kind,
      title: doc.title,
      ...doc.index,
      files: renderers.flatMap((r) => {
        const file = `${doc.outPath}${r.extension}`;
        const out = outputs.get(file);
        if (out !== undefined) files.set(file, typeof out === 'string' ? out : Buffer.from(out.buffer, out.byteOffset, out.byteLength));
        const pages = out !== undefined && typeof out !== 'string' && r.pages ? r.pages(out) : undefined;
        return [{ label: r.label, href: file, ...(pages !== undefined ? { pages } : {}) }];
      }),
      attachments: doc.attachments.map((a) => {
        const bytes = anlagen.get(a.source)!;
        files.set(a.file, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
        return { label: a.label, href: a.file };
      }),
    };
  });
  const pages = entries.reduce((n, e) => n + (e.files.find((f) => f.pages !== undefined)?.pages ?? 0), 0);
  const kommune = model.config?.value.kommune.name ?? '';
  files.set('index.html', renderIndexPage(entries, { kommune }, theme, htmlAssets(all)));
  const rebuilt = docs.flatMap((d) => (d.built ? [d.built.tree.outPath] : []));
  return { files, diagnostics: sortDiagnostics(diagnostics), documents: docs.length, pages, formats, rebuilt };
}

/**
 * A document's files from the caches, when everything its tree was built from reads as
 * before: the same values in the model, the same bytes of its images and Anlagen, and every
 * format's file still in the render cache. Otherwise undefined (the document is rebuilt).
 */
async function reuse(
  sources: SourceCache,
  slot: DocumentSlot,
  model: Model,
  index: ModelIndex,
  sizes: ReadonlyMap<string, number>,
  anlagen: ReadonlyMap<string, Uint8Array>,
  renderers: readonly Renderer[],
  cache: DiskCache,
): Promise<{ entry: SourceEntry; outputs: Map<string, Uint8Array | string> } | undefined> {
  const entry = await sources.get(slot.kind.kind, slot.name);
  if (!entry || renderers.some((r) => !entry.outputs[r.format])) return undefined;
  if (!readsStillHold(entry.reads, buildRoots(model, index, sizes, slot))) return undefined;
  for (const [p, hash] of Object.entries(entry.files)) {
    const bytes = anlagen.get(p) ?? (await fs.readFile(p).catch(() => undefined));
    if (!bytes || bytesHash(bytes) !== hash) return undefined;
  }
  const outputs = new Map<string, Uint8Array | string>();
  for (const r of renderers) {
    const data = await cache.get(entry.outputs[r.format]);
    if (!data) return undefined;
    outputs.set(`${entry.document.outPath}${r.extension}`, r.slow ? data : data.toString('utf8'));
  }
  return { entry, outputs };
}

/**
 * Counts the renders of each document as they start and finish, and tells `progress` (when
 * given) about every change of the finished count or of the document being set; reports the
 * start at once. `order` is the order the renders are submitted in; `outPathOf` names a
 * document once its tree (or its cache entry) is there.
 */
function progressCounter(
  order: readonly DocumentSlot[],
  formats: number,
  outPathOf: (doc: DocumentSlot) => string | undefined,
  progress: PipelineOptions['progress'],
): { started: (doc: DocumentSlot) => void; finished: (doc: DocumentSlot) => void } {
  if (!progress) return { started: () => undefined, finished: () => undefined };
  const left = new Map(order.map((t) => [t, formats]));
  /** The document of each render under way, the latest last. */
  const running: DocumentSlot[] = [];
  let done = formats === 0 ? order.length : 0;
  let last = '';
  const report = () => {
    const doc = running.at(-1) ?? order.find((t) => left.get(t)! > 0);
    const current = doc && outPathOf(doc);
    // Until the next document in line has its tree (and so its name), say nothing new.
    if (current === undefined && done < order.length) return;
    const key = `${done} ${current ?? ''}`;
    if (key === last) return;
    last = key;
    progress({ done, total: order.length, ...(current !== undefined ? { current } : {}) });
  };
  report();
  return {
    started(doc) {
      running.push(doc);
      report();
    },
    finished(doc) {
      const n = left.get(doc)! - 1;
      left.set(doc, n);
      if (n === 0) done++;
      // A render from the cache never started.
      const i = running.lastIndexOf(doc);
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

