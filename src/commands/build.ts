/**
 * `ratsdoc build`: validate, build every document tree, render PDF and HTML, write `out/`
 * atomically. Content errors → exit 1 and nothing written.
 */
import { promises as fs } from 'node:fs';
import { checkContent } from '../model/check.js';
import { hasErrors, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { formatText, formatDiagnosticLine } from '../diagnostics/format.js';
import { loadTemplates, resolveTemplatesDir } from '../theme/load.js';
import { buildDocuments } from '../document/build.js';
import { buildKonzept } from '../document/konzept.js';
import type { Block, DocumentTree } from '../document/tree.js';
import { renderHtml } from '../render/html/render.js';
import { renderIndexPage, type IndexEntry } from '../render/html/index-page.js';
import type { PdfRenderOptions } from '../render/pdf/render.js';
import { PdfPool } from '../render/pdf-pool.js';
import { PdfDiskCache, bytesHash, pdfCacheKey } from '../output/cache.js';
import { writeOutput, type OutputFiles } from '../output/write.js';
import { formatDate } from '../format/german.js';
import { vorlageFileName } from '../model/rules.js';
import type { Theme } from '../theme/theme.js';

/** Options of `build`. */
export interface BuildOptions {
  content: string;
  out: string;
  templates?: string;
  /** Snippet injected into every HTML page (live reload of `serve`); never set by `build`. */
  liveReloadSnippet?: string;
  quiet?: boolean;
  /**
   * Supplies a document's PDF instead of rendering it here; `undefined` leaves the PDF out
   * (its page count stays unknown). `serve` uses it to reuse unchanged PDFs and to render
   * the others later in a worker; never set by `build`.
   */
  pdf?: (tree: DocumentTree, theme: Theme, options: PdfRenderOptions) => Promise<Buffer | undefined>;
  /** Worker threads for PDFs (default: one per core). */
  jobs?: number;
  /** Folder of the PDF cache (`.ratsdoc-cache`); none: render every PDF. */
  cacheDir?: string;
}

/** Result of a build without writing: the files and every diagnostic. */
export interface BuildResult {
  files?: OutputFiles;
  diagnostics: Diagnostic[];
  documents: number;
  pages: number;
}

/** Runs the whole pipeline in memory. */
export async function buildFiles(opts: BuildOptions): Promise<BuildResult> {
  // The templates first: their form declares fields the content check must know.
  const tpl = await loadTemplates(resolveTemplatesDir(opts.templates));
  // As check: without a valid form the content is not judged against a wrong one.
  if (!tpl.templates) return { diagnostics: sortDiagnostics(tpl.diagnostics), documents: 0, pages: 0 };
  const checked = await checkContent(opts.content, tpl.templates.theme.vorlage);
  const diagnostics = [...checked.diagnostics, ...tpl.diagnostics];
  if (hasErrors(diagnostics)) return { diagnostics: sortDiagnostics(diagnostics), documents: 0, pages: 0 };
  const templates = tpl.templates;
  const built = buildDocuments(checked.model, checked.index, templates.theme, buildKonzept);
  // The builder re-checks what `check` saw (images, helpers): keep each problem once.
  const seen = new Set(diagnostics.map(diagnosticKey));
  for (const d of built.diagnostics) if (!seen.has(diagnosticKey(d))) diagnostics.push(d), seen.add(diagnosticKey(d));
  if (hasErrors(diagnostics)) return { diagnostics: sortDiagnostics(diagnostics), documents: 0, pages: 0 };

  const files: OutputFiles = new Map();
  const entries: IndexEntry[] = [];
  const images = await loadImages(built.trees);
  const allowedRoots = [checked.model.root];
  const pdfOptions: PdfRenderOptions = { fonts: templates.fonts, allowedRoots };
  const imageHashes = new Map([...images].map(([p, img]) => [p, bytesHash(img.data)]));
  const cache = opts.cacheDir ? new PdfDiskCache(opts.cacheDir) : undefined;
  const pool = opts.pdf ? undefined : new PdfPool(opts.jobs);
  try {
    // Start every PDF first (largest first, so the long Konzept does not start last), then
    // render the HTML on this thread while the workers lay out.
    const order = built.trees.map((tree, i) => ({ tree, i, size: JSON.stringify(tree.blocks).length })).sort((a, b) => b.size - a.size);
    const pdfs: Array<Promise<Buffer | undefined>> = new Array(built.trees.length);
    for (const { tree, i } of order) pdfs[i] = opts.pdf ? opts.pdf(tree, templates.theme, pdfOptions) : cachedPdf(tree, templates.theme, pdfOptions, imageHashes, pool!, cache);
    const htmls = built.trees.map((tree) => renderHtml(tree, templates.theme, { layout: templates.htmlLayout, css: templates.htmlCss, images, ...(opts.liveReloadSnippet ? { liveReloadSnippet: opts.liveReloadSnippet } : {}) }));
    const rendered = await Promise.all(pdfs);
    built.trees.forEach((tree, i) => {
      const pdf = rendered[i];
      const pageCount = pdf ? countPdfPages(pdf) : undefined;
      if (pdf) files.set(`${tree.outPath}.pdf`, pdf);
      files.set(`${tree.outPath}.html`, htmls[i]);
      entries.push(indexEntry(tree, checked.model.vorlagen, pageCount));
    });
  } finally {
    await pool?.close();
  }
  if (cache) await cache.prune();
  const pages = entries.reduce((n, e) => n + (e.pages ?? 0), 0);
  const kommune = checked.model.config?.value.kommune.name ?? '';
  files.set('index.html', renderIndexPage(entries, { kommune }, templates.theme, { layout: templates.htmlLayout, css: templates.htmlCss, ...(opts.liveReloadSnippet ? { liveReloadSnippet: opts.liveReloadSnippet } : {}) }));
  return { files, diagnostics: sortDiagnostics(diagnostics), documents: built.trees.length, pages };
}

/** A document's PDF from the cache, or rendered in the pool and stored. */
async function cachedPdf(tree: DocumentTree, theme: Theme, options: PdfRenderOptions, imageHashes: ReadonlyMap<string, string>, pool: PdfPool, cache: PdfDiskCache | undefined): Promise<Buffer> {
  if (!cache) return pool.render(tree, theme, options);
  const key = pdfCacheKey(tree, theme, options, imagesOf(tree, imageHashes));
  const hit = await cache.get(key);
  if (hit) return hit;
  const pdf = await pool.render(tree, theme, options);
  await cache.set(key, pdf);
  return pdf;
}

/** The image hashes a tree uses (only these belong in its cache key). */
function imagesOf(tree: DocumentTree, imageHashes: ReadonlyMap<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of imagePaths([tree])) {
    const h = imageHashes.get(p);
    if (h) out.set(p, h);
  }
  return out;
}

