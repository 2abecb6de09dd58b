import type { Position } from '../diagnostics/diagnostic.js';

/** Largest YAML or Markdown file ratsdoc reads; larger files are refused (5 MB). */
export const MAX_SOURCE_BYTES = 5 * 1024 * 1024;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A decoded text file: BOM removed, CRLF and CR turned into LF. */
export interface SourceText {
  text: string;
  /** Offsets at which each line starts, for offset → line/column. */
  lineStarts: number[];
}

/** Result of decoding: the text or a German reason why it is not UTF-8. */
export type DecodeResult = { ok: true; source: SourceText } | { ok: false; reason: string; position: Position };

/** Decodes bytes as strict UTF-8. Invalid bytes are an error naming the line of the first one. */
export function decodeSource(bytes: Uint8Array): DecodeResult {
  if (bytes.length > MAX_SOURCE_BYTES) {
    return { ok: false, reason: `Die Datei ist größer als ${MAX_SOURCE_BYTES / 1024 / 1024} MB und wird nicht gelesen`, position: { line: 1, column: 1 } };
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { ok: false, reason: 'Die Datei ist nicht in UTF-8 kodiert (ungültige Bytefolge); bitte als UTF-8 speichern', position: firstInvalidUtf8(bytes) };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  text = text.replace(/\r\n?/g, '\n');
  return { ok: true, source: { text, lineStarts: computeLineStarts(text) } };
}

/** Offsets at which each line of `text` starts. */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Converts a 0-based character offset to a 1-based line and column. */
export function positionAt(source: SourceText, offset: number): Position {
  const starts = source.lineStarts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo] + 1 };
}

/** Finds the line and column of the first byte that breaks UTF-8, for the error message. */
function firstInvalidUtf8(bytes: Uint8Array): Position {
  let line = 1;
  let column = 1;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0) return { line, column };
    for (let k = 1; k <= need; k++) {
      if (i + k >= bytes.length || (bytes[i + k] & 0xc0) !== 0x80) return { line, column };
    }
    if (b === 0x0a) {
      line++;
      column = 1;
    } else column++;
    i += need + 1;
  }
  return { line, column };
}
