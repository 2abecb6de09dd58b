/** Argument schemas and small pieces the built-in helpers share. */
import { z } from 'zod';
import type { Inline } from '../document/tree.js';
import type { Model } from '../model/model.js';
import { kostenList } from '../model/kosten.js';
import { didYouMean } from '../diagnostics/suggest.js';

/** An ID argument (`"I-01"`). */
export const IdArg = z.string().regex(/^[A-Za-z][A-Za-z0-9._-]*$/, { error: 'ist keine gültige ID (Buchstabe am Anfang, dann Buchstaben, Ziffern, „.“, „_“, „-“)' });

/** A year argument (`jahr="2020"`). */
export const JahrArg = z.string().regex(/^\d{4}$/, { error: 'muss eine Jahreszahl sein, z. B. jahr="2020"' });

/** Plain text as inline content. */
export const text = (value: string): Inline[] => [{ type: 'text', value }];

/** A named argument as the author wrote it, for messages. */
export const arg = (key: string, value: string): string => `${key}="${value}"`;

/** Named arguments back into call syntax (` handlungsfeld="HF-SOZ" jahr="2020"`). */
export function namedToCall(named: Record<string, string | undefined>): string {
  return Object.entries(named).filter(([, v]) => v !== undefined).map(([k, v]) => ` ${k}="${v}"`).join('');
}

/** Per model: the Finanzierungen its cost entries name, sorted (every call with `finanzierung` asks). */
const finanzierungenOf = new WeakMap<Model, string[]>();

/** A Finanzierung no cost entry names would silently sum to 0,00 €: report it with the known ones. */
export function finanzierungProblems(model: Model, finanzierung: string | undefined): string[] {
  if (finanzierung === undefined) return [];
  let known = finanzierungenOf.get(model);
  if (!known) {
    known = [...new Set(model.collections.massnahmen.flatMap((m) => kostenList(m.value.kosten).flatMap((k) => (k.finanzierung ? [k.finanzierung] : []))))].sort();
    finanzierungenOf.set(model, known);
  }
  return known.includes(finanzierung) ? [] : [`keine Kosten mit der Finanzierung „${finanzierung}“${didYouMean(finanzierung, known)}; vorhanden: ${known.join(', ') || 'keine'}`];
}
