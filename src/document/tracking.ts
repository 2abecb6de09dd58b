/**
 * What a document read while its tree was built, so a rebuild can tell whether the tree
 * would come out the same (the source-level cache, issue 19 point 4).
 *
 * The builders get the content model through {@link ReadTracker.wrap}: proxies that note
 * every value read (a field's text, a list's length, whether a key exists, a map's keys) by
 * its path from a root (`model`, `index`, the document's own entity `self`, …). Only what
 * was read is recorded, at the finest level: a Vorlage that filters the measures by
 * Handlungsfeld depends on every measure's `handlungsfeld`, not on their titles. A rebuild
 * resolves the same paths in the new model ({@link readsStillHold}); if every value is the
 * same, the tree is the same, because a builder is a function of what it reads.
 *
 * Positions in files (`locations`, `locate`) are not tracked: they only place diagnostics,
 * and a document whose build reported anything is never cached (see the pipeline).
 */
import { createHash } from 'node:crypto';

/** One step of a path: a property (object key or array index) or a Map/Set entry. */
export type Step = string | { entry: string | number };

/** What was learnt at a path: its value (primitives), its keys, whether a key exists, or all of it. */
export type ReadKind = 'value' | 'keys' | 'has' | 'deep';

/** One recorded read: root name, path below it, kind, and a digest of what was seen. */
export interface Read { root: string; path: Step[]; kind: ReadKind; seen: string }

/** Properties that only locate text in its file (diagnostics), never shape a tree. */
const POSITION_ONLY = new Set(['locations', 'locate']);

const isPlain = (v: object): boolean => {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === Array.prototype || proto === null;
};

/** Stable text of any model value: key order as stored, Maps and Sets as entry lists, Dates as ISO. */
export function stableText(value: unknown): string {
  return JSON.stringify(value, function (this: unknown, key: string, v: unknown) {
    if (POSITION_ONLY.has(key)) return undefined;
    const raw = (this as Record<string, unknown>)?.[key];
    if (raw instanceof Date) return { $date: Number.isNaN(raw.getTime()) ? 'invalid' : raw.toISOString() };
    if (v instanceof Map) return { $map: [...v.entries()] };
    if (v instanceof Set) return { $set: [...v.values()] };
    if (v === undefined) return { $undefined: true };
    if (typeof v === 'function') return undefined;
    return v;
  }) ?? 'undefined';
}

/** What a read at `value` saw, as a short digest. */
function digest(kind: ReadKind, value: unknown, key?: string | number): string {
  let text: string;
  if (kind === 'has') {
    text = String(value instanceof Map || value instanceof Set ? value.has(key) : value !== null && typeof value === 'object' ? (key as string) in value : false);
  } else if (kind === 'keys') {
    text = value instanceof Map ? JSON.stringify([...value.keys()]) : value instanceof Set ? stableText(value) : value !== null && typeof value === 'object' ? JSON.stringify(Reflect.ownKeys(value).filter((k) => typeof k === 'string')) : `not-object:${typeof value}`;
  } else if (kind === 'value') {
    text = value === null || typeof value !== 'object' ? `${typeof value}:${typeof value === 'string' ? value : String(value)}` : value instanceof Date ? `date:${value.toISOString()}` : `object:${stableText(value)}`;
  } else {
    text = stableText(value);
  }
  return text.length <= 64 ? text : createHash('sha1').update(text).digest('base64');
}

/**
 * A document's reads as a tree of their paths, the form the source cache stores: each step
 * once, with what was seen at it by kind. A Vorlage at ten times the example reads some
 * 3,600 values, most of them below `model.collections.massnahmen`; as a list of whole paths
 * its entry was 430 kB of JSON, and a rebuild parsed 45 MB of it. The tree is less than
 * half of that, and a rebuild resolves each step once, not once per read below it.
 */
export interface ReadNode {
  /** Kind → digest of what a read of that kind saw here. */
  seen?: Partial<Record<ReadKind, string>>;
  /** Property steps (object keys, array indexes). */
  props?: Record<string, ReadNode>;
  /** Map or Set entry steps: the entry's key and the node below it. */
  entries?: Array<[string | number, ReadNode]>;
}

/** Root name → the reads below it. */
export type ReadTree = Record<string, ReadNode>;

