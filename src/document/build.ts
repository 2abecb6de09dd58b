/**
 * From a checked model to the document trees of every output document.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Model, ModelIndex } from '../model/model.js';
import type { Theme } from '../theme/theme.js';
import { BuildContext } from './context.js';
import { buildVorlage } from './vorlage.js';
import type { DocumentTree } from './tree.js';

/** Optional part builders, registered by documents other than Vorlagen (the Konzept). */
export type KonzeptBuilder = (ctx: BuildContext) => DocumentTree;

/** Builds every document tree; problems found while building (e.g. a bad image) are diagnostics. */
export function buildDocuments(model: Model, index: ModelIndex, theme: Theme, konzept?: KonzeptBuilder): { trees: DocumentTree[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const trees: DocumentTree[] = [];
  if (model.konzept && konzept) trees.push(konzept(new BuildContext(model, index, theme, diagnostics)));
  for (const v of model.vorlagen) trees.push(buildVorlage(v, new BuildContext(model, index, theme, diagnostics)));
  return { trees, diagnostics };
}
