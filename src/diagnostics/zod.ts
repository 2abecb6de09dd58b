import type { z } from 'zod';
import type { Position } from './diagnostic.js';
import { didYouMean, suggestOrList } from './suggest.js';

/** Where a zod issue stands: the value at a path, or the key of a path (for unknown keys). */
export interface IssueLocator {
  valueAt(path: ReadonlyArray<string | number>): Position;
  keyAt(path: ReadonlyArray<string | number>): Position;
}

/** A zod issue turned into German with its place; the caller adds file, entity and code. */
export interface TranslatedIssue {
  message: string;
  position: Position;
  path: Array<string | number>;
}

const TYPE_DE: Record<string, string> = {
  string: 'ein Text',
  number: 'eine Zahl',
  boolean: 'true oder false',
  array: 'eine Liste',
  object: 'ein Abschnitt mit Feldern',
  int: 'eine ganze Zahl',
};

function describeValue(v: unknown): string {
  if (v === null || v === undefined) return 'leer';
  if (Array.isArray(v)) return 'eine Liste';
  if (typeof v === 'object') return 'ein Abschnitt mit Feldern';
  if (typeof v === 'string') return `„${v}“`;
  return String(v);
}

/** `massnahmen[3].ziele[1]` from a zod path, as authors see it in messages. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += (out ? '.' : '') + String(p);
  }
  return out;
}

/** Finds the object keys a schema allows at `path`, for „meinten Sie …?“. */
export function knownKeysAt(schema: z.ZodType, path: ReadonlyArray<PropertyKey>): string[] {
  let candidates: z.ZodType[] = [schema];
  for (const step of path) {
    const next: z.ZodType[] = [];
    for (const c of candidates.flatMap(unwrap)) {
      const def = (c as any)._zod.def;
      if (def.type === 'object' && typeof step === 'string' && def.shape[step]) next.push(def.shape[step]);
      else if (def.type === 'array' && typeof step === 'number') next.push(def.element);
      else if (def.type === 'record' && typeof step === 'string') next.push(def.valueType);
    }
    candidates = next;
  }
  const keys = new Set<string>();
  for (const c of candidates.flatMap(unwrap)) {
    const def = (c as any)._zod.def;
    if (def.type === 'object') for (const k of Object.keys(def.shape)) keys.add(k);
  }
  return [...keys];
}

/** Removes optional/nullable/default wrappers and opens unions. */
function unwrap(s: z.ZodType): z.ZodType[] {
  const def = (s as any)._zod.def;
  if (def.type === 'optional' || def.type === 'nullable' || def.type === 'default' || def.type === 'prefault' || def.type === 'readonly' || def.type === 'catch') return unwrap(def.innerType);
  if (def.type === 'union') return (def.options as z.ZodType[]).flatMap(unwrap);
  if (def.type === 'pipe') return unwrap(def.in);
  return [s];
}

