/** German output formatting: dates 21.02.2019, months März 2019, numbers 6.843 / 21,7, money 18.500,50 €. */

const MONTHS = ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'];

/** `2019-02-21` → `21.02.2019`; `2019-03` → `März 2019`. */
export function formatDate(iso: string): string {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (d) return `${d[3]}.${d[2]}.${d[1]}`;
  const m = /^(\d{4})-(\d{2})$/.exec(iso);
  if (m) return `${MONTHS[+m[2] - 1]} ${m[1]}`;
  return iso;
}

/** `2019-03` → `03/2019` (compact, for tables); dates as formatDate. */
export function formatPeriodPoint(iso: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(iso);
  return m ? `${m[2]}/${m[1]}` : formatDate(iso);
}

/** A period `von – bis` with either end optional. */
export function formatPeriod(von?: string, bis?: string): string {
  if (von && bis) return `${formatPeriodPoint(von)} – ${formatPeriodPoint(bis)}`;
  if (von) return `ab ${formatPeriodPoint(von)}`;
  if (bis) return `bis ${formatPeriodPoint(bis)}`;
  return '–';
}

/** Groups thousands with `.` and uses `,` as decimal mark; `digits` fixes decimals when given. */
export function formatNumber(value: number, digits?: number): string {
  const fixed = digits === undefined ? trimDecimals(value) : value.toFixed(digits);
  const negative = fixed.startsWith('-');
  const [int, frac] = (negative ? fixed.slice(1) : fixed).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return (negative ? '−' : '') + grouped + (frac ? `,${frac}` : '');
}

function trimDecimals(value: number): string {
  // Up to 2 decimals, no trailing zeros: 21.7 → "21.7", 6843 → "6843".
  return String(Math.round(value * 100) / 100);
}

/** `18500.5` → `18.500,50 €` (always two decimals, non-breaking space before €). */
export function formatMoney(value: number): string {
  return `${formatNumber(value, 2)}\u00a0€`;
}

/** A value with its unit: `21,7 %`, `6.843 Personen`. */
export function formatValue(value: number, unit?: string): string {
  if (!unit || isCountUnit(unit)) return formatNumber(value);
  if (unit === '€' || unit === 'EUR' || unit === 'Euro') return formatMoney(value);
  return `${formatNumber(value)}\u00a0${unit}`;
}

/** `einheit: Anzahl` means a plain count: „8“, not „8 Anzahl“. */
export function isCountUnit(unit: string): boolean {
  return unit.toLowerCase() === 'anzahl';
}

/** A German enumeration: `PDF`, `PDF und HTML`, `PDF, HTML und DOCX`. */
export function formatList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} und ${items[items.length - 1]}`;
}

/**
 * A file size as Explorer and most German sites print it, in decimal units: `978 Byte`,
 * `16,8 kB`, `2,4 MB` (one decimal; 1 kB = 1.000 Byte).
 */
export function formatFileSize(bytes: number): string {
  if (bytes < 1000) return `${formatNumber(bytes)}\u00a0Byte`;
  const [value, unit] = bytes < 1e6 ? [bytes / 1e3, 'kB'] : bytes < 1e9 ? [bytes / 1e6, 'MB'] : [bytes / 1e9, 'GB'];
  return `${formatNumber(Math.round(value * 10) / 10, 1)}\u00a0${unit}`;
}