/** The tree of `reads`. */
export function readTree(reads: readonly Read[]): ReadTree {
  // No prototype: a model key may be any text, `__proto__` too.
  const tree: ReadTree = Object.create(null);
  const entryNodes = new Map<ReadNode, Map<string | number, ReadNode>>();
  for (const read of reads) {
    let node = (tree[read.root] ??= {});
    for (const step of read.path) {
      if (typeof step === 'object') {
        let byKey = entryNodes.get(node);
        if (!byKey) entryNodes.set(node, (byKey = new Map()));
        let child = byKey.get(step.entry);
        if (!child) {
          byKey.set(step.entry, (child = {}));
          (node.entries ??= []).push([step.entry, child]);
        }
        node = child;
      } else {
        node = ((node.props ??= Object.create(null) as Record<string, ReadNode>)[step] ??= {});
      }
    }
    (node.seen ??= {})[read.kind] = read.seen;
  }
  return tree;
}

/** One step down from `value` (undefined where the path leaves the data). */
function stepInto(value: unknown, step: Step): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof step === 'object') return value instanceof Map ? value.get(step.entry) : value instanceof Set ? value.has(step.entry) : undefined;
  return typeof value === 'object' || typeof value === 'function' ? (value as Record<string, unknown>)[step] : undefined;
}

/**
 * Whether every read still sees what it saw, with `roots` the new values of the roots
 * (a root that no longer exists is `undefined`).
 */
export function readsStillHold(tree: ReadTree, roots: Readonly<Record<string, unknown>>): boolean {
  for (const root of Object.keys(tree)) {
    if (!(root in roots)) return false;
    if (!nodeHolds(tree[root], roots[root], roots[root], undefined)) return false;
  }
  return true;
}

/**
 * Whether the reads at and below `node` hold, `value` being what is at its path now and
 * `parent` what is one step up (`has` asks the parent whether it holds the step's key).
 */
function nodeHolds(node: ReadNode, value: unknown, parent: unknown, key: string | number | undefined): boolean {
  for (const [kind, seen] of Object.entries(node.seen ?? {}) as Array<[ReadKind, string]>) {
    if ((kind === 'has' ? digest('has', parent, key) : digest(kind, value, undefined)) !== seen) return false;
  }
  for (const [step, child] of Object.entries(node.props ?? {})) {
    if (!nodeHolds(child, stepInto(value, step), value, step)) return false;
  }
  for (const [entry, child] of node.entries ?? []) {
    if (!nodeHolds(child, stepInto(value, { entry }), value, entry)) return false;
  }
  return true;
}

/** Every tracked view handed out: its tracker and place. */
const views = new WeakMap<object, { tracker: ReadTracker; node: Node }>();

/** Results of {@link sharedRead}: without tracking, and with the reads that made them. */
const plainMemo = new WeakMap<object, Map<string, unknown>>();
const trackedMemo = new WeakMap<object, Map<string, { result: unknown; reads: ReadTracker }>>();

/**
 * `compute(value)` once per object and `key`, shared by every document of a build (a
 * time plan many Vorlagen show, the Konzept's anchors). Given a tracked view, the
 * computation runs once on a view of its own, and the reads it made are added to each
 * document that uses the result, so sharing loses no dependency.
 */
export function sharedRead<T extends object, R>(value: T, key: string, compute: (value: T) => R): R {
  const info = views.get(value);
  if (!info) {
    let byKey = plainMemo.get(value);
    if (!byKey) plainMemo.set(value, (byKey = new Map()));
    if (!byKey.has(key)) byKey.set(key, compute(value));
    return byKey.get(key) as R;
  }
  const raw = info.node.raw as T;
  let byKey = trackedMemo.get(raw);
  if (!byKey) trackedMemo.set(raw, (byKey = new Map()));
  let entry = byKey.get(key);
  if (!entry) {
    const sub = new ReadTracker(info.tracker.entityLevel);
    const result = sub.unwrap(compute(sub.wrap('shared', raw)));
    byKey.set(key, (entry = { result, reads: sub }));
  }
  info.tracker.replay(entry.reads, info.node);
  return entry.result as R;
}

const VALUE = 1;
const KEYS = 2;
const DEEP = 4;

/** Records the reads of one document's build. */
export class ReadTracker {
  /** Raw object of every proxy handed out (to unwrap a tree that holds one). */
  private readonly targets = new WeakMap<object, Node>();
  /** Nodes with a read, in the order first read. */
  private readonly touched: Node[] = [];
  private readonly roots = new Map<string, Node>();

  /**
   * `entityLevel`: an entity of a collection (a measure, a goal) counts as read whole once
   * touched, instead of field by field. For a document that shows nearly every entity (the
   * Konzept) that is the same dependency, and reading through fewer proxies costs less.
   */
  constructor(readonly entityLevel = false) {}

  /** Shared computations whose reads this tracker has, by the place they were read at. */
  private readonly replayed = new WeakMap<ReadTracker, Set<Node>>();

