/**
 * Paths an author writes (images, attachments, the Wappen) are relative to the content folder
 * and must stay inside it. One place decides that for `check`, the builder and the loader.
 */
import path from 'node:path';

/** A relative path normalised with `/`, or why it may not be used. */
export type RelativePath = { ok: true; norm: string } | { ok: false; reason: 'absolute' | 'outside' };

/** Refuses absolute paths (also `C:/…`) and paths that climb out with `..`. */
export function normaliseRelative(rel: string): RelativePath {
  if (path.isAbsolute(rel) || /^[a-zA-Z]:[\\/]/.test(rel)) return { ok: false, reason: 'absolute' };
  const norm = path.posix.normalize(rel.replace(/\\/g, '/'));
  if (norm.startsWith('../') || norm === '..') return { ok: false, reason: 'outside' };
  return { ok: true, norm };
}

/** Whether a resolved (realpath) file lies inside the resolved content folder. */
export function isInsideFolder(rootReal: string, real: string): boolean {
  return real.startsWith(rootReal + path.sep);
}
