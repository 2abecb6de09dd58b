/**
 * Theme → pdfmake: the one place where theme units (mm, pt, [top, right, bottom, left]) are
 * converted to what pdfmake wants (pt, [left, top, right, bottom]) and where the named
 * pdfmake styles and table layouts are defined. Everything else in `render/pdf` reads the
 * resulting `PdfTheme` and never converts units itself.
 */
import type { CustomTableLayout, Style } from 'pdfmake/interfaces.js';
import { mm, type Theme } from '../../theme/theme.js';

/** pdfmake margins: [left, top, right, bottom] in pt. */
export type PdfMargins = [number, number, number, number];

/** Names of the pdfmake styles `themeToPdfmake` defines (`style: 'h1'` etc.). */
export type PdfStyleName =
  | 'h1' | 'h2' | 'h3' | 'h4'
  | 'paragraph' | 'lead' | 'small' | 'muted'
  | 'header' | 'footer' | 'caption' | 'sectionLabel' | 'fieldLabel' | 'code'
  | 'tocTitle' | 'toc1' | 'toc2' | 'toc3' | 'toc4'
  | 'footnote' | 'banner' | 'tableHeader' | 'tableFooter' | 'blockquote'
  | 'titleKommune' | 'title' | 'subtitle' | 'signature' | 'dataTable';

/** Table layouts used by the renderer, as pdfmake layout objects (no global registration). */
export interface PdfTableLayouts {
  /** Data table: thin rules in the theme's border colour, header rows shaded. */
  grid: CustomTableLayout;
  /** Layout table without rules (cover-sheet fields, signatures, footnotes). */
  plain: CustomTableLayout;
  /** A rule on the left only (blockquote). */
  quote: CustomTableLayout;
  /** A shaded box (code block). */
  code: CustomTableLayout;
  /** A coloured box (banner). */
  banner: CustomTableLayout;
}

/** Everything the PDF renderer needs from the theme, in pdfmake units (pt). */
export interface PdfTheme {
  pageSize: 'A4';
  /** Portrait page size in pt. */
  pageWidth: number;
  pageHeight: number;
  /** [left, top, right, bottom] in pt. */
  pageMargins: PdfMargins;
  /** Width and height of the text area on a portrait page, in pt. */
  contentWidth: number;
  contentHeight: number;
  /** The body font family (a key of the registered fonts). */
  font: string;
  /** Body font size in pt and its pdfmake line height factor. */
  fontSize: number;
  lineHeight: number;
  defaultStyle: Style;
  styles: Record<PdfStyleName, Style>;
  tableLayouts: PdfTableLayouts;
  colors: Theme['colors'] & { heading: string; text: string };
  /** Space after a paragraph-like block, in pt. */
  blockGap: number;
  logo: { width: number; alignment: 'left' | 'right' } | null;
  /** Margins of the running header and footer inside their page-wide boxes. */
  headerMargin: PdfMargins;
  footerMargin: PdfMargins;
  /** The footer template with `{seite}`/`{seiten}` placeholders. */
  footerText: string;
  /** Width of the label column of cover-sheet fields and title-page rows, in pt. */
  fieldLabelWidth: number;
  /** Vertical space left for a handwritten signature, in pt. */
  signatureSpace: number;
  /** Margins of table-of-contents entries per heading depth (indentation). */
  tocMargins: Record<1 | 2 | 3 | 4, PdfMargins>;
}

/** A4 in pt (ISO 216: 210 × 297 mm). */
const A4 = { width: mm(210), height: mm(297) };

/**
 * The theme's `line_height` is meant like CSS (a multiple of the font size, as in the HTML
 * output); pdfmake multiplies the font's own line height instead (ascender − descender +
 * gap, about 1.16 em for DejaVu Sans and most sans fonts). Dividing keeps both outputs alike.
 */
const FONT_NATURAL_LINE_HEIGHT = 1.16;

/** Converts the theme to pdfmake page geometry, styles and table layouts (all lengths in pt). */
export function themeToPdfmake(theme: Theme): PdfTheme {
  const [top, right, bottom, left] = theme.page.margin.map(mm);
  const pageMargins: PdfMargins = [left, top, right, bottom];
  const fontSize = theme.base.font_size;
  const lineHeight = theme.base.line_height / FONT_NATURAL_LINE_HEIGHT;
  const colors = { ...theme.colors, heading: theme.heading.color, text: theme.base.color };
  return {
    pageSize: 'A4',
    pageWidth: A4.width,
    pageHeight: A4.height,
    pageMargins,
    contentWidth: A4.width - left - right,
    contentHeight: A4.height - top - bottom,
    font: theme.base.font_family,
    fontSize,
    lineHeight,
    defaultStyle: { font: theme.base.font_family, fontSize, lineHeight, color: theme.base.color },
    styles: buildStyles(theme, fontSize, lineHeight),
    tableLayouts: buildTableLayouts(colors),
    colors,
    blockGap: fontSize * 0.7,
    logo: theme.logo.position === 'none' ? null : { width: mm(theme.logo.width), alignment: theme.logo.position },
    headerMargin: [left, mm(11), right, 0],
    footerMargin: [left, Math.max(bottom - mm(14), 0), right, 0],
    footerText: theme.footer.text,
    fieldLabelWidth: mm(35),
    signatureSpace: fontSize * 1.3 * 3,
    tocMargins: {
      1: [0, fontSize * 0.6, 0, 1],
      2: [fontSize * 1.6, 1, 0, 1],
      3: [fontSize * 3.2, 1, 0, 1],
      4: [fontSize * 4.8, 1, 0, 1],
    },
  };
}

