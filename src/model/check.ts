import { loadContent } from '../content/load.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { sortDiagnostics } from '../diagnostics/diagnostic.js';
import type { Model, ModelIndex } from './model.js';
import { runRules } from './rules.js';
import { validateShapes } from './validate.js';
import type { Form } from '../theme/form.js';

/** A loaded, validated content folder with every problem found. */
export interface CheckedContent {
  model: Model;
  index: ModelIndex;
  diagnostics: Diagnostic[];
}

/** Reads and validates a content folder: shapes first, then every cross-file rule. */
export async function checkContent(contentDir: string, form?: Form): Promise<CheckedContent> {
  const raw = await loadContent(contentDir);
  const { model, diagnostics } = validateShapes(raw, form);
  const rules = await runRules(model, form);
  return { model, index: rules.index, diagnostics: sortDiagnostics([...diagnostics, ...rules.diagnostics]) };
}
