/**
 * Markdown → document tree. Parsed with unified + remark-parse + remark-gfm; positions come
 * from the parser. Raw HTML is never passed through (it becomes visible text), links other
 * than http(s), mailto and #anchors are dropped to their text, images must lie in the content
 * folder. Helper calls (`{{wert "I-01"}}`) are nodes of the parser; the rules checked them,
 * so here they only expand: an inline helper to text, a paragraph of one block helper to its
 * tables and charts.
 */
import { CODES, type DiagnosticCode } from '../diagnostics/codes.js';
import type * as md from 'mdast';
import type { Block, Inline, TableCell } from './tree.js';
import type { BuildContext } from './context.js';
import { sourcePosition, type MarkdownSource } from '../model/model.js';
import type { HelperNode } from '../content/helper-syntax.js';
import { helpers } from '../helpers/registry.js';
import { isAloneInParagraph, trustedCall } from '../helpers/check.js';
import { resolveImage } from '../model/images.js';
import { parseMarkdown } from '../content/markdown.js';

/** How headings of a Markdown body map into the document. */
export interface HeadingPlan {
  /** Depth in the document of a `#` heading (e.g. 2 inside a chapter). */
  baseDepth: 1 | 2 | 3;
  /** Number prefix of the enclosing chapter (`3`), to number `#` as `3.1`; undefined: unnumbered. */
  numberPrefix?: string;
  /** List headings in the TOC and bookmarks. */
  toc: boolean;
}

/** Converts one Markdown source (a Vorlage body, a chapter, or a Markdown field) into blocks. */
export function markdownToBlocks(src: MarkdownSource, entity: string, ctx: BuildContext, plan: HeadingPlan = { baseDepth: 2, toc: false }): Block[] {
  const root = parseMarkdown(src.body);
  const conv = new Converter(src, entity, ctx, plan, root);
  const blocks = conv.blocks(root.children);
  const notes = conv.footnotes();
  if (notes) blocks.push(notes);
  return blocks;
}

/** Converts a Markdown field of a YAML value (beschreibung, text, befunde) into blocks; no headings in the TOC. */
export function markdownFieldToBlocks(src: MarkdownSource, entity: string, ctx: BuildContext): Block[] {
  // Most fields are one plain sentence: skip the parser when no Markdown syntax can be in it.
  if (isPlainText(src.body)) {
    const value = src.body.trim().replace(/\s+/g, ' ');
    return value ? [{ type: 'paragraph', children: [{ type: 'text', value }] }] : [];
  }
  return markdownToBlocks(src, entity, ctx, { baseDepth: 3, toc: false });
}

/** A Markdown field as inline content (first paragraph's inlines; further paragraphs joined by breaks). */
export function markdownFieldToInlines(src: MarkdownSource, entity: string, ctx: BuildContext): Inline[] {
  const blocks = markdownFieldToBlocks(src, entity, ctx);
  const out: Inline[] = [];
  for (const b of blocks) {
    if (b.type !== 'paragraph') continue;
    if (out.length) out.push({ type: 'break' });
    out.push(...b.children);
  }
  return out;
}

