/**
 * How alike two values are: a similarity between 0 and 1 (Dice coefficient over words and
 * field values) used to recognise renamed entities, edited list rows and edited paragraphs.
 */

/** True for a plain object (a YAML mapping). */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const WORD = /[\p{L}\p{N}]+(?:[-'’.][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu;

/** The words (and punctuation marks) of a text, lower-cased. */
export function words(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/** Tokens of a value: `path=value` for scalars, `path:word` for every word of a text. */
function tokens(value: unknown, prefix: string, out: string[]): void {
  if (typeof value === 'string') {
    const w = words(value);
    if (w.length <= 1) out.push(`${prefix}=${value}`);
    else for (const x of w) out.push(`${prefix}:${x}`);
  } else if (Array.isArray(value)) {
    // Lists count by content, not position: a reordered list stays alike.
    for (const x of value) tokens(x, `${prefix}[]`, out);
  } else if (isRecord(value)) {
    for (const k of Object.keys(value)) tokens(value[k], prefix ? `${prefix}.${k}` : k, out);
  } else if (value !== undefined) {
    out.push(`${prefix}=${String(value)}`);
  }
}

/**
 * The items of `xs` left when each item of `ys` takes away one item with the same key (a
 * multiset difference, in the order of `xs`); `keyX` and `keyY` say what counts as the same.
 */
export function without<T>(xs: readonly T[], ys: readonly T[], keyX: (x: T) => unknown = (x) => x, keyY = keyX): T[] {
  const left = new Map<unknown, number>();
  for (const k of ys.map(keyY)) left.set(k, (left.get(k) ?? 0) + 1);
  return xs.filter((x) => {
    const k = keyX(x);
    const n = left.get(k);
    if (n) left.set(k, n - 1);
    return !n;
  });
}

/** Dice coefficient of two token lists (1 when both are empty). */
export function dice(a: string[], b: string[]): number {
  if (!a.length && !b.length) return 1;
  const common = a.length - without(a, b).length;
  return (2 * common) / (a.length + b.length);
}

/** The mapping without the keys listed (an entity's `id`, a Vorlage's `nummer`). */
export function omit<T>(v: Record<string, T>, keys: readonly string[]): Record<string, T> {
  return Object.fromEntries(Object.entries(v).filter(([k]) => !keys.includes(k)));
}

/** Similarity of two YAML values, 0 … 1; the keys listed in `ignore` (e.g. `id`) do not count. */
export function similarity(a: unknown, b: unknown, ignore: readonly string[] = []): number {
  const strip = (v: unknown) => (isRecord(v) && ignore.length ? omit(v, ignore) : v);
  const ta: string[] = [];
  const tb: string[] = [];
  tokens(strip(a), '', ta);
  tokens(strip(b), '', tb);
  return dice(ta, tb);
}

/**
 * Pairs items of two lists greedily, most similar first, keeping pairs at or above `threshold`.
 * Ties go to the earlier positions, so the result is deterministic.
 */
export function pairBySimilarity<A, B>(as: A[], bs: B[], sim: (a: A, b: B) => number, threshold: number): Array<{ a: number; b: number; score: number }> {
  const candidates: Array<{ a: number; b: number; score: number }> = [];
  for (let i = 0; i < as.length; i++) {
    for (let j = 0; j < bs.length; j++) {
      const score = sim(as[i], bs[j]);
      if (score >= threshold) candidates.push({ a: i, b: j, score });
    }
  }
  candidates.sort((x, y) => y.score - x.score || x.a - y.a || x.b - y.b);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  const out: Array<{ a: number; b: number; score: number }> = [];
  for (const c of candidates) {
    if (usedA.has(c.a) || usedB.has(c.b)) continue;
    usedA.add(c.a);
    usedB.add(c.b);
    out.push(c);
  }
  return out.sort((x, y) => x.b - y.b);
}

/** A `JSON.stringify` replacer that writes every object's keys sorted: equal values give equal text. */
export const sortedKeys = (_k: string, v: unknown): unknown => (isRecord(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v);

/** A string that is equal for deep-equal values (keys sorted): a key for list alignment. */
export function canonicalKey(value: unknown): string {
  return JSON.stringify(value, sortedKeys) ?? 'undefined';
}

/** `--format json`: the report as JSON with keys sorted at every level, so equal input gives equal bytes. */
export function formatDiffJson(report: object): string {
  return JSON.stringify(report, sortedKeys, 2) + '\n';
}
