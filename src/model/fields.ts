/**
 * The field facts of `schemas.ts` (`reference(…)`, `markdown(…)`) as tables: which fields of
 * a schema are references and to which collection, which are Markdown. Found by walking the
 * zod schemas, so a field declared as a reference is checked, diffed and shown as one
 * without being listed anywhere else.
 */
import type { z } from 'zod';
import { COLLECTION_NAMES, COLLECTION_SCHEMAS, FIELD_FACTS, type CollectionName, type FieldFact } from './schemas.js';

/** A field with a fact: its path of keys below the entity (list levels left out); `list`: the field is a list of such values. */
export interface FactField { path: string[]; fact: FieldFact; list: boolean }

/** Every field of `schema` that carries a fact, in declaration order. */
export function fieldsWithFacts(schema: z.ZodType): FactField[] {
  const out: FactField[] = [];
  const walk = (s: z.ZodType, path: string[], list: boolean) => {
    const fact = FIELD_FACTS.get(s);
    if (fact) out.push({ path, fact, list });
    const def = (s as unknown as { _zod: { def: { type: string; innerType?: z.ZodType; element?: z.ZodType; shape?: Record<string, z.ZodType>; options?: z.ZodType[]; valueType?: z.ZodType } } })._zod.def;
    if (def.innerType) walk(def.innerType, path, list);
    if (def.type === 'array' && def.element) walk(def.element, path, true);
    if (def.type === 'object' && def.shape) for (const [key, field] of Object.entries(def.shape)) walk(field, [...path, key], false);
    if (def.type === 'union' && def.options) for (const option of def.options) walk(option, path, list);
    if (def.type === 'record' && def.valueType) walk(def.valueType, path, list);
  };
  walk(schema, [], false);
  return out;
}

/** A reference field of a collection: dotted path (`messungen.sozialraum`) and the collection it names. */
export interface ReferenceField { from: CollectionName; field: string; path: string[]; to: CollectionName }

/** Every reference field of every collection. */
export const REFERENCE_FIELDS: readonly ReferenceField[] = COLLECTION_NAMES.flatMap((from) =>
  fieldsWithFacts(COLLECTION_SCHEMAS[from]).flatMap(({ path, fact }) => ('reference' in fact ? [{ from, field: path.join('.'), path, to: fact.reference }] : [])));

/** The values at `path` below `value`, each with its full sub-path (list indexes included). */
export function valuesAt(value: unknown, path: readonly string[], sub: Array<string | number> = []): Array<{ value: unknown; sub: Array<string | number> }> {
  if (Array.isArray(value)) return value.flatMap((v, i) => valuesAt(v, path, [...sub, i]));
  if (path.length === 0) return value === undefined ? [] : [{ value, sub }];
  if (!value || typeof value !== 'object') return [];
  return valuesAt((value as Record<string, unknown>)[path[0]], path.slice(1), [...sub, path[0]]);
}

/** Keys of Markdown fields (the last key of their path), and of lists whose entries are Markdown, over the given schemas. */
export function markdownKeys(schemas: readonly z.ZodType[]): { fields: Set<string>; lists: Set<string> } {
  const fields = new Set<string>();
  const lists = new Set<string>();
  for (const { path, fact, list } of schemas.flatMap(fieldsWithFacts)) {
    if ('markdown' in fact && path.length > 0) (list ? lists : fields).add(path[path.length - 1]);
  }
  return { fields, lists };
}
