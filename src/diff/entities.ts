/**
 * Entity diff: the entries of every collection matched by ID across two revisions. Added,
 * removed, changed (every changed field), and renamed: an ID that disappeared while a new ID
 * with the same or nearly the same content appeared. Entities are compared as written in the
 * YAML, so an entry that fails its schema in one revision is still compared (and flagged).
 */
import { COLLECTION_NAMES, ENTITY_LABEL, type CollectionName } from '../model/schemas.js';
import { compareNatural } from '../render/html/natural-sort.js';
import { display } from '../document/labels.js';
import { diffFields, type FieldContext, type Renames } from './fields.js';
import type { EntityDiff, Json, NotCompared, Place } from './report.js';
import type { Side } from './revision.js';
import { isRecord, omit, pairBySimilarity, similarity } from './similarity.js';

/** An entity, chapter or Vorlage that vanished and a new one that appeared count as one renamed at or above this similarity. */
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
export function fieldContext(collection: CollectionName | null, ents: Pick<EntityComparison, 'renames' | 'old' | 'new'>): FieldContext {
  const label = (side: 'old' | 'new', c: CollectionName, id: string) => {
    const r = ents[side][c].get(id);
    return r ? entityLabel(c, r.value) || null : null;
  };
  return { collection, renames: ents.renames, label };
}

function handlungsfeldOf(collection: CollectionName, value: Record<string, Json>): string | null {
  if (collection === 'handlungsfelder') return typeof value.id === 'string' ? value.id : null;
  return typeof value.handlungsfeld === 'string' ? value.handlungsfeld : null;
}

/**
 * Matches the entries of two sides by key: `same` under the same key, `renamed` an entry gone
 * and a new one alike at or above `threshold` (with their similarity), the rest `removed` and
 * `added`. An entry whose file the other side cannot read is neither: it is not compared,
 * named (by `what`) in `notCompared` and its key listed in `uncompared`.
 */
export function matchByKey<T>(
  a: Side, b: Side, ma: ReadonlyMap<string, T>, mb: ReadonlyMap<string, T>,
  opts: { file: (x: T) => string; what: (key: string) => string; similarity: (x: T, y: T) => number; threshold: number },
) {
  const notCompared: NotCompared[] = [];
  const uncompared: string[] = [];
  const onlyIn = (mine: ReadonlyMap<string, T>, theirs: ReadonlyMap<string, T>, other: Side): T[] => {
    const list: T[] = [];
    for (const [key, x] of mine) {
      if (theirs.has(key)) continue;
      // Its file could not be read on the other side: unknown, not removed or added.
      if (other.unreadable.has(opts.file(x))) {
        notCompared.push({ what: opts.what(key), reason: `${opts.file(x)} ist in ${other.info.label} nicht lesbar` });
        uncompared.push(key);
      } else list.push(x);
    }
    return list;
  };
  const removed = onlyIn(ma, mb, b);
  const added = onlyIn(mb, ma, a);
  const renamed = pairBySimilarity(removed, added, opts.similarity, opts.threshold).map((p): [T, T, number] => [removed[p.a], added[p.b], p.score]);
  const paired = new Set(renamed.flatMap(([x, y]) => [x, y]));
  return {
    same: [...ma].flatMap(([key, x]): Array<[T, T]> => (mb.has(key) ? [[x, mb.get(key)!]] : [])),
    renamed,
    removed: removed.filter((x) => !paired.has(x)),
    added: added.filter((y) => !paired.has(y)),
    notCompared,
    uncompared,
  };
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
  const matched = COLLECTION_NAMES.map((name) => {
    const m = matchByKey(a, b, ea[name], eb[name], {
      file: (r) => r.place.file,
      what: (id) => `${ENTITY_LABEL[name]} „${id}“`,
      similarity: (x, y) => similarity(x.value, y.value, ['id']),
      threshold: RENAME_THRESHOLD,
    });
    notCompared.push(...m.notCompared);
    for (const id of m.uncompared) uncompared.add(`${name}:${id}`);
    renames[name] = new Map(m.renamed.map(([x, y]) => [x.id, y.id]));
    return { collection: name, ...m };
  });

  const entities: EntityDiff[] = [];
  for (const { collection, same, renamed, removed, added } of matched) {
    const ctx = fieldContext(collection, { renames, old: ea, new: eb });
    const entry = (status: EntityDiff['status'], x: EntityRecord | null, y: EntityRecord | null, score: number | null = null): EntityDiff => {
      const v = (y ?? x)!;
      const label = entityLabel(collection, v.value);
      const oldLabel = x && entityLabel(collection, x.value);
      return {
        status,
        collection,
        id: v.id,
        oldId: status === 'renamed' ? x!.id : null,
        label,
        oldLabel: status === 'renamed' && oldLabel !== label ? oldLabel : null,
        handlungsfeld: handlungsfeldOf(collection, v.value),
        oldHandlungsfeld: x && y ? handlungsfeldOf(collection, x.value) : null,
        place: y ? y.place : null,
        oldPlace: x ? x.place : null,
        value: x && y ? null : v.value,
        changes: x && y ? diffFields(omit(x.value, ['id']), omit(y.value, ['id']), ctx) : [],
        similarity: score === null ? null : Math.round(score * 1000) / 1000,
        invalidOld: x ? !x.valid : false,
        invalidNew: y ? !y.valid : false,
      };
    };
    const list = [
      ...same.map(([x, y]) => entry('changed', x, y)).filter((e) => e.changes.length || e.place!.file !== e.oldPlace!.file),
      ...renamed.map(([x, y, score]) => entry('renamed', x, y, score)),
      ...removed.map((x) => entry('removed', x, null)),
      ...added.map((y) => entry('added', null, y)),
    ];
    list.sort((p, q) => compareNatural(p.id, q.id) || compareNatural(p.oldId ?? '', q.oldId ?? ''));
    entities.push(...list);
  }
  return { entities, renames, notCompared, uncompared, old: ea, new: eb };
}
