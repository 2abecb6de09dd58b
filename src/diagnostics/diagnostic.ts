import type { DiagnosticCode } from './codes.js';

/** How bad a problem in the content is: an error stops `build`, a warning does not. */
export type Severity = 'error' | 'warning';

/**
 * One problem in the content, with the place it was found. Problems are values that
 * collect in arrays; they are never thrown (habit 1 of the style notes).
 */
export interface Diagnostic {
  severity: Severity;
  /** Stable identifier from the catalog (`codes.ts`); tests assert it. */
  code: DiagnosticCode;
  /** German text without the entity prefix. */
  message: string;
  /** Path as the user gave it (`content/konzept/massnahmen.yaml`). */
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** The entity the problem belongs to, e.g. `Maßnahme "M-07"`. */
  entity?: string;
}

/** A 1-based source position. */
export interface Position {
  line: number;
  column: number;
}

/** A diagnostic at a position (no `entity` when none is given). */
export function diag(severity: Severity, code: DiagnosticCode, file: string, pos: Position, message: string, entity?: string): Diagnostic {
  return { severity, code, file, line: pos.line, column: pos.column, message, ...(entity ? { entity } : {}) };
}

/** Orders diagnostics by file, line, column, then severity, so output is stable. */
export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column ||
      (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
}

/** True when at least one diagnostic is an error. */
export function hasErrors(list: readonly Diagnostic[]): boolean {
  return list.some((d) => d.severity === 'error');
}
