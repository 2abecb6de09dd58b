/**
 * Blocks of the document tree → `docx` paragraphs and tables. One function per node type;
 * `blocksToDocx` handles page breaks (the next heading starts a page, else a break
 * paragraph) and the title page's own break. Headings keep with the next paragraph by their
 * style, as the PDF keeps a heading with its first block.
 */
import {
  AlignmentType, Bookmark, HeadingLevel, Paragraph, TableOfContents, TextRun, type FileChild, type ParagraphChild,
} from 'docx';
import type {
  Block, Chart, Code, Heading, Image, List, Paragraph as TreeParagraph, Section, Toc,
} from '../../document/tree.js';
import { changeSummaryTable } from '../../document/tree.js';
import { plainText } from '../../document/markdown.js';
import type { DocxContext } from './context.js';
import { bookmarkName, inlinesToDocx, unknownNode } from './inline.js';
import { listParagraphOptions } from './numbering.js';
import { bannerToDocx, fieldListToDocx, fittedSize, imageBytes, imageRun, logoToDocx, signaturesToDocx, titlePageToDocx } from './parts.js';
import { STYLE } from './styles.js';
import { tableToDocx } from './table.js';

const HEADING = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6] as const;

const PARAGRAPH_STYLE = { lead: STYLE.lead, small: STYLE.small, muted: STYLE.muted } as const;

/** How a block is placed: after a page break, inside a quote. */
interface Placement {
  pageBreakBefore?: boolean;
  quote?: boolean;
}

/** Converts a sequence of blocks, applying page breaks. */
export function blocksToDocx(blocks: Block[], ctx: DocxContext, placement: Placement = {}): FileChild[] {
  const out: FileChild[] = [];
  let pendingBreak = false;
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i];
    if (block.type === 'pageBreak') {
      // Nothing before it: no blank first page. The title page ends with its own break.
      if (out.length > 0 && blocks[i - 1]?.type !== 'titlePage') pendingBreak = true;
      continue;
    }
    if (pendingBreak && block.type !== 'heading') out.push(pageBreakParagraph());
    out.push(...blockToDocx(block, ctx, { ...placement, pageBreakBefore: pendingBreak && block.type === 'heading' }));
    pendingBreak = false;
    if (block.type === 'titlePage' && i < blocks.length - 1) out.push(pageBreakParagraph());
  }
  return out;
}

/** An empty paragraph that starts a new page, one point high. */
function pageBreakParagraph(): Paragraph {
  return new Paragraph({ pageBreakBefore: true, spacing: { before: 0, after: 0, line: 20, lineRule: 'exact' } });
}

/** Converts one block (an empty list for blocks that print nothing in the body). */
export function blockToDocx(block: Block, ctx: DocxContext, placement: Placement = {}): FileChild[] {
  switch (block.type) {
    case 'heading': return [headingToDocx(block, placement, ctx)];
    case 'paragraph': return [paragraphToDocx(block, placement, ctx)];
    case 'list': return listToDocx(block, ctx, placement);
    case 'blockquote': return blocksToDocx(block.children, ctx, { quote: true });
    case 'code': return [codeToDocx(block)];
    case 'thematicBreak': return [new Paragraph({ thematicBreak: true, spacing: { after: Math.round(ctx.theme.base.font_size * 20) } })];
    case 'table': return tableToDocx(block, ctx);
    case 'changeSummary': return tableToDocx(changeSummaryTable(block), ctx);
    case 'image': return [imageToDocx(block, ctx)];
    case 'section': return sectionToDocx(block, ctx, placement);
    case 'fieldList': return fieldListToDocx(block, ctx);
    case 'signatures': return signaturesToDocx(block, ctx);
    case 'logo': return logoToDocx(block, ctx);
    case 'banner': return bannerToDocx(block);
    case 'pageBreak': return []; // handled by blocksToDocx
    case 'toc': return tocToDocx(block, ctx);
    case 'footnotes': return []; // Word footnotes, at the foot of the page (see notesOf)
    case 'chart': return chartToDocx(block, ctx);
    case 'keepTogether': return blocksToDocx(block.children, ctx, placement);
    case 'titlePage': return titlePageToDocx(block, ctx);
    default: return unknownNode(block, 'block');
  }
}

/** A heading in Word's built-in heading style, its printed number as text, its anchor as bookmark. */
function headingToDocx(node: Heading, placement: Placement, ctx: DocxContext): Paragraph {
  const text: ParagraphChild[] = [...(node.number ? [new TextRun(`${node.number} `)] : []), ...inlinesToDocx(node.children, {}, ctx)];
  return new Paragraph({
    heading: HEADING[node.depth - 1],
    ...(placement.pageBreakBefore ? { pageBreakBefore: true } : {}),
    children: [new Bookmark({ id: bookmarkName(node.anchor), children: text })],
  });
}

function paragraphToDocx(node: TreeParagraph, placement: Placement, ctx: DocxContext): Paragraph {
  const style = placement.quote ? STYLE.quote : node.style ? PARAGRAPH_STYLE[node.style] : undefined;
  return new Paragraph({ ...(style ? { style } : {}), ...(placement.pageBreakBefore ? { pageBreakBefore: true } : {}), children: inlinesToDocx(node.children, {}, ctx) });
}

