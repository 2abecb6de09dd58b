import { parseEvents, constructFromEvents, getScalarValue, EVENT_ID, SCALAR_STYLE } from 'js-yaml';
import type { Event, ScalarEvent } from 'js-yaml';
import type { Position } from '../diagnostics/diagnostic.js';
import { computeLineStarts, positionAt, type SourceText } from './source.js';
import { findUnclosed } from './yaml-unclosed.js';

/** A path into a YAML value: keys and list indexes. */
export type ValuePath = ReadonlyArray<string | number>;

/** Deepest nesting the content model needs, with room to spare; deeper input is refused. */
export const MAX_YAML_DEPTH = 20;

/**
 * Where every value and key of one YAML document stands in its file.
 * Built from js-yaml's event stream, so positions come from the parser, never a regex.
 */
export class YamlLocations {
  private readonly values = new Map<string, number>();
  private readonly keys = new Map<string, number>();
  private readonly scalars = new Map<string, { start: number; end: number }>();

  constructor(
    private readonly source: SourceText,
    /** Added to every line: front matter starts below the `---` line. */
    private readonly lineOffset = 0,
  ) {}

  /** @internal used while walking the events; `key` is the path's `pathKey`. */
  record(key: string, valueOffset: number, keyOffset?: number): void {
    this.values.set(key, valueOffset);
    if (keyOffset !== undefined) this.keys.set(key, keyOffset);
  }

  /** @internal the source range of a scalar's text (without quotes or block indicator line). */
  recordScalar(key: string, start: number, end: number): void {
    this.scalars.set(key, { start, end });
  }

  /**
   * Maps positions inside the text of the string at `path` (line/column as a Markdown parser
   * sees that text) to positions in the file, so a problem inside a Markdown field is shown
   * where it stands. YAML folds lines, strips indentation and resolves escapes; the mapping
   * walks the value and its source side by side, matching every visible character.
   */
  textPositions(path: ValuePath, value: string): (p: Position) => Position {
    const range = this.scalars.get(pathKey(path));
    const fallback = this.valueAt(path);
    if (!range) return () => fallback;
    // Built at the first position asked for: most texts have no problem to place.
    let mapping: { offsets: number[]; lineStarts: number[] } | undefined;
    return (p) => {
      const { offsets, lineStarts } = (mapping ??= this.textOffsets(range, value));
      const start = lineStarts[Math.max(0, Math.min(p.line - 1, lineStarts.length - 1))];
      const off = Math.max(0, Math.min(start + p.column - 1, value.length));
      return this.toPosition(offsets[off]);
    };
  }

  /** For each character of `value` (and its end), its offset in the source range of the scalar; the value's line starts. */
  private textOffsets(range: { start: number; end: number }, value: string): { offsets: number[]; lineStarts: number[] } {
    const raw = this.source.text;
    const offsets = new Array<number>(value.length + 1);
    let r = range.start;
    for (let v = 0; v < value.length; v++) {
      const c = value[v];
      if (/\s/.test(c)) {
        offsets[v] = Math.min(r, range.end);
        if (/\s/.test(raw[r] ?? '')) r++;
        continue;
      }
      // Skip what the value does not show: indentation, folded line breaks, quotes, escapes.
      let k = r;
      while (k < range.end && raw[k] !== c) k++;
      if (k < range.end) r = k;
      offsets[v] = Math.min(r, range.end);
      if (k < range.end) r++;
    }
    offsets[value.length] = Math.min(r, range.end);
    return { offsets, lineStarts: computeLineStarts(value) };
  }

  /**
   * Position of the value at `path`, or of the nearest enclosing value that exists
   * (a missing field is reported at its parent).
   */
  valueAt(path: ValuePath): Position {
    for (let n = path.length; n >= 0; n--) {
      const off = this.values.get(pathKey(path.slice(0, n)));
      if (off !== undefined) return this.toPosition(off);
    }
    return { line: 1 + this.lineOffset, column: 1 };
  }

  /** Position of the key of `path` (for unknown keys), falling back to its value. */
  keyAt(path: ValuePath): Position {
    const off = this.keys.get(pathKey(path));
    return off !== undefined ? this.toPosition(off) : this.valueAt(path);
  }

  private toPosition(offset: number): Position {
    const p = positionAt(this.source, offset);
    return { line: p.line + this.lineOffset, column: p.column };
  }
}

function pathKey(path: ValuePath): string {
  return path.join('\u0000');
}

/** `pathKey` of a child, built from its parent's (the root's key is undefined here, '' in pathKey). */
function childKey(parent: string | undefined, segment: string | number): string {
  return parent === undefined ? String(segment) : `${parent}\u0000${segment}`;
}

/** Outcome of parsing one YAML text. */
export type YamlResult =
  | { ok: true; value: unknown; locations: YamlLocations }
  | { ok: false; reason: string; position: Position };

