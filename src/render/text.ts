/**
 * The document tree as plain text (a terminal; ANSI colours when asked) or as Markdown (a merge
 * request), for the reports `diff` prints: headings, paragraphs, lists, field lists, tables and
 * the change summary. Deletions `[-…-]` and insertions `{+…+}` (as `git diff --word-diff`) in
 * text, `<del>`/`<ins>` in Markdown; the markers stay with colour, so piped text reads the same.
 * A table with prose in its cells is written row by row, each cell under its column's name.
 * Any other block is a bug in the builder, not skipped.
 */
import { changeSummaryTable, type Block, type DocumentTree, type Inline, type Table } from '../document/tree.js';
import { escapeMarkup } from '../format/escape.js';

/** A table with a cell longer than this (but its row header) is written row by row, not in columns. */
const LONG = 60;

/** Text for Markdown on one line: the one escape for markup, then Markdown's own characters. */
const md = (s: string) => escapeMarkup(s.replace(/\s+/g, ' ')).replace(/([\\`*_[\]{}~|#!])/g, '\\$1');
const width = (s: string) => s.replace(/\x1b\[\d+m/g, '').length;

/** The tree as text (`color`: ANSI codes around deletions, insertions and headings) or Markdown. */
export function treeToText(tree: DocumentTree, format: 'text' | 'markdown', opts: { color?: boolean } = {}): string {
  const markdown = format === 'markdown';
  const paint = (code: string) => (s: string) => (opts.color && s ? `\x1b[${code}m${s}\x1b[0m` : s);
  const [red, green, bold, dim] = ['31', '32', '1', '2'].map(paint);

  const inline = (nodes: Inline[]): string => nodes.map((n): string => {
    switch (n.type) {
      case 'text': return markdown ? md(n.value) : n.value.replace(/\s+/g, ' ');
      case 'inlineCode': return markdown ? `\`${n.value}\`` : n.value;
      case 'break': return ' ';
      case 'footnoteRef': return `[${n.number}]`;
      case 'ins': return markdown ? `<ins>${inline(n.children)}</ins>` : green(`{+${inline(n.children)}+}`);
      case 'del': return markdown ? `<del>${inline(n.children)}</del>` : red(`[-${inline(n.children)}-]`);
      case 'strong': return markdown ? `**${inline(n.children)}**` : inline(n.children);
      default: return inline(n.children);
    }
  }).join('');

  const table = (b: Table): string[] => {
    const all = [...b.headerRows, ...b.rows, ...(b.footerRows ?? [])];
    const rows = all.map((r) => r.map((c) => inline(c.children)));
    if (markdown) return [`| ${rows[0].join(' | ')} |`, `|${rows[0].map(() => '---').join('|')}|`, ...rows.slice(1).map((r) => `| ${r.join(' | ')} |`)];
    const n = b.headerRows.length;
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r.length === rows[0].length ? width(r[i] ?? '') : 0))));
    if (!rows.slice(n).some((r, j) => r.length > 1 && r.some((c, i) => !all[n + j][i].header && width(c) > LONG))) {
      return rows.map((r, n) => `  ${r.map((c, i) => (r.length === 1 ? c : c + ' '.repeat(widths[i] - width(c)))).map(n < b.headerRows.length ? dim : String).join('  ').trimEnd()}`);
    }
    // Prose in a cell: row by row, a row header (or a cell spanning the row) on a line, each other cell below it by its column's name.
    return rows.slice(n).flatMap((r, j) => r.flatMap((c, i) => (all[n + j][i].header || r.length === 1 ? [`  ${c}`] : c ? [`    ${dim(`${rows[0][i]}:`)} ${c}`] : [])));
  };

  const block = (b: Block): string[] => {
    switch (b.type) {
      case 'heading': {
        if (markdown) return [`${'#'.repeat(b.depth + 1)} ${inline(b.children)}`];
        const text = inline(b.children);
        return b.depth <= 2 ? [bold(text), (b.depth === 1 ? '=' : '-').repeat(width(text))] : [bold(text)];
      }
      case 'paragraph': return [markdown ? inline(b.children) : `  ${b.style === 'muted' ? dim(inline(b.children)) : inline(b.children)}`];
      case 'list': return b.items.map((item) => `${markdown ? '-' : '  -'} ${item.flatMap(block).join(' ').trim()}`);
      case 'fieldList': return b.fields.map((f) => `${markdown ? '- ' : '  '}${f.label}: ${inline(f.value)}`);
      case 'table': return table(b);
      case 'changeSummary': return table(changeSummaryTable(b));
      default: throw new Error(`render/text: block „${b.type}“ is not part of a report`);
    }
  };
  return tree.blocks.map((b) => block(b).join('\n')).join('\n\n') + '\n';
}
