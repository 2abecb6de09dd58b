/**
 * Footnotes at the foot of the page that references them (issue 14, point 4): the PDF is read
 * back with pdf.js, and every note's text must stand on the page of its superscript marker,
 * below all of that page's body text and above its running footer. The notes stay tagged
 * (Note with ID, marker as Reference), and the PDF stays byte-identical on a second render.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Block, DocumentTree, Inline } from '../src/document/tree.js';
import { renderPdf, type PdfRenderOptions } from '../src/render/pdf/render.js';
import { ThemeSchema } from '../src/theme/theme.js';
import { loadPdf } from './helpers/pdf-text.js';
import { checkTaggedPdf, hasQpdf, type CheckedElement } from './helpers/tagged-pdf.js';
import { DEJAVU_FONTS } from './helpers/dejavu.js';

const options: PdfRenderOptions = { fonts: DEJAVU_FONTS, images: new Map() };
const theme = ThemeSchema.parse({});

const t = (value: string): Inline => ({ type: 'text', value });
const SENTENCE = 'Die Stadt stimmt ihre Angebote mit den Trägern ab, damit Zugewanderte schnell Sprachkurse, Beratung und Arbeit finden. ';

/**
 * Two chapters of paragraphs of varying length; every third paragraph references a note,
 * some notes three lines long, so markers land all over the pages and near their ends.
 */
function tree(): DocumentTree {
  let number = 0;
  const chapter = (title: string, paragraphs: number): Block[] => {
    const blocks: Block[] = [{ type: 'heading', depth: 1, number: '', anchor: title.toLowerCase(), toc: false, children: [t(title)] }];
    const items: Array<{ number: number; anchor: string; children: Block[] }> = [];
    for (let i = 0; i < paragraphs; i++) {
      const children: Inline[] = [t(`Absatz ${title} ${i + 1}. ${SENTENCE.repeat(1 + ((i * 7) % 5))}`.trimEnd())];
      if (i % 3 === 1) {
        const n = ++number;
        const anchor = `fn-${n}`;
        children.push({ type: 'footnoteRef', number: n, anchor }, t(' Weiter im Text.'));
        const long = n % 4 === 0 ? ' Sie nennt die Quelle, das Erhebungsjahr und die Abgrenzung der Gruppe, die gezählt wurde, so ausführlich, dass sie mehrere Zeilen lang wird.' : '';
        items.push({ number: n, anchor, children: [{ type: 'paragraph', children: [t(`Anmerkung ${n} zum Text.${long}`)] }] });
      }
      blocks.push({ type: 'paragraph', children });
    }
    blocks.push({ type: 'footnotes', items });
    return blocks;
  };
  return {
    kind: 'konzept',
    outPath: 'konzept/fussnoten',
    meta: { title: 'Fußnoten', author: 'Stadt Musterstadt', subject: 'Test', keywords: [], lang: 'de-DE', created: new Date('2024-01-31T00:00:00Z') },
    header: 'Fußnoten',
    blocks: [...chapter('Erstens', 24), ...chapter('Zweitens', 21)],
  };
}

interface Item { str: string; y: number; size: number }