  /** Adds the reads of `other` (made below its root) as reads below `at`. */
  replay(other: ReadTracker, at: Node): void {
    let places = this.replayed.get(other);
    if (!places) this.replayed.set(other, (places = new Set()));
    if (places.has(at)) return;
    places.add(at);
    for (const n of other.touched) {
      let node = at;
      for (const step of pathOf(n)) {
        const raw = node.raw;
        if (typeof step === 'object') node = entryChild(node, step.entry, raw instanceof Map ? raw.get(step.entry) : undefined);
        else node = child(node, step, raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>)[step] : undefined);
      }
      if (n.flags) this.note(node, n.flags);
      for (const key of n.has ?? []) this.noteHas(node, key);
    }
  }

  /** A tracked view of `value`, read as root `name`. */
  wrap<T>(name: string, value: T): T {
    let node = this.roots.get(name);
    if (!node) this.roots.set(name, (node = newNode(undefined, undefined, name, value)));
    return this.view(value, node) as T;
  }

  /** The reads so far, each with what it saw (digests of the values as they are now). */
  recorded(): Read[] {
    const out: Read[] = [];
    for (const node of this.touched) {
      const path = pathOf(node);
      const raw = node.raw;
      if (node.flags & DEEP) out.push({ root: node.root, path, kind: 'deep', seen: digest('deep', raw) });
      else {
        if (node.flags & VALUE) out.push({ root: node.root, path, kind: 'value', seen: digest('value', raw) });
        if (node.flags & KEYS) out.push({ root: node.root, path, kind: 'keys', seen: digest('keys', raw) });
        for (const key of node.has ?? []) out.push({ root: node.root, path: [...path, raw instanceof Map || raw instanceof Set ? { entry: key } : String(key)], kind: 'has', seen: digest('has', raw, key) });
      }
    }
    return out;
  }

  /**
   * `tree` with every proxy replaced by its raw object (a worker cannot be sent a proxy);
   * such an object is recorded as read in full, since a renderer will show any of it.
   */
  unwrap<T>(tree: T): T {
    const seen = new Map<object, unknown>();
    const walk = (v: unknown): unknown => {
      if (v === null || typeof v !== 'object') return v;
      const known = this.targets.get(v);
      if (known) {
        this.note(known, DEEP);
        return known.raw;
      }
      if (seen.has(v)) return seen.get(v);
      if (!isPlain(v)) return v;
      if (Array.isArray(v)) {
        let copy: unknown[] | undefined;
        v.forEach((x, i) => {
          const y = walk(x);
          if (y !== x) (copy ??= [...v])[i] = y;
        });
        seen.set(v, copy ?? v);
        return copy ?? v;
      }
      let copy: Record<string, unknown> | undefined;
      for (const [k, x] of Object.entries(v)) {
        const y = walk(x);
        if (y !== x) (copy ??= { ...(v as Record<string, unknown>) })[k] = y;
      }
      seen.set(v, copy ?? v);
      return copy ?? v;
    };
    return walk(tree) as T;
  }

  private note(node: Node, flag: number): void {
    if (!node.flags && !node.has) this.touched.push(node);
    node.flags |= flag;
  }

  private noteHas(node: Node, key: unknown): void {
    if (!node.flags && !node.has) this.touched.push(node);
    (node.has ??= new Set()).add(key as string | number);
  }

  /** The value to hand out for `value` read at `node`: primitives noted, objects proxied. */
  private view(value: unknown, node: Node): unknown {
    if (value === null || typeof value !== 'object') {
      if (typeof value !== 'function') this.note(node, VALUE);
      return value;
    }
    if (node.proxy) return node.proxy;
    if (this.entityLevel && isEntity(node)) {
      this.note(node, DEEP);
      return value;
    }
    if (value instanceof Date) {
      this.note(node, VALUE);
      return value;
    }
    const isMap = value instanceof Map;
    const isSet = value instanceof Set;
    if (!isMap && !isSet && !isPlain(value)) {
      this.note(node, DEEP);
      return value;
    }
    const proxy = isMap ? this.mapView(value, node) : isSet ? this.setView(value, node) : this.objectView(value, node);
    node.proxy = proxy;
    this.targets.set(proxy, node);
    views.set(proxy, { tracker: this, node });
    return proxy;
  }

  private objectView(target: object, node: Node): object {
    return new Proxy(target, {
      get: (t, key, receiver) => {
        if (typeof key === 'symbol') return Reflect.get(t, key, receiver);
        const desc = Reflect.getOwnPropertyDescriptor(t, key);
        if (!desc) {
          // Methods of arrays and objects are not data; a missing field is (its absence shows).
          if (key in t) return Reflect.get(t, key, receiver);
          this.note(child(node, key, undefined), VALUE);
          return undefined;
        }
        if (POSITION_ONLY.has(key)) return Reflect.get(t, key);
        const v = 'value' in desc ? desc.value : Reflect.get(t, key);
        const c = child(node, key, v);
        if (!desc.configurable && !desc.writable && v !== null && typeof v === 'object') {
          // A frozen property must hand out the very object: read it whole.
          this.note(c, DEEP);
          return v;
        }
        return this.view(v, c);
      },
      has: (t, key) => {
        if (typeof key !== 'symbol') this.noteHas(node, key);
        return Reflect.has(t, key);
      },
      ownKeys: (t) => {
        this.note(node, KEYS);
        return Reflect.ownKeys(t);
      },
      set: () => {
        throw new Error('a document builder wrote into the content model');
      },
      deleteProperty: () => {
        throw new Error('a document builder wrote into the content model');
      },
    });
  }

  private mapView(target: Map<unknown, unknown>, node: Node): object {
    const entry = (k: unknown) => entryChild(node, k, target.get(k));
    const entries = () => {
      this.note(node, KEYS);
      return [...target.entries()].map(([k, v]) => [k, this.view(v, entry(k))] as [unknown, unknown]);
    };
    const api: Record<string | symbol, unknown> = {
      get: (k: unknown) => {
        if (!target.has(k)) {
          this.noteHas(node, k);
          return undefined;
        }
        return this.view(target.get(k), entry(k));
      },
      has: (k: unknown) => {
        this.noteHas(node, k);
        return target.has(k);
      },
      keys: () => {
        this.note(node, KEYS);
        return target.keys();
      },
      values: () => entries().map(([, v]) => v)[Symbol.iterator](),
      entries: () => entries()[Symbol.iterator](),
      [Symbol.iterator]: () => entries()[Symbol.iterator](),
      forEach: (fn: (v: unknown, k: unknown, m: unknown) => void, self?: unknown) => entries().forEach(([k, v]) => fn.call(self, v, k, proxy)),
    };
    const proxy: object = new Proxy(target, {
      get: (t, key) => {
        if (key === 'size') {
          this.note(node, KEYS);
          return t.size;
        }
        if (key in api) return api[key];
        if (key === 'set' || key === 'delete' || key === 'clear') throw new Error('a document builder wrote into the content model');
        return Reflect.get(t, key);
      },
    });
    return proxy;
  }

  private setView(target: Set<unknown>, node: Node): object {
    const proxy: object = new Proxy(target, {
      get: (t, key) => {
        if (key === 'has') {
          return (k: unknown) => {
            this.noteHas(node, k);
            return t.has(k);
          };
        }
        if (key === 'add' || key === 'delete' || key === 'clear') throw new Error('a document builder wrote into the content model');
        // Anything else (size, iteration): the whole set.
        this.note(node, DEEP);
        const v = Reflect.get(t, key, t);
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(t) : v;
      },
    });
    return proxy;
  }
}

