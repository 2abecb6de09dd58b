/**
 * Reads a content folder: every YAML file with the position of each value, every Markdown
 * file split into front matter and body. Knows nothing of the content model; `model/`
 * checks the shapes. Problems become diagnostics, never exceptions.
 */
import { CODES } from '../diagnostics/codes.js';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { decodeSource, MAX_SOURCE_BYTES, type SourceText } from './source.js';
import { parseYaml, type YamlLocations } from './yaml.js';
import { splitFrontMatter } from './frontmatter.js';
import { isInsideFolder } from './paths.js';
import { parseCsv, type CsvField, type CsvRecord } from './csv.js';
import { salvageIds, type Salvaged } from './salvage.js';

/** What a YAML file is, from its place in the folder. */
export type YamlKind = 'config' | 'konzept' | 'collection';
/** What a Markdown file is, from its place in the folder. */
export type MarkdownKind = 'kapitel' | 'vorlage' | 'bericht';

/** A parsed YAML file. */
export interface RawYamlFile {
  kind: YamlKind;
  /** Path relative to the content folder, with `/`. */
  rel: string;
  /** Path as shown to the user (content folder as given + rel). */
  file: string;
  value: unknown;
  locations: YamlLocations;
}

/** A Markdown file with its front matter parsed. */
export interface RawMarkdownFile {
  kind: MarkdownKind;
  rel: string;
  file: string;
  /** File name without `.md`. */
  name: string;
  /** Parsed front matter, or undefined when there is none or it failed to parse. */
  frontMatter: unknown;
  frontMatterLocations?: YamlLocations;
  /** True when the front matter parsed (or there was none). */
  frontMatterOk: boolean;
  body: string;
  /** Number of lines before the body in the file. */
  bodyLineOffset: number;
}

/** A parsed CSV table (measurements under `indikatoren/`). */
export interface RawCsvFile {
  rel: string;
  file: string;
  /** File name without `.csv`. */
  name: string;
  header: CsvField[];
  records: CsvRecord[];
}

/** Everything read from a content folder. */
export interface RawContent {
  /** Absolute path of the content folder. */
  root: string;
  /** The content folder as the user gave it, for messages. */
  display: string;
  yamlFiles: RawYamlFile[];
  markdownFiles: RawMarkdownFile[];
  /** Measurement tables (`indikatoren/*.csv`); absent when nothing was read. */
  csvFiles?: RawCsvFile[];
  diagnostics: Diagnostic[];
  /** Files with a YAML syntax error, with the IDs (or Vorlage number) still legible in them. */
  unparsed: UnparsedFile[];
}

/** A YAML file or front matter that did not parse, and what could be read from it anyway. */
export interface UnparsedFile extends Salvaged {
  kind: YamlKind | MarkdownKind;
  file: string;
  /** Where the syntax error was reported. */
  line: number;
  column: number;
}

/** Thrown when the content folder itself is missing: a usage error (exit 2), not a content error. */
export class ContentFolderMissing extends Error {}

/** Joins the folder as given with a relative path, with forward slashes. */
export function displayPath(display: string, rel: string): string {
  return path.posix.join(display.split(path.sep).join('/'), rel);
}

/**
 * Where the loader gets its files from: the content folder on disk (`diskSource`, the default)
 * or, for `ratsdoc diff`, a git revision held in memory. Paths are relative to the content
 * folder, with `/`.
 */
export interface ContentSource {
  /** Files directly inside `sub` whose name matches `pattern` (no dot files), as `sub/name`, sorted. */
  list(sub: string, pattern: RegExp): Promise<string[]>;
  /** The bytes of a file; rejects with an error carrying a `code` (e.g. `ENOENT`) when unreadable. */
  read(rel: string): Promise<Uint8Array>;
  /** True when something exists at `rel`. */
  exists(rel: string): Promise<boolean>;
}

