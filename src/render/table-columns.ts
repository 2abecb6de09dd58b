/**
 * Column widths of a table from its content, shared by the PDF and the DOCX renderer so both
 * set a table alike. As a browser's automatic table layout (CSS 2.1 §17.5.2.2), measured with
 * the font's own glyph widths:
 *
 * - a column's **minimum** is its widest unbreakable piece: in body cells a syllable between
 *   the soft hyphens of format/typeset.ts (with the hyphen printed at the break), in header
 *   cells a whole word (a header wraps at word boundaries, never inside a word); a `keep`
 *   run (amount, ID, date, URL) and words joined by U+00A0 are one piece;
 * - its **natural** width is its longest line unwrapped;
 * - when the natural widths fit, every column gets its natural width and the rest of the
 *   width is shared in proportion to them (the table fills its width); otherwise a column
 *   whose natural width is within an equal share of the width keeps it (narrow columns
 *   first: labels, states, amounts), and the other columns get their minimum and the rest in
 *   proportion to (natural − minimum);
 * - when even the minima do not fit, header words may hyphenate too; when they still do not
 *   fit, the minima are scaled down and the pieces wider than their column are reported
 *   (`tooWide`): only there does a word break inside a syllable;
 * - a cell spanning columns adds what it needs beyond them evenly to those columns.
 *
 * Widths a city declares (a form's `spalten[].breite`: the tree's `widths`) are taken as they
 * are, as relative weights. All lengths are pt and include each column's padding and rules.
 *
 * Glyph advances are summed without kerning: for the fonts in use, kerning narrows a word
 * far more often than it widens it, and never by more than {@link KERN_SLACK} em.
 */
import type { Font } from 'fontkit';
import type { Inline, Table, TableCell } from '../document/tree.js';
import { SHY, typeset } from '../format/typeset.js';
import { parseFont } from './fonts.js';
import type { FontAsset } from './renderer.js';

/** The rows of a table by role; a role decides boldness and whether words may hyphenate. */
export type CellRole = 'header' | 'body' | 'footer';

/** The fonts a table's text is set in. */
export interface TableFonts {
  text: FontAsset;
  /** For inline code (the text font when absent). */
  mono?: FontAsset;
}

export interface ColumnOptions {
  /** Width of the whole table, pt. */
  width: number;
  /** Size of the table's text, pt. */
  fontSize: number;
  /** Horizontal space column `i` takes besides its text (paddings, rules), pt. */
  padding: (column: number) => number;
}

export interface ColumnLayout {
  /** Width of each column including its padding, pt; they add up to the table's width. */
  widths: number[];
  /** Whether header cells keep their soft hyphens (only when whole header words do not fit). */
  headerHyphens: boolean;
  /** Pieces wider than their column (they are cut inside a syllable), e.g. „Z-BIL-1.1“. */
  tooWide: string[];
}

/** Kerning can widen a word by this much (em) over its summed advances (DejaVu Sans: 0.037). */
const KERN_SLACK = 0.05;
/** pdfmake's superscript size (TextInlines: fontSize × 0.58). */
const SUP_SCALE = 0.58;

/** Whether a cell is set bold: header and footer rows, and a body row's leading row header. */
export function cellBold(cell: TableCell, index: number, role: CellRole): boolean {
  return role !== 'body' || (cell.header === true && index === 0);
}

/** The number of columns: the declared widths, else the widest row (counting colSpans). */
export function columnCount(table: Table): number {
  const rows = [...table.headerRows, ...table.rows, ...(table.footerRows ?? [])];
  const widest = Math.max(0, ...rows.map((row) => row.reduce((n, cell) => n + (cell.colSpan ?? 1), 0)));
  return Math.max(table.widths?.length ?? 0, widest, 1);
}

/** The table's rows with their roles, top to bottom. */
export function tableRows(table: Table): Array<{ row: TableCell[]; role: CellRole }> {
  return [
    ...table.headerRows.map((row) => ({ row, role: 'header' as const })),
    ...table.rows.map((row) => ({ row, role: 'body' as const })),
    ...(table.footerRows ?? []).map((row) => ({ row, role: 'footer' as const })),
  ];
}

