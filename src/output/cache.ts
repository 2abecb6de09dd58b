/**
 * The content-addressed cache of slow renders (`.ratsdoc-cache/`, git-ignored). A file's key
 * is a hash of everything that shapes it: its format, its document tree (which holds all data
 * the document pulls in), the theme, the bytes of the fonts and images it gets, the templates (text and binary, e.g. a reference
 * document)
 * and ratsdoc's version. `build` re-renders only documents whose key changed; a cached file
 * is the very bytes a fresh render gives. `serve` keys its in-memory cache the same way.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { DocumentTree } from '../document/tree.js';
import type { RenderAssets } from '../render/renderer.js';
import type { Theme } from '../theme/theme.js';
import { VERSION } from '../version.js';

/**
 * Raised whenever a renderer writes other bytes for the same input (within one version of
 * ratsdoc, e.g. on a branch): cached files of the earlier code are then never reused.
 * 2: runs of same-styled words drawn as one text object in the PDF (render/pdf/text-runs.ts).
 * 3: PDF hyphenation on demand (whole words in the text runs; render/pdf/hyphenation.ts).
 * 4: table column widths from the content, DOCX typeset (render/table-columns.ts, docx/inline.ts).
 * 5: DOCX zipped once, images stored, chart PNGs recompressed once (render/docx/package.ts, media.ts).
 */
export const RENDER_REVISION = 5;

/** Cache entries unused for this long are removed. */
const MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

/** Hashes of byte arrays already seen (the fonts are the same object for every document). */
const hashes = new WeakMap<Uint8Array, string>();

/** Hash of bytes (fonts, images). */
export function bytesHash(data: Uint8Array): string {
  let h = hashes.get(data);
  if (!h) hashes.set(data, (h = createHash('sha256').update(data).digest('hex')));
  return h;
}

/** The key of one document rendered in one format. */
export function renderKey(format: string, tree: DocumentTree, theme: Theme, assets: RenderAssets): string {
  const fonts = Object.entries(assets.fonts).map(([family, files]) => [family, Object.values(files).map(bytesHash)]);
  const images = [...assets.images.entries()].map(([p, img]) => [p, img.mime, bytesHash(img.data)]).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const attachments = [...(assets.attachments ?? new Map()).entries()].map(([p, data]) => [p, bytesHash(data)]).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const files = Object.entries(assets.files ?? {}).map(([p, data]) => [p, bytesHash(data)]).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return createHash('sha256').update(JSON.stringify([VERSION, RENDER_REVISION, format, tree, theme, fonts, images, attachments, assets.templates, files, assets.liveReloadSnippet ?? null])).digest('hex');
}

/** Rendered files on disk by key. Failures to read or write the cache never fail a build. */
export class DiskCache {
  constructor(private readonly dir: string) {}

  /** The cached file, or undefined. */
  async get(key: string): Promise<Buffer | undefined> {
    const file = path.join(this.dir, key);
    try {
      const data = await fs.readFile(file);
      const now = new Date();
      await fs.utimes(file, now, now).catch(() => undefined);
      return data;
    } catch {
      return undefined;
    }
  }

  /** Stores a file (written to a temporary file and renamed, so a reader never sees half a file). */
  async set(key: string, data: Uint8Array | string): Promise<void> {
    try {
      await fs.mkdir(this.dir, { recursive: true });
      const tmp = path.join(this.dir, `.${key}.${process.pid}.tmp`);
      await fs.writeFile(tmp, data);
      await fs.rename(tmp, path.join(this.dir, key));
    } catch {
      // A cache that cannot be written only costs time.
    }
  }

  /** Removes entries not used for a month and temporary files of dead writers. */
  async prune(): Promise<void> {
    const names = await fs.readdir(this.dir).catch(() => [] as string[]);
    const now = Date.now();
    await Promise.all(names.map(async (name) => {
      const file = path.join(this.dir, name);
      const st = await fs.stat(file).catch(() => null);
      if (st && (now - st.mtimeMs > MAX_AGE_MS || (name.endsWith('.tmp') && now - st.mtimeMs > 60 * 60 * 1000))) await fs.rm(file, { force: true });
    }));
  }
}
