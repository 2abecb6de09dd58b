/**
 * Finds a flow bracket (`[`, `{`) or quote (`"`, `'`) that is never closed. js-yaml reports
 * those where it gives up – often lines later, as „bad indentation“ – which sends authors to
 * the wrong line; the place where the bracket or quote was opened is the one to fix.
 *
 * A small scanner, not a YAML parser: it knows where a value starts (after `key: `, `- `, or
 * inside a flow collection), skips comments, plain text and block scalars (`|`, `>`), and
 * tracks brackets and quotes only where YAML treats them as such. It is consulted only after
 * js-yaml has failed.
 */

/** An opening bracket or quote and its offset in the text. */
export interface Unclosed {
  char: '[' | '{' | '"' | "'";
  offset: number;
}

const CLOSER: Record<string, string> = { '[': ']', '{': '}' };

/** The bracket or quote left open at the end of `text`, or undefined when all are closed. */
export function findUnclosed(text: string): Unclosed | undefined {
  const n = text.length;
  const lineEnd = (from: number): number => {
    const e = text.indexOf('\n', from);
    return e === -1 ? n : e;
  };
  /** The index after the quoted scalar opened at `start`, or -1 when it runs to the end. */
  const skipQuoted = (start: number): number => {
    const q = text[start];
    let j = start + 1;
    while (j < n) {
      if (q === '"' && text[j] === '\\') j += 2;
      else if (text[j] === q && q === "'" && text[j + 1] === "'") j += 2;
      else if (text[j] === q) return j + 1;
      else j++;
    }
    return -1;
  };
  /** Scans a flow collection from its opening bracket to its matching closer. */
  const scanFlow = (start: number): { end: number; unclosed?: Unclosed; mismatch?: boolean } => {
    const stack: Unclosed[] = [];
    let j = start;
    while (j < n) {
      const c = text[j];
      if (c === '[' || c === '{') {
        stack.push({ char: c, offset: j });
        j++;
      } else if (c === ']' || c === '}') {
        const open = stack.pop();
        if (!open || CLOSER[open.char] !== c) return { end: j, mismatch: true };
        j++;
        if (stack.length === 0) return { end: j };
      } else if ((c === '"' || c === "'") && /[\s[{,:]/.test(text[j - 1] ?? ' ')) {
        const end = skipQuoted(j);
        if (end === -1) return { end: n, unclosed: { char: c, offset: j } };
        j = end;
      } else if (c === '#' && /\s/.test(text[j - 1] ?? ' ')) j = lineEnd(j);
      else j++;
    }
    return { end: n, unclosed: stack[stack.length - 1] };
  };

  let i = 0;
  let atLineStart = true;
  let lineIndent = 0;
  let valueStart = true;
  /** Indentation of the line that opened a block scalar (`|`, `>`); its deeper lines are text. */
  let blockIndent = -1;
  while (i < n) {
    if (atLineStart) {
      let k = i;
      while (text[k] === ' ') k++;
      const e = lineEnd(i);
      if (blockIndent >= 0 && (text.slice(k, e).trim() === '' || k - i > blockIndent)) {
        i = e + 1;
        continue;
      }
      blockIndent = -1;
      lineIndent = k - i;
      i = k;
      atLineStart = false;
      valueStart = true;
      continue;
    }
    const c = text[i];
    if (c === '\n') {
      atLineStart = true;
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r') i++;
    else if (c === '#') i = lineEnd(i);
    else if (valueStart && (c === '-' || c === '?') && /\s/.test(text[i + 1] ?? '\n')) i++;
    else if (valueStart && (c === '[' || c === '{')) {
      const r = scanFlow(i);
      if (r.unclosed) return r.unclosed;
      if (r.mismatch) return undefined; // a wrong closer: js-yaml's message fits better
      i = r.end;
      valueStart = false;
    } else if (valueStart && (c === '"' || c === "'")) {
      const end = skipQuoted(i);
      if (end === -1) return { char: c, offset: i };
      i = end;
      valueStart = false;
    } else if (valueStart && (c === '|' || c === '>')) {
      blockIndent = lineIndent;
      i = lineEnd(i);
    } else {
      // Plain text – a key or a plain scalar – up to `: `, ` #` or the end of the line.
      let k = i;
      while (k < n && text[k] !== '\n') {
        if (text[k] === ':' && /\s/.test(text[k + 1] ?? '\n')) break;
        if (text[k] === '#' && /[ \t]/.test(text[k - 1])) break;
        k++;
      }
      valueStart = text[k] === ':';
      i = valueStart ? k + 1 : k;
    }
  }
  return undefined;
}