/** The column widths of a table (see the module comment). */
export function tableColumns(table: Table, fonts: TableFonts, options: ColumnOptions): ColumnLayout {
  const columns = columnCount(table);
  const { width } = options;
  if (table.widths?.length) {
    const weights = Array.from({ length: columns }, (_, i) => table.widths![i] ?? 0);
    const sum = weights.reduce((a, b) => a + b, 0);
    return { widths: weights.map((w) => (sum > 0 ? (w / sum) * width : width / columns)), headerHyphens: true, tooWide: [] };
  }
  const measure = new Measure(fonts, options.fontSize);
  const padding = Array.from({ length: columns }, (_, i) => options.padding(i));
  const strict = columnNeeds(table, columns, padding, measure, false);
  if (sum(strict.min) <= width) return { widths: distribute(strict, width), headerHyphens: false, tooWide: [] };
  const relaxed = columnNeeds(table, columns, padding, measure, true);
  const widths = distribute(relaxed, width);
  return { widths, headerHyphens: true, tooWide: relaxed.pieces.filter((p) => p.width > widths[p.column] - padding[p.column] + 0.01).map((p) => p.text) };
}

interface Needs {
  /** Per column, including padding. */
  min: number[];
  max: number[];
  /** Natural text width per column (without padding), the weights of the leftover. */
  natural: number[];
  /** Each column's widest piece, for the report. */
  pieces: Array<{ column: number; text: string; width: number }>;
}

function columnNeeds(table: Table, columns: number, padding: number[], measure: Measure, headerHyphens: boolean): Needs {
  const min = new Array<number>(columns).fill(0);
  const max = new Array<number>(columns).fill(0);
  const widest: Array<{ text: string; width: number }> = Array.from({ length: columns }, () => ({ text: '', width: 0 }));
  const spans: Array<{ column: number; span: number; min: number; max: number }> = [];
  for (const { row, role } of tableRows(table)) {
    let column = 0;
    row.forEach((cell, index) => {
      const span = Math.min(cell.colSpan ?? 1, columns - column);
      if (span < 1) return;
      const m = measure.cell(cell.children, cellBold(cell, index, role), role !== 'header' || headerHyphens);
      if (span === 1) {
        min[column] = Math.max(min[column], m.min);
        max[column] = Math.max(max[column], m.max);
        if (m.min > widest[column].width) widest[column] = { text: m.piece, width: m.min };
      } else {
        spans.push({ column, span, min: m.min, max: m.max });
      }
      column += span;
    });
  }
  const natural = max.map((m, i) => Math.max(m, min[i]));
  const minOuter = min.map((m, i) => m + padding[i]);
  const maxOuter = natural.map((m, i) => m + padding[i]);
  // A spanning cell's text has the spanned columns' width less its own padding.
  for (const s of spans) {
    const range = (a: number[]) => a.slice(s.column, s.column + s.span).reduce((x, y) => x + y, 0);
    const grow = (a: number[], need: number) => {
      const missing = need + padding[s.column] - range(a);
      if (missing > 0) for (let i = s.column; i < s.column + s.span; i++) a[i] += missing / s.span;
    };
    grow(minOuter, s.min);
    grow(maxOuter, Math.max(s.max, s.min));
  }
  for (let i = 0; i < columns; i++) maxOuter[i] = Math.max(maxOuter[i], minOuter[i]);
  return {
    min: minOuter,
    max: maxOuter,
    natural: maxOuter.map((m, i) => m - padding[i]),
    pieces: widest.map((w, column) => ({ column, ...w })).filter((p) => p.width > 0),
  };
}

