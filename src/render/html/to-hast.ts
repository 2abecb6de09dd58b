/**
 * The document tree → hast. One function per node type; no formatting of data (the tree's
 * text is final). Heading levels are shifted so the document title is the only `<h1>`:
 * tree depth 1 → `<h2>` … depth 4 → `<h5>`, one level deeper inside a labelled section.
 */
import type { Element, ElementContent, Root } from 'hast';
import type { Block, DocumentTree, Footnotes, Heading, Image, Logo, SignatureBlock, TitlePage } from '../../document/tree.js';
import { changeSummaryTable } from '../../document/tree.js';
import type { Theme } from '../../theme/theme.js';
import { imageDataUri, type ImageAsset } from './assets.js';
import { h, type Child } from './h.js';
import { footnoteId, footnoteRefId, inlineToHast, type InlineState } from './inline.js';
import { tableToHast } from './table.js';
import { collectHeadings } from '../../document/outline.js';
import { tocToHast } from './toc.js';

/** Everything the conversion needs besides the blocks. */
interface State extends InlineState {
  theme: Theme;
  images: ReadonlyMap<string, ImageAsset>;
  headings: Heading[];
  /** Nesting of labelled sections; shifts heading levels below a section's label. */
  sectionDepth: number;
}

/** Whether the tree brings its own `<h1>` (a title page); otherwise the layout prints one. */
export function hasTitlePage(tree: DocumentTree): boolean {
  return tree.blocks.some((b) => b.type === 'titlePage');
}

/** Converts the document's blocks to a hast root (the content of `<main>`). */
export function treeToHast(tree: DocumentTree, theme: Theme, images: ReadonlyMap<string, ImageAsset>): Root {
  const state: State = { theme, images, headings: collectHeadings(tree.blocks), sectionDepth: 0, seenFootnoteRefs: new Set(), outPath: tree.outPath };
  return { type: 'root', children: blocksToHast(tree.blocks, state) };
}

function blocksToHast(blocks: Block[], state: State): ElementContent[] {
  return blocks.flatMap((b) => {
    const el = blockToHast(b, state);
    return el ? [el] : [];
  });
}

function headingLevel(level: number): string {
  return `h${Math.min(6, Math.max(2, level))}`;
}

function blockToHast(block: Block, state: State): Element | undefined {
  const inline = (children: Parameters<typeof inlineToHast>[0]) => inlineToHast(children, state);
  switch (block.type) {
    case 'heading':
      return h(headingLevel(block.depth + 1 + state.sectionDepth), { id: block.anchor },
        block.number !== undefined && [h('span', { className: ['num'] }, block.number), ' '],
        inline(block.children));
    case 'paragraph':
      return h('p', { className: block.style ? [block.style] : undefined }, inline(block.children));
    case 'list':
      return h(block.ordered ? 'ol' : 'ul', { start: block.ordered && block.start !== undefined && block.start !== 1 ? block.start : undefined },
        block.items.map((item) => h('li', {}, listItem(item, state))));
    case 'blockquote':
      return h('blockquote', {}, blocksToHast(block.children, state));
    case 'code':
      return h('pre', {}, h('code', {}, block.value));
    case 'thematicBreak':
      return h('hr');
    case 'table':
      return tableToHast(block, state);
    case 'changeSummary':
      return tableToHast(changeSummaryTable(block), state);
    case 'image':
      return image(block, state);
    case 'section': {
      const inner: State = { ...state, sectionDepth: state.sectionDepth + 1 };
      return h('section', { className: ['labelled'], ariaLabelledBy: [block.anchor] },
        h(headingLevel(2 + state.sectionDepth), { id: block.anchor, className: ['label'] }, block.label),
        blocksToHast(block.children, inner));
    }
    case 'fieldList':
      return h('dl', { className: ['fields'] }, block.fields.map((f) =>
        // A label the form blanked (`labels: { nummer: "" }`) prints no empty <dt>.
        h('div', { className: ['field', `field-${f.key}`] }, !!f.label.trim() && h('dt', {}, f.label), h('dd', {}, inline(f.value)))));
    case 'signatures':
      return signatures(block);
    case 'logo':
      return logo(block, state);
    case 'banner':
      return h('p', { className: ['banner'], role: 'note' }, block.text);
    case 'pageBreak':
      return h('div', { className: ['page-break'], ariaHidden: 'true', dataOrientation: block.orientation });
    case 'toc':
      return tocToHast(block, state.headings, state);
    case 'footnotes':
      return footnotes(block, state);
    case 'chart':
      return h('figure', { className: ['chart'], role: 'img', ariaLabel: block.alt },
        // The SVG comes from ratsdoc's own chart builder, never from content authors.
        rawHtml(block.svg),
        block.caption !== undefined && h('figcaption', {}, block.caption));
    case 'keepTogether':
      return h('div', { className: ['keep-together'] }, blocksToHast(block.children, state));
    case 'titlePage':
      return titlePage(block, state);
  }
}

