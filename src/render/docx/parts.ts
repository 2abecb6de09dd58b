/**
 * Parts specific to Vorlagen and the Konzept: cover-sheet fields (Deckblatt), the signature
 * block, the Kommune's logo, the draft banner and the title page, each as the PDF lays it
 * out: label/value tables without rules, signatures side by side (at most three a row).
 */
import {
  AlignmentType, ImageRun, Paragraph, Table, TableCell, TableRow, WidthType, type FileChild, type ParagraphChild,
} from 'docx';
import type { Banner, FieldList, Logo, Signature, SignatureBlock, TitlePage } from '../../document/tree.js';
import type { DocxContext } from './context.js';
import { inlinesToDocx } from './inline.js';
import { fitInto, imageSize, imageType } from './media.js';
import { STYLE } from './styles.js';
import { spacer } from './table.js';
import { mmToTwip, ptToPx, ptToTwip } from './units.js';

/** At most this many signatures stand side by side in one row (as in the PDF). */
const SIGNATURES_PER_ROW = 3;

/** Width of the label column of cover-sheet fields and title-page rows (as in the PDF). */
const FIELD_LABEL_WIDTH_MM = 35;

/** Cover-sheet fields: a rule-less two-column table, label (bold) | value. */
export function fieldListToDocx(node: FieldList, ctx: DocxContext): FileChild[] {
  return labelValueTable(node.fields.map((f) => [f.label, inlinesToDocx(f.value, {}, ctx)]), ctx);
}

function labelValueTable(rows: Array<[string, ParagraphChild[]]>, ctx: DocxContext): FileChild[] {
  if (rows.length === 0) return [];
  const label = mmToTwip(FIELD_LABEL_WIDTH_MM);
  const widths = [label, ctx.contentWidth - label];
  return [
    layoutTable(widths, rows.map(([l, value]) => [
      [new Paragraph({ style: STYLE.fieldLabel, children: inlinesToDocx([{ type: 'text', value: l }]) })],
      [new Paragraph({ style: STYLE.fieldValue, children: value })],
    ]), ctx),
    spacer(ctx),
  ];
}

/** A table without rules for layout; `rows` of cells, each cell a list of paragraphs. */
function layoutTable(widths: number[], rows: Paragraph[][][], ctx: DocxContext): Table {
  return new Table({
    style: STYLE.layoutTable,
    width: { size: ctx.contentWidth, type: WidthType.DXA },
    columnWidths: widths,
    rows: rows.map((cells) => new TableRow({
      cantSplit: true,
      children: cells.map((children, i) => new TableCell({ children: children.length ? children : [new Paragraph({})], width: { size: widths[i], type: WidthType.DXA } })),
    })),
  });
}

/**
 * The signature block: `row` puts up to three signatures side by side (a layout table),
 * `stack` below each other; either way its paragraphs keep together on one page.
 */
export function signaturesToDocx(node: SignatureBlock, ctx: DocxContext): FileChild[] {
  const deputyLine = node.layout === 'row' && node.items.some((s) => s.vertretung);
  const gap = new Paragraph({ style: STYLE.signature, spacing: { before: ptToTwip(ctx.theme.base.font_size * 1.4) } });
  if (node.layout === 'stack') {
    return [gap, ...node.items.flatMap((s, i) => signatureParagraphs(s, false, ctx, i === node.items.length - 1))];
  }
  const columns = Math.min(SIGNATURES_PER_ROW, Math.max(1, node.items.length));
  const width = Math.floor(ctx.contentWidth / columns);
  const rows: Paragraph[][][] = [];
  for (let i = 0; i < node.items.length; i += SIGNATURES_PER_ROW) {
    const row = node.items.slice(i, i + SIGNATURES_PER_ROW).map((s) => signatureParagraphs(s, deputyLine, ctx, true));
    while (row.length < columns) row.push([]);
    rows.push(row);
  }
  return [gap, layoutTable(Array.from({ length: columns }, () => width), rows, ctx)];
}

/** Funktion, optional Vertretung, space to sign, Name, optional Amtsbezeichnung. */
function signatureParagraphs(s: Signature, deputyLine: boolean, ctx: DocxContext, last: boolean): Paragraph[] {
  const line = (text: string, extra: Record<string, unknown> = {}) => new Paragraph({ style: STYLE.signature, children: text ? inlinesToDocx([{ type: 'text', value: text }]) : [], ...extra });
  const lines = [line(s.funktion)];
  if (s.vertretung || deputyLine) lines.push(line(s.vertretung ?? ''));
  // Room for the handwritten signature, as in the PDF (three lines).
  lines.push(line(s.name, { spacing: { before: ptToTwip(ctx.theme.base.font_size * 1.3 * 3) } }));
  if (s.amtsbezeichnung) lines.push(line(s.amtsbezeichnung));
  if (!last) lines.push(line('', { spacing: { after: ptToTwip(ctx.theme.base.font_size * 1.4) } }));
  // The last paragraph of a signature need not keep with what follows.
  return lines;
}

