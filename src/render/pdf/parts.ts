/**
 * Document parts specific to Vorlagen and the Konzept: cover-sheet fields (Deckblatt),
 * the signature block (Unterschriften), logo, banner and the title page.
 */
import type { Content } from 'pdfmake/interfaces.js';
import type { Banner, FieldList, Logo, Signature, SignatureBlock, TitlePage } from '../../document/tree.js';
import type { RenderContext } from './context.js';
import { checkedImagePath } from './image.js';
import { mm } from '../../theme/theme.js';
import { inlinesToPdf, taggedText, type TextFragment } from './inline.js';
import { LAYOUT, tagged, type StructureTree } from './tagging/structure.js';

/** At most this many signatures stand side by side in one row. */
const SIGNATURES_PER_ROW = 3;

/** Cover-sheet fields: a rule-less two-column table, label (bold) | value. */
export function fieldListToPdf(node: FieldList, ctx: RenderContext): Content {
  return labelValueTable(node.fields.map((f) => [f.label, () => inlinesToPdf(f.value, ctx)]), ctx, node.labelWidth === undefined ? undefined : mm(node.labelWidth));
}

/** Label | value rows, tagged as a table whose labels are row headers. */
function labelValueTable(rows: Array<[string, () => TextFragment[]]>, ctx: RenderContext, labelWidth = ctx.theme.fieldLabelWidth): Content {
  if (rows.length === 0) return { text: '' };
  const tags = ctx.tags;
  const body = tags.within('Table', {}, () => tags.within('TBody', {}, () => rows.map(([label, value]) => tags.within('TR', {}, () => [
    { text: taggedText(label, () => tags.leaf('TH', { scope: 'Row' })), style: 'fieldLabel' },
    { text: tags.within('TD', {}, value) },
  ]))));
  return {
    table: {
      widths: [labelWidth, '*'],
      dontBreakRows: true,
      body,
    },
    layout: ctx.theme.tableLayouts.plain,
    margin: [0, 0, 0, ctx.theme.blockGap * 1.5],
  };
}

/**
 * The signature block, never split across pages. `row`: one column per signature side by
 * side (at most three per row); `stack`: the same blocks below each other.
 */
export function signaturesToPdf(node: SignatureBlock, ctx: RenderContext): Content {
  // Side by side, every column reserves the deputy line if one has it, so names line up.
  const deputyLine = node.layout === 'row' && node.items.some((s) => s.vertretung);
  const stacks = node.items.map((s) => ctx.tags.within('Div', {}, () => signatureStack(s, deputyLine, ctx.tags, ctx)));
  const margin: [number, number, number, number] = [0, ctx.theme.blockGap * 2, 0, ctx.theme.blockGap];
  if (node.layout === 'stack') {
    return { stack: stacks.map((s) => ({ ...s, margin: [0, 0, 0, ctx.theme.blockGap * 2] })), unbreakable: true, margin };
  }
  const rows = chunk(stacks, SIGNATURES_PER_ROW);
  const columns = Math.min(SIGNATURES_PER_ROW, Math.max(1, stacks.length));
  return {
    table: {
      widths: Array.from({ length: columns }, () => '*'),
      body: rows.map((row) => [...row, ...Array.from({ length: columns - row.length }, () => ({ text: '' }))]),
      dontBreakRows: true,
    },
    layout: ctx.theme.tableLayouts.plain,
    unbreakable: true,
    margin,
  };
}

/** Funktion, optional Vertretung, space to sign, Name, optional Amtsbezeichnung. */
function signatureStack(s: Signature, deputyLine: boolean, tags: StructureTree, ctx: RenderContext): { stack: Content[]; style: string } {
  const line = (text: string): { text: TextFragment[] } => ({ text: taggedText(text, () => tags.leaf('P')) });
  const lines: Content[] = [line(s.funktion)];
  // The reserved deputy line of a signature without one is blank: layout, not text.
  if (s.vertretung) lines.push(line(s.vertretung));
  else if (deputyLine) lines.push({ text: taggedText('\u00a0', () => LAYOUT) });
  lines.push({ ...line(s.name), margin: [0, ctx.theme.signatureSpace, 0, 0] });
  if (s.amtsbezeichnung) lines.push(line(s.amtsbezeichnung));
  return { stack: lines, style: 'signature' };
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The Kommune's logo, `theme.logo.width` wide, aligned as the theme says (nothing for `none`). */
export function logoToPdf(node: Logo, ctx: RenderContext): Content | null {
  if (!ctx.theme.logo) return null;
  // A Figure when the theme gives the logo an alt text, else decoration (an artifact).
  return tagged({
    image: checkedImagePath(node.path, ctx),
    width: ctx.theme.logo.width,
    alignment: ctx.theme.logo.alignment,
    margin: [0, 0, 0, ctx.theme.blockGap],
  }, node.alt.trim() ? ctx.tags.leaf('Figure', { alt: node.alt }) : LAYOUT) as Content;
}

/** A box in the theme's draft colour with the text in white. */
export function bannerToPdf(node: Banner, ctx: RenderContext): Content {
  return {
    table: { widths: ['*'], body: [[{ text: taggedText(node.text, () => ctx.tags.leaf('P')), style: 'banner' }]] },
    layout: ctx.theme.tableLayouts.banner,
    margin: [0, 0, 0, ctx.theme.blockGap * 1.5],
  };
}

/**
 * The title page of a long document: Kommune (with the logo beside it), the title,
 * subtitle and the label/value rows, then a page break.
 */
export function titlePageToPdf(node: TitlePage, ctx: RenderContext): Content {
  const { contentHeight, fontSize } = ctx.theme;
  const logo = node.logo ? logoToPdf(node.logo, ctx) : null;
  const kommune: Content = { text: taggedText(node.kommune, () => ctx.tags.leaf('P')), style: 'titleKommune' };
  const top: Content = logo
    ? { columns: ctx.theme.logo?.alignment === 'left' ? [logo, kommune] : [kommune, logo], columnGap: fontSize * 1.5 }
    : kommune;
  const parts: Content[] = [
    top,
    { text: taggedText(node.title, () => ctx.tags.leaf('H1')), style: 'title', margin: [0, contentHeight * 0.22, 0, fontSize] },
  ];
  if (node.subtitle) parts.push({ text: taggedText(node.subtitle, () => ctx.tags.leaf('P')), style: 'subtitle', margin: [0, 0, 0, fontSize] });
  const fields = node.fields.map((f): [string, () => TextFragment[]] => [f.label, () => taggedText(f.value, () => ctx.tags.content())]);
  parts.push({ stack: [labelValueTable(fields, ctx)], margin: [0, contentHeight * 0.18, 0, 0] });
  return { stack: parts, pageBreak: 'after' };
}