/** A list item that is just one unstyled paragraph is rendered tight, without `<p>`. */
function listItem(item: Block[], state: State): Child {
  const [only] = item;
  if (item.length === 1 && only.type === 'paragraph' && !only.style) return inlineToHast(only.children, state);
  return blocksToHast(item, state);
}

function image(node: Image, state: State): Element {
  const src = imageDataUri(state.images, node.path);
  const style = node.width !== undefined ? `width:${node.width}mm` : undefined;
  return h('figure', { className: src ? ['image'] : ['image', 'missing'] },
    src
      ? h('img', { src, alt: node.alt, style })
      : h('p', {}, `[Bild fehlt: ${node.alt || node.src}]`),
    node.title !== undefined && h('figcaption', {}, node.title));
}

function logo(node: Logo, state: State): Element | undefined {
  const position = state.theme.logo.position;
  if (position === 'none') return undefined;
  const src = imageDataUri(state.images, node.path);
  if (!src) return undefined;
  return h('img', { className: ['logo', `logo-${position}`], src, alt: node.alt, style: `width:${state.theme.logo.width}mm` });
}

function signatures(node: SignatureBlock): Element {
  return h('div', { className: ['signatures', node.layout] }, node.items.map((s) =>
    h('div', { className: ['signature'] },
      h('p', { className: ['funktion'] }, s.funktion),
      s.vertretung !== undefined && h('p', { className: ['vertretung'] }, s.vertretung),
      h('p', { className: ['sign-space'], ariaHidden: 'true' }),
      h('p', { className: ['name'] }, s.name),
      s.amtsbezeichnung !== undefined && h('p', { className: ['amtsbezeichnung'] }, s.amtsbezeichnung),
    )));
}

function footnotes(node: Footnotes, state: State): Element {
  return h('section', { className: ['footnotes'], ariaLabel: 'Fußnoten' }, h('ol', {}, node.items.map((item) => {
    const children = blocksToHast(item.children, state);
    // Back-link only to a reference that exists (rendered earlier in the document).
    if (state.seenFootnoteRefs.has(item.anchor)) {
      const back = h('a', { href: `#${footnoteRefId(item.anchor)}`, className: ['backref'], ariaLabel: `Zurück zur Fußnote ${item.number} im Text` }, '↩\uFE0E');
      const last = children[children.length - 1];
      if (last && last.type === 'element' && last.tagName === 'p') last.children.push({ type: 'text', value: ' ' }, back);
      else children.push(h('p', {}, back));
    }
    return h('li', { id: footnoteId(item.anchor), value: String(item.number) }, children);
  })));
}

function titlePage(node: TitlePage, state: State): Element {
  return h('header', { className: ['title-page'] },
    node.logo && logo(node.logo, state),
    h('p', { className: ['kommune'] }, node.kommune),
    h('h1', {}, node.title),
    node.subtitle !== undefined && h('p', { className: ['subtitle'] }, node.subtitle),
    node.fields.length > 0 && h('dl', { className: ['fields'] }, node.fields.map((f) =>
      h('div', { className: ['field'] }, h('dt', {}, f.label), h('dd', {}, f.value)))),
  );
}

/**
 * Trusted HTML inserted verbatim (`hast-util-to-html` with `allowDangerousHtml`). Only for
 * markup ratsdoc generates itself; never for content text.
 */
function rawHtml(value: string): ElementContent {
  // `raw` is registered on hast's content maps by mdast-util-to-hast, not a direct dependency here.
  return { type: 'raw', value } as unknown as ElementContent;
}
