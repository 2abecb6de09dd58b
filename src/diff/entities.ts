/**
 * Entity diff: the entries of every collection matched by ID across two revisions. Added,
 * removed, changed (every changed field), and renamed: an ID that disappeared while a new ID
 * with the same or nearly the same content appeared. Entities are compared as written in the
 * YAML, so an entry that fails its schema in one revision is still compared (and flagged).
 */
import { COLLECTION_NAMES, type CollectionName } from '../model/schemas.js';
import { compareNatural } from '../render/html/natural-sort.js';
import { display } from '../document/labels.js';
import { diffFields, type FieldContext, type Renames } from './fields.js';
import type { EntityDiff, Json, NotCompared, Place } from './report.js';
import type { Side } from './revision.js';
import { isRecord, pairBySimilarity, similarity } from './similarity.js';
import { ENTITY_LABEL } from '../model/schemas.js';

/** An ID that vanished and one that appeared count as one renamed entity at or above this similarity. */
export const RENAME_THRESHOLD = 0.75;

/** One entry of a collection as written. */
export interface EntityRecord {
  collection: CollectionName;
  id: string;
  value: Record<string, Json>;
  place: Place;
  /** False when the entry failed its schema (it is then missing from the model). */
  valid: boolean;
}

export type EntityTable = Record<CollectionName, Map<string, EntityRecord>>;

/** Every entry of every collection file, by ID; of a duplicated ID the first (in file order) counts, as in the model. */
export function collectEntities(side: Side): EntityTable {
  const table = Object.fromEntries(COLLECTION_NAMES.map((n) => [n, new Map<string, EntityRecord>()])) as EntityTable;
  for (const f of side.raw.yamlFiles) {
    if (f.kind !== 'collection' || !isRecord(f.value)) continue;
    for (const name of COLLECTION_NAMES) {
      const list = f.value[name];
      if (!Array.isArray(list)) continue;
      list.forEach((item, i) => {
        if (!isRecord(item) || typeof item.id !== 'string') return;
        const map = table[name];
        if (map.has(item.id)) return;
        map.set(item.id, {
          collection: name,
          id: item.id,
          value: item as Record<string, Json>,
          place: { file: f.file, line: f.locations.valueAt([name, i]).line },
          valid: (side.index[name] as Map<string, unknown>).has(item.id),
        });
      });
    }
  }
  return table;
}

/** The title of an entity for the reader. */
export function entityLabel(collection: CollectionName, value: Record<string, Json>): string {
  if (typeof value.titel === 'string') return value.titel;
  if (typeof value.name === 'string') return value.name;
  if (collection === 'interviews' && typeof value.zielgruppe === 'string') return `Interviews ${display(value.zielgruppe)}`;
  return '';
}

/** The field diff's context: titles of referenced entities looked up on either side. */
export function fieldContext(collection: CollectionName | null, renames: Renames, ea: EntityTable, eb: EntityTable): FieldContext {
  const label = (table: EntityTable) => (c: CollectionName, id: string) => {
    const r = table[c].get(id);
    return r ? entityLabel(c, r.value) || null : null;
  };
  return { collection, renames, labelOld: label(ea), labelNew: label(eb) };
}

function handlungsfeldOf(collection: CollectionName, value: Record<string, Json>): string | null {
  if (collection === 'handlungsfelder') return typeof value.id === 'string' ? value.id : null;
  return typeof value.handlungsfeld === 'string' ? value.handlungsfeld : null;
}

function withoutId(v: Record<string, Json>): Record<string, Json> {
  const { id: _id, ...rest } = v;
  return rest;
}

/** The result of comparing every collection. */
export interface EntityComparison {
  entities: EntityDiff[];
  renames: Renames;
  notCompared: NotCompared[];
  /** `collection:id` of the entities that could not be compared (their file is unreadable on one side). */
  uncompared: ReadonlySet<string>;
  old: EntityTable;
  new: EntityTable;
}

