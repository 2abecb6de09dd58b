/**
 * The one intermediate document tree. Builders (`vorlage.ts`, `konzept.ts`) make it from the
 * model and the Markdown; `render/html` and `render/pdf` both consume it and nothing else, so
 * the two formats cannot drift. Every block carries the role a tagged PDF will need later
 * (heading level, paragraph, list, table with header cells, figure with alt text).
 *
 * All text in the tree is final, formatted German text (dates, numbers, money already
 * formatted): renderers never format data.
 */

// ------------------------------------------------------------------ inline content

/** Plain text. */
export interface Text { type: 'text'; value: string }
/** Bold. */
export interface Strong { type: 'strong'; children: Inline[] }
/** Italic. */
export interface Emphasis { type: 'emphasis'; children: Inline[] }
/** Struck through (GFM `~~x~~`). */
export interface Delete { type: 'delete'; children: Inline[] }
/** Monospace. */
export interface InlineCode { type: 'inlineCode'; value: string }
/** Hard line break. */
export interface Break { type: 'break' }
/**
 * A link. `url` is either external (`https:`, `http:`, `mailto:`) or internal `#anchor`
 * pointing at a node's `anchor` in the same document (HTML anchor / PDF internal link).
 * Links ratsdoc makes itself may point at its own output (`target`, never from Markdown):
 * `file` – `url` is a file written beside this document, relative to this document's folder
 * (an Anlage: `11-1702/anlage-2-bescheid.pdf`); `document` – `url` is another document's
 * output path relative to this one, without extension (`../konzept/integrationskonzept`),
 * and each format links that document's file of its own format.
 */
export interface Link { type: 'link'; url: string; children: Inline[]; target?: 'file' | 'document' }
/** A footnote reference; `number` is its running number in the document, `anchor` its note's anchor. */
export interface FootnoteRef { type: 'footnoteRef'; number: number; anchor: string }

/**
 * A link to another output document (`document` is its `outPath`, e.g.
 * `konzept/integrationskonzept`), optionally to an anchor in it: a Vorlage citing a measure
 * of the Konzept. HTML links to the other page; PDF links only inside the same document and
 * shows the text otherwise.
 */
export interface DocumentLink { type: 'documentLink'; document: string; anchor?: string; children: Inline[] }

/**
 * Text a change inserted (`ins`) or deleted (`del`), in a comparison of two versions (the
 * `diff` report): marked by style in every format and announced as „eingefügt“ / „gestrichen“
 * to screen readers (HTML hidden text, PDF structure). Not made from Markdown (`~~x~~` is `delete`).
 */
export interface Change { type: 'ins' | 'del'; children: Inline[] }

export type Inline = Text | Strong | Emphasis | Delete | Change | InlineCode | Break | Link | FootnoteRef | DocumentLink;

// ------------------------------------------------------------------ blocks

/**
 * A heading. `depth` 1 is a chapter/section of the document; `number` is the printed
 * number (`2.1`) if the document numbers headings. `anchor` is unique in the document.
 * `toc`: listed in the table of contents and the PDF bookmarks.
 */
export interface Heading { type: 'heading'; depth: 1 | 2 | 3 | 4; number?: string; anchor: string; toc: boolean; children: Inline[] }
export interface Paragraph { type: 'paragraph'; children: Inline[]; style?: 'lead' | 'small' | 'muted' }
/** A list; each item is a list of blocks. */
export interface List { type: 'list'; ordered: boolean; start?: number; items: Block[][] }
export interface Blockquote { type: 'blockquote'; children: Block[] }
export interface Code { type: 'code'; value: string }
export interface ThematicBreak { type: 'thematicBreak' }

/**
 * A table cell: inline content; `header` cells are `<th>` (scope from their position).
 * A cell with `colSpan` covers the following columns: as in HTML, the covered cells are
 * left out of the row (the PDF renderer adds pdfmake's placeholders itself).
 */
