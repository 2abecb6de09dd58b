/**
 * The PDF renderer: document tree + theme → pdfmake document definition → PDF bytes.
 * `toDocDefinition` is pure (no I/O), `pdfFromDefinition` runs pdfmake, `renderPdf` does both.
 * Output is byte-identical for the same input: the creation date comes from the tree.
 */
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { DocumentTree, FurnitureLine } from '../../document/tree.js';
import { fillPlaceholders, type Theme } from '../../theme/theme.js';
import { blocksToPdf, footnoteArea } from './blocks.js';
import { cloneNode, FOOTNOTE_AREA, installFootnoteHooks, type FootnoteArea } from './footnotes.js';
import type { RenderContext } from './context.js';
import { pdfFromDefinition } from './engine.js';
import { dataUri, type FontAsset, type ImageAsset } from '../renderer.js';
import { collectHeadings } from '../../document/outline.js';
import { PAGINATION, StructureTree } from './tagging/structure.js';
import { taggedText } from './inline.js';
import { themeToPdfmake, type PdfTheme } from './theme.js';
import { imagePaths } from '../../document/walk.js';
import { applyFontFallback } from './fallback.js';

export { pdfFromDefinition } from './engine.js';

installFootnoteHooks();

/** The bytes a PDF render uses (nothing is read from disk). */
export interface PdfRenderOptions {
  /** Font family → its four TTF files; must contain `theme.base.font_family`. */
  fonts: Readonly<Record<string, FontAsset>>;
  /** The images the tree shows, by absolute path. */
  images: ReadonlyMap<string, ImageAsset>;
}

/** Family used for inline code and code blocks when registered. */
const MONO_FAMILY = 'DejaVu Sans Mono';

/**
 * Renders a document tree to PDF bytes: PDF 1.7, tagged (a structure tree from the document
 * tree), PDF/A-2a and PDF/UA-1 when that tree is complete, fonts embedded.
 */
export async function renderPdf(tree: DocumentTree, theme: Theme, options: PdfRenderOptions): Promise<Buffer> {
  return pdfFromDefinition(toDocDefinition(tree, theme, options), options);
}

/**
 * The pdfmake document definition of a tree (pure). pdfmake mutates a definition while
 * rendering it, so build a new one for every render.
 */
export function toDocDefinition(tree: DocumentTree, theme: Theme, options: PdfRenderOptions): TDocumentDefinitions {
  const pdf = themeToPdfmake(theme);
  if (!(pdf.font in options.fonts)) {
    throw new Error(`Schrift "${pdf.font}" (theme base.font_family) ist nicht unter den Schriften: ${Object.keys(options.fonts).join(', ')}`);
  }
  const titlePage = tree.blocks[0]?.type === 'titlePage';
  const ctx: RenderContext = {
    theme: pdf,
    monoFont: MONO_FAMILY in options.fonts ? MONO_FAMILY : pdf.font,
    fonts: options.fonts,
    images: options.images,
    outPath: tree.outPath,
    outlineParents: [],
    tags: new StructureTree(),
    headings: collectHeadings(tree.blocks),
    // The title page prints the title as H1; without one the PDF's outline starts at H1 below it.
    headingShift: titlePage ? 0 : 1,
    sectionDepth: 0,
    footnotes: new Map(),
  };
  const firstPageBare = tree.kind === 'vorlage' || titlePage;
  const content = blocksToPdf(tree.blocks, ctx);
  if (ctx.footnotes.size) {
    // The notes' text is not in the content: it gets the fallback font on its own.
    applyFontFallback({ content: [...ctx.footnotes.values()].flat() }, options.fonts, pdf.font, theme.base.fallback_font_family);
    const area: FootnoteArea = { node: (numbers) => cloneNode(footnoteArea(numbers, ctx)) };
    Object.defineProperty(content, FOOTNOTE_AREA, { value: area, enumerable: false });
  }
  return applyFontFallback({
    pageSize: pdf.pageSize,
    pageOrientation: 'portrait',
    pageMargins: pdf.pageMargins,
    content,
    defaultStyle: pdf.defaultStyle,
    styles: pdf.styles,
    header: tree.furniture
      ? (currentPage, pageCount) => furnitureLine((currentPage === 1 ? tree.furniture!.firstPage : tree.furniture!).header, currentPage, pageCount, 'header', pdf)
      : (currentPage) => (currentPage === 1 && firstPageBare ? null : runningHeader(tree.header, pdf)),
    footer: tree.furniture
      ? (currentPage, pageCount) => furnitureLine((currentPage === 1 ? tree.furniture!.firstPage : tree.furniture!).footer, currentPage, pageCount, 'footer', pdf)
      : (currentPage, pageCount) => (currentPage === 1 && titlePage ? null : runningFooter(currentPage, pageCount, pdf)),
    ...(tree.draft ? { watermark: draftWatermark(tree.draft, pdf) } : {}),
    images: imageDictionary(tree, options.images),
    info: documentInfo(tree),
    language: tree.meta.lang,
    displayTitle: true,
    version: '1.7',
    tagged: true,
    // Level A needs the complete structure tree; tagging/write.ts falls back to B without it.
    subset: 'PDF/A-2a',
  }, options.fonts, pdf.font, theme.base.fallback_font_family);
}

