/**
 * The DOCX renderer: document tree + theme + assets (bytes) → a Word document (Office Open
 * XML), with the `docx` library. Pure apart from resvg's WebAssembly module: it reads no
 * content file and no clock. Output is byte-identical for the same input (see package.ts).
 */
import { Document, Paragraph } from 'docx';
import type { Block, DocumentTree, Footnotes } from '../../document/tree.js';
import type { Theme } from '../../theme/theme.js';
import type { DocxAssets } from './assets.js';
import { blocksToDocx, tocEntriesOf } from './blocks.js';
import type { DocxContext } from './context.js';
import { inlinesToDocx } from './inline.js';
import { chartToPng } from './media.js';
import { numberingDefinitions } from './numbering.js';
import { compileParts, normalizePackage, partText, setPart, writePackage } from './package.js';
import { sectionFrame, pageGeometry } from './page.js';
import { applyReference, referencePage } from './reference.js';
import { docxStyles, tableStylesXml } from './styles.js';

export type { DocxAssets, ReferenceDocument } from './assets.js';

/** Renders a document tree to DOCX bytes. */
export async function renderDocx(tree: DocumentTree, theme: Theme, assets: DocxAssets): Promise<Buffer> {
  // A reference document's page replaces the theme's: the text area is the one Word will lay out.
  const page = (assets.reference && referencePage(assets.reference)) || pageGeometry(theme);
  const ctx: DocxContext = {
    theme,
    assets,
    outPath: tree.outPath,
    contentWidth: page.width - page.left - page.right,
    contentHeight: page.height - page.top - page.bottom,
    nextDrawingId: 1,
    nextListInstance: 1,
    listStarts: new Set(),
    listDepth: 0,
    chartPngs: await renderCharts(tree.blocks, assets, theme),
    tocEntries: tocEntriesOf(tree.blocks),
  };
  const children = blocksToDocx(tree.blocks, ctx);
  const footnotes = footnotesOf(tree.blocks, ctx);
  const doc = new Document({
    title: tree.meta.title,
    creator: tree.meta.author,
    lastModifiedBy: tree.meta.author,
    subject: tree.meta.subject,
    keywords: tree.meta.keywords.join(', '),
    description: tree.meta.subject,
    styles: docxStyles(theme),
    numbering: numberingDefinitions(ctx),
    features: { updateFields: tree.blocks.some((b) => b.type === 'toc') },
    ...(Object.keys(footnotes).length ? { footnotes } : {}),
    sections: [{ ...sectionFrame(tree, theme, page), children }],
  });
  const parts = compileParts(doc);
  normalizePackage(parts, tree.meta.created);
  setPart(parts, 'word/styles.xml', partText(parts, 'word/styles.xml')!.replace(/<\/w:styles>\s*$/, `${tableStylesXml(theme)}</w:styles>`));
  if (assets.reference) applyReference(parts, assets.reference);
  return writePackage(parts);
}

/** Every chart's PNG by its SVG, rendered once each. */
async function renderCharts(blocks: Block[], assets: DocxAssets, theme: Theme): Promise<Map<string, Uint8Array>> {
  const svgs = new Set<string>();
  visit(blocks, (b) => {
    if (b.type === 'chart') svgs.add(b.svg);
  });
  const out = new Map<string, Uint8Array>();
  for (const svg of svgs) out.set(svg, await chartToPng(svg, assets.fonts, theme.base.font_family));
  return out;
}

/** The tree's footnotes as Word footnotes, by their running number (Word numbers them the same way). */
function footnotesOf(blocks: Block[], ctx: DocxContext): Record<string, { children: Paragraph[] }> {
  const notes: Footnotes['items'] = [];
  visit(blocks, (b) => {
    if (b.type === 'footnotes') notes.push(...b.items);
  });
  const out: Record<string, { children: Paragraph[] }> = {};
  for (const note of notes) {
    const paragraphs = note.children.flatMap((b) => (b.type === 'paragraph'
      ? [new Paragraph({ style: 'FootnoteText', children: inlinesToDocx(b.children, {}, ctx) })]
      : blocksToDocx([b], ctx).map((c) => {
        if (!(c instanceof Paragraph)) throw new Error(`DOCX: Fußnote ${note.number} enthält einen Block („${b.type}“), den eine Word-Fußnote nicht fassen kann`);
        return c;
      })));
    out[String(note.number)] = { children: paragraphs.length ? paragraphs : [new Paragraph({ style: 'FootnoteText' })] };
  }
  return out;
}

/** Visits every block, also inside sections, lists, quotes and footnotes. */
function visit(blocks: Block[], fn: (b: Block) => void): void {
  for (const b of blocks) {
    fn(b);
    if (b.type === 'section' || b.type === 'blockquote' || b.type === 'keepTogether') visit(b.children, fn);
    if (b.type === 'list') b.items.forEach((item) => visit(item, fn));
    if (b.type === 'footnotes') b.items.forEach((item) => visit(item.children, fn));
  }
}
