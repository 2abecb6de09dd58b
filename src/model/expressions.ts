/**
 * Data helpers in Markdown bodies: `{{massnahmen handlungsfeld="HF-SOZ"}}`. Each expression
 * is parsed with Handlebars' own parser (so the syntax is Handlebars'), but never executed by
 * Handlebars: the document builder turns a checked call into tree nodes. That makes the
 * helpers below the only code an author can call.
 */
import Handlebars from 'handlebars';
import type { Position } from '../diagnostics/diagnostic.js';
import type { CollectionName } from './schemas.js';

/** What a helper accepts: positional IDs and named arguments, each naming its collection. */
export interface HelperSignature {
  /** Collection of each positional argument (all required). */
  positional: CollectionName[];
  /** Named arguments (all optional), with their collection. */
  named: Record<string, CollectionName>;
  /** German description for messages and the README. */
  usage: string;
}

/** The helpers an author may call. */
export const HELPERS: Record<string, HelperSignature> = {
  indikator: { positional: ['indikatoren'], named: {}, usage: '{{indikator "I-01"}}' },
  ziele: { positional: [], named: { handlungsfeld: 'handlungsfelder' }, usage: '{{ziele handlungsfeld="HF-SOZ"}}' },
  massnahmen: { positional: [], named: { handlungsfeld: 'handlungsfelder', ziel: 'ziele' }, usage: '{{massnahmen handlungsfeld="HF-SOZ"}}' },
  zeitplan: { positional: [], named: { handlungsfeld: 'handlungsfelder' }, usage: '{{zeitplan}}' },
};

/** A syntactically valid helper call with its place in the file. */
export interface HelperCall {
  helper: string;
  positional: string[];
  named: Record<string, string>;
  /** The expression as written. */
  raw: string;
  /** Offset in the Markdown body. */
  offset: number;
  position: Position;
  /**
   * True when the expression stands alone in its own paragraph: it is the whole (trimmed)
   * line, and the lines before and after are blank or the start/end of the body.
   */
  standalone: boolean;
}

/** A problem with one expression, before any ID is looked up. */
export interface ExpressionProblem {
  message: string;
  raw: string;
  position: Position;
}

const EXPRESSION = /\{\{[\s\S]*?\}\}/g;

/** Finds every `{{…}}` in a Markdown body and parses it; positions are in the file (1-based). */
export function findExpressions(body: string, bodyLineOffset: number): { calls: HelperCall[]; problems: ExpressionProblem[] } {
  const calls: HelperCall[] = [];
  const problems: ExpressionProblem[] = [];
  if (!body.includes('{{')) return { calls, problems };
  for (const m of body.matchAll(EXPRESSION)) {
    const raw = m[0];
    const offset = m.index!;
    const position = bodyPosition(body, offset, bodyLineOffset);
    const parsed = parseCall(raw);
    if ('problem' in parsed) problems.push({ message: parsed.problem, raw, position });
    else calls.push({ ...parsed, raw, offset, position, standalone: isStandalone(body, offset, raw.length) });
  }
  // An opening {{ without a closing }} is a typo the author must see.
  const stripped = body.replace(EXPRESSION, (s) => ' '.repeat(s.length));
  const lone = stripped.indexOf('{{');
  if (lone !== -1) problems.push({ message: 'Datenbaustein wird nicht mit „}}“ geschlossen', raw: '{{', position: bodyPosition(body, lone, bodyLineOffset) });
  return { calls, problems };
}

/** The expression is the whole trimmed line, with a blank line (or the body's start/end) before and after. */
function isStandalone(body: string, offset: number, length: number): boolean {
  const lineStart = body.lastIndexOf('\n', offset - 1) + 1;
  const nl = body.indexOf('\n', offset + length);
  const lineEnd = nl === -1 ? body.length : nl;
  if (body.slice(lineStart, offset).trim() !== '' || body.slice(offset + length, lineEnd).trim() !== '') return false;
  if (lineStart > 0) {
    const prevStart = body.lastIndexOf('\n', lineStart - 2) + 1;
    if (body.slice(prevStart, lineStart - 1).trim() !== '') return false;
  }
  if (nl !== -1) {
    const nextEnd = body.indexOf('\n', nl + 1);
    if (body.slice(nl + 1, nextEnd === -1 ? body.length : nextEnd).trim() !== '') return false;
  }
  return true;
}

function bodyPosition(body: string, offset: number, bodyLineOffset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = body.indexOf('\n'); i !== -1 && i < offset; i = body.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line: line + bodyLineOffset, column: offset - lineStart + 1 };
}

type Parsed = { helper: string; positional: string[]; named: Record<string, string> } | { problem: string };

function parseCall(raw: string): Parsed {
  let program: hbs.AST.Program;
  try {
    program = Handlebars.parse(raw);
  } catch {
    // Handlebars' parse errors are English and point into the expression only: say what is allowed instead.
    return { problem: `Datenbaustein ${raw} ist fehlerhaft geschrieben; erlaubt sind ${Object.values(HELPERS).map((h) => h.usage).join(', ')}` };
  }
  const stmt = program.body[0] as hbs.AST.MustacheStatement | undefined;
  if (program.body.length !== 1 || !stmt || stmt.type !== 'MustacheStatement') {
    return { problem: `${raw} ist kein Datenbaustein; erlaubt sind ${Object.values(HELPERS).map((h) => h.usage).join(', ')}` };
  }
  if (stmt.path.type !== 'PathExpression') return { problem: `Datenbaustein ${raw} ist fehlerhaft geschrieben` };
  const helper = (stmt.path as hbs.AST.PathExpression).original;
  const positional: string[] = [];
  for (const p of stmt.params) {
    if (p.type === 'StringLiteral' || p.type === 'NumberLiteral') positional.push(String((p as hbs.AST.StringLiteral).value));
    else return { problem: `In ${raw} muss jede ID in Anführungszeichen stehen, z. B. "I-01"` };
  }
  const named: Record<string, string> = {};
  for (const pair of stmt.hash?.pairs ?? []) {
    if (pair.value.type === 'StringLiteral' || pair.value.type === 'NumberLiteral') named[pair.key] = String((pair.value as hbs.AST.StringLiteral).value);
    else return { problem: `In ${raw} muss der Wert von „${pair.key}“ in Anführungszeichen stehen` };
  }
  return { helper, positional, named };
}
