/**
 * `ratsdoc diff REV-A [REV-B]`: compares the content folder at two git revisions (REV-B
 * defaults to the working tree, uncommitted changes included) and prints what changed in the
 * content's own terms. Exit 0 when there is no difference, 1 when there are differences (as
 * diff(1) does), 2 for a usage problem (not a git repository, unknown revision, content
 * folder missing at a revision), with a German message on stderr.
 */
import { compareRevisions } from '../diff/compare.js';
import { RevisionProblem } from '../content/git-source.js';
import { formatDiffJson } from '../diff/similarity.js';
import { loadTemplates, resolveTemplatesDir } from '../theme/load.js';
import { BerichtProblem, berichteTree, compareBerichte, formatBerichte } from '../diff/berichte.js';
import { checkContent } from '../model/check.js';
import { formatText } from '../diagnostics/format.js';
import type { DocumentTree } from '../document/tree.js';
import { readAssets } from '../pipeline/assets.js';
import { rendererFor } from '../render/renderers.js';
import { treeToText } from '../render/text.js';
import type { Templates } from '../theme/load.js';
import { diffTree } from '../diff/tree.js';

export const DIFF_FORMATS = ['text', 'markdown', 'html', 'json', 'pdf'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

export interface DiffOptions {
  content: string;
  oldRev: string;
  newRev?: string;
  format: DiffFormat;
  templates?: string;
  /** Compare two Sachstandsberichte (or Stichtage) named by `oldRev` and `newRev` instead of two git revisions. */
  berichte?: boolean;
}

/** The tree as PDF or HTML, set by that format's renderer with the templates' theme, fonts, stylesheet and sanitiser. */
export async function renderReport(format: 'pdf' | 'html', tree: DocumentTree, templates: Templates): Promise<string | Uint8Array> {
  // The HTML layout prints the title itself: the tree's own title heading (for PDF and text) goes.
  const [first, ...rest] = tree.blocks;
  if (format === 'html' && first?.type === 'heading' && first.depth === 1) tree = { ...tree, blocks: rest };
  return rendererFor(format).render(tree, templates.theme, await readAssets([tree], templates));
}

async function writeRendered(format: 'pdf' | 'html', tree: DocumentTree, templates: Templates): Promise<void> {
  process.stdout.write(await renderReport(format, tree, templates));
}

/** `diff --berichte A [B]`: the content as it is now, two reports' figures compared. */
async function diffBerichte(opts: DiffOptions, templates: Templates | undefined): Promise<number> {
  const form = templates?.theme.vorlage;
  const checked = await checkContent(opts.content, form);
  if (checked.diagnostics.some((d) => d.severity === 'error')) {
    // Figures of content that does not validate would be guesses: the errors, as check prints them.
    process.stderr.write(formatText(checked.diagnostics));
    return 1;
  }
  let result;
  try {
    result = compareBerichte(checked.model, checked.index, opts.content, opts.oldRev, opts.newRev);
  } catch (err) {
    if (!(err instanceof BerichtProblem)) throw err;
    process.stderr.write(`ratsdoc: ${err.message}\n`);
    return 2;
  }
  if (opts.format === 'pdf' || opts.format === 'html') await writeRendered(opts.format, berichteTree(result), templates!);
  else process.stdout.write(formatBerichte(result, opts.format));
  return result.identical ? 0 : 1;
}

export async function diff(opts: DiffOptions): Promise<number> {
  // Declared Vorlage fields come from the templates as they are now (like build).
  const tpl = await loadTemplates(resolveTemplatesDir(opts.templates));
  if ((opts.format === 'pdf' || opts.format === 'html') && !tpl.templates) {
    // The renderers set it with the templates' theme and fonts: their errors first.
    process.stderr.write(formatText(tpl.diagnostics));
    return 1;
  }
  if (opts.berichte) return diffBerichte(opts, tpl.templates);
  let report;
  try {
    report = await compareRevisions({ content: opts.content, oldRev: opts.oldRev, newRev: opts.newRev, ...(tpl.templates ? { form: tpl.templates.theme.vorlage } : {}) });
  } catch (err) {
    if (err instanceof RevisionProblem) {
      process.stderr.write(`ratsdoc: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  // Every format but JSON from the report's one document tree; text coloured on a terminal unless NO_COLOR.
  if (opts.format === 'pdf' || opts.format === 'html') await writeRendered(opts.format, diffTree(report), tpl.templates!);
  else if (opts.format === 'json') process.stdout.write(formatDiffJson(report));
  else process.stdout.write(treeToText(diffTree(report), opts.format, { color: process.stdout.isTTY === true && !process.env.NO_COLOR }));
  return report.identical ? 0 : 1;
}
