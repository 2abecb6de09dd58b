/**
 * Field-level diff of two YAML values of the same kind (an entity, a Vorlage's front matter,
 * konzept.yaml): nested fields by path (`basis.wert`), lists of IDs as added/removed items,
 * lists of records row by row, `kosten` with the euro difference, Markdown fields by
 * paragraph and word. What a field means (a reference, Markdown) comes from the spec's field
 * names (content-model.md sections 1 and 4).
 */
import { isDeepStrictEqual } from 'node:util';
import { REFERENCE_FIELDS, markdownKeys } from '../model/fields.js';
import { cents, kostenList, kostenSumme } from '../model/kosten.js';
import { COLLECTION_SCHEMAS, KonzeptFileSchema, VorlageFrontMatterSchema, type CollectionName } from '../model/schemas.js';
import { align } from './align.js';
import { diffMarkdown, diffBlocks, entryBlocks, wordSegments } from './narrative.js';
import type { FieldChange, ItemsChange, Json, PathSegment, RefItem, RowChange, RowsChange, ValueChange } from './report.js';
import { canonicalKey, isRecord, similarity, without, words } from './similarity.js';

/** Fields in which Markdown is allowed, and lists whose entries are Markdown texts (declared in the schemas). */
const { fields: MARKDOWN_FIELDS, lists: MARKDOWN_LISTS } = markdownKeys([...Object.values(COLLECTION_SCHEMAS), KonzeptFileSchema, VorlageFrontMatterSchema]);
/** Texts with at least this many words get a word-level diff besides old → new. */
const LONG_TEXT_WORDS = 8;
/** Rows of a list alike at least this much count as one changed row. */
const ROW_EDIT_THRESHOLD = 0.5;

/** Old ID → new ID of renamed entities, per collection. */
export type Renames = Partial<Record<CollectionName, ReadonlyMap<string, string>>>;

/** What the field diff needs to know beyond the two values. */
export interface FieldContext {
  /** Collection of the entity compared; null for documents (front matter, konzept.yaml). */
  collection: CollectionName | null;
  renames: Renames;
  /** Title of an entity in the old or the new revision, or null. */
  label(side: 'old' | 'new', collection: CollectionName, id: string): string | null;
}

/** `['basis', 'wert']` → `basis.wert`; `['beratungsfolge', 2, 'sitzung']` → `beratungsfolge[2].sitzung`. */
export function formatField(path: readonly PathSegment[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : (out ? '.' : '') + p;
  return out;
}

const isScalar = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);
const isScalarList = (v: unknown): v is Json[] => Array.isArray(v) && v.every(isScalar);
const isRecordList = (v: unknown): v is Array<Record<string, Json>> => Array.isArray(v) && v.every(isRecord);
const isTextOrNone = (v: unknown) => v === undefined || typeof v === 'string';
const isTextListOrNone = (v: unknown) => v === undefined || (Array.isArray(v) && v.every((x) => typeof x === 'string'));

/**
 * Every changed field between `a` and `b`, which stand at `path`. `base` is the length of the
 * path of the parent change, so that `field` is shown relative to it.
 */
export function diffFields(a: unknown, b: unknown, ctx: FieldContext, path: PathSegment[] = [], base = path.length): FieldChange[] {
  // Key order does not count; NaN (YAML `.nan`) equals itself, 0 and -0 differ.
  if (isDeepStrictEqual(a, b)) return [];
  const field = formatField(path.slice(base));
  // The field path without list indexes, for looking up what a field is.
  const keys = path.filter((p): p is string => typeof p === 'string');
  const key = keys.join('.');
  const last = keys.at(-1);
  // A reference field (declared in the schemas) of the entity's collection, by its path without list indexes.
  const refTo = REFERENCE_FIELDS.find((r) => r.from === ctx.collection && r.field === key)?.to ?? null;

  if (ctx.collection === 'massnahmen' && key === 'kosten' && path.length === 1) return [kostenChange(a, b, ctx, path, field)];
  if (last && MARKDOWN_FIELDS.has(last) && typeof path[path.length - 1] === 'string' && isTextOrNone(a) && isTextOrNone(b)) {
    return [{ type: 'text', path, field, paragraphs: diffMarkdown(a as string | undefined, b as string | undefined) }];
  }
  if (last && MARKDOWN_LISTS.has(last) && isTextListOrNone(a) && isTextListOrNone(b)) {
    return [{ type: 'text', path, field, paragraphs: diffBlocks(entryBlocks((a as string[]) ?? []), entryBlocks((b as string[]) ?? [])) }];
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = [...Object.keys(b), ...Object.keys(a).filter((k) => !(k in b))];
    return keys.flatMap((k) => diffFields(a[k], b[k], ctx, [...path, k], base));
  }
  const listA = a === undefined ? [] : a;
  const listB = b === undefined ? [] : b;
  if (isScalarList(listA) && isScalarList(listB) && (Array.isArray(a) || Array.isArray(b))) {
    return [itemsChange(listA, listB, refTo, ctx, path, field)];
  }
  if (isRecordList(listA) && isRecordList(listB) && (Array.isArray(a) || Array.isArray(b))) {
    return [{ type: 'rows', path, field, rows: diffRows(listA, listB, ctx, path, rowLabel) }];
  }
  return [valueChange(a, b, refTo, ctx, path, field)];
}