/** The widths of the module comment's three cases, adding up to `width`. */
function distribute(needs: Needs, width: number): number[] {
  const { min, max, natural } = needs;
  const maxSum = sum(max);
  if (maxSum <= width) {
    const weight = sum(natural);
    return max.map((m, i) => m + (width - maxSum) * (weight > 0 ? natural[i] / weight : 1 / max.length));
  }
  const minSum = sum(min);
  if (minSum > width) return min.map((m) => (m * width) / minSum);
  // Narrow columns first: one whose natural width is within an equal share of what is left
  // keeps it (a label „Aktueller Wert“, a status, an amount), as long as the others still
  // get their minimum; a long text next to it would otherwise take nearly all the room.
  const kept = new Set<number>();
  for (;;) {
    const free = max.map((_, i) => i).filter((i) => !kept.has(i));
    const rest = width - sum([...kept].map((i) => max[i]));
    const fits = free.filter((i) => max[i] <= rest / free.length);
    if (!fits.length || fits.length === free.length) break;
    const others = free.filter((i) => !fits.includes(i));
    if (sum(others.map((i) => min[i])) > rest - sum(fits.map((i) => max[i]))) break;
    for (const i of fits) kept.add(i);
  }
  const free = max.map((_, i) => i).filter((i) => !kept.has(i));
  const rest = width - sum([...kept].map((i) => max[i]));
  const freeMin = sum(free.map((i) => min[i]));
  const range = sum(free.map((i) => max[i] - min[i]));
  return max.map((m, i) => (kept.has(i) ? m : min[i] + (rest - freeMin) * (range > 0 ? (m - min[i]) / range : 1 / free.length)));
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** A run of text in one font, as the renderers set it. */
interface Segment {
  text: string;
  /** An unbreakable `keep` run of format/typeset.ts. */
  keep: boolean;
  font: Font;
  size: number;
}

const NEWLINE: unique symbol = Symbol('newline');

/** Advance widths per font and code point (parsed fonts live as long as their bytes). */
const advances = new WeakMap<Font, Map<number, number>>();

class Measure {
  private readonly fonts: { normal: Font; bold: Font; italics: Font; bolditalics: Font; mono: Font; monoBold: Font };

  constructor(fonts: TableFonts, private readonly size: number) {
    const mono = fonts.mono ?? fonts.text;
    this.fonts = {
      normal: parseFont(fonts.text.normal), bold: parseFont(fonts.text.bold), italics: parseFont(fonts.text.italics),
      bolditalics: parseFont(fonts.text.bolditalics), mono: parseFont(mono.normal), monoBold: parseFont(mono.bold),
    };
  }

  /** Width of `text` in `font` at `size` (pt); soft hyphens are not drawn. */
  width(text: string, font: Font, size: number): number {
    let table = advances.get(font);
    if (!table) advances.set(font, (table = new Map()));
    let units = 0;
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (cp === 0xad) continue;
      let a = table.get(cp);
      if (a === undefined) {
        a = font.glyphForCodePoint(cp).advanceWidth;
        table.set(cp, a);
      }
      units += a;
    }
    return (units / font.unitsPerEm) * size;
  }

  /** A cell's widest piece (`min`, with the piece) and its longest line (`max`), pt. */
  cell(inlines: Inline[], bold: boolean, hyphens: boolean): { min: number; max: number; piece: string } {
    const segments: Array<Segment | typeof NEWLINE> = [];
    this.segments(inlines, { bold, italics: false, mono: false, sup: false }, segments);
    const slack = KERN_SLACK * this.size;
    let min = 0;
    let widest = '';
    let piece = 0;
    let pieceText = '';
    let line = 0;
    let max = 0;
    const endPiece = (extra = 0) => {
      if (piece > 0 && piece + extra + slack > min) {
        min = piece + extra + slack;
        widest = pieceText;
      }
      piece = 0;
      pieceText = '';
    };
    for (const seg of segments) {
      if (seg === NEWLINE) {
        endPiece();
        max = Math.max(max, line);
        line = 0;
        continue;
      }
      const w = this.width(seg.text, seg.font, seg.size);
      line += w;
      if (seg.keep) {
        piece += w;
        pieceText += seg.text;
        continue;
      }
      const chars = [...seg.text];
      chars.forEach((ch, i) => {
        if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') return endPiece();
        if (ch === SHY) {
          if (hyphens) endPiece(this.width('-', seg.font, seg.size));
          return;
        }
        piece += this.width(ch, seg.font, seg.size);
        pieceText += ch;
        // A line may end after the hyphen of a compound („Bergkamen-|Mitte“).
        if (ch === '-' && /\p{L}/u.test(chars[i - 1] ?? '') && /\p{L}/u.test(chars[i + 1] ?? '')) endPiece();
      });
    }
    endPiece();
    max = Math.max(max, line);
    // Spaces at the line ends are not drawn; a line is at least as wide as its widest piece.
    return { min, max: Math.max(min, max + slack), piece: widest };
  }

  private segments(inlines: Inline[], style: { bold: boolean; italics: boolean; mono: boolean; sup: boolean }, out: Array<Segment | typeof NEWLINE>): void {
    for (const node of inlines) {
      switch (node.type) {
        case 'text':
        case 'inlineCode': {
          const mono = style.mono || node.type === 'inlineCode';
          const font = mono ? (style.bold ? this.fonts.monoBold : this.fonts.mono) : this.fonts[style.bold ? (style.italics ? 'bolditalics' : 'bold') : style.italics ? 'italics' : 'normal'];
          const size = style.sup ? this.size * SUP_SCALE : this.size;
          if (mono) out.push({ text: node.value, keep: false, font, size });
          else for (const run of typeset(node.value)) out.push({ text: run.text, keep: run.keep === true, font, size });
          break;
        }
        case 'break':
          out.push(NEWLINE);
          break;
        case 'strong':
          this.segments(node.children, { ...style, bold: true }, out);
          break;
        case 'emphasis':
          this.segments(node.children, { ...style, italics: true }, out);
          break;
        case 'footnoteRef':
          this.segments([{ type: 'text', value: String(node.number) }], { ...style, sup: true }, out);
          break;
        default:
          if ('children' in node) this.segments(node.children, style, out);
      }
    }
  }
}