export interface TableCell { children: Inline[]; header?: boolean; align?: 'left' | 'right' | 'center'; colSpan?: number }
/**
 * A table. `headerRows` rows at the top are column headers (repeated on every PDF page);
 * a first cell with `header: true` in a body row is a row header. `footerRows` at the bottom
 * are sums. Column widths come from the content (render/table-columns.ts); `widths` are
 * relative weights per column only where a city declares them (its form's `spalten[].breite`).
 */
export interface Table {
  type: 'table';
  caption?: string;
  widths?: number[];
  headerRows: TableCell[][];
  rows: TableCell[][];
  footerRows?: TableCell[][];
  /** 'grid' = data table with rules; 'plain' = layout without rules (e.g. cover-sheet fields). */
  variant?: 'grid' | 'plain';
  anchor?: string;
}

/** An image from the content folder. `path` is absolute; `src` as the author wrote it. */
export interface Image { type: 'image'; path: string; src: string; alt: string; title?: string; /** mm */ width?: number }

/**
 * A labelled section of a Vorlage (`Beschlussvorschlag:`): the label is printed bold
 * above the content. Not a heading in the TOC sense, but a heading for accessibility.
 */
export interface Section { type: 'section'; label: string; anchor: string; children: Block[] }

/** Cover sheet fields (Deckblatt): label/value pairs in the form's order; `labelWidth` of the label column in mm. */
export interface FieldList { type: 'fieldList'; fields: Array<{ key: string; label: string; value: Inline[] }>; labelWidth?: number }

/** One signature: function, optional deputy line, space to sign, name, optional title. */
export interface Signature { funktion: string; vertretung?: string; name: string; amtsbezeichnung?: string }
/** The signature block; `layout` from the theme: side by side (`row`) or below each other (`stack`). */
export interface SignatureBlock { type: 'signatures'; layout: 'row' | 'stack'; items: Signature[] }

/** A Kommune's emblem/logo image, placed as the theme says. */
export interface Logo { type: 'logo'; path: string; alt: string }

/** A visible banner, e.g. „ENTWURF“ for a draft. */
export interface Banner { type: 'banner'; text: string }

/** Page break (PDF); a no-op in HTML except for print. */
export interface PageBreak { type: 'pageBreak'; orientation?: 'portrait' | 'landscape' }

/** The table of contents: renderers list every heading with `toc: true`. */
export interface Toc { type: 'toc'; title: string }

/** Footnotes of a chapter, rendered at its end. */
export interface Footnotes { type: 'footnotes'; items: Array<{ number: number; anchor: string; children: Block[] }> }

/**
 * A vector chart: a complete SVG string made by the builder (the same SVG goes into HTML and
 * into pdfmake's `svg` node), plus a text alternative for accessibility.
 */
export interface Chart {
  type: 'chart';
  /** A complete SVG with a viewBox, so HTML can scale it. */
  svg: string;
  /** Size in pt (the SVG's own user units). */
  width: number;
  height: number;
  alt: string;
  caption?: string;
}

/** A group kept together on one page (a heading with its first block). */
export interface KeepTogether { type: 'keepTogether'; children: Block[] }

/** The title page of a long document. */
export interface TitlePage {
  type: 'titlePage';
  kommune: string;
  logo?: Logo;
  title: string;
  subtitle?: string;
  /** Label/value rows (Auftraggeber, Auftragnehmer, Förderung, Stand, Version, Status). */
  fields: Array<{ label: string; value: string }>;
}

/**
 * What a comparison changed, counted per kind of part (`Maßnahmen`, `Kapitel` …): the head of
 * the `diff` report. Renderers show it as the table {@link changeSummaryTable} makes.
 */
export interface ChangeSummary {
  type: 'changeSummary';
  caption: string;
  rows: Array<{ label: string; added: number; removed: number; changed: number; renamed: number }>;
}

export type Block =
  | Heading | Paragraph | List | Blockquote | Code | ThematicBreak | Table | Image | Section | FieldList
  | SignatureBlock | Logo | Banner | PageBreak | Toc | Footnotes | Chart | KeepTogether | TitlePage | ChangeSummary;

// ------------------------------------------------------------------ the document

