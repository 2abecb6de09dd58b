/**
 * Per-build caches of the evaluations a build repeats: a report's figures are asked for by the
 * report itself, by every part a Vorlage places from it and by `diff`; an indicator's
 * assessment at a Stichtag by the report, its previous one and every inline `bewertung`.
 * Each cache is keyed by the content object it was computed from (a WeakMap), then by the
 * Stichtag: a new build loads new objects, so a result never outlives the content it came
 * from, and nothing needs clearing. The evaluations are pure, so a cached result equals a
 * fresh one; the cached objects are frozen, so no caller can change what the next one gets.
 */

/** How often each evaluation really ran (not answered from its cache): for tests and the benchmark. */
export const evaluationRuns = { bericht: 0, assessment: 0 };

/** The result for `object` and `key` from `cache`, computed once. */
export function memoized<K extends object, R>(cache: WeakMap<K, Map<string, R>>, object: K, key: string, compute: () => R): R {
  let byKey = cache.get(object);
  if (!byKey) cache.set(object, (byKey = new Map()));
  if (byKey.has(key)) return byKey.get(key)!;
  const result = compute();
  byKey.set(key, result);
  return result;
}
