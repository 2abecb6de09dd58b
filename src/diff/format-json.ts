/** `--format json`: the report as JSON with keys sorted at every level, so equal input gives equal bytes. */
import { sortedKeys } from './similarity.js';

export function formatDiffJson(report: object): string {
  return JSON.stringify(report, sortedKeys, 2) + '\n';
}
