/**
 * `ratsdoc diff REV-A [REV-B]`: compares the content folder at two git revisions (REV-B
 * defaults to the working tree, uncommitted changes included) and prints what changed in the
 * content's own terms. Exit 0 when there is no difference, 1 when there are differences (as
 * diff(1) does), 2 for a usage problem (not a git repository, unknown revision, content
 * folder missing at a revision), with a German message on stderr.
 */
import { compareRevisions } from '../diff/compare.js';
import { RevisionProblem } from '../diff/git-source.js';
import { formatDiffHtml } from '../diff/format-html.js';
import { formatDiffJson } from '../diff/format-json.js';
import { formatDiffMarkdown } from '../diff/format-markdown.js';
import { formatDiffText } from '../diff/format-text.js';
import { loadTemplates, resolveTemplatesDir } from '../theme/load.js';

export const DIFF_FORMATS = ['text', 'markdown', 'html', 'json'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

export interface DiffOptions {
  content: string;
  oldRev: string;
  newRev?: string;
  format: DiffFormat;
  templates?: string;
}

export async function diff(opts: DiffOptions): Promise<number> {
  let report;
  try {
    // Declared Vorlage fields come from the templates as they are now (like build).
    const tpl = await loadTemplates(resolveTemplatesDir(opts.templates));
    report = await compareRevisions({ content: opts.content, oldRev: opts.oldRev, newRev: opts.newRev, ...(tpl.templates ? { form: tpl.templates.theme.vorlage } : {}) });
  } catch (err) {
    if (err instanceof RevisionProblem) {
      process.stderr.write(`ratsdoc: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
  const text =
    opts.format === 'json' ? formatDiffJson(report)
    : opts.format === 'markdown' ? formatDiffMarkdown(report)
    : opts.format === 'html' ? formatDiffHtml(report)
    : formatDiffText(report, { color });
  process.stdout.write(text);
  return report.identical ? 0 : 1;
}
