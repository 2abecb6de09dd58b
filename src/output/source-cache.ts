/**
 * The source-level cache (issue 19, point 4): for each document of a build, what its tree
 * was built from (the reads recorded by `document/tracking.ts`, the bytes of the images and
 * Anlagen it shows) and the names of its rendered files in the render cache
 * (`output/cache.ts`). A rebuild whose content, for that document, reads the same reuses
 * the files and builds neither the tree nor any render. Stored in `.ratsdoc-cache/` beside
 * the renders, one gzip'd JSON file per document, under a key of the document's kind and
 * name and of everything every document depends on ({@link buildKey}).
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { IndexFields } from '../document/build.js';
import type { ReadTree } from '../document/tracking.js';
import type { DocumentTree } from '../document/tree.js';
import type { RenderAssets } from '../render/renderer.js';
import type { Theme } from '../theme/theme.js';
import { VERSION } from '../version.js';
import { bytesHash, RENDER_REVISION } from './cache.js';

/** Bump when the meaning of an entry changes. */
const ENTRY_REVISION = 2;

/** What the index page and the glyph check need of a document whose tree is not rebuilt. */
export interface CachedDocument {
  kind: DocumentTree['kind'];
  title: string;
  outPath: string;
  index: IndexFields;
  attachments: Array<{ label: string; file: string; source: string }>;
  /** Code points of its text that no font of the theme has (see `pipeline/glyphs.ts`). */
  missingGlyphs: number[];
}

/** One document's entry. */
export interface SourceEntry {
  /** What its tree was built from (`document/tracking.ts`). */
  reads: ReadTree;
  /** Files the tree names whose bytes reach the output (images, appended Anlagen): absolute path → hash. */
  files: Record<string, string>;
  /** Format → name of the rendered file in the render cache. */
  outputs: Record<string, string>;
  document: CachedDocument;
}

/**
 * What every document's output depends on besides the content: ratsdoc's version and the
 * renderers' revision (the render cache's key has both: an entry names its files), the
 * theme, the templates (text and binary), the fonts' bytes, the formats written, the
 * live-reload snippet and SOURCE_DATE_EPOCH (the date of documents whose content names none).
 */
export function buildKey(theme: Theme, assets: RenderAssets, formats: readonly string[]): string {
  const fonts = Object.entries(assets.fonts).map(([family, files]) => [family, Object.values(files).map(bytesHash)]);
  const files = Object.entries(assets.files ?? {}).map(([p, data]) => [p, bytesHash(data)]).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return createHash('sha256').update(JSON.stringify([ENTRY_REVISION, RENDER_REVISION, VERSION, theme, assets.templates, files, fonts, formats, assets.liveReloadSnippet ?? null, process.env.SOURCE_DATE_EPOCH ?? null])).digest('hex');
}

/** Entries on disk. Like the render cache, a failure to read or write one only costs time. */
export class SourceCache {
  constructor(private readonly dir: string, private readonly key: string) {}

  private file(kind: string, name: string): string {
    return path.join(this.dir, `doc-${createHash('sha256').update(`${this.key}\u0000${kind}\u0000${name}`).digest('hex')}.json.gz`);
  }

  async get(kind: string, name: string): Promise<SourceEntry | undefined> {
    const file = this.file(kind, name);
    try {
      const entry = JSON.parse(gunzipSync(await fs.readFile(file)).toString('utf8')) as SourceEntry;
      const now = new Date();
      await fs.utimes(file, now, now).catch(() => undefined);
      return entry;
    } catch {
      return undefined;
    }
  }

  async set(kind: string, name: string, entry: SourceEntry): Promise<void> {
    const file = this.file(kind, name);
    try {
      await fs.mkdir(this.dir, { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      await fs.writeFile(tmp, gzipSync(JSON.stringify(entry), { level: 1 }));
      await fs.rename(tmp, file);
    } catch {
      // A cache that cannot be written only costs time.
    }
  }
}
