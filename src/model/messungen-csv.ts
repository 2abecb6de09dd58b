/**
 * Measurements delivered as tables (`indikatoren/*.csv`): each row is checked like a YAML
 * entry (date, number, known indicator, known Sozialraum, no second value for the same day),
 * every problem reported at its line and column, all at once. Valid rows join the
 * indicator's `messungen`, so everything after this step sees one time series.
 */
import type { RawCsvFile } from '../content/load.js';
import type { CsvField } from '../content/csv.js';
import { CODES } from '../diagnostics/codes.js';
import type { Diagnostic, Position } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../diagnostics/suggest.js';
import { at, type Located, type Model } from './model.js';
import { isRealDate, type Indikator } from './schemas.js';

/** The columns a measurement table may have; `id` may be left out in a file named after its indicator. */
export const CSV_COLUMNS = ['id', 'stichtag', 'wert', 'sozialraum'] as const;
type Column = (typeof CSV_COLUMNS)[number];

type Messung = NonNullable<Indikator['messungen']>[number];

/** Checks every table and merges its valid rows into the indicators of `model`. */
export function mergeCsvMessungen(files: readonly RawCsvFile[], model: Model, diagnostics: Diagnostic[]): void {
  const indikatoren = new Map<string, Located<Indikator>>();
  for (const ind of model.collections.indikatoren) if (!indikatoren.has(ind.value.id)) indikatoren.set(ind.value.id, ind);
  const sozialraeume = new Set(model.collections.sozialraeume.map((s) => s.value.id));
  // Where each (indicator, Stichtag, Sozialraum) was first given, for duplicates.
  const seen = new Map<string, string>();
  for (const ind of indikatoren.values()) {
    (ind.value.messungen ?? []).forEach((m, i) => {
      const p = at(ind, 'messungen', i);
      seen.set(messungKey(ind.value.id, m), `${ind.file}:${p.line}:${p.column}`);
    });
  }
  for (const f of files) checkFile(f, { model, indikatoren, sozialraeume, seen }, diagnostics);
}

interface Known {
  model: Model;
  indikatoren: Map<string, Located<Indikator>>;
  sozialraeume: Set<string>;
  seen: Map<string, string>;
}

