/**
 * A diff report in every format as `ratsdoc diff` prints it: text and Markdown from the report's
 * document tree (`render/text.ts`), HTML from the HTML renderer with ratsdoc's built-in templates,
 * JSON. And what the tests read them by: a row of a text table, the part of a text report under
 * one heading, deletions and insertions as the HTML renderer marks them.
 */
import { renderReport } from '../../src/commands/diff.js';
import { formatDiffJson } from '../../src/diff/similarity.js';
import type { DiffReport } from '../../src/diff/report.js';
import { diffTree } from '../../src/diff/tree.js';
import { treeToText } from '../../src/render/text.js';
import { BUILTIN_TEMPLATES, loadTemplates } from '../../src/theme/load.js';

/** No-break spaces as spaces (money has one before €). */
export const nb = (s: string) => s.replace(/\u00a0/g, ' ');

/**
 * The HTML as markup without its typesetting: soft hyphens out, and the `span.nobr` that keeps an
 * ID or a file name on one line unwrapped.
 */
export const untypeset = (html: string) => nb(html).replace(/\u00ad/g, '').replace(/<span class="nobr">([^<]*)<\/span>/g, '$1');

export async function formats(report: DiffReport, opts: { color?: boolean } = {}) {
  const { templates } = await loadTemplates(BUILTIN_TEMPLATES);
  const tree = diffTree(report);
  return {
    text: treeToText(tree, 'text', opts),
    markdown: treeToText(tree, 'markdown'),
    html: (await renderReport('html', tree, templates!)) as string,
    json: formatDiffJson(report),
  };
}

const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A row of a text table: these cells in this order, apart by at least two spaces. */
export const row = (...cells: string[]) => new RegExp(`\\n  ${cells.map(literal).join(' {2,}')} *\\n`);

/** The part of a text report from the heading that starts with `title` to the next heading. */
export function part(text: string, title: string): string {
  const start = text.indexOf(`\n${title}`);
  if (start < 0) throw new Error(`Überschrift „${title}“ fehlt im Bericht:\n${text}`);
  const rest = text.slice(start + 1);
  const next = rest.slice(1).search(/\n\n[^\s=-]/);
  return next < 0 ? rest : rest.slice(0, next + 2);
}

/** A deletion and an insertion as the HTML renderer marks them, announced by hidden words. */
export const del = (s: string) => `<del class="change"><span class="visually-hidden">[gestrichen: </span>${s}<span class="visually-hidden">]</span></del>`;
export const ins = (s: string) => `<ins class="change"><span class="visually-hidden">[eingefügt: </span>${s}<span class="visually-hidden">]</span></ins>`;
