/**
 * From a checked model to the document trees of every output document. Each kind of
 * document is one entry of {@link DOCUMENT_KINDS}: which trees it makes and what the index
 * page shows of each. A new kind (e.g. a report) is one builder module and one entry here.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDate } from '../format/german.js';
import type { Bericht, Model, ModelIndex, Vorlage } from '../model/model.js';
import type { Theme } from '../theme/theme.js';
import { BuildContext } from './context.js';
import { buildKonzept } from './konzept.js';
import { buildVorlage } from './vorlage.js';
import { buildBericht } from './bericht.js';
import type { DocumentTree } from './tree.js';
import type { ReadTracker } from './tracking.js';

/** What the index page shows of a document besides its title (text already formatted). */
export interface IndexFields { nummer?: string; art?: string; datum?: string }

/** One built document: its tree and its index fields. */
export interface BuiltDocument { tree: DocumentTree; index: IndexFields }

/** One kind of document. */
export interface DocumentKind {
  kind: DocumentTree['kind'];
  /** The documents of this kind in the model, by a name unique within the kind (file name). */
  names(model: Model): string[];
  /** The document's own entity (a Vorlage, a Bericht; the Konzept's definition). */
  self(model: Model, name: string): unknown;
  /** Builds one document from its own entity (as `self` gives it) with a context of its own. */
  build(self: never, ctx: BuildContext): BuiltDocument;
}

export const DOCUMENT_KINDS: readonly DocumentKind[] = [
  {
    kind: 'konzept',
    names: (model) => (model.konzept ? ['konzept'] : []),
    self: (model) => model.konzept,
    build: (_self: unknown, ctx: BuildContext) => {
      const tree = buildKonzept(ctx);
      return { tree, index: { art: 'Konzept', datum: formatDate(tree.meta.created.toISOString().slice(0, 10)) } };
    },
  },
  {
    kind: 'vorlage',
    names: (model) => model.vorlagen.map((v) => v.name),
    self: (model, name) => model.vorlagen.find((v) => v.name === name),
    build: (v: Vorlage, ctx: BuildContext) => {
      const { nummer, art, datum } = v.meta.value;
      return { tree: buildVorlage(v, ctx), index: { nummer, art, ...(datum ? { datum: formatDate(datum) } : {}) } };
    },
  },
  {
    kind: 'bericht',
    names: (model) => model.berichte.map((b) => b.name),
    self: (model, name) => model.berichte.find((b) => b.name === name),
    build: (b: Bericht, ctx: BuildContext) => ({ tree: buildBericht(b, ctx), index: { art: 'Sachstandsbericht', datum: formatDate(b.meta.value.stichtag) } }),
  },
];

/** One document of a build, before its tree exists: its kind and name. */
export interface DocumentSlot { kind: DocumentKind; name: string }

/** Every document the model makes, in index order (Konzept, Vorlagen, Berichte). */
export function documentSlots(model: Model): DocumentSlot[] {
  return DOCUMENT_KINDS.flatMap((kind) => kind.names(model).map((name) => ({ kind, name })));
}

/** What a tree was built from: the values the builder gets, as {@link ReadTracker} roots. */
export function buildRoots(model: Model, index: ModelIndex, fileSizes: ReadonlyMap<string, number>, slot: DocumentSlot): Record<string, unknown> {
  return { model, index, fileSizes, self: slot.kind.self(model, slot.name) };
}

/** Shared state of the documents of one build (diagnostics, places reported). */
export interface BuildState { diagnostics: Diagnostic[]; reported: Set<string> }

/**
 * Builds one document. With `tracker`, the builder sees the model through it, so the reads
 * are recorded (the returned tree holds no proxy).
 */
export function buildDocument(slot: DocumentSlot, model: Model, index: ModelIndex, theme: Theme, state: BuildState, fileSizes: ReadonlyMap<string, number> = new Map(), tracker?: ReadTracker): BuiltDocument {
  const roots = buildRoots(model, index, fileSizes, slot);
  const view = tracker ? Object.fromEntries(Object.entries(roots).map(([k, v]) => [k, tracker.wrap(k, v)])) : roots;
  const ctx = new BuildContext(view.model as Model, view.index as ModelIndex, theme, state.diagnostics, state.reported, view.fileSizes as ReadonlyMap<string, number>);
  const built = slot.kind.build(view.self as never, ctx);
  return tracker ? tracker.unwrap(built) : built;
}

/**
 * Builds every document; problems found while building (e.g. a bad image) are diagnostics.
 * `fileSizes` are the sizes of the Anlage files (by absolute path) that the Anlagen lists
 * print; the pipeline passes those of the bytes it copies.
 */
export function buildDocuments(model: Model, index: ModelIndex, theme: Theme, fileSizes: ReadonlyMap<string, number> = new Map()): { documents: BuiltDocument[]; trees: DocumentTree[]; diagnostics: Diagnostic[] } {
  const state: BuildState = { diagnostics: [], reported: new Set() };
  const documents = documentSlots(model).map((slot) => buildDocument(slot, model, index, theme, state, fileSizes));
  return { documents, trees: documents.map((d) => d.tree), diagnostics: state.diagnostics };
}