function checkFile(f: RawCsvFile, known: Known, diagnostics: Diagnostic[]): void {
  const error = (pos: Position, message: string, entity?: string) =>
    diagnostics.push({ severity: 'error', code: CODES.csvValue, file: f.file, line: pos.line, column: pos.column, message, ...(entity ? { entity } : {}) });

  const columns = new Map<Column, number>();
  let headerOk = true;
  f.header.forEach((h, i) => {
    const name = h.value.toLowerCase();
    if (!(CSV_COLUMNS as readonly string[]).includes(name)) {
      error(h.position, `unbekannte Spalte „${h.value}“${didYouMean(name, CSV_COLUMNS)}; erlaubt sind ${CSV_COLUMNS.join(', ')}`);
      headerOk = false;
    } else if (columns.has(name as Column)) {
      error(h.position, `Spalte „${h.value}“ steht doppelt in der Kopfzeile`);
      headerOk = false;
    } else columns.set(name as Column, i);
  });
  // A file named after an indicator (indikatoren/I-01.csv) holds that indicator's values only.
  const fileIndikator = columns.has('id') ? undefined : f.name;
  for (const required of ['stichtag', 'wert'] as const) {
    if (!columns.has(required)) {
      error({ line: 1, column: 1 }, `Spalte „${required}“ fehlt in der Kopfzeile (erwartet: ${CSV_COLUMNS.join(';')})`);
      headerOk = false;
    }
  }
  if (fileIndikator !== undefined && !known.indikatoren.has(fileIndikator) && !known.model.brokenIds.indikatoren.has(fileIndikator)) {
    error({ line: 1, column: 1 }, `Spalte „id“ fehlt: ohne sie muss die Datei wie ein Indikator heißen (z. B. indikatoren/I-01.csv), „${fileIndikator}“ ist aber kein Indikator${didYouMean(fileIndikator, known.indikatoren.keys())}`);
    headerOk = false;
  }
  if (!headerOk) return;

  const field = (fields: CsvField[], c: Column): CsvField | undefined => (columns.has(c) ? fields[columns.get(c)!] : undefined);
  for (const rec of f.records) {
    if (rec.fields.length !== f.header.length) {
      error({ line: rec.line, column: 1 }, `Die Zeile hat ${rec.fields.length} ${rec.fields.length === 1 ? 'Feld' : 'Felder'}, die Kopfzeile ${f.header.length}; fehlt oder überzählt ein Trennzeichen?`);
      continue;
    }
    const idField = field(rec.fields, 'id');
    const id = idField ? idField.value : fileIndikator!;
    const entity = id ? `Indikator „${id}“` : undefined;
    let ok = true;
    const ind = known.indikatoren.get(id);
    if (idField && !ind) {
      ok = false;
      if (!known.model.brokenIds.indikatoren.has(id)) {
        error(idField.position, id === '' ? 'Die ID des Indikators fehlt' : `Indikator „${id}“ ist nicht definiert${didYouMean(id, known.indikatoren.keys())}`);
      }
    }
    const dateField = field(rec.fields, 'stichtag')!;
    const stichtag = parseDate(dateField.value);
    if (!stichtag) {
      ok = false;
      error(dateField.position, dateField.value === '' ? 'Der Stichtag fehlt' : `„${dateField.value}“ ist kein gültiges Datum (erwartet JJJJ-MM-TT oder TT.MM.JJJJ, z. B. 2020-06-30)`, entity);
    }
    const wertField = field(rec.fields, 'wert')!;
    const wert = parseNumber(wertField.value);
    if (wert === undefined) {
      ok = false;
      error(wertField.position, wertField.value === '' ? 'Der Wert fehlt' : `„${wertField.value}“ ist keine Zahl (z. B. 21,7 oder 21.7, ohne Einheit und Tausenderpunkt)`, entity);
    } else if (AMBIGUOUS_THOUSANDS.test(wertField.value)) {
      ok = false;
      error(wertField.position, `„${wertField.value}“ ist mehrdeutig (Tausenderpunkt oder Dezimalpunkt?); bitte ohne Tausenderpunkt (${wertField.value.replace('.', '')}) oder mit Dezimalkomma (${wertField.value.replace('.', ',')}) schreiben`, entity);
    }
    const srField = field(rec.fields, 'sozialraum');
    const sozialraum = srField?.value || undefined;
    if (srField && sozialraum && !known.sozialraeume.has(sozialraum)) {
      ok = false;
      if (!known.model.brokenIds.sozialraeume.has(sozialraum)) error(srField.position, `Sozialraum „${sozialraum}“ ist nicht definiert${didYouMean(sozialraum, known.sozialraeume)}`, entity);
    }
    if (!ok || !ind) continue;
    const messung: Messung = { stichtag: stichtag!, wert: wert!, ...(sozialraum ? { sozialraum } : {}) };
    const key = messungKey(id, messung);
    const first = known.seen.get(key);
    if (first) {
      error(dateField.position, `Für diesen Stichtag${sozialraum ? ` und Sozialraum „${sozialraum}“` : ''} gibt es schon einen Wert (${first})`, entity);
      continue;
    }
    known.seen.set(key, `${f.file}:${rec.line}:${dateField.position.column}`);
    (ind.value.messungen ??= []).push(messung);
  }
}

function messungKey(id: string, m: Messung): string {
  return `${id}\u0000${m.stichtag}\u0000${m.sozialraum ?? ''}`;
}

/** `2020-06-30` or `30.06.2020` → `2020-06-30`, if the day exists. */
export function parseDate(value: string): string | undefined {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(value);
  const [y, m, d] = iso ? [+iso[1], +iso[2], +iso[3]] : german ? [+german[3], +german[2], +german[1]] : [NaN, NaN, NaN];
  if (Number.isNaN(y) || !isRealDate(y, m, d)) return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * `1.000` is a thousand in a German table and one in an English one: refused rather than guessed.
 * (`1,000` with a comma is read as the German decimal it is.)
 */
const AMBIGUOUS_THOUSANDS = /^-?\d{1,3}\.\d{3}$/;

/** `21,7`, `21.7`, `-3`, `45` → a number; anything else (units, thousands marks, text) → undefined. */
export function parseNumber(value: string): number | undefined {
  if (!/^-?\d+([.,]\d+)?$/.test(value)) return undefined;
  return Number(value.replace(',', '.'));
}
