/**
 * Page setup, running header and footer: A4 with the theme's margins, the tree's header
 * line, the theme's footer text with Word page fields for `{seite}` and `{seiten}`. The
 * first page is bare as in the PDF: a Vorlage's has no header, a title page neither header
 * nor footer. A draft gets Word's own watermark (Entwurf diagonally across every page, as in
 * the PDF), which Word can remove under Entwurf › Wasserzeichen.
 */
import { Footer, Header, PageNumber, Paragraph, TextRun, type ISectionOptions } from 'docx';
import { TextWatermark } from 'docx/watermarks';
import type { DocumentTree } from '../../document/tree.js';
import type { Theme } from '../../theme/theme.js';
import { STYLE } from './styles.js';
import { A4_TWIPS, hex, mmToTwip } from './units.js';

/** Distance of the running header from the top edge and of the footer from the bottom edge, as in the PDF. */
const HEADER_DISTANCE_MM = 11;
const FOOTER_DISTANCE_MM = 11;

/** Page size and margins of the theme, in twips. */
export function pageGeometry(theme: Theme): { width: number; height: number; top: number; right: number; bottom: number; left: number } {
  const [top, right, bottom, left] = theme.page.margin.map(mmToTwip);
  return { ...A4_TWIPS, top, right, bottom, left };
}

/** Section options without the children: page, header and footer. */
export function sectionFrame(tree: DocumentTree, theme: Theme): Omit<ISectionOptions, 'children'> {
  const page = pageGeometry(theme);
  const titlePage = tree.blocks[0]?.type === 'titlePage';
  const header = runningHeader(tree, theme);
  const footer = runningFooter(theme);
  const blank = (style: string, children: TextWatermark[] = []) => new Paragraph({ style, children });
  return {
    properties: {
      page: {
        size: { width: page.width, height: page.height, orientation: 'portrait' },
        margin: { top: page.top, right: page.right, bottom: page.bottom, left: page.left, header: mmToTwip(HEADER_DISTANCE_MM), footer: mmToTwip(FOOTER_DISTANCE_MM), gutter: 0 },
      },
      titlePage: true,
    },
    headers: { default: new Header({ children: [header] }), first: new Header({ children: [blank(STYLE.header, watermark(tree, theme))] }) },
    footers: { default: new Footer({ children: [footer] }), first: new Footer({ children: [titlePage ? blank(STYLE.footer) : runningFooter(theme)] }) },
  };
}

/** The tree's header line, small and muted (with a draft's watermark). */
function runningHeader(tree: DocumentTree, theme: Theme): Paragraph {
  return new Paragraph({ style: STYLE.header, children: [new TextRun(tree.header), ...watermark(tree, theme)] });
}

/** A draft's watermark in the theme's draft colour and font, faint as in the PDF. */
function watermark(tree: DocumentTree, theme: Theme): TextWatermark[] {
  return tree.draft ? [new TextWatermark({ text: tree.draft, font: theme.base.font_family, bold: true, color: hex(theme.colors.draft), opacity: 0.15 })] : [];
}

/** The theme's footer text, `{seite}` and `{seiten}` as Word fields (PAGE, NUMPAGES). */
function runningFooter(theme: Theme): Paragraph {
  const parts = theme.footer.text.split(/(\{seite\}|\{seiten\})/);
  const children = parts.filter((p) => p !== '').map((p) => (p === '{seite}' ? PageNumber.CURRENT : p === '{seiten}' ? PageNumber.TOTAL_PAGES : p));
  return new Paragraph({ style: STYLE.footer, children: [new TextRun({ children })] });
}