/**
 * A list with Word's own numbering (a numbering definition, not typed „1.“): every list its
 * own instance so it starts at its first number; an item's further blocks are indented to
 * its text; nested lists one level deeper.
 */
function listToDocx(node: List, ctx: DocxContext, placement: Placement): FileChild[] {
  const numbering = listParagraphOptions(node, ctx);
  const out: FileChild[] = [];
  const level = ctx.listDepth;
  ctx.listDepth++;
  try {
    for (const item of node.items) {
      const [first, ...rest] = item;
      if (first?.type === 'paragraph') out.push(new Paragraph({ ...numbering.item(level), children: inlinesToDocx(first.children, {}, ctx) }));
      else out.push(new Paragraph({ ...numbering.item(level) }), ...(first ? blockToDocx(first, ctx, placement) : []));
      for (const b of rest) {
        if (b.type === 'paragraph') out.push(new Paragraph({ ...numbering.continuation(level), children: inlinesToDocx(b.children, {}, ctx) }));
        else out.push(...blockToDocx(b, ctx, placement));
      }
    }
  } finally {
    ctx.listDepth--;
  }
  return out;
}

/** A code block: monospace on a shaded paragraph, one line break per line, spaces kept. */
function codeToDocx(node: Code): Paragraph {
  const lines = node.value.split('\n');
  return new Paragraph({ style: STYLE.code, children: lines.map((line, i) => new TextRun({ text: line, ...(i > 0 ? { break: 1 } : {}) })) });
}

/** An image fitted into the text width (or its own `width` in mm, if smaller), with its alt text. */
function imageToDocx(node: Image, ctx: DocxContext): Paragraph {
  const data = imageBytes(node.path, ctx);
  const textWidth = ctx.contentWidth / 20;
  const size = fittedSize(data, node.width ? Math.min((node.width * 72) / 25.4, textWidth) : textWidth, ctx);
  const name = node.src.split('/').pop() ?? node.src;
  // No caption below it: not kept with what follows (a chain down to the next heading's table moves it a page on).
  return new Paragraph({ style: STYLE.figure, keepNext: false, children: [imageRun(data, size.width, size.height, { description: node.alt, ...(node.title ? { title: node.title } : {}), name }, ctx)] });
}

/** A chart as a PNG (rendered from the same SVG as PDF and HTML) with its text alternative, caption below. */
function chartToDocx(node: Chart, ctx: DocxContext): FileChild[] {
  const png = ctx.chartPngs.get(node.svg);
  if (!png) throw new Error('DOCX: Diagramm wurde nicht gerastert');
  const width = Math.min(node.width, ctx.contentWidth / 20);
  const height = node.width > 0 ? (node.height * width) / node.width : 0;
  // Kept with its caption only; without one, a chain down to the next heading's table would move it a page on.
  const image = new Paragraph({ style: STYLE.figure, alignment: AlignmentType.LEFT, keepNext: Boolean(node.caption), children: [imageRun(png, width, height, { description: node.alt, name: node.caption ?? 'Diagramm' }, ctx)] });
  if (!node.caption) return [image];
  return [image, new Paragraph({ style: STYLE.caption, keepNext: false, children: inlinesToDocx([{ type: 'text', value: node.caption }]) })];
}

/** A labelled Vorlage section: the bold label (its anchor a bookmark, kept with what follows), then the children. */
function sectionToDocx(node: Section, ctx: DocxContext, placement: Placement): FileChild[] {
  const label = new Paragraph({
    style: STYLE.sectionLabel,
    ...(placement.pageBreakBefore ? { pageBreakBefore: true } : {}),
    children: [new Bookmark({ id: bookmarkName(node.anchor), children: inlinesToDocx([{ type: 'text', value: node.label }]) })],
  });
  return [label, ...blocksToDocx(node.children, ctx)];
}

/**
 * The table of contents: a Word TOC field over the heading levels the tree lists, marked to
 * be updated when Word opens the document (page numbers are Word's to count), pre-filled
 * with the tree's TOC headings so a reader that does not update fields shows them too.
 */
function tocToDocx(node: Toc, ctx: DocxContext): FileChild[] {
  const entries = ctx.tocEntries;
  const deepest = Math.max(1, ...entries.map((e) => e.level));
  return [
    new Paragraph({ style: STYLE.tocHeading, children: inlinesToDocx([{ type: 'text', value: node.title }]) }),
    new TableOfContents(node.title, {
      hyperlink: true,
      headingStyleRange: `1-${deepest}`,
      cachedEntries: entries.map((e) => ({ title: e.title, level: e.level, href: e.href })),
    }),
  ];
}

/** The TOC entries of a tree: every heading marked `toc`, with its number, as the PDF lists them. */
export function tocEntriesOf(blocks: Block[]): Array<{ title: string; level: number; href: string }> {
  const out: Array<{ title: string; level: number; href: string }> = [];
  const visit = (list: Block[]) => {
    for (const b of list) {
      if (b.type === 'heading' && b.toc) out.push({ title: `${b.number ? `${b.number} ` : ''}${plainText(b.children)}`, level: b.depth, href: bookmarkName(b.anchor) });
      if (b.type === 'section' || b.type === 'keepTogether' || b.type === 'blockquote') visit(b.children);
    }
  };
  visit(blocks);
  return out;
}
