import { checkContent } from '../model/check.js';
import { loadTemplates, resolveTemplatesDir } from '../theme/load.js';
import { sortDiagnostics } from '../diagnostics/diagnostic.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import { formatJson, formatText } from '../diagnostics/format.js';
import { loadHelpers } from '../helpers/registry.js';

/**
 * `ratsdoc check`: validates the content against the templates' form (and the templates
 * themselves, so check and build give the same verdict) and prints every diagnostic.
 * Exit 1 if there is an error.
 */
export async function check(opts: { content: string; format: 'text' | 'json'; templates?: string }): Promise<number> {
  // The helpers' modules load while the files are read (the rules await them; a failure
  // surfaces there).
  loadHelpers().catch(() => undefined);
  const tpl = await loadTemplates(resolveTemplatesDir(opts.templates));
  // Without a valid form the Vorlagen cannot be judged (their declared fields would all look
  // unknown): the templates' errors come first, alone.
  const checked = tpl.templates ? await checkContent(opts.content, tpl.templates.theme.vorlage) : undefined;
  const diagnostics = sortDiagnostics([...(checked?.diagnostics ?? []), ...tpl.diagnostics]);
  process.stdout.write(opts.format === 'json' ? formatJson(diagnostics) : formatText(diagnostics));
  return hasErrors(diagnostics) ? 1 : 0;
}
