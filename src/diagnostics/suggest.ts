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

/** The closest known name, if it is close enough to be a likely typo; otherwise undefined. */
export function closest(name: string, known: Iterable<string>): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const dist = editDistance(lower, k.toLowerCase());
    if (dist < bestDistance) {
      best = k;
      bestDistance = dist;
    }
  }
  const limit = Math.max(2, Math.floor(name.length / 4));
  return best !== undefined && bestDistance <= limit && bestDistance > 0 ? best : best !== undefined && bestDistance === 0 && best !== name ? best : undefined;
}

/** ` (meinten Sie „x“?)`, or nothing when no known name is close. */
export function didYouMean(name: string, known: Iterable<string>): string {
  const s = closest(name, known);
  return s ? ` (meinten Sie „${s}“?)` : '';
}
