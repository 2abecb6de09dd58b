/**
 * From a checked model to the document trees of every output document. Each kind of
 * document is one entry of {@link DOCUMENT_KINDS}: which trees it makes and what the index
 * page shows of each. A new kind (e.g. a report) is one builder module and one entry here.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDate } from '../format/german.js';
import type { Model, ModelIndex } from '../model/model.js';
import type { Theme } from '../theme/theme.js';
import { BuildContext } from './context.js';
import { buildKonzept } from './konzept.js';
import { buildVorlage } from './vorlage.js';
import { buildBericht } from './bericht.js';
import type { DocumentTree } from './tree.js';

/** What the index page shows of a document besides its title (text already formatted). */
export interface IndexFields { nummer?: string; art?: string; datum?: string }

/** One built document: its tree and its index fields. */
export interface BuiltDocument { tree: DocumentTree; index: IndexFields }

/** One kind of document. */
export interface DocumentKind {
  kind: DocumentTree['kind'];
  /** Every document of this kind in the model; `context()` gives each its own build state. */
  build(model: Model, context: () => BuildContext): BuiltDocument[];
}

export const DOCUMENT_KINDS: readonly DocumentKind[] = [
  {
    kind: 'konzept',
    build: (model, context) => {
      if (!model.konzept) return [];
      const tree = buildKonzept(context());
      return [{ tree, index: { art: 'Konzept', datum: formatDate(tree.meta.created.toISOString().slice(0, 10)) } }];
    },
  },
  {
    kind: 'vorlage',
    build: (model, context) => model.vorlagen.map((v) => {
      const { nummer, art, datum } = v.meta.value;
      return { tree: buildVorlage(v, context()), index: { nummer, art, ...(datum ? { datum: formatDate(datum) } : {}) } };
    }),
  },
  {
    kind: 'bericht',
    build: (model, context) => model.berichte.map((b) => ({ tree: buildBericht(b, context()), index: { art: 'Sachstandsbericht', datum: formatDate(b.meta.value.stichtag) } })),
  },
];

/**
 * Builds every document; problems found while building (e.g. a bad image) are diagnostics.
 * `fileSizes` are the sizes of the Anlage files (by absolute path) that the Anlagen lists
 * print; the pipeline passes those of the bytes it copies.
 */
export function buildDocuments(model: Model, index: ModelIndex, theme: Theme, fileSizes: ReadonlyMap<string, number> = new Map()): { documents: BuiltDocument[]; trees: DocumentTree[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const reported = new Set<string>();
  const context = () => new BuildContext(model, index, theme, diagnostics, reported, fileSizes);
  const documents = DOCUMENT_KINDS.flatMap((k) => k.build(model, context));
  return { documents, trees: documents.map((d) => d.tree), diagnostics };
}