/** Document metadata: PDF info/XMP and HTML `<head>`. */
export interface DocumentMeta {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  /** BCP 47, e.g. `de-DE`. */
  lang: string;
  /** Fixed creation date for reproducible output (from the content, never the clock). */
  created: Date;
}

/** One header or footer line; an empty part prints nothing. */
export interface FurnitureLine { left: string; center: string; right: string }
/** Header and footer of every page, and of the first page. */
export interface PageFurniture { header: FurnitureLine; footer: FurnitureLine; firstPage: { header: FurnitureLine; footer: FurnitureLine } }

/** One output document: a Vorlage, the Konzept or a Sachstandsbericht. */
export interface DocumentTree {
  kind: 'vorlage' | 'konzept' | 'bericht' | 'diff';
  /** Output path below `out/` without extension, e.g. `vorlagen/11-1481`. */
  outPath: string;
  meta: DocumentMeta;
  /** Running header text (PDF header when there is no `furniture`, HTML top line). */
  header: string;
  /**
   * Page furniture declared by the form: header and footer lines with left/centre/right
   * parts, and those of the first page. Texts are final except `{seite}` and `{seiten}`,
   * which the PDF renderer fills per page. Without it the PDF keeps its classic furniture.
   */
  furniture?: PageFurniture;
  /** Whether the document is a draft: a watermark in PDF, a banner in HTML. */
  draft?: string;
  blocks: Block[];
  /** Files of the content folder that go into `out/` with this document (a Vorlage's Anlagen). */
  attachments?: Attachment[];
}

/**
 * An Anlage's file: the pipeline copies `source` to `file` (below `out/`); with `append` the
 * PDF renderer adds its pages to the document's PDF, with a bookmark titled `title`.
 */
export interface Attachment {
  /** Absolute path in the content folder (the key of its bytes in the render assets). */
  source: string;
  /** Path below `out/`, e.g. `vorlagen/11-1702/anlage-2-zuwendungsbescheid.pdf`. */
  file: string;
  /** As printed in the Vorlage, e.g. `Anlage 2: Zuwendungsbescheid`. */
  title: string;
  /** Link text on the index page, e.g. `Anlage 2 (PDF, 16,8 kB)`. */
  label: string;
  append: boolean;
}

// ------------------------------------------------------------------ constructors (for the builders)

/** A text node. */
export const t = (value: string): Text => ({ type: 'text', value });

/** A paragraph from inline content or plain text. */
export const p = (children: Inline[] | string, style?: Paragraph['style']): Paragraph => ({ type: 'paragraph', children: typeof children === 'string' ? [t(children)] : children, ...(style ? { style } : {}) });

/** A table cell from inline content or plain text. */
export const cell = (children: Inline[] | string, extra: Partial<TableCell> = {}): TableCell => ({ children: typeof children === 'string' ? [t(children)] : children, ...extra });

/** A header row from labels, each optionally aligned. */
export const head = (labels: string[], align: Array<TableCell['align']> = []): TableCell[] => labels.map((l, i) => cell(l, { header: true, ...(align[i] ? { align: align[i] } : {}) }));

/** A grid table from its column labels and rows of cells; the first cell of a row heads it. */
export const gridTable = (caption: string, labels: string[], rows: Array<Array<Inline[] | string>>, widths?: number[]): Table => ({
  type: 'table', variant: 'grid', caption, ...(widths ? { widths } : {}), headerRows: [head(labels)], rows: rows.map((r) => r.map((c, i) => cell(c, i === 0 ? { header: true } : {}))),
});

/** The change summary as a data table: one row per kind of part, a column per kind of change. */
export function changeSummaryTable(b: ChangeSummary): Table {
  const n = (x: number) => cell(x ? String(x) : '–', { align: 'right' });
  return {
    type: 'table', variant: 'grid', caption: b.caption,
    headerRows: [head(['Teil', 'neu', 'entfernt', 'geändert', 'umbenannt'], ['left', 'right', 'right', 'right', 'right'])],
    rows: b.rows.map((r) => [cell(r.label, { header: true }), n(r.added), n(r.removed), n(r.changed), n(r.renamed)]),
  };
}
