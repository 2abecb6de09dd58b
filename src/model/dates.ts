/** First day of an ISO date or month, as `YYYY-MM-DD` (comparable as a string). */
export function periodStart(value: string): string {
  return value.length === 7 ? `${value}-01` : value;
}

/** Last day of an ISO date or month, as `YYYY-MM-DD`. */
export function periodEnd(value: string): string {
  if (value.length !== 7) return value;
  const [y, m] = value.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${value}-${String(last).padStart(2, '0')}`;
}
