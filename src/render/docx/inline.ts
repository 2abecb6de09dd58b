/**
 * Inline content → `docx` runs. Word has no nesting of bold inside a link inside italics:
 * the tree's nesting is flattened into runs that each carry their full formatting, links
 * become hyperlinks (external by relationship, internal by bookmark), footnote references
 * Word footnotes.
 *
 * Text is typeset as in the PDF and HTML (format/typeset.ts): the soft hyphens at the
 * pattern points become Word's optional hyphens (`<w:softHyphen/>`, drawn only at a line
 * end), the no-break spaces stay U+00A0, and a hyphen before a letter inside a piece that
 * must not break (`Z-BIL-1.1`, `E-Mail`) is Word's non-breaking hyphen (`<w:noBreakHyphen/>`;
 * Word's search then needs `^~` there). Inline code keeps its text as it is.
 */
import { ExternalHyperlink, FootnoteReferenceRun, InternalHyperlink, NoBreakHyphen, SoftHyphen, TextRun, type ParagraphChild } from 'docx';
import path from 'node:path';
import type { Inline } from '../../document/tree.js';
import { SHY, typeset } from '../../format/typeset.js';
import { STYLE } from './styles.js';

/** Formatting accumulated from the enclosing inline nodes. */
interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  strike?: boolean;
  code?: boolean;
  link?: boolean;
  /** Text a change inserted (underlined) or deleted (struck through), in its colour. */
  change?: 'ins' | 'del';
  /** Without optional hyphens: words wrap whole (a table header whose column fits them). */
  wholeWords?: boolean;
}

/** The document being converted, for links to other documents (`documentLink`). */
export interface InlineDocument {
  /** Its output path below `out/`, e.g. `vorlagen/11-1702`. */
  outPath: string;
}

/**
 * Converts inline content to runs and hyperlinks (empty texts are dropped). `doc` is needed
 * for content that may link to another document (text, table cells, field values).
 */
export function inlinesToDocx(inlines: Inline[], style: RunStyle = {}, doc?: InlineDocument): ParagraphChild[] {
  return inlines.flatMap((node) => inlineToDocx(node, style, doc));
}

function inlineToDocx(node: Inline, style: RunStyle, doc: InlineDocument | undefined): ParagraphChild[] {
  switch (node.type) {
    case 'text':
      return node.value === '' ? [] : [run(node.value, style)];
    case 'strong':
      return inlinesToDocx(node.children, { ...style, bold: true }, doc);
    case 'emphasis':
      return inlinesToDocx(node.children, { ...style, italics: true }, doc);
    case 'delete':
      return inlinesToDocx(node.children, { ...style, strike: true }, doc);
    case 'ins':
    case 'del':
      return inlinesToDocx(node.children, { ...style, change: node.type }, doc);
    case 'inlineCode':
      return node.value === '' ? [] : [run(node.value, { ...style, code: true })];
    case 'break':
      return [new TextRun({ break: 1 })];
    case 'link': {
      const children = inlinesToDocx(node.children, { ...style, link: true }, doc) as TextRun[];
      if (node.url.startsWith('#')) return [new InternalHyperlink({ anchor: bookmarkName(node.url.slice(1)), children })];
      return [new ExternalHyperlink({ link: node.target === 'document' ? `${node.url}.docx` : node.url, children })];
    }
    case 'footnoteRef':
      return [new FootnoteReferenceRun(node.number)];
    case 'documentLink': {
      // Another document of the build (a Vorlage, the Konzept's indicator profile): its Word
      // file beside this one, the place in it as the hyperlink's anchor (a bookmark there).
      if (!doc) throw new Error('DOCX: Verweis auf ein anderes Dokument ohne das Dokument, in dem er steht');
      const children = inlinesToDocx(node.children, { ...style, link: true }, doc) as TextRun[];
      if (node.document === doc.outPath) return node.anchor ? [new InternalHyperlink({ anchor: bookmarkName(node.anchor), children })] : children;
      const file = `${path.posix.relative(path.posix.dirname(doc.outPath), node.document)}.docx`;
      return [new ExternalHyperlink({ link: `${file}${node.anchor ? `#${bookmarkName(node.anchor)}` : ''}`, children })];
    }
    default:
      return unknownNode(node, 'inline');
  }
}

/** A text's pieces for a run: strings, optional hyphens and non-breaking hyphens. */
type RunChild = string | SoftHyphen | NoBreakHyphen;

function typesetChildren(text: string, wholeWords: boolean): RunChild[] {
  const out: RunChild[] = [];
  const push = (piece: string) => {
    if (piece === '') return;
    if (typeof out[out.length - 1] === 'string') out[out.length - 1] += piece;
    else out.push(piece);
  };
  for (const r of typeset(text)) {
    // In a keep run only a hyphen before a letter could end a line („Z-|BIL“); before a digit
    // („M-07“) neither Word nor LibreOffice breaks, and the plain hyphen keeps the ID searchable.
    const parts = r.keep ? r.text.split(/-(?=\p{L})/u) : r.text.split(SHY);
    parts.forEach((part, i) => {
      if (i > 0 && (r.keep || !wholeWords)) out.push(r.keep ? new NoBreakHyphen() : new SoftHyphen());
      push(part);
    });
  }
  return out;
}

function run(text: string, style: RunStyle): TextRun {
  return new TextRun({
    ...(style.code ? { text } : { children: typesetChildren(text, style.wholeWords === true) }),
    ...(style.bold ? { bold: true } : {}),
    ...(style.italics ? { italics: true } : {}),
    ...(style.strike || style.change === 'del' ? { strike: true } : {}),
    ...(style.change ? { color: CHANGE_COLOR[style.change], ...(style.change === 'ins' ? { underline: {} } : {}) } : {}),
    ...(style.link ? { style: 'Hyperlink' } : style.code ? { style: STYLE.inlineCode } : {}),
  });
}

/** Colours of inserted and deleted text (as the HTML redline's). */
const CHANGE_COLOR = { ins: '0B5A1F', del: '8A1111' } as const;

/**
 * A bookmark name for a tree anchor. Word allows letters, digits and `_`, at most 40
 * characters, starting with a letter; anchors are ASCII slugs with `-`, so map `-` to `_`
 * and keep long ones unique by a short hash of the whole anchor.
 */
export function bookmarkName(anchor: string): string {
  const base = `a_${anchor.replace(/[^A-Za-z0-9_]/g, '_')}`;
  if (base.length <= 40) return base;
  let h = 0x811c9dc5;
  for (const ch of anchor) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193) >>> 0;
  return `${base.slice(0, 31)}_${h.toString(16).padStart(8, '0')}`;
}

/**
 * A node type the renderer does not know: a bug in ratsdoc (a builder made a node this
 * renderer was not taught), never a user's mistake, so it fails loudly instead of dropping
 * content from the Word file.
 */
export function unknownNode(node: { type: string }, kind: 'inline' | 'block'): never {
  throw new Error(`DOCX: unbekannter ${kind === 'inline' ? 'Inline-' : 'Block-'}Knotentyp „${node.type}“ im Dokumentbaum`);
}
