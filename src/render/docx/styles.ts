/**
 * Theme → Word styles. Headings use Word's built-in heading styles (`Heading1`…`Heading6`,
 * shown as „Überschrift 1“… in a German Word) so the navigation pane, Word's own table of
 * contents and its accessibility checker see them; body, table and caption text get named
 * styles a city can restyle in Word or replace with its reference document. Direct
 * formatting in the document is kept to what a style cannot say (a cell's shading, a
 * table's column widths).
 */
import type { IStylesOptions } from 'docx';
import type { Theme } from '../../theme/theme.js';
import { hex, ptToHalfPoints, ptToTwip } from './units.js';

/** Style ids the renderer uses; names (what Word shows) are in `docxStyles`. */
export const STYLE = {
  lead: 'Lead',
  small: 'Small',
  muted: 'Muted',
  sectionLabel: 'SectionLabel',
  fieldLabel: 'FieldLabel',
  fieldValue: 'FieldValue',
  tableText: 'TableText',
  tableHeading: 'TableHeading',
  caption: 'Caption',
  signature: 'SignatureBlock',
  banner: 'Banner',
  code: 'Code',
  quote: 'Quote',
  figure: 'Figure',
  titleKommune: 'TitleKommune',
  title: 'Title',
  subtitle: 'Subtitle',
  tocHeading: 'TOCHeading',
  header: 'Header',
  footer: 'Footer',
  listParagraph: 'ListParagraph',
  inlineCode: 'InlineCode',
  dataTable: 'DataTable',
  layoutTable: 'LayoutTable',
} as const;

/**
 * The theme's `line_height` means a multiple of the font size, as in CSS and the PDF; Word's
 * „Mehrfach“ multiplies the font's own line height (about 1.16 em for DejaVu Sans and most
 * sans fonts), so divide, as the PDF renderer does.
 */
const FONT_NATURAL_LINE_HEIGHT = 1.16;

/** Word's `w:line` for a line height factor (240 = single). */
function lineSpacing(factor: number): { line: number; lineRule: 'auto' } {
  return { line: Math.round(240 * factor), lineRule: 'auto' };
}

/** Font family of code (inline and blocks). */
export const MONO_FONT = 'DejaVu Sans Mono';

