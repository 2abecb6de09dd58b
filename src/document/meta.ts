/** Fallback creation date when the content names none and SOURCE_DATE_EPOCH is unset (fixed, never the clock). */
export const FALLBACK_DATE = new Date(Date.UTC(2000, 0, 1));

/**
 * The creation date of a document: the content's own date when it has one, else
 * SOURCE_DATE_EPOCH (reproducible-builds convention), else a fixed date — never the clock,
 * so the same input gives byte-identical output.
 */
export function creationDate(contentDate: string | undefined, env: NodeJS.ProcessEnv = process.env): Date {
  if (contentDate) return new Date(`${contentDate.length === 7 ? `${contentDate}-01` : contentDate}T00:00:00Z`);
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  return FALLBACK_DATE;
}
