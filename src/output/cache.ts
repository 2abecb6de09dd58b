/**
 * The content-addressed cache of rendered PDFs (`.ratsdoc-cache/`, git-ignored). A PDF's key
 * is a hash of everything that shapes it: its document tree (which holds all data the
 * document pulls in), the theme, the font files, the bytes of its images and ratsdoc's
 * version. `build` re-renders only documents whose key changed; a cached PDF is the very
 * bytes a fresh render gives.
 */
import { createHash } from 'node:crypto';
import { promises as fs, statSync } from 'node:fs';
import path from 'node:path';
import type { DocumentTree } from '../document/tree.js';
import type { Theme } from '../theme/theme.js';
import type { PdfRenderOptions } from '../render/pdf/render.js';
import { VERSION } from '../version.js';


/** Cache entries unused for this long are removed. */
const MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

/** The key of a document's PDF. `imageHashes` maps image paths to a hash of their bytes. */
export function pdfCacheKey(tree: DocumentTree, theme: Theme, options: PdfRenderOptions, imageHashes: ReadonlyMap<string, string>): string {
  const fonts = Object.entries(options.fonts).map(([family, files]) => [family, Object.values(files).map((f) => {
    const st = statSync(f);
    return [f, st.size, st.mtimeMs];
  })]);
  const images = [...imageHashes.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return createHash('sha256').update(JSON.stringify([VERSION, tree, theme, fonts, options.allowedRoots, images])).digest('hex');
}

/** Hash of a file's bytes, for image entries of the key. */
export function bytesHash(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** PDFs on disk by key. Failures to read or write the cache never fail a build. */
export class PdfDiskCache {
  constructor(private readonly dir: string) {}

  /** The cached PDF, or undefined. */
  async get(key: string): Promise<Buffer | undefined> {
    const file = path.join(this.dir, `${key}.pdf`);
    try {
      const data = await fs.readFile(file);
      const now = new Date();
      await fs.utimes(file, now, now).catch(() => undefined);
      return data;
    } catch {
      return undefined;
    }
  }

  /** Stores a PDF (written to a temporary file and renamed, so a reader never sees half a file). */
  async set(key: string, pdf: Buffer): Promise<void> {
    try {
      await fs.mkdir(this.dir, { recursive: true });
      const tmp = path.join(this.dir, `.${key}.${process.pid}.tmp`);
      await fs.writeFile(tmp, pdf);
      await fs.rename(tmp, path.join(this.dir, `${key}.pdf`));
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