function valueChange(a: unknown, b: unknown, refTo: CollectionName | null, ctx: FieldContext, path: PathSegment[], field: string): ValueChange {
  const change: ValueChange = { type: 'value', path, field };
  if (a !== undefined) change.old = a as Json;
  if (b !== undefined) change.new = b as Json;
  if (typeof a === 'string' && typeof b === 'string' && Math.max(words(a).length, words(b).length) >= LONG_TEXT_WORDS) {
    change.segments = wordSegments(a, b);
  }
  if (refTo && isTextOrNone(a) && isTextOrNone(b)) {
    const followsRename = typeof a === 'string' && ctx.renames[refTo]?.get(a) === b;
    change.ref = {
      collection: refTo,
      old: typeof a === 'string' ? { id: a, label: ctx.label('old', refTo, a) } : null,
      new: typeof b === 'string' ? { id: b, label: ctx.label('new', refTo, b) } : null,
      followsRename,
    };
  }
  return change;
}

function itemsChange(a: Json[], b: Json[], refTo: CollectionName | null, ctx: FieldContext, path: PathSegment[], field: string): ItemsChange {
  const sa = a.map(String);
  const sb = b.map(String);
  const removedIds = without(sa, sb);
  const addedIds = without(sb, sa);
  const oldItem = (id: string): RefItem => ({ id, label: refTo ? ctx.label('old', refTo, id) : null });
  const newItem = (id: string): RefItem => ({ id, label: refTo ? ctx.label('new', refTo, id) : null });
  const renamed: ItemsChange['renamed'] = [];
  const renameMap = refTo ? ctx.renames[refTo] : undefined;
  const stillRemoved: string[] = [];
  for (const r of removedIds) {
    const to = renameMap?.get(r);
    const at = to === undefined ? -1 : addedIds.indexOf(to);
    if (at === -1) stillRemoved.push(r);
    else {
      renamed.push({ from: oldItem(r), to: newItem(to!) });
      addedIds.splice(at, 1);
    }
  }
  // Order: the items both lists share (renamed ones under their new ID) in the same order?
  const rename = (x: string) => renameMap?.get(x) ?? x;
  const sharedOld = sa.map(rename).filter((x) => sb.includes(x));
  const sharedNew = sb.filter((x) => sharedOld.includes(x));
  return {
    type: 'items',
    path,
    field,
    collection: refTo,
    added: addedIds.map(newItem),
    removed: stillRemoved.map(oldItem),
    renamed,
    reordered: sharedOld.join('\u0000') !== sharedNew.join('\u0000'),
    old: a,
    new: b,
  };
}

/** What a row of a list is, for the reader: its Gremium, Titel, Funktion, Stichtag … */
export function rowLabel(v: Record<string, Json>): string {
  for (const k of ['gremium', 'titel', 'funktion', 'name', 'stichtag']) {
    const x = v[k];
    if (typeof x === 'string' && x) return typeof v.sozialraum === 'string' ? `${x}, ${v.sozialraum}` : x;
  }
  return '';
}

function kostenLabel(v: Record<string, Json>): string {
  return [v.jahr, v.finanzierung].filter((x) => x !== undefined && x !== null && x !== '').join(', ');
}

/** Aligns two lists of records; alike rows at the same place are one changed row. */
function diffRows(a: Array<Record<string, Json>>, b: Array<Record<string, Json>>, ctx: FieldContext, path: PathSegment[], label: (v: Record<string, Json>) => string): RowChange[] {
  return align(a, b, { key: canonicalKey, similarity: (x, y) => similarity(x, y), editThreshold: ROW_EDIT_THRESHOLD, moveThreshold: null }).map((o): RowChange => {
    switch (o.op) {
      case 'removed':
        return { op: 'removed', index: null, oldIndex: o.ai, label: label(a[o.ai]), old: a[o.ai] };
      case 'added':
        return { op: 'added', index: o.bi, oldIndex: null, label: label(b[o.bi]), new: b[o.bi] };
      case 'changed':
        return { op: 'changed', index: o.bi, oldIndex: o.ai, label: label(b[o.bi]), old: a[o.ai], new: b[o.bi], changes: diffFields(a[o.ai], b[o.bi], ctx, [...path, o.bi], path.length + 1) };
      case 'moved':
        return { op: 'moved', index: o.bi, oldIndex: o.ai, label: label(b[o.bi]), new: b[o.bi] };
    }
  });
}

function kostenChange(a: unknown, b: unknown, ctx: FieldContext, path: PathSegment[], field: string): RowsChange {
  const la = kostenList(a) as unknown as Array<Record<string, Json>>;
  const lb = kostenList(b) as unknown as Array<Record<string, Json>>;
  const before = kostenSumme(la);
  const after = kostenSumme(lb);
  return { type: 'rows', path, field, rows: diffRows(la, lb, ctx, path, kostenLabel), sum: { old: before, new: after, delta: cents(after - before) } };
}
