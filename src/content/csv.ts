/**
 * Reads a CSV table as statistics offices deliver it: a header row, then one record per line,
 * separated by `;` (German spreadsheets) or `,`, fields optionally in double quotes (`""` is a
 * quote inside). A line starting with `#` is a comment (e.g. „erfundene Beispieldaten“). Every field keeps its line and column, so the model can report a bad value
 * where it stands. Knows nothing of what the columns mean.
 */
import type { Position } from '../diagnostics/diagnostic.js';
import { positionAt, type SourceText } from './source.js';

/** One field of a record, as written (quotes removed), with its place in the file. */
export interface CsvField {
  value: string;
  position: Position;
}

/** One record (line) of the table. */
export interface CsvRecord {
  /** Line of the record in the file (1-based). */
  line: number;
  fields: CsvField[];
}

/** A parsed table: the header fields, the records below it, and the separator found. */
export type CsvResult =
  | { ok: true; header: CsvField[]; records: CsvRecord[]; separator: ';' | ',' }
  | { ok: false; reason: string; position: Position };

/**
 * Parses a whole CSV text. The separator is the one the header line uses (`;` wins when both
 * appear, as in a German export with decimal commas). Blank lines are skipped.
 */
export function parseCsv(source: SourceText): CsvResult {
  const text = source.text;
  const lineEnd = (from: number) => (text.indexOf('\n', from) === -1 ? text.length : text.indexOf('\n', from));
  let i = 0;
  const skipComments = () => {
    while (i < text.length && text[i] === '#') i = lineEnd(i) + 1;
  };
  skipComments();
  const firstLine = text.slice(i, lineEnd(i));
  const separator: ';' | ',' = firstLine.includes(';') || !firstLine.includes(',') ? ';' : ',';
  const rows: CsvRecord[] = [];
  while (i < text.length) {
    const lineStart = i;
    const fields: CsvField[] = [];
    // One record: fields until an unquoted line break or the end.
    for (;;) {
      const start = i;
      let value = '';
      if (text[i] === '"') {
        i++;
        for (;;) {
          if (i >= text.length) return { ok: false, reason: 'Ein Anführungszeichen (") wird nicht geschlossen', position: positionAt(source, start) };
          if (text[i] === '"') {
            if (text[i + 1] === '"') {
              value += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          value += text[i++];
        }
        if (i < text.length && text[i] !== separator && text[i] !== '\n') {
          return { ok: false, reason: `Nach dem schließenden Anführungszeichen muss „${separator}“ oder das Zeilenende folgen`, position: positionAt(source, i) };
        }
      } else {
        while (i < text.length && text[i] !== separator && text[i] !== '\n') value += text[i++];
      }
      // A field is reported where its text begins: at the opening quote, or after leading blanks.
      const leading = text[start] === '"' ? 0 : value.length - value.trimStart().length;
      fields.push({ value: value.trim(), position: positionAt(source, start + leading) });
      if (text[i] === separator) {
        i++;
        continue;
      }
      break;
    }
    if (text[i] === '\n') i++;
    const blank = fields.length === 1 && fields[0].value === '' && text[lineStart] !== '"';
    if (!blank) rows.push({ line: positionAt(source, lineStart).line, fields });
    skipComments();
  }
  if (!rows.length) return { ok: false, reason: 'Die Tabelle ist leer; erwartet wird eine Kopfzeile und darunter je Zeile ein Messwert', position: { line: 1, column: 1 } };
  const [head, ...records] = rows;
  return { ok: true, header: head.fields, records, separator };
}
