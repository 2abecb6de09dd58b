/**
 * Aligns two ordered lists (paragraphs, Beratungsfolge rows, cost entries …): a longest common
 * subsequence (jsdiff `diffArrays`) keeps what stayed; of the rest, an item found unchanged
 * elsewhere is moved, an item alike one at the same place is changed, an item alike one
 * elsewhere is moved and changed, and what is left is removed or added.
 */
import { diffArrays } from 'diff';
import { pairBySimilarity } from './similarity.js';

export type Aligned =
  | { op: 'removed'; ai: number }
  | { op: 'added'; bi: number }
  | { op: 'changed'; ai: number; bi: number }
  | { op: 'moved'; ai: number; bi: number; edited: boolean };

export interface AlignOptions<T> {
  /** Items with the same key are equal. */
  key: (x: T) => string;
  /** Similarity 0 … 1 of two unequal items. */
  similarity: (x: T, y: T) => number;
  /** Pair a removed and an added item of the same place at or above this similarity. */
  editThreshold: number;
  /** Pair alike items of different places as moved-and-edited at or above this; null: never. */
  moveThreshold: number | null;
  /** Items that may be recognised as moved-and-edited (e.g. not too short). */
  canMove?: (x: T) => boolean;
}

type Removed = { kind: 'removed'; ai: number; hunk: number };
type Added = { kind: 'added'; bi: number; hunk: number };
type Op = Removed | Added;

/** The changes between `a` and `b` in the order of `b` (removed items at their old place); unchanged items are left out. */
export function align<T>(a: readonly T[], b: readonly T[], opts: AlignOptions<T>): Aligned[] {
  const ka = a.map(opts.key);
  const kb = b.map(opts.key);
  const ops: Op[] = [];
  let ai = 0;
  let bi = 0;
  let hunk = 0;
  for (const c of diffArrays(ka, kb)) {
    const n = c.count ?? c.value.length;
    if (c.added) for (let k = 0; k < n; k++) ops.push({ kind: 'added', bi: bi++, hunk });
    else if (c.removed) for (let k = 0; k < n; k++) ops.push({ kind: 'removed', ai: ai++, hunk });
    else {
      ai += n;
      bi += n;
      hunk++;
    }
  }

  const removed = ops.filter((o): o is Removed => o.kind === 'removed');
  const added = ops.filter((o): o is Added => o.kind === 'added');
  const alike = (r: Removed, d: Added) => opts.similarity(a[r.ai], b[d.bi]);
  const partner = new Map<number, { ai: number; how: 'moved' | 'changed' | 'moved-changed' }>();
  const usedA = new Set<number>();
  /** Pairs removed and added items at or above `threshold` (most alike first, ties to the earlier ones). */
  const pair = (rs: typeof removed, ds: typeof added, sim: (r: Removed, d: Added) => number, threshold: number, how: 'moved' | 'changed' | 'moved-changed') => {
    for (const p of pairBySimilarity(rs, ds, sim, threshold)) {
      partner.set(ds[p.b].bi, { ai: rs[p.a].ai, how });
      usedA.add(rs[p.a].ai);
    }
  };

  // 1. The same item elsewhere: moved.
  pair(removed, added, (r, d) => (ka[r.ai] === kb[d.bi] ? 1 : 0), 1, 'moved');
  // 2. Edited in place: a removed and an added item of the same hunk that are alike.
  for (const h of new Set(ops.map((o) => o.hunk))) {
    pair(removed.filter((o) => o.hunk === h && !usedA.has(o.ai)), added.filter((o) => o.hunk === h && !partner.has(o.bi)), alike, opts.editThreshold, 'changed');
  }
  // 3. Moved and edited: alike items in different places.
  if (opts.moveThreshold !== null) {
    const can = opts.canMove ?? (() => true);
    pair(removed.filter((o) => !usedA.has(o.ai) && can(a[o.ai])), added.filter((o) => !partner.has(o.bi) && can(b[o.bi])), alike, opts.moveThreshold, 'moved-changed');
  }

  return ops.flatMap((o): Aligned[] => {
    if (o.kind === 'removed') return usedA.has(o.ai) ? [] : [{ op: 'removed', ai: o.ai }];
    const p = partner.get(o.bi);
    if (!p) return [{ op: 'added', bi: o.bi }];
    return [p.how === 'changed' ? { op: 'changed', ai: p.ai, bi: o.bi } : { op: 'moved', ai: p.ai, bi: o.bi, edited: p.how === 'moved-changed' }];
  });
}
