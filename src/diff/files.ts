/**
 * The other files of the content folder — Anlagen (PDF), images, anything ratsdoc does not read
 * as content — compared by their git blob ID: added, removed, replaced. For the working tree
 * the blob ID is computed the way git computes it (`blob <size>\0<bytes>`, SHA-1 or SHA-256 as
 * the repository uses), so a file that equals the committed one counts as unchanged.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { compareNatural } from '../render/html/natural-sort.js';
import type { FileChange } from './report.js';

/**
 * Files not compared as other files: those the loader reads as content (compared entity by
 * entity and paragraph by paragraph instead) and hidden ones (`.vscode/`, `.gitkeep`).
 */
export function isContentFile(rel: string): boolean {
  return rel.split('/').some((seg) => seg.startsWith('.')) || rel === 'ratsdoc.yaml' || /^konzept\/[^/]+\.ya?ml$/i.test(rel) || /^konzept\/kapitel\/[^/]+\.md$/i.test(rel) || /^vorlagen\/[^/]+\.md$/i.test(rel);
}

/** Git's ID of a blob with these bytes. */
export function blobId(bytes: Uint8Array, algorithm: 'sha1' | 'sha256'): string {
  return createHash(algorithm).update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/** Blob IDs of every file below `root` (dot files and folders skipped; symbolic links as git stores them). */
export async function diskBlobIds(root: string, algorithm: 'sha1' | 'sha256'): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  async function walk(dir: string, prefix: string): Promise<void> {
    const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
    await Promise.all(
      entries.map(async (e) => {
        if (e.name.startsWith('.')) return;
        const rel = prefix ? `${prefix}/${e.name}` : e.name;
        const abs = path.join(dir, e.name);
        if (e.isDirectory()) return walk(abs, rel);
        if (e.isSymbolicLink()) out.set(rel, blobId(new TextEncoder().encode(await fs.readlink(abs)), algorithm));
        else if (e.isFile()) out.set(rel, blobId(await fs.readFile(abs), algorithm));
      }),
    );
  }
  await walk(root, '');
  return out;
}

/** Other files added, removed or replaced between two sides, by path. */
export function diffFiles(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>, display: string): FileChange[] {
  const out: FileChange[] = [];
  const show = (rel: string) => path.posix.join(display.split(path.sep).join('/'), rel);
  for (const [rel, id] of a) {
    if (isContentFile(rel)) continue;
    const other = b.get(rel);
    if (other === undefined) out.push({ file: show(rel), status: 'removed' });
    else if (other !== id) out.push({ file: show(rel), status: 'changed' });
  }
  for (const rel of b.keys()) if (!isContentFile(rel) && !a.has(rel)) out.push({ file: show(rel), status: 'added' });
  return out.sort((p, q) => compareNatural(p.file, q.file));
}
