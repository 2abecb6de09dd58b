/**
 * Trailing margins before explicit page breaks.
 *
 * pdfmake moves to the next page when a node's bottom margin does not fit on the current
 * one (LayoutBuilder `processNode`), and a following `pageBreak: 'before'` then moves once
 * more: a blank page. So the content right before a page break loses its bottom margin,
 * down to the last leaf (every nested node's margin is checked the same way).
 */
import type { Content } from 'pdfmake/interfaces.js';

type Node = Record<string, unknown>;

/** A copy of `content` whose last descendants have no bottom margin. */
export function withoutTrailingMargin(content: Content): Content {
  if (typeof content !== 'object' || content === null) return content;
  if (Array.isArray(content)) return content.map((c, i) => (i === content.length - 1 ? withoutTrailingMargin(c) : c));
  const node: Node = { ...(content as unknown as Node) };
  if (Array.isArray(node.margin)) {
    const [l, t, r] = node.margin as number[];
    node.margin = [l, t, r, 0];
  } else if (typeof node.margin === 'number') {
    node.margin = [node.margin, node.margin, node.margin, 0];
  } else {
    node.marginBottom = 0;
  }
  for (const key of ['stack', 'ul', 'ol'] as const) {
    if (Array.isArray(node[key])) node[key] = withoutTrailingMargin(node[key] as Content);
  }
  if (Array.isArray(node.columns)) node.columns = (node.columns as Content[]).map(withoutTrailingMargin);
  const table = node.table as { body?: Content[][] } | undefined;
  if (table?.body && table.body.length > 0) {
    const body = [...table.body];
    body[body.length - 1] = body[body.length - 1].map(withoutTrailingMargin);
    node.table = { ...table, body };
  }
  return node as unknown as Content;
}
