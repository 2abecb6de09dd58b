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

type Op = { kind: 'removed'; ai: number; hunk: number } | { kind: 'added'; bi: number; hunk: number };

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
  if (!ops.length) return [];

  const removed = ops.filter((o): o is Extract<Op, { kind: 'removed' }> => o.kind === 'removed');
  const added = ops.filter((o): o is Extract<Op, { kind: 'added' }> => o.kind === 'added');
  const partner = new Map<number, { ai: number; how: 'moved' | 'changed' | 'moved-changed' }>();
  const usedA = new Set<number>();
  /** Pairs removed and added items alike at or above `threshold`. */
  const pairAlike = (rs: typeof removed, ds: typeof added, threshold: number, how: 'changed' | 'moved-changed') => {
    for (const p of pairBySimilarity(rs, ds, (r, d) => opts.similarity(a[r.ai], b[d.bi]), threshold)) {
      partner.set(ds[p.b].bi, { ai: rs[p.a].ai, how });
      usedA.add(rs[p.a].ai);
    }
  };

  // 1. The same item elsewhere: moved.
  const byKey = new Map<string, number[]>();
  for (const o of added) byKey.set(kb[o.bi], [...(byKey.get(kb[o.bi]) ?? []), o.bi]);
  for (const o of removed) {
    const target = byKey.get(ka[o.ai])?.find((x) => !partner.has(x));
    if (target === undefined) continue;
    partner.set(target, { ai: o.ai, how: 'moved' });
    usedA.add(o.ai);
  }
  // 2. Edited in place: a removed and an added item of the same hunk that are alike.
  const hunks = [...new Set(ops.map((o) => o.hunk))].sort((x, y) => x - y);
  for (const h of hunks) {
    pairAlike(removed.filter((o) => o.hunk === h && !usedA.has(o.ai)), added.filter((o) => o.hunk === h && !partner.has(o.bi)), opts.editThreshold, 'changed');
  }
  // 3. Moved and edited: alike items in different places.
  if (opts.moveThreshold !== null) {
    const can = opts.canMove ?? (() => true);
    pairAlike(removed.filter((o) => !usedA.has(o.ai) && can(a[o.ai])), added.filter((o) => !partner.has(o.bi) && can(b[o.bi])), opts.moveThreshold, 'moved-changed');
  }

  const out: Aligned[] = [];
  for (const o of ops) {
    if (o.kind === 'removed') {
      if (!usedA.has(o.ai)) out.push({ op: 'removed', ai: o.ai });
      continue;
    }
    const p = partner.get(o.bi);
    if (!p) out.push({ op: 'added', bi: o.bi });
    else if (p.how === 'changed') out.push({ op: 'changed', ai: p.ai, bi: o.bi });
    else out.push({ op: 'moved', ai: p.ai, bi: o.bi, edited: p.how === 'moved-changed' });
  }
  return out;
}