/** Translates every issue of a failed parse into German, one entry per unknown key. */
export function translateIssues(schema: z.ZodType, issues: readonly z.core.$ZodIssue[], loc: IssueLocator, input: unknown): TranslatedIssue[] {
  const out: TranslatedIssue[] = [];
  for (const issue of issues) {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)) as Array<string | number>;
    const where = formatPath(path);
    const field = lastKey(path);
    switch (issue.code) {
      case 'unrecognized_keys': {
        const known = knownKeysAt(schema, path);
        for (const key of issue.keys) {
          const keyPath = [...path, key];
          out.push({
            message: `unbekanntes Feld „${key}“${suggestOrList(key, known, where ? ` (in ${where})` : '')}`,
            position: loc.keyAt(keyPath),
            path: keyPath,
          });
        }
        continue;
      }
      case 'invalid_type': {
        const actual = valueAtPath(input, path);
        const expected = TYPE_DE[issue.expected] ?? issue.expected;
        // A list entry has no field name of its own: call it what it is.
        const subject = path.length === 0 ? 'Der Eintrag' : typeof path[path.length - 1] === 'number' ? `Eintrag ${Number(path[path.length - 1]) + 1} von „${field}“` : `„${field}“`;
        // `- id A-X` (colon missing) reads as one text where fields were expected.
        const colonHint = issue.expected === 'object' && typeof actual === 'string' && /^[\wäöüß]+ \S/.test(actual) ? '; fehlt ein Doppelpunkt nach dem Feldnamen?' : '';
        const message =
          actual === undefined
            ? `Pflichtfeld „${field}“ fehlt`
            : `${subject} muss ${expected} sein, ist aber ${describeValue(actual)}${customHint(issue.message, `muss ${expected} sein`)}${colonHint}`;
        out.push({ message: withPath(message, where, actual === undefined), position: loc.valueAt(path), path });
        continue;
      }
      case 'invalid_value': {
        const actual = valueAtPath(input, path);
        const allowed = issue.values.map((v) => `„${String(v)}“`).join(', ');
        if (actual === undefined) {
          // zod reports a missing enum field as an invalid value; for the author it is missing.
          out.push({ message: withPath(`Pflichtfeld „${field}“ fehlt; erlaubt: ${allowed}`, where, true), position: loc.valueAt(path), path });
          continue;
        }
        const suggestion = typeof actual === 'string' ? didYouMean(actual, issue.values.map(String)) : '';
        out.push({ message: withPath(`„${field}“ hat den unzulässigen Wert ${describeValue(actual)}${suggestion}; erlaubt: ${allowed}`, where), position: loc.valueAt(path), path });
        continue;
      }
      case 'invalid_union': {
        const actual = valueAtPath(input, path);
        out.push({ message: withPath(`„${field}“ hat eine unzulässige Form (${describeValue(actual)})${unionHint(path)}`, where), position: loc.valueAt(path), path });
        continue;
      }
      case 'too_small': {
        const what = issue.origin === 'array' ? `braucht mindestens ${issue.minimum} Eintrag${issue.minimum === 1 ? '' : 'e'}` : issue.origin === 'string' ? 'darf nicht leer sein' : `muss mindestens ${issue.minimum} sein`;
        const message = issue.message.startsWith('Too small') ? `„${field}“ ${what}` : `„${field}“ ${issue.message}`;
        out.push({ message: withPath(message, where), position: loc.valueAt(path), path });
        continue;
      }
      default: {
        // Our own schemas give German messages for formats and refinements.
        // A message that starts with the value itself (`„2021-13-45“ ist kein …`) gets a colon after the field.
        const sep = issue.message.startsWith('„') ? ': ' : ' ';
        out.push({ message: withPath(`„${field}“${sep}${issue.message}`, where), position: loc.valueAt(path), path });
      }
    }
  }
  return out;
}

/** A schema's own German hint, without repeating what the message already says. */
function customHint(message: string, said: string): string {
  if (!/^(muss|darf)/.test(message)) return '';
  if (message === said) return '';
  if (message.startsWith(said)) {
    const rest = message.slice(said.length).trim();
    return rest ? ` ${rest}` : '';
  }
  return ` (${message})`;
}

function unionHint(path: Array<string | number>): string {
  const key = lastKey(path);
  if (key === 'kosten') return '; erwartet {betrag, finanzierung, jahr} oder eine Liste davon';
  if (typeof path[path.length - 2] === 'string' && path[path.length - 2] === 'gliederung' || path.includes('gliederung'))
    return '; erlaubt: „kapitel: NAME“, „anhang: [indikatoren, akteure]“, sozialraeume, interviews, handlungsfelder, zeitplan';
  return '';
}

function withPath(message: string, where: string, missing = false): string {
  if (!where) return message;
  return `${message} (${missing ? 'in ' : ''}${where})`;
}

function lastKey(path: ReadonlyArray<string | number>): string {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return String(path[i]);
  return 'Wert';
}

function valueAtPath(input: unknown, path: ReadonlyArray<string | number>): unknown {
  let v: any = input;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = v[p];
  }
  return v;
}