async function pagesOf(buf: Uint8Array): Promise<Array<{ height: number; items: Item[] }>> {
  const doc = await loadPdf(buf);
  try {
    const pages = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const items = content.items.flatMap((i) => ('str' in i && i.str.trim() !== '' ? [{ str: i.str, y: i.transform[5], size: Math.hypot(i.transform[2], i.transform[3]) }] : []));
      pages.push({ height: page.view[3] - page.view[1], items });
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

function elements(e: CheckedElement | undefined, role: string): CheckedElement[] {
  if (!e) return [];
  return [...(e.role === role ? [e] : []), ...e.children.flatMap((c) => elements(c, role))];
}

describe('footnotes in the PDF', async () => {
  const buf = await renderPdf(tree(), theme, options);
  // With RATSDOC_PDF_DUMP=<folder>, the PDF is written there for a look (pdftoppm).
  if (process.env.RATSDOC_PDF_DUMP) writeFileSync(path.join(process.env.RATSDOC_PDF_DUMP, 'fussnoten.pdf'), buf);
  const pages = await pagesOf(buf);
  const notes = 15;

  it('sets every note on the page of its marker, below the body text and above the footer', () => {
    expect(pages.length).toBeGreaterThanOrEqual(4);
    const bodySize = Math.max(...pages.flatMap((p) => p.items.map((i) => i.size)));
    let perPage = 0;
    for (let n = 1; n <= notes; n++) {
      const notePage = pages.findIndex((p) => p.items.some((i) => i.str.startsWith(`Anmerkung ${n} zum Text.`)));
      expect(notePage, `note ${n}`).toBeGreaterThanOrEqual(0);
      // The marker: the number set smaller (superscript), right before „Weiter im Text.“.
      const markerPages = pages.flatMap((p, index) => p.items.some((i, k) => i.str === String(n) && i.size < bodySize * 0.7 && p.items.slice(k + 1, k + 3).map((x) => x.str).join(' ').replace(/\s+/g, ' ').trim().startsWith('Weiter im Text')) ? [index] : []);
      expect(markerPages, `marker ${n}`).toEqual([notePage]);
      const page = pages[notePage];
      const note = page.items.find((i) => i.str.startsWith(`Anmerkung ${n} zum Text.`))!;
      const footer = page.items.find((i) => /^Seite \d+ von \d+$/.test(i.str))!;
      expect(footer, `footer of page ${notePage + 1}`).toBeDefined();
      // Body text: everything but the notes (their labels and lines) and the running header and footer.
      const body = page.items.filter((i) => i.size >= bodySize * 0.95 && i.str !== 'Fußnoten' && i !== footer);
      expect(note.y, `note ${n} below the body of page ${notePage + 1}`).toBeLessThan(Math.min(...body.map((i) => i.y)));
      expect(note.y).toBeGreaterThan(footer.y);
      // Near the bottom: in the lower third of the page.
      expect(note.y).toBeLessThan(page.height / 3);
      perPage = Math.max(perPage, page.items.filter((i) => i.str.startsWith('Anmerkung ')).length);
    }
    // Some page carries more than one note, numbered on in the document.
    expect(perPage).toBeGreaterThanOrEqual(2);
  });

  it('numbers the notes in the order of their markers through the document', () => {
    const order = pages.flatMap((p) => p.items.filter((i) => /^Anmerkung \d+ /.test(i.str)).map((i) => Number(/\d+/.exec(i.str)![0])));
    expect(order).toEqual(Array.from({ length: notes }, (_, i) => i + 1));
  });

  it('leaves no page overfull: the body ends above its notes on every page', () => {
    for (const [index, page] of pages.entries()) {
      const noteLines = page.items.filter((i) => i.str.startsWith('Anmerkung '));
      if (!noteLines.length) continue;
      const topNote = Math.max(...noteLines.map((i) => i.y));
      const bodySize = Math.max(...page.items.map((i) => i.size));
      const lowestBody = Math.min(...page.items.filter((i) => i.size >= bodySize * 0.95 && !/^Seite \d+ von/.test(i.str)).map((i) => i.y));
      expect(lowestBody - topNote, `page ${index + 1}`).toBeGreaterThan(8);
    }
  });

  it('is byte-identical when rendered twice', async () => {
    expect((await renderPdf(tree(), theme, options)).equals(buf)).toBe(true);
  });

  it.skipIf(!hasQpdf())('stays tagged: one Note with ID and text per note, each marker a Reference', async () => {
    const report = await checkTaggedPdf(buf);
    expect(report.problems).toEqual([]);
    expect(report.untagged).toBe(0);
    const noteElements = elements(report.root, 'Note');
    expect(noteElements.length).toBe(notes);
    for (let n = 1; n <= notes; n++) expect(noteElements[n - 1].text).toContain(`Anmerkung ${n} zum Text.`);
    expect(report.roles.Reference).toBe(notes);
  });
});