/**
 * Parses one YAML document with positions. Aliases (`*name`) are refused outright:
 * the content model never needs them, and refusing them makes alias bombs impossible.
 */
export function parseYaml(source: SourceText, lineOffset = 0): YamlResult {
  const text = source.text;
  let events: Event[];
  let docs: unknown[];
  try {
    events = parseEvents(text, { maxDepth: MAX_YAML_DEPTH });
    docs = constructFromEvents(events, { source: text, maxAliases: 0 });
  } catch (err) {
    return yamlError(err, source, lineOffset);
  }
  if (docs.length > 1) {
    return { ok: false, reason: 'Die Datei enthält mehrere YAML-Dokumente (---); erlaubt ist eines', position: { line: 1 + lineOffset, column: 1 } };
  }
  const locations = new YamlLocations(source, lineOffset);
  let i = 0;
  while (i < events.length && events[i].type !== EVENT_ID.DOCUMENT) i++;
  if (i < events.length) walk(events, i + 1, undefined, text, locations, undefined);
  return { ok: true, value: docs.length ? docs[0] : null, locations };
}

/**
 * Records the position of the node starting at events[i] and its children; returns the next
 * index. `key` is the node's `pathKey` (undefined for the document's root), built up as the
 * walk goes down: joining every path anew cost more than the rest of the walk.
 */
function walk(events: Event[], i: number, key: string | undefined, text: string, loc: YamlLocations, keyOffset: number | undefined): number {
  const ev = events[i];
  const here = key ?? '';
  switch (ev.type) {
    case EVENT_ID.SCALAR: {
      const start = scalarStart(ev, text);
      // An empty value (`titel:`) has no offset of its own: it stands where its key stands.
      if (start >= 0) loc.record(here, start, keyOffset);
      else if (keyOffset !== undefined) loc.record(here, keyOffset, keyOffset);
      if (ev.valueStart >= 0 && ev.valueEnd >= ev.valueStart) loc.recordScalar(here, ev.valueStart, ev.valueEnd);
      return i + 1;
    }
    case EVENT_ID.ALIAS: {
      // anchorStart is the name after `*`; point at the `*`.
      const start = ev.anchorStart > 0 && text[ev.anchorStart - 1] === '*' ? ev.anchorStart - 1 : ev.anchorStart;
      if (start >= 0) loc.record(here, start, keyOffset);
      return i + 1;
    }
    case EVENT_ID.SEQUENCE: {
      loc.record(here, ev.start, keyOffset);
      let j = i + 1;
      let index = 0;
      while (j < events.length && events[j].type !== EVENT_ID.POP) {
        j = walk(events, j, childKey(key, index++), text, loc, undefined);
      }
      return j + 1;
    }
    case EVENT_ID.MAPPING: {
      loc.record(here, ev.start, keyOffset);
      let j = i + 1;
      while (j < events.length && events[j].type !== EVENT_ID.POP) {
        const keyEvent = events[j];
        let name: string;
        let keyStart: number;
        if (keyEvent.type === EVENT_ID.SCALAR) {
          name = getScalarValue(text, keyEvent as ScalarEvent);
          keyStart = Math.max(0, scalarStart(keyEvent as ScalarEvent, text));
          j++;
        } else {
          // A complex key (a list or map used as a key): skip it; the schema rejects it anyway.
          name = '?';
          keyStart = 'start' in keyEvent ? keyEvent.start : 0;
          j = walk(events, j, childKey(key, name), text, loc, undefined);
        }
        j = walk(events, j, childKey(key, name), text, loc, keyStart);
      }
      return j + 1;
    }
    default:
      return i + 1;
  }
}

/** Offset of a scalar as the author sees it: a quoted scalar starts at its opening quote; -1 when empty. */
function scalarStart(ev: ScalarEvent, text: string): number {
  const quoted = ev.style === SCALAR_STYLE.SINGLE_QUOTED || ev.style === SCALAR_STYLE.DOUBLE_QUOTED;
  if (quoted && ev.valueStart > 0 && (text[ev.valueStart - 1] === '"' || text[ev.valueStart - 1] === "'")) return ev.valueStart - 1;
  return ev.valueStart;
}

