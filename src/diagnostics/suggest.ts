/** Optimal string alignment distance (Levenshtein plus transpositions: `nu` ↔ `un` costs 1). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * The closest known name, if it is close enough to be a likely typo; otherwise undefined.
 * A known name that starts with what was typed wins over edit distance: an author who typed
 * `oe` was on the way to `oeffentlich`, not to `top`.
 */
export function closest(name: string, known: Iterable<string>): string | undefined {
  const lower = name.toLowerCase();
  const list = [...known];
  if (lower.length >= 2) {
    const starting = list.filter((k) => k.toLowerCase().startsWith(lower) && k !== name);
    // The shortest completion is the least surprising; ties keep the order of `known`.
    if (starting.length) return starting.reduce((a, b) => (b.length < a.length ? b : a));
  }
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of list) {
    const dist = editDistance(lower, k.toLowerCase());
    if (dist < bestDistance) {
      best = k;
      bestDistance = dist;
    }
  }
  // Two edits turn most short words into others (`port` → `out`): short names get one.
  const limit = name.length <= 4 ? 1 : Math.max(2, Math.floor(name.length / 4));
  return best !== undefined && bestDistance <= limit && bestDistance > 0 ? best : best !== undefined && bestDistance === 0 && best !== name ? best : undefined;
}

/** ` (meinten Sie „x“?)`, or nothing when no known name is close. */
export function didYouMean(name: string, known: Iterable<string>): string {
  const s = closest(name, known);
  return s ? ` (meinten Sie „${s}“?)` : '';
}

/**
 * For an unknown key: the likely one as ` (meinten Sie „x“?)`, or, when none is close, every
 * key allowed at that place (`; erlaubt: a, b`), so the author is never left guessing.
 * `where` (e.g. ` (in beratungsfolge[0])`) goes between the two, as messages read best.
 */
export function suggestOrList(name: string, known: readonly string[], where = ''): string {
  const s = closest(name, known);
  if (s) return ` (meinten Sie „${s}“?)${where}`;
  return known.length ? `${where}; erlaubt: ${known.join(', ')}` : where;
}
