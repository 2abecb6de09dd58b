/** `--format json`: the report as JSON with keys sorted at every level, so equal input gives equal bytes. */
import type { DiffReport } from './report.js';

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return Object.fromEntries(Object.keys(o).sort().filter((k) => o[k] !== undefined).map((k) => [k, sortKeys(o[k])]));
  }
  return value;
}

export function formatDiffJson(report: DiffReport | object): string {
  return JSON.stringify(sortKeys(report), null, 2) + '\n';
}
