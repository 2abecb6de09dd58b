import { checkContent } from '../model/check.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import { formatJson, formatText } from '../diagnostics/format.js';

/** `ratsdoc check`: validates and prints every diagnostic. Exit 1 if there is an error. */
export async function check(opts: { content: string; format: 'text' | 'json' }): Promise<number> {
  const { diagnostics } = await checkContent(opts.content);
  process.stdout.write(opts.format === 'json' ? formatJson(diagnostics) : formatText(diagnostics));
  return hasErrors(diagnostics) ? 1 : 0;
}