function buildStyles(theme: Theme, fontSize: number, lineHeight: number): Record<PdfStyleName, Style> {
  const small = Math.max(fontSize - 2, 7);
  const heading = (size: number, top: number): Style => ({
    fontSize: size, bold: true, color: theme.heading.color, lineHeight: 1.05, margin: [0, top, 0, size * 0.45],
  });
  return {
    h1: heading(theme.heading.h1_size, theme.heading.h1_size * 0.9),
    h2: heading(theme.heading.h2_size, theme.heading.h2_size * 0.9),
    h3: heading(theme.heading.h3_size, theme.heading.h3_size * 0.7),
    h4: heading(theme.heading.h4_size, theme.heading.h4_size * 0.6),
    paragraph: { margin: [0, 0, 0, fontSize * 0.7], alignment: 'left' },
    lead: { fontSize: fontSize * 1.15, margin: [0, 0, 0, fontSize * 0.9], alignment: 'left' },
    small: { fontSize: small, margin: [0, 0, 0, fontSize * 0.6], alignment: 'left' },
    muted: { color: theme.colors.muted, margin: [0, 0, 0, fontSize * 0.7], alignment: 'left' },
    header: { fontSize: small, color: theme.colors.muted, alignment: 'left', lineHeight: 1 },
    footer: { fontSize: small, color: theme.colors.muted, alignment: 'right', lineHeight: 1 },
    caption: { fontSize: small, bold: true, margin: [0, fontSize * 0.3, 0, fontSize * 0.3] },
    sectionLabel: { bold: true, margin: [0, fontSize * 1.2, 0, fontSize * 0.5] },
    fieldLabel: { bold: true },
    code: { fontSize: small, lineHeight: 1.1, preserveLeadingSpaces: true },
    tocTitle: { fontSize: theme.heading.h1_size, bold: true, color: theme.heading.color, margin: [0, 0, 0, fontSize] },
    toc1: { bold: true },
    toc2: {},
    toc3: {},
    toc4: {},
    footnote: { fontSize: small, lineHeight: 1.05 },
    banner: { bold: true, color: '#ffffff', alignment: 'center', fontSize: fontSize * 1.1 },
    dataTable: { fontSize: theme.table.font_size, lineHeight: 1.15 },
    tableHeader: { bold: true },
    tableFooter: { bold: true },
    blockquote: { italics: true, color: theme.colors.muted },
    titleKommune: { fontSize: theme.heading.h2_size, bold: true, color: theme.colors.primary },
    title: { fontSize: theme.heading.h1_size * 1.6, bold: true, color: theme.heading.color, lineHeight: 1.05 },
    subtitle: { fontSize: theme.heading.h2_size, color: theme.colors.muted, lineHeight },
    signature: { lineHeight: 1.05 },
  };
}

function buildTableLayouts(colors: PdfTheme['colors']): PdfTableLayouts {
  const none = () => 0;
  const pad = (n: number) => () => n;
  return {
    grid: {
      hLineWidth: () => 0.5,
      vLineWidth: () => 0.5,
      hLineColor: () => colors.table_border,
      vLineColor: () => colors.table_border,
      paddingLeft: pad(4), paddingRight: pad(4), paddingTop: pad(2.5), paddingBottom: pad(2.5),
    },
    plain: {
      hLineWidth: none, vLineWidth: none,
      paddingLeft: (i) => (i === 0 ? 0 : 4), paddingRight: pad(4), paddingTop: pad(1.5), paddingBottom: pad(1.5),
    },
    quote: {
      hLineWidth: none,
      vLineWidth: (i) => (i === 0 ? 2 : 0),
      vLineColor: () => colors.primary,
      paddingLeft: pad(8), paddingRight: pad(0), paddingTop: pad(1), paddingBottom: pad(1),
    },
    code: {
      hLineWidth: none, vLineWidth: none,
      fillColor: () => '#f3f4f6',
      paddingLeft: pad(6), paddingRight: pad(6), paddingTop: pad(4), paddingBottom: pad(4),
    },
    banner: {
      hLineWidth: none, vLineWidth: none,
      fillColor: () => colors.draft,
      paddingLeft: pad(8), paddingRight: pad(8), paddingTop: pad(5), paddingBottom: pad(5),
    },
  };
}