/** The content folder on disk at `root` (absolute). */
export function diskSource(root: string): ContentSource {
  // Resolved once for all files: every read compares against it.
  let rootReal: Promise<string> | undefined;
  return {
    async list(sub, pattern) {
      const entries = await fs.readdir(path.join(root, sub), { withFileTypes: true }).catch(() => []);
      return entries
        .filter((e) => (e.isFile() || e.isSymbolicLink()) && pattern.test(e.name) && !e.name.startsWith('.'))
        .map((e) => `${sub}/${e.name}`)
        .sort();
    },
    async read(rel) {
      // Only regular files inside the content folder: a symlink pointing outside (or at a
      // device) is refused before a byte is read, and so is a file over the size limit.
      const real = await fs.realpath(path.join(root, rel));
      if (!isInsideFolder(await (rootReal ??= fs.realpath(root)), real)) throw Object.assign(new Error('outside'), { code: 'OUTSIDE' });
      const st = await fs.stat(real);
      if (!st.isFile()) throw Object.assign(new Error('not a file'), { code: 'NOTFILE' });
      if (st.size > MAX_SOURCE_BYTES) throw Object.assign(new Error('too large'), { code: 'TOOLARGE' });
      return fs.readFile(real);
    },
    exists: (rel) => fs.stat(path.join(root, rel)).then(() => true, () => false),
  };
}

/** Reads every file of the content folder. */
export async function loadContent(contentDir: string): Promise<RawContent> {
  const root = path.resolve(contentDir);
  const stat = await fs.stat(root).catch(() => null);
  if (!stat || !stat.isDirectory()) throw new ContentFolderMissing(`Inhaltsordner „${contentDir}“ nicht gefunden`);
  return loadContentFrom(diskSource(root), root, contentDir);
}

/**
 * Reads every file of a content folder from `source`. `root` is the absolute path the model
 * reports as its folder, `contentDir` the folder as the user gave it (for messages).
 */
