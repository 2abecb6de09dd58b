/**
 * Reading and checking one helper call: `{{anzahl massnahmen handlungsfeld="HF-SOZ"}}` →
 * name, positional and named arguments, then the helper's zod schemas applied to them with
 * German messages. Used by the rules (which report) and the builder (which trusts).
 */
import { z } from 'zod';
import { didYouMean } from '../diagnostics/suggest.js';
import type { HelperArgs, HelperDefinition } from './define.js';

/** A call split into its parts; values are strings as written (without quotes). */
export interface ParsedCall {
  name: string;
  positional: string[];
  /** Per positional value: written in quotes. Only fixed words (`massnahmen`, `kosten`) may go without. */
  quoted: boolean[];
  named: Record<string, string>;
}

const HELPER_NAME = /^[A-Za-zÄÖÜäöüß]/;

/** Splits the text between `{{` and `}}`; a problem is a German sentence. */
export function parseCall(inner: string): ParsedCall | { problem: string } {
  const tokens: Array<{ key?: string; value: string; quoted: boolean }> = [];
  let i = 0;
  const s = inner;
  while (i < s.length) {
    if (/\s/.test(s[i])) {
      i++;
      continue;
    }
    let key: string | undefined;
    const keyMatch = /^([A-Za-zÄÖÜäöüß_][\wÄÖÜäöüß-]*)=/.exec(s.slice(i));
    if (keyMatch) {
      key = keyMatch[1];
      i += keyMatch[0].length;
    }
    if (s[i] === '"') {
      const end = s.indexOf('"', i + 1);
      if (end === -1) return { problem: 'ein Anführungszeichen " wird nicht geschlossen' };
      tokens.push({ ...(key ? { key } : {}), value: s.slice(i + 1, end), quoted: true });
      i = end + 1;
    } else if (/[„“”]/.test(s[i] ?? '')) {
      return { problem: 'IDs und Werte stehen in geraden Anführungszeichen "…", nicht in „…“' };
    } else {
      const m = /^[^\s"=]+/.exec(s.slice(i));
      if (!m) return { problem: key ? `nach „${key}=“ fehlt der Wert, z. B. ${key}="…"` : `„${s[i]}“ ist hier nicht erlaubt` };
      if (key) return { problem: `der Wert von „${key}“ muss in Anführungszeichen stehen, z. B. ${key}="${m[0]}"` };
      tokens.push({ value: m[0], quoted: false });
      i += m[0].length;
    }
    if (i < s.length && !/\s/.test(s[i])) return { problem: `nach „${s.slice(0, i).trim()}“ fehlt ein Leerzeichen` };
  }
  const [first, ...rest] = tokens;
  if (!first || first.key !== undefined || first.quoted || !HELPER_NAME.test(first.value)) {
    return { problem: 'kein Datenbaustein; ein Datenbaustein beginnt mit seinem Namen, z. B. {{wert "I-01"}}; geschweifte Klammern als Text bitte als \\{{ schreiben' };
  }
  const positional: string[] = [];
  const quoted: boolean[] = [];
  const named: Record<string, string> = {};
  for (const t of rest) {
    if (t.key === undefined) {
      if (Object.keys(named).length) return { problem: `„${t.value}“ steht nach einer benannten Angabe; Angaben wie handlungsfeld="…" gehören ans Ende` };
      positional.push(t.value);
      quoted.push(t.quoted);
    } else if (t.key in named) return { problem: `„${t.key}“ ist doppelt angegeben` };
    else named[t.key] = t.value;
  }
  return { name: first.value, positional, quoted, named };
}

/** The call as the author should write it: the helper's first example. */
export function usage(def: HelperDefinition): string {
  return def.examples[0] ?? `{{${def.name}}}`;
}

/**
 * Per helper: its positional schemas, how many of them are required, and its named schema
 * without unknown keys (reported on their own). Built once: a zod schema compiles its parser
 * on first use, and a fresh `.strip()` per call would compile it per call.
 */
const schemasOf = new WeakMap<HelperDefinition, { items: z.ZodType[]; required: number; named: z.ZodObject }>();

function argumentSchemas(def: HelperDefinition): { items: z.ZodType[]; required: number; named: z.ZodObject } {
  let schemas = schemasOf.get(def);
  if (!schemas) {
    const items = (def.positional as z.ZodTuple).def.items as z.ZodType[];
    schemas = { items, required: items.filter((it) => !it.safeParse(undefined).success).length, named: (def.named as z.ZodObject).strip() };
    schemasOf.set(def, schemas);
  }
  return schemas;
}

/** Applies the helper's schemas; returns the typed arguments or German problems. */
export function checkArguments(def: HelperDefinition, call: ParsedCall): { ok: true; args: HelperArgs } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const { items, required, named } = argumentSchemas(def);
  if (call.positional.length < required || call.positional.length > items.length) {
    const want = required === items.length ? `${items.length}` : `${required} bis ${items.length}`;
    problems.push(items.length === 0
      ? `erwartet keine Angabe ohne Namen; Beispiel: ${usage(def)}`
      : `erwartet ${want} ${items.length === 1 ? 'Angabe' : 'Angaben'} ohne Namen, angegeben ${call.positional.length === 0 ? 'keine' : call.positional.length}; Beispiel: ${usage(def)}`);
    return { ok: false, problems };
  }
  // IDs and free values in quotes; fixed words (an enum: `massnahmen`, `kosten`) may go without.
  call.positional.forEach((value, i) => {
    if (!call.quoted[i] && !(items[i] instanceof z.ZodEnum || (items[i] instanceof z.ZodOptional && items[i].unwrap() instanceof z.ZodEnum))) {
      problems.push(`Angabe ${i + 1} muss in Anführungszeichen stehen, z. B. "${value}"`);
    }
  });
  if (problems.length) return { ok: false, problems };
  const known = Object.keys((def.named as z.ZodObject).shape);
  for (const key of Object.keys(call.named)) {
    if (!known.includes(key)) {
      problems.push(`unbekannte Angabe „${key}“${didYouMean(key, known)}; ${known.length ? `erlaubt: ${known.join(', ')}` : 'der Datenbaustein hat keine benannten Angaben'}`);
    }
  }
  const pos = def.positional.safeParse(call.positional);
  if (!pos.success) problems.push(...pos.error.issues.map((iss) => issueMessage(iss, (n) => `Angabe ${Number(n) + 1}`, call.positional)));
  const namedResult = named.safeParse(call.named);
  if (!namedResult.success) problems.push(...namedResult.error.issues.map((iss) => issueMessage(iss, (n) => `„${n}“`, call.named)));
  if (problems.length || !pos.success || !namedResult.success) return { ok: false, problems };
  return { ok: true, args: { positional: pos.data as never, named: namedResult.data as never } };
}

function issueMessage(iss: z.core.$ZodIssue, label: (key: string) => string, input: Record<string, string> | string[]): string {
  const key = String(iss.path[0] ?? '');
  const given = (input as Record<string, string>)[key];
  const where = label(key);
  if (iss.code === 'invalid_value') {
    const allowed = (iss.values as unknown[]).map(String);
    return `${where}: „${given}“ ist nicht erlaubt${didYouMean(String(given), allowed)}; erlaubt: ${allowed.join(', ')}`;
  }
  // Custom messages of the schemas are German already.
  return `${where}: ${iss.message}`;
}