/** An image run of `data` at `widthPt` × `heightPt`, with its alt text. */
export function imageRun(data: Uint8Array, widthPt: number, heightPt: number, alt: { description: string; title?: string; name: string }, ctx: DocxContext): ImageRun {
  return new ImageRun({
    type: imageType(data),
    data,
    transformation: { width: Math.round(ptToPx(widthPt)), height: Math.round(ptToPx(heightPt)) },
    altText: { id: String(ctx.nextDrawingId++), name: alt.name, description: alt.description, ...(alt.title ? { title: alt.title } : {}) },
  });
}

/** The bytes of an image the tree names (loaded by the pipeline). */
export function imageBytes(file: string, ctx: DocxContext): Uint8Array {
  const data = ctx.assets.images.get(file);
  if (!data) throw new Error(`DOCX: Bild ${file} wurde nicht geladen`);
  return data;
}

/** The Kommune's logo, `theme.logo.width` wide, left or right as the theme says (nothing for `none`). */
export function logoToDocx(node: Logo, ctx: DocxContext): FileChild[] {
  const run = logoRun(node, ctx);
  if (!run) return [];
  const alignment = ctx.theme.logo.position === 'left' ? AlignmentType.LEFT : AlignmentType.RIGHT;
  return [new Paragraph({ style: STYLE.figure, alignment, spacing: { before: 0, after: ptToTwip(ctx.theme.base.font_size * 0.7) }, children: [run] })];
}

function logoRun(node: Logo, ctx: DocxContext): ImageRun | null {
  if (ctx.theme.logo.position === 'none') return null;
  const data = imageBytes(node.path, ctx);
  const size = imageSize(data);
  const width = (ctx.theme.logo.width * 72) / 25.4;
  return imageRun(data, width, (width * size.height) / size.width, { description: node.alt, name: 'Wappen' }, ctx);
}

/** A box in the theme's draft colour with the text in white (paragraph shading of the style). */
export function bannerToDocx(node: Banner): FileChild[] {
  return [new Paragraph({ style: STYLE.banner, children: inlinesToDocx([{ type: 'text', value: node.text }]) })];
}

/**
 * The title page: Kommune with the logo beside it, the title, subtitle and the label/value
 * rows, placed down the page as in the PDF; the page break after it is the caller's.
 */
export function titlePageToDocx(node: TitlePage, ctx: DocxContext): FileChild[] {
  const out: FileChild[] = [];
  const kommune = new Paragraph({ style: STYLE.titleKommune, children: inlinesToDocx([{ type: 'text', value: node.kommune }]) });
  const logo = node.logo ? logoRun(node.logo, ctx) : null;
  if (logo) {
    const logoWidth = mmToTwip(ctx.theme.logo.width) + ptToTwip(12);
    const logoCell = [new Paragraph({ style: STYLE.figure, alignment: ctx.theme.logo.position === 'left' ? AlignmentType.LEFT : AlignmentType.RIGHT, children: [logo] })];
    const cells = ctx.theme.logo.position === 'left' ? [logoCell, [kommune]] : [[kommune], logoCell];
    const widths = ctx.theme.logo.position === 'left' ? [logoWidth, ctx.contentWidth - logoWidth] : [ctx.contentWidth - logoWidth, logoWidth];
    out.push(layoutTable(widths, [cells], ctx));
  } else {
    out.push(kommune);
  }
  const down = (fraction: number) => Math.round(ctx.contentHeight * fraction);
  out.push(new Paragraph({ style: STYLE.title, spacing: { before: down(0.22) }, children: inlinesToDocx([{ type: 'text', value: node.title }]) }));
  if (node.subtitle) out.push(new Paragraph({ style: STYLE.subtitle, children: inlinesToDocx([{ type: 'text', value: node.subtitle }]) }));
  if (node.fields.length) {
    out.push(new Paragraph({ spacing: { before: down(0.14), after: 0 } }));
    out.push(...labelValueTable(node.fields.map((f) => [f.label, inlinesToDocx([{ type: 'text', value: f.value }])]), ctx));
  }
  return out;
}

/** Fits an image of `size` pixels into the text width (or `maxWidthPt`) and 80 % of the text height, in pt. */
export function fittedSize(data: Uint8Array, maxWidthPt: number, ctx: DocxContext): { width: number; height: number } {
  return fitInto(imageSize(data), { width: maxWidthPt, height: (ctx.contentHeight / 20) * 0.8 });
}
