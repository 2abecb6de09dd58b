/**
 * The outline of a document in PDF and in HTML, for comparing the two: headings (level and
 * text), the header cells of every table, and the label | value pairs of the layout grids
 * (a Vorlage's checklists: an HTML table without header cells, a list in the tagged PDF).
 */
import { htmlText } from './html-text.js';
import type { CheckedElement, TagReport } from './tagged-pdf.js';

export interface Outline {
  headings: string[];
  tableHeaders: string[][];
  /** Label and value of each pair, squeezed (`FinanzielleAuswirkungen☒ja☐nein`). */
  pairs: string[];
}

/**
 * Text without any whitespace: the PDF breaks a long word in a narrow cell across lines
 * („Indikatore|n“), which reads as two items.
 */
export function squeeze(text: string): string {
  return text.replace(/[\s\u00a0\u202f]+/g, '');
}

/** An HTML page's outline, in document order. */
export function htmlOutline(html: string): Outline {
  const text = (inner: string) => squeeze(htmlText(inner));
  const headings = [...html.matchAll(/<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1>/g)].map((m) => `H${m[1]} ${text(m[2])}`);
  const tableHeaders: string[][] = [];
  const pairs: string[] = [];
  // Data tables and the cover sheet's fields (a <dl> in HTML, a table with row headers in PDF).
  for (const [table] of html.matchAll(/<table\b[\s\S]*?<\/table>|<dl\b[\s\S]*?<\/dl>/g)) {
    const headers = [...table.matchAll(/<(th|dt)\b[^>]*>([\s\S]*?)<\/\1>/g)].map((c) => text(c[2]));
    if (headers.length > 0) {
      tableHeaders.push(headers);
      continue;
    }
    // No header cell: the grid of label | value pairs.
    for (const [row] of table.matchAll(/<tr\b[\s\S]*?<\/tr>/g)) {
      const cells = [...row.matchAll(/<td\b[^>]*>([\s\S]*?)<\/td>/g)].map((c) => text(c[1]));
      for (let i = 0; i < cells.length; i += 2) if (cells[i] !== '') pairs.push(cells[i] + (cells[i + 1] ?? ''));
    }
  }
  return { headings, tableHeaders, pairs };
}

/** A tagged PDF's outline (from the checker's report), in tree order. */
export function pdfOutline(report: TagReport): Outline {
  const pairs: string[] = [];
  const visit = (e: CheckedElement) => {
    // A pair: an LI whose label is text (list bullets are drawn, numbers end with a dot).
    const label = e.role === 'LI' ? e.children.find((c) => c.role === 'Lbl') : undefined;
    if (label && label.text !== '' && !/^\d+\.$/.test(label.text)) pairs.push(squeeze(e.text));
    e.children.forEach(visit);
  };
  if (report.root) visit(report.root);
  return {
    headings: report.headings.map((h) => `H${h.level} ${squeeze(h.text)}`),
    tableHeaders: report.tableHeaders.map((t) => t.map(squeeze)),
    pairs,
  };
}

/**
 * The HTML outline as the PDF should have it: the HTML page's `<h1>` is the document title,
 * which the PDF prints as H1 only on a title page; without one, the PDF's levels are one up.
 */
export function htmlOutlineForPdf(html: string, pdf: Outline): Outline {
  const outline = htmlOutline(html);
  const titlePage = pdf.headings[0]?.startsWith('H1 ') && outline.headings[0] === pdf.headings[0];
  if (titlePage) return outline;
  return { ...outline, headings: outline.headings.slice(1).map((h) => h.replace(/^H(\d)/, (_, l: string) => `H${Number(l) - 1}`)) };
}

/** Each checked PDF's outline beside its HTML page's (`x.pdf` ↔ `x.html` of the same build). */
export function outlinesOf(reports: Map<string, TagReport>, files: Map<string, Buffer | string>): Array<{ name: string; pdf: Outline; html: Outline }> {
  return [...reports].map(([name, report]) => {
    const pdf = pdfOutline(report);
    return { name, pdf, html: htmlOutlineForPdf(files.get(name.replace(/\.pdf$/, '.html')) as string, pdf) };
  });
}