const SAFE_URL = /^(https?:|mailto:|#)/i;

/**
 * Text that Markdown would print as it is: no syntax characters, no line that could start a
 * block (lists, numbered lists, headings, quotes), no blank line, no URL (GFM autolinks).
 */
function isPlainText(text: string): boolean {
  return !/[*_`\[\]!<>#|~\\&{}@]|https?:|www\./.test(text) && !/\n\s*\n/.test(text) && !/^\s*(?:[-+=]|\d+[.)])(?:\s|$)/m.test(text);
}

class Converter {
  private readonly definitions = new Map<string, md.Definition>();
  private readonly footnoteDefs = new Map<string, md.FootnoteDefinition>();
  private readonly footnoteNumbers = new Map<string, { number: number; anchor: string }>();
  private readonly headingCounters: number[] = [0, 0, 0, 0];
  /** Tree depth of the last heading built. */
  private currentDepth: number | undefined;

  constructor(
    private readonly src: MarkdownSource,
    private readonly entity: string,
    private readonly ctx: BuildContext,
    private readonly plan: HeadingPlan,
    root: md.Root,
  ) {
    collect(root, (n) => {
      if (n.type === 'definition') this.definitions.set((n as md.Definition).identifier, n as md.Definition);
      if (n.type === 'footnoteDefinition') this.footnoteDefs.set((n as md.FootnoteDefinition).identifier, n as md.FootnoteDefinition);
    });
  }

  private report(node: md.Node, severity: 'error' | 'warning', code: DiagnosticCode, message: string): void {
    const p = sourcePosition(this.src, { line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 });
    // A Markdown field shown in several documents (a milestone's beschreibung) is one problem.
    const key = `${this.src.file}:${p.line}:${p.column}:${code}`;
    if (this.ctx.reported.has(key)) return;
    this.ctx.reported.add(key);
    this.ctx.diagnostics.push({ severity, code, file: this.src.file, line: p.line, column: p.column, message, entity: this.entity });
  }

  blocks(nodes: md.RootContent[]): Block[] {
    const out: Block[] = [];
    for (const n of nodes) out.push(...this.block(n));
    return out;
  }

  private block(n: md.RootContent): Block[] {
    switch (n.type) {
      case 'paragraph': {
        const helper = this.helperParagraph(n);
        if (helper) return helper;
        // A paragraph of only an image becomes a figure.
        if (n.children.length === 1 && n.children[0].type === 'image') return this.image(n.children[0]);
        return [{ type: 'paragraph', children: this.inlines(n.children) }];
      }
      case 'heading':
        return [this.heading(n)];
      case 'list':
        return [{ type: 'list', ordered: !!n.ordered, ...(n.ordered && n.start != null && n.start !== 1 ? { start: n.start } : {}), items: n.children.map((li) => this.listItem(li)) }];
      case 'blockquote':
        return [{ type: 'blockquote', children: this.blocks(n.children) }];
      case 'code':
        return [{ type: 'code', value: n.value }];
      case 'thematicBreak':
        return [{ type: 'thematicBreak' }];
      case 'table':
        return [this.table(n)];
      case 'html':
        // Raw HTML is never passed through: it is shown as text so nothing disappears silently.
        this.report(n, 'warning', CODES.markdownRawHtml, 'HTML im Text wird nicht ausgeführt, sondern als Text angezeigt');
        return [{ type: 'paragraph', children: [{ type: 'text', value: n.value }] }];
      case 'definition':
      case 'footnoteDefinition':
      case 'yaml':
        return [];
      default:
        this.unsupported(n);
        return [];
    }
  }

  /** A construct the document tree has no node for: a warning at its place, never a silent gap. */
  private unsupported(n: md.Node): void {
    this.report(n, 'warning', CODES.markdownUnsupported, `Das Markdown-Element „${n.type}“ kann ratsdoc nicht darstellen; es fehlt im Dokument`);
  }

  /**
   * A list item; a GFM task (`- [x] …`, `- [ ] …`) starts with the form's box characters
   * (☒/☐) as text, so every format shows the tick.
   */
  private listItem(li: md.ListItem): Block[] {
    const blocks = this.blocks(li.children);
    if (typeof li.checked !== 'boolean') return blocks;
    const { an, aus } = this.ctx.theme.vorlage.kaestchen;
    const box: Inline = { type: 'text', value: `${li.checked ? an : aus}\u00a0` };
    const [first, ...rest] = blocks;
    if (first?.type === 'paragraph') return [{ ...first, children: mergeText([box, ...first.children]) }, ...rest];
    return [{ type: 'paragraph', children: [box] }, ...blocks];
  }

  /** A paragraph of one block helper becomes the helper's blocks. */
  private helperParagraph(p: md.Paragraph): Block[] | null {
    const node = p.children.find((c): c is HelperNode => c.type === 'helper');
    if (!node || !isAloneInParagraph(node, p)) return null;
    const { def, args } = trustedCall(node, helpers);
    if (def.placement !== 'block') return null;
    this.ctx.headingDepth = this.currentDepth ?? this.plan.baseDepth - 1;
    return def.expand(args, this.ctx);
  }

  private heading(n: md.Heading): Block {
    const depth = Math.min(4, this.plan.baseDepth + n.depth - 1) as 1 | 2 | 3 | 4;
    this.currentDepth = depth;
    if (depth < this.plan.baseDepth + n.depth - 1) {
      const deepest = '#'.repeat(4 - this.plan.baseDepth + 1);
      this.report(n, 'warning', CODES.headingTooDeep, `Eine Überschrift „${'#'.repeat(n.depth)}“ ist tiefer, als ratsdoc hier gliedert; sie wird wie „${deepest}“ gesetzt`);
    }
    const children = this.inlines(n.children);
    let number: string | undefined;
    if (this.plan.numberPrefix !== undefined && n.depth <= 3) {
      const level = n.depth - 1;
      this.headingCounters[level]++;
      for (let i = level + 1; i < this.headingCounters.length; i++) this.headingCounters[i] = 0;
      number = [this.plan.numberPrefix, ...this.headingCounters.slice(0, level + 1)].filter((x) => x !== '').join('.');
    }
    return { type: 'heading', depth, ...(number ? { number } : {}), anchor: this.ctx.anchor(plainText(children)), toc: this.plan.toc && n.depth <= 2, children };
  }

  private table(n: md.Table): Block {
    const align = n.align ?? [];
    const row = (r: md.TableRow, header: boolean): TableCell[] =>
      r.children.map((c, i) => ({ children: this.inlines(c.children), ...(header ? { header: true } : {}), ...(align[i] ? { align: align[i]! } : {}) }));
    const [head, ...body] = n.children;
    return { type: 'table', variant: 'grid', headerRows: head ? [row(head, true)] : [], rows: body.map((r) => row(r, false)) };
  }

  private image(img: md.Image): Block[] {
    // The rules reported a missing or refused image (and a missing alt text) already.
    const r = resolveImage(this.ctx.model.root, img.url);
    if (!r.ok) return [];
    const resolved = r.path;
    return [{ type: 'image', path: resolved, src: img.url, alt: img.alt ?? '', ...(img.title ? { title: img.title } : {}) }];
  }

  inlines(nodes: md.PhrasingContent[]): Inline[] {
    const out: Inline[] = [];
    for (const n of nodes) out.push(...this.inline(n));
    return mergeText(out);
  }

  private inline(n: md.PhrasingContent): Inline[] {
    switch (n.type) {
      case 'text':
        // A soft line break inside a paragraph reads as a space (a PDF would break the line).
        return [{ type: 'text', value: n.value.replace(/[ \t]*\n[ \t]*/g, ' ') }];
      case 'strong':
        return [{ type: 'strong', children: this.inlines(n.children) }];
      case 'emphasis':
        return [{ type: 'emphasis', children: this.inlines(n.children) }];
      case 'delete':
        return [{ type: 'delete', children: this.inlines(n.children) }];
      case 'inlineCode':
        return [{ type: 'inlineCode', value: n.value }];
      case 'break':
        return [{ type: 'break' }];
      case 'html':
        this.report(n, 'warning', CODES.markdownRawHtml, 'HTML im Text wird nicht ausgeführt, sondern als Text angezeigt');
        return [{ type: 'text', value: n.value }];
      case 'helper': {
        const { def, args } = trustedCall(n, helpers);
        // A block helper inside a sentence is refused by the rules; only inline ones get here.
        return def.placement === 'inline' ? def.expand(args, this.ctx) : [];
      }
      case 'helperUnclosed':
        return [{ type: 'text', value: '{{' }];
      case 'link':
        return this.link(n, n.url, n.children);
      case 'linkReference': {
        const def = this.definitions.get(n.identifier);
        return def ? this.link(n, def.url, n.children) : [{ type: 'text', value: `[${plainText(this.inlines(n.children))}]` }];
      }
      case 'image':
      case 'imageReference': {
        // An image inside running text: shown as its alt text; images belong in their own paragraph.
        this.report(n, 'warning', CODES.imageInline, 'Ein Bild im Fließtext wird nur als Text gezeigt; bitte in einen eigenen Absatz stellen');
        return [{ type: 'text', value: n.alt ?? '' }];
      }
      case 'footnoteReference': {
        let note = this.footnoteNumbers.get(n.identifier);
        if (!note) {
          if (!this.footnoteDefs.has(n.identifier)) {
            this.report(n, 'error', CODES.footnoteMissing, `Fußnote [^${n.label ?? n.identifier}] hat keinen Text ([^${n.label ?? n.identifier}]: …)`);
            return [];
          }
          const number = ++this.ctx.footnoteCounter;
          note = { number, anchor: `fn-${number}` };
          this.footnoteNumbers.set(n.identifier, note);
        }
        return [{ type: 'footnoteRef', number: note.number, anchor: note.anchor }];
      }
      default:
        this.unsupported(n);
        return [];
    }
  }

  private link(node: md.Node, url: string, children: md.PhrasingContent[]): Inline[] {
    const inner = this.inlines(children);
    if (!SAFE_URL.test(url.trim())) {
      if (url.trim()) this.report(node, 'warning', CODES.linkUnsafe, `Link „${url}“ wird nicht übernommen (erlaubt: https:, http:, mailto:)`);
      return inner;
    }
    return [{ type: 'link', url: url.trim(), children: inner }];
  }

  /** The footnotes referenced in this body, in order of first reference. */
  footnotes(): Block | null {
    for (const [id, def] of this.footnoteDefs) {
      if (!this.footnoteNumbers.has(id)) this.report(def, 'warning', CODES.footnoteUnused, `Fußnote [^${def.label ?? id}] wird im Text nicht verwendet und daher nicht gedruckt (im Text fehlt [^${def.label ?? id}])`);
    }
    if (!this.footnoteNumbers.size) return null;
    const items = [...this.footnoteNumbers.entries()]
      .sort((a, b) => a[1].number - b[1].number)
      .map(([id, note]) => ({ number: note.number, anchor: note.anchor, children: this.blocks(this.footnoteDefs.get(id)!.children as md.RootContent[]) }));
    return { type: 'footnotes', items };
  }
}

function collect(node: md.Node, visit: (n: md.Node) => void): void {
  visit(node);
  const children = (node as md.Parent).children;
  if (children) for (const c of children) collect(c, visit);
}

function mergeText(list: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const n of list) {
    const last = out[out.length - 1];
    if (n.type === 'text' && last?.type === 'text') last.value += n.value;
    else out.push(n.type === 'text' ? { ...n } : n);
  }
  return out;
}

/** The plain text of inline content. */
export function plainText(nodes: Inline[]): string {
  return nodes.map((n) => ('value' in n ? n.value : 'children' in n ? plainText(n.children) : n.type === 'break' ? ' ' : '')).join('');
}