/** A place in the model a document read, with the value found there. */
interface Node {
  parent: Node | undefined;
  step: Step | undefined;
  root: string;
  raw: unknown;
  props?: Map<string, Node>;
  entries?: Map<unknown, Node>;
  proxy?: object;
  flags: number;
  has?: Set<string | number>;
}

/** An entity of a collection: `model.collections.massnahmen[3]` or `index.massnahmen.get(id)`. */
function isEntity(node: Node): boolean {
  const p = node.parent;
  if (node.root === 'index') return typeof node.step === 'object' && p?.parent !== undefined && p.parent.parent === undefined;
  return node.root === 'model' && p?.parent?.step === 'collections' && p.parent.parent?.parent === undefined;
}

function newNode(parent: Node | undefined, step: Step | undefined, root: string, raw: unknown): Node {
  return { parent, step, root, raw, flags: 0 };
}

function child(node: Node, key: string, raw: unknown): Node {
  let c = (node.props ??= new Map()).get(key);
  if (!c) node.props.set(key, (c = newNode(node, key, node.root, raw)));
  return c;
}

function entryChild(node: Node, key: unknown, raw: unknown): Node {
  let c = (node.entries ??= new Map()).get(key);
  if (!c) node.entries.set(key, (c = newNode(node, { entry: key as string | number }, node.root, raw)));
  return c;
}

function pathOf(node: Node): Step[] {
  const out: Step[] = [];
  for (let n: Node | undefined = node; n?.step !== undefined; n = n.parent) out.push(n.step);
  return out.reverse();
}
