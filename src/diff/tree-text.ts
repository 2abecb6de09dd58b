/**
 * A comparison's document tree as plain text (terminal) or Markdown (merge request): the
 * blocks a comparison uses — headings, paragraphs, lists, field lists, tables, the change
 * summary — with deletions `[-…-]` / insertions `{+…+}` (as `git diff --word-diff`) in text
 * and `<del>`/`<ins>` in Markdown. Any other block is a bug in the builder, not skipped.
 */
import { changeSummaryTable, type Block, type DocumentTree, type Inline, type Table } from '../document/tree.js';
import { md } from './format-markdown.js';

function inline(nodes: Inline[], markdown: boolean): string {
  return nodes.map((n): string => {
    switch (n.type) {
      case 'text': return markdown ? md(n.value) : n.value;
      case 'inlineCode': return markdown ? `\`${n.value}\`` : n.value;
      case 'break': return ' ';
      case 'footnoteRef': return `[${n.number}]`;
      case 'ins': return markdown ? `<ins>${inline(n.children, true)}</ins>` : `{+${inline(n.children, false)}+}`;
      case 'del': return markdown ? `<del>${inline(n.children, true)}</del>` : `[-${inline(n.children, false)}-]`;
      case 'strong': return markdown ? `**${inline(n.children, true)}**` : inline(n.children, false);
      default: return inline(n.children, markdown);
    }
  }).join('');
}

function table(b: Table, markdown: boolean): string[] {
  const rows = [...b.headerRows, ...b.rows, ...(b.footerRows ?? [])].map((r) => r.map((c) => inline(c.children, markdown)));
  if (markdown) return [`| ${rows[0].join(' | ')} |`, `|${rows[0].map(() => '---').join('|')}|`, ...rows.slice(1).map((r) => `| ${r.join(' | ')} |`)];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => `  ${r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd()}`);
}

function block(b: Block, markdown: boolean): string[] {
  switch (b.type) {
    case 'heading': return [markdown ? `${'#'.repeat(b.depth + 1)} ${inline(b.children, true)}` : inline(b.children, false)];
    case 'paragraph': return [markdown ? inline(b.children, true) : `  ${inline(b.children, false)}`];
    case 'list': return b.items.map((item) => `${markdown ? '-' : '  -'} ${item.flatMap((x) => block(x, markdown)).join(' ').trim()}`);
    case 'fieldList': return b.fields.map((f) => `${markdown ? '- ' : '  '}${f.label}: ${inline(f.value, markdown)}`);
    case 'table': return table(b, markdown);
    case 'changeSummary': return table(changeSummaryTable(b), markdown);
    default: throw new Error(`tree-text: block „${b.type}“ is not part of a comparison`);
  }
}

/** The tree as text or Markdown, one blank line between blocks. */
export function treeText(tree: DocumentTree, format: 'text' | 'markdown'): string {
  return tree.blocks.map((b) => block(b, format === 'markdown').join('\n')).join('\n\n') + '\n';
}