export async function loadContentFrom(source: ContentSource, root: string, contentDir: string): Promise<RawContent> {
  const display = contentDir.replace(/[\\/]+$/, '') || '.';
  const result: RawContent = { root, display, yamlFiles: [], markdownFiles: [], csvFiles: [], diagnostics: [], unparsed: [] };

  const jobs: Array<Promise<void>> = [];
  const configRel = 'ratsdoc.yaml';
  if (await source.exists(configRel)) jobs.push(readYaml(source, result, configRel, 'config'));
  else
    result.diagnostics.push({
      severity: 'error', code: CODES.configMissing, file: displayPath(display, configRel), line: 1, column: 1,
      message: 'Die Datei ratsdoc.yaml fehlt; sie nennt die Kommune (kommune: name: …)',
    });

  for (const rel of await source.list('konzept', /\.ya?ml$/i)) {
    jobs.push(readYaml(source, result, rel, path.posix.basename(rel).replace(/\.ya?ml$/i, '') === 'konzept' ? 'konzept' : 'collection'));
  }
  for (const rel of await source.list('konzept/kapitel', /\.md$/i)) jobs.push(readMarkdown(source, result, rel, 'kapitel'));
  for (const rel of await source.list('vorlagen', /\.md$/i)) jobs.push(readMarkdown(source, result, rel, 'vorlage'));
  for (const rel of await source.list('berichte', /\.md$/i)) jobs.push(readMarkdown(source, result, rel, 'bericht'));
  for (const rel of await source.list('indikatoren', /\.csv$/i)) jobs.push(readCsv(source, result, rel));
  await Promise.all(jobs);
  // Promise.all finishes in any order: sort so that every run is identical.
  result.yamlFiles.sort((a, b) => cmp(a.rel, b.rel));
  result.unparsed.sort((a, b) => cmp(a.file, b.file));
  result.markdownFiles.sort((a, b) => cmp(a.rel, b.rel));
  result.csvFiles?.sort((a, b) => cmp(a.rel, b.rel));
  return result;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

async function readSource(source: ContentSource, result: RawContent, rel: string): Promise<SourceText | null> {
  const file = displayPath(result.display, rel);
  let bytes: Uint8Array;
  try {
    bytes = await source.read(rel);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const message =
      code === 'OUTSIDE' ? 'Die Datei ist ein Verweis (Symlink) aus dem Inhaltsordner heraus und wird nicht gelesen'
        : code === 'NOTFILE' ? 'Das ist keine gewöhnliche Datei und wird nicht gelesen'
          : code === 'TOOLARGE' ? `Die Datei ist größer als ${MAX_SOURCE_BYTES / 1024 / 1024} MB und wird nicht gelesen`
            : `Die Datei lässt sich nicht lesen (${code ?? 'Fehler'})`;
    const diagnosticCode = code === 'OUTSIDE' ? CODES.fileOutside : code === 'TOOLARGE' ? CODES.fileTooLarge : CODES.fileUnreadable;
    result.diagnostics.push({ severity: 'error', code: diagnosticCode, file, line: 1, column: 1, message });
    return null;
  }
  const decoded = decodeSource(bytes);
  if (!decoded.ok) {
    result.diagnostics.push({ severity: 'error', code: bytes.length > MAX_SOURCE_BYTES ? CODES.fileTooLarge : CODES.fileEncoding, file, ...decoded.position, message: decoded.reason });
    return null;
  }
  return decoded.source;
}

async function readYaml(from: ContentSource, result: RawContent, rel: string, kind: YamlKind): Promise<void> {
  const source = await readSource(from, result, rel);
  if (!source) return;
  const file = displayPath(result.display, rel);
  const parsed = parseYaml(source);
  if (!parsed.ok) {
    result.diagnostics.push({ severity: 'error', code: CODES.yamlSyntax, file, ...parsed.position, message: parsed.reason });
    result.unparsed.push({ kind, file, ...parsed.position, ...salvageIds(source.text) });
    return;
  }
  result.yamlFiles.push({ kind, rel, file, value: parsed.value, locations: parsed.locations });
}

async function readMarkdown(from: ContentSource, result: RawContent, rel: string, kind: MarkdownKind): Promise<void> {
  const source = await readSource(from, result, rel);
  if (!source) return;
  const file = displayPath(result.display, rel);
  const name = path.posix.basename(rel).replace(/\.md$/i, '');
  const split = splitFrontMatter(source.text);
  if ('error' in split) {
    result.diagnostics.push({ severity: 'error', code: CODES.frontmatterUnclosed, file, line: 1, column: 1, message: split.error });
    return;
  }
  const entry: RawMarkdownFile = { kind, rel, file, name, frontMatter: undefined, frontMatterOk: true, body: split.body, bodyLineOffset: split.bodyLineOffset };
  if (split.yaml !== null) {
    const fm = decodeSource(new TextEncoder().encode(split.yaml));
    const parsed = fm.ok ? parseYaml(fm.source, split.yamlLineOffset) : null;
    if (parsed && parsed.ok) {
      entry.frontMatter = parsed.value;
      entry.frontMatterLocations = parsed.locations;
    } else {
      entry.frontMatterOk = false;
      if (parsed && !parsed.ok) {
        result.diagnostics.push({ severity: 'error', code: CODES.yamlSyntax, file, ...parsed.position, message: parsed.reason });
        result.unparsed.push({ kind, file, ...parsed.position, ...salvageIds(split.yaml) });
      }
    }
  }
  result.markdownFiles.push(entry);
}

async function readCsv(from: ContentSource, result: RawContent, rel: string): Promise<void> {
  const source = await readSource(from, result, rel);
  if (!source) return;
  const file = displayPath(result.display, rel);
  const parsed = parseCsv(source);
  if (!parsed.ok) {
    result.diagnostics.push({ severity: 'error', code: CODES.csvSyntax, file, ...parsed.position, message: `CSV-Fehler: ${parsed.reason}` });
    return;
  }
  (result.csvFiles ??= []).push({ rel, file, name: path.posix.basename(rel).replace(/\.csv$/i, ''), header: parsed.header, records: parsed.records });
}