/**
 * pdfmake's image dictionary: each image the tree shows as a data URI under its path (the
 * name the content nodes use), so pdfmake reads no file.
 */
function imageDictionary(tree: DocumentTree, images: ReadonlyMap<string, ImageAsset>): Record<string, string> {
  const dict: Record<string, string> = {};
  for (const p of imagePaths([tree])) {
    const asset = images.get(p);
    if (asset) dict[p] = dataUri(asset);
  }
  return dict;
}

/** The running header: `tree.header`, small and muted, left. */
function runningHeader(text: string, pdf: PdfTheme): Content | null {
  return text ? { text: taggedText(text, () => PAGINATION), style: 'header', margin: pdf.headerMargin } : null;
}

/** The running footer: the theme's text with `{seite}`/`{seiten}` filled in, right-aligned. */
function runningFooter(currentPage: number, pageCount: number, pdf: PdfTheme): Content {
  const text = fillPlaceholders(pdf.footerText, { seite: currentPage, seiten: pageCount });
  return { text: taggedText(text, () => PAGINATION), style: 'footer', margin: pdf.footerMargin };
}

/** A header or footer line of the form: left, centre and right parts, page numbers filled in. */
function furnitureLine(line: FurnitureLine, currentPage: number, pageCount: number, style: 'header' | 'footer', pdf: PdfTheme): Content | null {
  // Page furniture is an Artifact (pagination) in the tagged PDF, as the running header is.
  const fill = (s: string) => { const text = fillPlaceholders(s, { seite: currentPage, seiten: pageCount }); return text ? taggedText(text, () => PAGINATION) : ''; };
  const parts = [
    { text: fill(line.left), alignment: 'left' as const },
    { text: fill(line.center), alignment: 'center' as const },
    { text: fill(line.right), alignment: 'right' as const },
  ];
  const used = parts.filter((p) => p.text);
  if (!used.length) return null;
  const margin = style === 'header' ? pdf.headerMargin : pdf.footerMargin;
  // One part takes the whole width (a long Betreff must not wrap in a third of the line).
  if (used.length === 1) return { text: used[0].text, alignment: used[0].alignment, style, margin };
  return { columns: parts.map((p) => ({ ...p, width: '*' as const })), style, margin };
}

function draftWatermark(text: string, pdf: PdfTheme): TDocumentDefinitions['watermark'] {
  // `bold` is supported by pdfmake's LayoutBuilder though missing from @types/pdfmake.
  const watermark = { text, color: pdf.colors.draft, opacity: 0.12, bold: true };
  return watermark as unknown as TDocumentDefinitions['watermark'];
}

/** PDF Info dictionary (and XMP): title, author, subject, keywords, pinned dates. */
function documentInfo(tree: DocumentTree): TDocumentDefinitions['info'] {
  const { meta } = tree;
  return {
    title: meta.title,
    author: meta.author,
    subject: meta.subject,
    keywords: meta.keywords.join(', '),
    creator: 'ratsdoc',
    producer: 'ratsdoc',
    creationDate: meta.created,
    modDate: meta.created,
  };
}
