/**
 * The allow-list every HTML page passes through (hast-util-sanitize, the engine of
 * rehype-sanitize): only the elements and attributes ratsdoc itself produces, links only to
 * http(s), mailto and in-page anchors, images only as data: URIs. Whatever an author writes
 * reaches the page as text; this is the second line of defence should a renderer ever slip.
 * Charts are ratsdoc's own SVG: they are set aside before sanitising and put back after.
 */
import { sanitize, defaultSchema, type Schema } from 'hast-util-sanitize';
import type { Root, RootContent, Element, ElementContent } from 'hast';

const GLOBAL = ['className', 'id', 'role', 'ariaLabel', 'ariaLabelledBy', 'ariaDescribedBy', 'ariaHidden', 'dataLabel', 'dataOrientation', 'dataChart', 'title', 'lang'];

const SCHEMA: Schema = {
  ...defaultSchema,
  clobber: [],
  clobberPrefix: '',
  tagNames: ['a', 'blockquote', 'br', 'caption', 'code', 'col', 'colgroup', 'dd', 'del', 'div', 'dl', 'dt', 'em', 'figcaption', 'figure',
    'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'img', 'ins', 'li', 'nav', 'ol', 'p', 'pre', 'section', 'span', 'strong', 'sup',
    'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul'],
  attributes: {
    '*': GLOBAL,
    a: ['href', 'rel'],
    img: ['src', 'alt', 'width', 'style'],
    div: ['tabIndex'],
    li: ['value'],
    ol: ['start'],
    th: ['scope', 'colSpan', 'rowSpan'],
    td: ['colSpan', 'rowSpan'],
    col: ['style', 'span'],
  },
  protocols: { href: ['http', 'https', 'mailto'], src: ['data'] },
  strip: ['script', 'style'],
  required: {},
};

/** Sanitises a hast tree made by `treeToHast`, keeping ratsdoc's own chart SVGs. */
export function sanitizeHast(tree: Root): Root {
  const charts: ElementContent[] = [];
  setAside(tree, charts);
  const clean = sanitize(tree, SCHEMA) as Root;
  putBack(clean, charts);
  return clean;
}

function setAside(node: Root | Element, charts: ElementContent[]): void {
  node.children = node.children.map((child) => {
    if ((child as { type: string }).type === 'raw') {
      charts.push(child as ElementContent);
      return { type: 'element', tagName: 'span', properties: { dataChart: String(charts.length - 1) }, children: [] } as Element;
    }
    if (child.type === 'element') setAside(child, charts);
    return child;
  }) as typeof node.children;
}

function putBack(node: Root | Element, charts: ElementContent[]): void {
  node.children = node.children.map((child: RootContent) => {
    if (child.type !== 'element') return child;
    const index = child.tagName === 'span' ? child.properties?.dataChart : undefined;
    if (index !== undefined && index !== null) return charts[Number(index)];
    putBack(child, charts);
    return child;
  }) as typeof node.children;
}