/** js-yaml's English reasons, in German. Unknown ones are passed on with a German frame. */
const REASONS_DE: Array<[RegExp, string]> = [
  [/duplicated mapping key/, 'Schlüssel doppelt vorhanden'],
  [/aliases exceeded maxAliases|unidentified alias|recursive alias|alias node|name of an (alias|anchor) node|anchor property/, 'Anker und Aliase (&name, *name) sind nicht erlaubt; bitte den Wert ausschreiben'],
  [/merge keys|cannot merge mappings|abnormal merge/, 'Zusammenführen mit „<<“ ist nicht erlaubt; bitte die Werte ausschreiben'],
  [/exceeded maxDepth|nesting depth|too deep/i, `Verschachtelung tiefer als ${MAX_YAML_DEPTH} Ebenen`],
  [/deficient indentation|bad indentation/, 'Einrückung stimmt nicht'],
  [/end of the stream or a document separator is expected/, 'unerwarteter Inhalt; ist die Einrückung richtig?'],
  [/unexpected end of the (stream|document) within a flow collection/, 'eine Klammer [ oder { wird nicht geschlossen'],
  [/missed comma between flow collection entries/, 'Komma fehlt zwischen Einträgen in [ … ] oder { … }'],
  [/unexpected end of the (stream|document) within a (double|single) quoted scalar/, 'ein Anführungszeichen wird nicht geschlossen'],
  [/can not read a block mapping entry; a multiline key may not be an implicit key/, 'nach einem Schlüssel fehlt der Doppelpunkt oder die Einrückung stimmt nicht'],
  [/incomplete explicit mapping pair|a multiline key|implicit key|incomplete mapping pair|expected ':' after a mapping key/, 'ein Schlüssel ist unvollständig; fehlt ein Doppelpunkt?'],
  [/a whitespace character is expected after the key-value separator/, 'nach dem Doppelpunkt fehlt ein Leerzeichen'],
  [/tab characters|\btabs?\b/i, 'Tabulatoren sind zur Einrückung nicht erlaubt; bitte Leerzeichen verwenden'],
  [/unknown (\w+ )?tag|explicit tag|tag handle|tag suffix|tag name|tag property|verbatim tag|TAG directive/, 'unbekanntes Tag (!…); Tags sind nicht erlaubt'],
  [/directive|YAML version|directives end mark/, 'Direktiven (%…) sind nicht erlaubt'],
  [/non-printable characters/, 'die Datei enthält nicht druckbare Steuerzeichen'],
  [/unknown escape sequence|hexadecimal character|valid JSON character/, 'ungültige Escape-Folge (\\…) in einem Text in Anführungszeichen'],
  [/block scalar|chomping mode|indentation width/, 'fehlerhafter Textblock (| oder >)'],
  [/expected the node content, but found/, 'an dieser Stelle fehlt ein Wert'],
  [/a line break is expected/, 'hier wird ein Zeilenumbruch erwartet'],
  [/single document|more than one document/, 'Die Datei enthält mehrere YAML-Dokumente (---); erlaubt ist eines'],
  [/can not read a document|expected a document/, 'die Datei enthält kein lesbares YAML-Dokument'],
];

function yamlError(err: unknown, source: SourceText, lineOffset: number): YamlResult {
  const e = err as { reason?: string; message?: string; mark?: { position?: number; line?: number; column?: number } };
  const reason = e.reason ?? e.message ?? String(err);
  const german = REASONS_DE.find(([re]) => re.test(reason))?.[1];
  let position: Position = { line: 1, column: 1 };
  if (e.mark && typeof e.mark.position === 'number') {
    let offset = Math.max(0, Math.min(e.mark.position, source.text.length));
    // An alias is marked at its name; point at the `*` the author wrote.
    if (/alias/i.test(reason) && offset > 0 && source.text[offset - 1] === '*') offset--;
    position = positionAt(source, offset);
  }
  else if (e.mark && typeof e.mark.line === 'number') position = { line: e.mark.line + 1, column: (e.mark.column ?? 0) + 1 };
  // A bracket or quote left open is reported where js-yaml gives up, often lines later and as
  // „bad indentation“; name it where it was opened, unless js-yaml stopped before it.
  const unclosed = findUnclosed(source.text);
  const stoppedAt = typeof e.mark?.position === 'number' ? e.mark.position : source.text.length;
  if (unclosed && stoppedAt >= unclosed.offset) {
    const open = positionAt(source, unclosed.offset);
    const line = open.line + lineOffset;
    const what = unclosed.char === '[' ? 'die eckige Klammer „[“' : unclosed.char === '{' ? 'die geschweifte Klammer „{“' : `das Anführungszeichen „${unclosed.char}“`;
    const missing = unclosed.char === '[' ? ' (es fehlt „]“)' : unclosed.char === '{' ? ' (es fehlt „}“)' : '';
    return { ok: false, reason: `YAML-Syntaxfehler: ${what} in Zeile ${line}, Spalte ${open.column} wird nicht geschlossen${missing}`, position: { line, column: open.column } };
  }
  return {
    ok: false,
    // An unknown (English) reason is not shown: messages are German; the place still helps.
    reason: `YAML-Syntaxfehler: ${german ?? 'die Datei lässt sich an dieser Stelle nicht lesen'}`,
    position: { line: position.line + lineOffset, column: position.column },
  };
}
