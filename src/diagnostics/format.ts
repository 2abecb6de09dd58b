import type { Diagnostic } from './diagnostic.js';
import { sortDiagnostics } from './diagnostic.js';

const SEVERITY_DE = { error: 'Fehler', warning: 'Warnung' } as const;

/** One line per diagnostic: `file:line:column: Fehler: Entität: Meldung`. */
export function formatDiagnosticLine(d: Diagnostic): string {
  const entity = d.entity ? `${d.entity}: ` : '';
  return `${d.file}:${d.line}:${d.column}: ${SEVERITY_DE[d.severity]}: ${entity}${d.message}`;
}

/** German count, e.g. `2 Fehler, 1 Warnung`. */
export function summarize(list: readonly Diagnostic[]): string {
  const errors = list.filter((d) => d.severity === 'error').length;
  const warnings = list.length - errors;
  return `${errors} Fehler, ${warnings} ${warnings === 1 ? 'Warnung' : 'Warnungen'}`;
}

/** The text report of `check`: every diagnostic sorted, then a summary line. */
export function formatText(list: readonly Diagnostic[]): string {
  const lines = sortDiagnostics([...list]).map(formatDiagnosticLine);
  lines.push(list.length === 0 ? 'Keine Fehler, keine Warnungen.' : summarize(list));
  return lines.join('\n') + '\n';
}

/** A diagnostic in the JSON shape of `check --format json` (also `diff --format json`). */
export function diagnosticJson(d: Diagnostic) {
  return { file: d.file, line: d.line, column: d.column, severity: d.severity, code: d.code, message: d.message, entity: d.entity ?? null };
}

/** The JSON report: an array of `{file, line, column, severity, message, entity}`. */
export function formatJson(list: readonly Diagnostic[]): string {
  return JSON.stringify(sortDiagnostics([...list]).map(diagnosticJson), null, 2) + '\n';
}