function diagnosticKey(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}:${d.code}:${d.message}`;
}

/** `ratsdoc build`. */
export async function build(opts: BuildOptions): Promise<number> {
  const started = performance.now();
  const result = await buildFiles(opts);
  if (result.diagnostics.length) process.stderr.write(hasErrors(result.diagnostics) ? formatText(result.diagnostics) : result.diagnostics.map(formatDiagnosticLine).join('\n') + '\n');
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
  if (!opts.quiet) process.stdout.write(`${result.documents} Dokumente (${result.pages} Seiten) als PDF und HTML in „${opts.out}“ geschrieben, in ${seconds} s.\n`);
  return 0;
}

/** Counts the page objects of a PDF written by pdfkit (uncompressed object headers). */
export function countPdfPages(pdf: Buffer): number {
  const m = pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g);
  return m ? m.length : 0;
}

function indexEntry(tree: DocumentTree, vorlagen: Array<{ meta: { value: { nummer: string; art: string; datum?: string; betreff: string } } }>, pages: number | undefined): IndexEntry {
  const base = { title: tree.meta.title, ...(pages !== undefined ? { pages } : {}), pdf: `${tree.outPath}.pdf`, html: `${tree.outPath}.html` };
  if (tree.kind === 'konzept') return { kind: 'konzept', ...base, datum: formatDate(tree.meta.created.toISOString().slice(0, 10)) };
  const v = vorlagen.find((x) => `vorlagen/${vorlageFileName(x.meta.value.nummer)}` === tree.outPath)?.meta.value;
  return { kind: 'vorlage', ...base, ...(v ? { nummer: v.nummer, art: v.art, ...(v.datum ? { datum: formatDate(v.datum) } : {}) } : {}) };
}

/** Every image path the trees show. */
function imagePaths(trees: DocumentTree[]): Set<string> {
  const paths = new Set<string>();
  const visit = (blocks: Block[]) => {
    for (const b of blocks) {
      if (b.type === 'image' || b.type === 'logo') paths.add(b.path);
      if (b.type === 'titlePage' && b.logo) paths.add(b.logo.path);
      if ('children' in b && Array.isArray(b.children) && b.type !== 'paragraph' && b.type !== 'heading') visit(b.children as Block[]);
      if (b.type === 'list') b.items.forEach(visit);
      if (b.type === 'footnotes') b.items.forEach((i) => visit(i.children));
    }
  };
  for (const t of trees) visit(t.blocks);
  return paths;
}

/** Reads every image the trees show (for data: URIs in HTML and the cache keys). */
async function loadImages(trees: DocumentTree[]): Promise<Map<string, { mime: string; data: Buffer }>> {
  const images = new Map<string, { mime: string; data: Buffer }>();
  await Promise.all([...imagePaths(trees)].sort().map(async (p) => {
    images.set(p, { mime: /\.jpe?g$/i.test(p) ? 'image/jpeg' : 'image/png', data: await fs.readFile(p) });
  }));
  return images;
}
