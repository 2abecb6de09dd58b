/**
 * The Handlebars page layout (`templates/html/layout.hbs`). Compiled in an isolated
 * Handlebars environment with strict lookups, built-in helpers only and no prototype access;
 * only the pre-rendered `body`, `css` and `liveReload` are inserted unescaped (`{{{…}}}`).
 */
import Handlebars from 'handlebars';

/** The values a layout may use; every key is always present (strict mode). */
export interface LayoutContext {
  lang: string;
  title: string;
  author: string;
  subject: string;
  /** Comma-separated. */
  keywords: string;
  /** Running header text (top line). */
  header: string;
  /** Whether the layout prints `title` as the page's `<h1>` (false when the body has its own). */
  showTitle: boolean;
  /** Draft banner text, `''` when not a draft. */
  draftText: string;
  /** Theme variables + stylesheet (trusted, unescaped). */
  css: string;
  /** Rendered HTML of `<main>` (trusted, unescaped). */
  body: string;
  /** Live-reload snippet for `ratsdoc serve`, `''` otherwise (trusted, unescaped). */
  liveReload: string;
}

const env = Handlebars.create();
const cache = new Map<string, Handlebars.TemplateDelegate<LayoutContext>>();
const CACHE_SIZE = 8;

/** Fills a layout; compiled templates are cached by their source text. */
export function applyLayout(source: string, context: LayoutContext): string {
  let template = cache.get(source);
  if (!template) {
    template = env.compile<LayoutContext>(source, { strict: true, knownHelpersOnly: true, noEscape: false });
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    cache.set(source, template);
  }
  const html = template(context, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
  // A custom layout that forgets `{{{liveReload}}}` still gets the snippet in serve mode.
  if (context.liveReload && !html.includes(context.liveReload)) {
    const at = html.lastIndexOf('</body>');
    return at < 0 ? html + context.liveReload : html.slice(0, at) + context.liveReload + html.slice(at);
  }
  return html;
}
