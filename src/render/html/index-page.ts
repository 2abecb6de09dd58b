/**
 * The overview page (`out/index.html`): the Konzept first, then every Vorlage by number,
 * with links to PDF and HTML. Same layout and stylesheet as the documents; under 40rem the
 * table turns into one card per document.
 */
import type { Element } from 'hast';
import type { IndexFields } from '../../document/build.js';
import { toHtml } from 'hast-util-to-html';
import type { Theme } from '../../theme/theme.js';
import type { HtmlAssets } from './assets.js';
import { formatList } from '../../format/german.js';
import { h } from './h.js';
import { applyLayout } from './layout.js';
import { compareNatural } from './natural-sort.js';
import { themeCss } from './theme-css.js';
import { isSafeRelativePath } from './url.js';

/** One file of a document: link text (the format), link relative to the page, page count if it has pages. */
export interface IndexFile { label: string; href: string; pages?: number }

/** One document on the overview page: its files in the order of the renderer list. */
export interface IndexEntry extends IndexFields {
  kind: 'konzept' | 'vorlage' | 'bericht' | 'diff';
  title: string;
  files: IndexFile[];
  /** The document's Anlagen copied into out/ (link text with type and size). */
  attachments?: IndexFile[];
}

/** Page-level information for the overview. */
export interface IndexInfo { kommune: string; generatedNote?: string }

/** Konzept(e) first (by title), then Sachstandsberichte (by title), then Vorlagen by natural number order, unnumbered ones last. */
export function sortIndexEntries(entries: IndexEntry[]): IndexEntry[] {
  const rank = (e: IndexEntry) => (e.kind === 'konzept' ? 0 : e.kind === 'bericht' ? 1 : e.nummer !== undefined ? 2 : 3);
  return [...entries].sort((a, b) =>
    rank(a) - rank(b)
    || (a.nummer !== undefined && b.nummer !== undefined ? compareNatural(a.nummer, b.nummer) : 0)
    || compareNatural(a.title, b.title));
}

/** Renders the overview page with the documents' layout. */
export function renderIndexPage(
  entries: IndexEntry[],
  info: IndexInfo,
  theme: Theme,
  assets: Pick<HtmlAssets, 'layout' | 'css' | 'liveReloadSnippet'>,
): string {
  const title = `Dokumente – ${info.kommune}`;
  const body = toHtml([
    info.generatedNote !== undefined ? h('p', { className: ['generated-note'] }, info.generatedNote) : h('p', {}, `${entries.length} Dokumente: Integrationskonzept und Vorlagen als ${formatList([...new Set(entries.flatMap((e) => e.files.map((f) => f.label)))])}.`),
    entries.length > 0 ? indexTable(sortIndexEntries(entries)) : h('p', {}, 'Noch keine Dokumente erzeugt.'),
  ]);
  return applyLayout(assets.layout, {
    lang: 'de',
    title,
    author: info.kommune,
    subject: 'Übersicht der Dokumente',
    keywords: 'Integrationskonzept, Vorlagen',
    header: info.kommune,
    showTitle: true,
    draftText: '',
    css: themeCss(theme) + assets.css,
    body,
    liveReload: assets.liveReloadSnippet ?? '',
  });
}

const COLUMNS = ['Nr.', 'Betreff', 'Art', 'Datum', 'Seiten', 'Dokumente'] as const;

function indexTable(entries: IndexEntry[]): Element {
  return h('div', { className: ['table-wrap'] },
    h('table', { className: ['grid', 'index-table'] },
      h('caption', { className: ['visually-hidden'] }, 'Übersicht der Dokumente'),
      h('thead', {}, h('tr', {}, COLUMNS.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, entries.map(row))));
}

function row(entry: IndexEntry): Element {
  const name = entry.kind === 'vorlage' ? `Vorlage ${entry.nummer ?? entry.title}` : entry.title;
  const pages = entry.files.find((f) => f.pages !== undefined)?.pages;
  const optional = (label: string, value: string | undefined, className?: string[]) =>
    value === undefined || value === ''
      ? h('td', { className: [...(className ?? []), 'empty'] }, h('span', { ariaHidden: 'true' }, '–'), h('span', { className: ['visually-hidden'] }, 'keine Angabe'))
      : h('td', { dataLabel: label, className }, value);
  return h('tr', {},
    optional('Nr.', entry.nummer),
    h('th', { scope: 'row' }, entry.title),
    optional('Art', entry.art),
    optional('Datum', entry.datum),
    optional('Seiten', pages !== undefined ? String(pages) : undefined, ['align-right']),
    h('td', { className: ['links'] },
      entry.files.flatMap((f, i) => [i > 0 && ' ', fileLink(f.label, f.href, name, f.pages)]),
      entry.attachments?.length ? h('ul', { className: ['attachments'] }, entry.attachments.map((a) => h('li', {}, attachmentLink(a, name)))) : undefined));
}

function attachmentLink(a: IndexFile, name: string): Element {
  const children = [a.label, h('span', { className: ['visually-hidden'] }, ` zu ${name}`)];
  return isSafeRelativePath(a.href) ? h('a', { href: a.href }, children) : h('span', {}, children);
}

function fileLink(format: string, href: string, name: string, pages?: number): Element {
  const detail = `: ${name}${pages !== undefined ? ` (${pages} Seiten)` : ''}`;
  const children = [format, h('span', { className: ['visually-hidden'] }, detail)];
  return isSafeRelativePath(href) ? h('a', { href }, children) : h('span', {}, children);
}
