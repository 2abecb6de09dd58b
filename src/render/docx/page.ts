/**
 * Page setup, running header and footer: A4 with the theme's margins. A Vorlage gets the
 * page furniture of the city's form (left/centre/right parts of header and footer, a first
 * page of its own) as real Word headers and footers, with page fields for `{seite}` and
 * `{seiten}`; the Konzept and the Berichte the tree's header line and the theme's footer
 * text, a title page neither header nor footer. A draft gets Word's own watermark (Entwurf diagonally across every page, as in
 * the PDF), which Word can remove under Entwurf › Wasserzeichen.
 */
import { AlignmentType, Footer, Header, PageNumber, Paragraph, Tab, TabStopType, TextRun, type ISectionOptions } from 'docx';
import { TextWatermark } from 'docx/watermarks';
import type { DocumentTree, FurnitureLine } from '../../document/tree.js';
import type { Theme } from '../../theme/theme.js';
import { STYLE } from './styles.js';
import { A4_TWIPS, hex, mmToTwip } from './units.js';

/** Distance of the running header from the top edge and of the footer from the bottom edge, as in the PDF. */
const HEADER_DISTANCE_MM = 11;
const FOOTER_DISTANCE_MM = 11;

/** Page size and margins in twips. */
export interface PageGeometry { width: number; height: number; top: number; right: number; bottom: number; left: number }

/** Page size and margins of the theme, in twips. */
export function pageGeometry(theme: Theme): PageGeometry {
  const [top, right, bottom, left] = theme.page.margin.map(mmToTwip);
  return { ...A4_TWIPS, top, right, bottom, left };
}

/** Section options without the children: page, header and footer. */
export function sectionFrame(tree: DocumentTree, theme: Theme, page: PageGeometry = pageGeometry(theme)): Omit<ISectionOptions, 'children'> {
  const properties = {
    page: {
      size: { width: page.width, height: page.height, orientation: 'portrait' as const },
      margin: { top: page.top, right: page.right, bottom: page.bottom, left: page.left, header: mmToTwip(HEADER_DISTANCE_MM), footer: mmToTwip(FOOTER_DISTANCE_MM), gutter: 0 },
    },
    // Word's „Erste Seite anders“: page 1 has its own header and footer, as in the PDF.
    titlePage: true,
  };
  const width = page.width - page.left - page.right;
  const furniture = tree.furniture;
  if (furniture) {
    return {
      properties,
      headers: {
        default: new Header({ children: [furnitureLine(furniture.header, STYLE.header, width, watermark(tree, theme))] }),
        first: new Header({ children: [furnitureLine(furniture.firstPage.header, STYLE.header, width, watermark(tree, theme))] }),
      },
      footers: {
        default: new Footer({ children: [furnitureLine(furniture.footer, STYLE.footer, width)] }),
        first: new Footer({ children: [furnitureLine(furniture.firstPage.footer, STYLE.footer, width)] }),
      },
    };
  }
  const titlePage = tree.blocks[0]?.type === 'titlePage';
  const header = runningHeader(tree, theme);
  const footer = runningFooter(theme);
  const blank = (style: string, children: TextWatermark[] = []) => new Paragraph({ style, children });
  return {
    properties,
    headers: { default: new Header({ children: [header] }), first: new Header({ children: [blank(STYLE.header, watermark(tree, theme))] }) },
    footers: { default: new Footer({ children: [footer] }), first: new Footer({ children: [titlePage ? blank(STYLE.footer) : runningFooter(theme)] }) },
  };
}

/**
 * One header or footer line of the form, as the PDF draws it: left, centre and right parts
 * on one line (a centre and a right tab stop at the text area's middle and end); a single
 * part takes the whole line with its alignment, so a long Betreff wraps over the full width.
 * `{seite}` and `{seiten}` become Word's PAGE and NUMPAGES fields. An empty line is an empty
 * paragraph (a Word header holds at least one), with a draft's watermark if there is one.
 */
function furnitureLine(line: FurnitureLine, style: string, width: number, extra: TextWatermark[] = []): Paragraph {
  const parts = [
    { text: line.left, alignment: AlignmentType.LEFT },
    { text: line.center, alignment: AlignmentType.CENTER },
    { text: line.right, alignment: AlignmentType.RIGHT },
  ];
  const used = parts.filter((p) => p.text);
  if (used.length === 0) return new Paragraph({ style, children: extra });
  if (used.length === 1) return new Paragraph({ style, alignment: used[0].alignment, children: [withPageFields(used[0].text), ...extra] });
  return new Paragraph({
    style,
    alignment: AlignmentType.LEFT,
    tabStops: [{ type: TabStopType.CENTER, position: Math.round(width / 2) }, { type: TabStopType.RIGHT, position: width }],
    children: [withPageFields(`${line.left}\t${line.center}\t${line.right}`), ...extra],
  });
}

/** A run of text with `{seite}`/`{seiten}` as PAGE/NUMPAGES fields and tabs as Word tabs. */
function withPageFields(text: string): TextRun {
  const children = text.split(/(\{seite\}|\{seiten\}|\t)/).filter((p) => p !== '').map((p) => (p === '{seite}' ? PageNumber.CURRENT : p === '{seiten}' ? PageNumber.TOTAL_PAGES : p === '\t' ? new Tab() : p));
  return new TextRun({ children });
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
  return new Paragraph({ style: STYLE.footer, children: [withPageFields(theme.footer.text)] });
}
