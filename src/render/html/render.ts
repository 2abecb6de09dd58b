/**
 * HTML output: document tree → hast → HTML body → Handlebars layout. Pure: the caller passes
 * the layout, stylesheet and image bytes; nothing here reads files or looks at the clock.
 */
import { toHtml } from 'hast-util-to-html';
import type { DocumentTree } from '../../document/tree.js';
import type { Theme } from '../../theme/theme.js';
import type { HtmlAssets } from './assets.js';
import { applyLayout } from './layout.js';
import { themeCss } from './theme-css.js';
import { hasTitlePage, treeToHast } from './to-hast.js';
import { sanitizeHast } from './sanitize.js';

export type { HtmlAssets, ImageAsset } from './assets.js';

/** Renders one document (Vorlage or Konzept) as a complete, self-contained HTML page. */
export function renderHtml(tree: DocumentTree, theme: Theme, assets: HtmlAssets): string {
  const body = toHtml(sanitizeHast(treeToHast(tree, theme, assets.images)), { allowDangerousHtml: true });
  return applyLayout(assets.layout, {
    lang: tree.meta.lang,
    title: tree.meta.title,
    author: tree.meta.author,
    subject: tree.meta.subject,
    keywords: tree.meta.keywords.join(', '),
    header: tree.header,
    showTitle: !hasTitlePage(tree),
    draftText: tree.draft ?? '',
    css: themeCss(theme) + assets.css,
    body,
    liveReload: assets.liveReloadSnippet ?? '',
  });
}