/** Compares the collections of two sides. */
export function diffEntities(a: Side, b: Side): EntityComparison {
  const ea = collectEntities(a);
  const eb = collectEntities(b);
  const renames: Record<string, Map<string, string>> = {};
  const notCompared: NotCompared[] = [];
  const uncompared = new Set<string>();
  const pending: Array<{ collection: CollectionName; removed: EntityRecord[]; added: EntityRecord[]; pairs: Array<[EntityRecord, EntityRecord, number]> }> = [];

  for (const name of COLLECTION_NAMES) {
    const removed: EntityRecord[] = [];
    const added: EntityRecord[] = [];
    for (const [id, r] of ea[name]) {
      if (eb[name].has(id)) continue;
      // Its file could not be read in the new revision: unknown, not removed.
      if (b.unreadable.has(r.place.file)) {
        notCompared.push({ what: `${ENTITY_LABEL[name]} „${id}“`, reason: `${r.place.file} ist in ${b.info.label} nicht lesbar` });
        uncompared.add(`${name}:${id}`);
      } else removed.push(r);
    }
    for (const [id, r] of eb[name]) {
      if (ea[name].has(id)) continue;
      if (a.unreadable.has(r.place.file)) {
        notCompared.push({ what: `${ENTITY_LABEL[name]} „${id}“`, reason: `${r.place.file} ist in ${a.info.label} nicht lesbar` });
        uncompared.add(`${name}:${id}`);
      } else added.push(r);
    }
    const pairs = pairBySimilarity(removed, added, (x, y) => similarity(x.value, y.value, ['id']), RENAME_THRESHOLD).map(
      (p): [EntityRecord, EntityRecord, number] => [removed[p.a], added[p.b], p.score],
    );
    const map = new Map<string, string>();
    for (const [x, y] of pairs) map.set(x.id, y.id);
    renames[name] = map;
    const paired = new Set(pairs.flatMap(([x, y]) => [x, y]));
    pending.push({ collection: name, removed: removed.filter((r) => !paired.has(r)), added: added.filter((r) => !paired.has(r)), pairs });
  }

  const entities: EntityDiff[] = [];
  for (const { collection, removed, added, pairs } of pending) {
    const ctx = fieldContext(collection, renames, ea, eb);
    const list: EntityDiff[] = [];
    const base = (x: EntityRecord | null, y: EntityRecord | null) => ({
      collection,
      id: (y ?? x)!.id,
      oldId: null as string | null,
      label: entityLabel(collection, (y ?? x)!.value),
      oldLabel: null as string | null,
      handlungsfeld: handlungsfeldOf(collection, (y ?? x)!.value),
      oldHandlungsfeld: x && y ? handlungsfeldOf(collection, x.value) : null,
      place: y ? y.place : null,
      oldPlace: x ? x.place : null,
      value: null as Json | null,
      changes: [] as EntityDiff['changes'],
      similarity: null as number | null,
      invalidOld: x ? !x.valid : false,
      invalidNew: y ? !y.valid : false,
    });
    for (const [id, x] of ea[collection]) {
      const y = eb[collection].get(id);
      if (!y) continue;
      const changes = diffFields(withoutId(x.value), withoutId(y.value), ctx);
      if (!changes.length && x.place.file === y.place.file) continue;
      list.push({ ...base(x, y), status: 'changed', changes });
    }
    for (const [x, y, score] of pairs) {
      const oldLabel = entityLabel(collection, x.value);
      list.push({
        ...base(x, y),
        status: 'renamed',
        oldId: x.id,
        oldLabel: oldLabel === entityLabel(collection, y.value) ? null : oldLabel,
        changes: diffFields(withoutId(x.value), withoutId(y.value), ctx),
        similarity: Math.round(score * 1000) / 1000,
      });
    }
    for (const x of removed) list.push({ ...base(x, null), status: 'removed', value: x.value });
    for (const y of added) list.push({ ...base(null, y), status: 'added', value: y.value });
    list.sort((p, q) => compareNatural(p.id, q.id) || compareNatural(p.oldId ?? '', q.oldId ?? ''));
    entities.push(...list);
  }
  return { entities, renames, notCompared, uncompared, old: ea, new: eb };
}