/** The document's styles from the theme. */
export function docxStyles(theme: Theme): IStylesOptions {
  const size = theme.base.font_size;
  const small = Math.max(size - 2, 7);
  const font = theme.base.font_family;
  const line = lineSpacing(theme.base.line_height / FONT_NATURAL_LINE_HEIGHT);
  const heading = (pt: number, before: number, level: number) => ({
    run: { font, size: ptToHalfPoints(pt), bold: true, color: hex(theme.heading.color) },
    paragraph: { spacing: { before: ptToTwip(before), after: ptToTwip(pt * 0.45), line: 252, lineRule: 'auto' as const }, keepNext: true, keepLines: true, outlineLevel: level },
  });
  const h = theme.heading;
  const para = (id: string, name: string, run: Record<string, unknown>, paragraph: Record<string, unknown> = {}, basedOn = 'Normal') => ({
    id, name, basedOn, next: 'Normal', quickFormat: true, run, paragraph,
  });
  return {
    default: {
      document: {
        run: { font, size: ptToHalfPoints(size), color: hex(theme.base.color), language: { value: 'de-DE', eastAsia: 'de-DE', bidirectional: 'ar-SA' } },
        paragraph: { spacing: { after: ptToTwip(size * 0.7), ...line } },
      },
      heading1: { ...heading(h.h1_size, h.h1_size * 0.9, 0), name: 'heading 1' },
      heading2: { ...heading(h.h2_size, h.h2_size * 0.9, 1), name: 'heading 2' },
      heading3: { ...heading(h.h3_size, h.h3_size * 0.7, 2), name: 'heading 3' },
      heading4: { ...heading(h.h4_size, h.h4_size * 0.6, 3), name: 'heading 4' },
      heading5: { ...heading(h.h4_size, h.h4_size * 0.6, 4), name: 'heading 5' },
      heading6: { ...heading(h.h4_size, h.h4_size * 0.6, 5), name: 'heading 6' },
      title: { name: 'Title', run: { font, size: ptToHalfPoints(h.h1_size * 1.6), bold: true, color: hex(h.color) }, paragraph: { spacing: { after: ptToTwip(size), line: 252, lineRule: 'auto' as const } } },
      caption: { name: 'caption', run: { font, size: ptToHalfPoints(small), bold: true, italics: false, color: hex(theme.base.color) }, paragraph: { spacing: { before: ptToTwip(size * 0.3), after: ptToTwip(size * 0.3) }, keepNext: true } },
      // In the primary colour without underline, as in the PDF and HTML.
      hyperlink: { run: { color: hex(theme.colors.primary) } },
      footnoteText: { run: { size: ptToHalfPoints(small) }, paragraph: { spacing: { after: 0, line: 252, lineRule: 'auto' as const } } },
      listParagraph: { run: {}, paragraph: { spacing: { after: ptToTwip(size * 0.3) }, contextualSpacing: true } },
    },
    paragraphStyles: [
      para(STYLE.lead, 'Kommune (Kopf)', { size: ptToHalfPoints(size * 1.15) }, { spacing: { after: ptToTwip(size * 0.9) } }),
      para(STYLE.small, 'Kleingedruckt', { size: ptToHalfPoints(small) }, { spacing: { after: ptToTwip(size * 0.6) } }),
      para(STYLE.muted, 'Hinweis', { color: hex(theme.colors.muted) }),
      para(STYLE.sectionLabel, 'Abschnittsbezeichnung', { bold: true }, { spacing: { before: ptToTwip(size * 1.2), after: ptToTwip(size * 0.5) }, keepNext: true, keepLines: true }),
      para(STYLE.fieldLabel, 'Feldbezeichnung', { bold: true }, { spacing: { before: 0, after: 0 } }),
      para(STYLE.fieldValue, 'Feldinhalt', {}, { spacing: { before: 0, after: 0 } }),
      para(STYLE.tableText, 'Tabellentext', { size: ptToHalfPoints(theme.table.font_size) }, { spacing: { before: 0, after: 0, line: 276, lineRule: 'auto' as const } }),
      para(STYLE.tableHeading, 'Tabellenkopf', { bold: true }, {}, STYLE.tableText),
      para(STYLE.signature, 'Unterschriftenblock', {}, { spacing: { after: 0, line: 252, lineRule: 'auto' as const }, keepNext: true, keepLines: true }),
      para(STYLE.banner, 'Entwurfshinweis', { bold: true, color: 'FFFFFF', size: ptToHalfPoints(size * 1.1) }, {
        alignment: 'center', shading: { type: 'clear', fill: hex(theme.colors.draft), color: 'auto' }, spacing: { before: ptToTwip(5), after: ptToTwip(size * 1.5) },
      }),
      para(STYLE.code, 'Quelltext', { font: MONO_FONT, size: ptToHalfPoints(small) }, { shading: { type: 'clear', fill: 'F3F4F6', color: 'auto' }, spacing: { line: 264, lineRule: 'auto' as const } }),
      para(STYLE.quote, 'Quote', { italics: true, color: hex(theme.colors.muted) }, {
        indent: { left: ptToTwip(10) }, border: { left: { style: 'single', size: 16, color: hex(theme.colors.primary), space: 8 } },
      }),
      // Single line spacing: LibreOffice clips an inline image to a proportional line height.
      para(STYLE.figure, 'Abbildung', {}, { keepNext: true, spacing: { before: ptToTwip(size * 0.35), line: 240, lineRule: 'auto' as const } }),
      para(STYLE.titleKommune, 'Kommune (Titelblatt)', { size: ptToHalfPoints(h.h2_size), bold: true, color: hex(theme.colors.primary) }),
      para(STYLE.subtitle, 'Subtitle', { size: ptToHalfPoints(h.h2_size), color: hex(theme.colors.muted) }),
      para(STYLE.tocHeading, 'TOC Heading', { size: ptToHalfPoints(h.h1_size), bold: true, color: hex(h.color) }, { spacing: { after: ptToTwip(size) } }),
      para(STYLE.header, 'header', { size: ptToHalfPoints(small), color: hex(theme.colors.muted) }, { spacing: { after: 0 } }),
      para(STYLE.footer, 'footer', { size: ptToHalfPoints(small), color: hex(theme.colors.muted) }, { alignment: 'right', spacing: { after: 0 } }),
    ] as IStylesOptions['paragraphStyles'],
    characterStyles: [
      { id: STYLE.inlineCode, name: 'Quelltext (Zeichen)', basedOn: 'DefaultParagraphFont', run: { font: MONO_FONT } },
    ],
  };
}

/**
 * The table styles, as XML for `word/styles.xml`: `docx` has no option for table styles (its
 * `importedStyles` would replace all other styles), so they are added to the part after packing.
 */
export function tableStylesXml(theme: Theme): string {
  return tableStyle(STYLE.dataTable, 'Datentabelle', theme, true) + tableStyle(STYLE.layoutTable, 'Layouttabelle', theme, false);
}

/**
 * A table style: thin rules in the theme's border colour and
 * the PDF's cell padding for data tables; no rules for layout tables (cover fields, signatures),
 * whose text starts at the margin as in the PDF.
 */
function tableStyle(id: string, name: string, theme: Theme, ruled: boolean): string {
  const color = hex(theme.colors.table_border);
  const side = (tag: string) => (ruled ? `<w:${tag} w:val="single" w:sz="4" w:space="0" w:color="${color}"/>` : `<w:${tag} w:val="nil"/>`);
  const borders = ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(side).join('');
  const pad = (top: number, left: number, right: number) =>
    `<w:tblCellMar><w:top w:w="${ptToTwip(top)}" w:type="dxa"/><w:left w:w="${ptToTwip(left)}" w:type="dxa"/><w:bottom w:w="${ptToTwip(top)}" w:type="dxa"/><w:right w:w="${ptToTwip(right)}" w:type="dxa"/></w:tblCellMar>`;
  return `<w:style w:type="table" w:styleId="${id}"><w:name w:val="${name}"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:qFormat/>`
    + `<w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr><w:tblPr><w:tblBorders>${borders}</w:tblBorders>${ruled ? pad(2.5, 4, 4) : pad(1.5, 0, 2)}</w:tblPr></w:style>`;
}
