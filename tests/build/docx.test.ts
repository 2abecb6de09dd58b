/**
 * The Word documents of the fixture project, read back: unzip + `word/document.xml` for the
 * words (the seed 11/1481 word for word, every document's words in the PDF's order), the
 * Word structures (styles, numbering, footnotes, links, fields, properties), and LibreOffice
 * as a real reader (converts each without error, same text, headings as headings).
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runPipeline } from '../../src/pipeline/pipeline.js';
import { checkContent } from '../../src/model/check.js';
import { buildDocuments } from '../../src/document/build.js';
import { readAnlagen, sizesOf } from '../../src/pipeline/assets.js';
import type { Block, DocumentTree } from '../../src/document/tree.js';
import { plainText } from '../../src/document/markdown.js';
import { loadTemplates } from '../../src/theme/load.js';
import { FIXTURE_CONTENT, FIXTURE_TEMPLATES } from '../helpers/fixtures.js';
import { docxFootnotes, docxParagraphs, docxParts } from '../helpers/docx-text.js';
import { indexOfRun, longestPrefixRun, words } from '../helpers/html-text.js';
import { convertWithLibreOffice } from '../helpers/libreoffice.js';
import { pdfItems, pdfPages } from '../helpers/pdf-text.js';

const ROOT = path.resolve(__dirname, '../..');
const SEED = readFileSync(path.join(ROOT, 'tests/fixtures/seed/vorlage-11-1481-bergkamen.txt'), 'utf8');
const seedBody = words(SEED.slice(SEED.indexOf('Beschlussvorschlag:')));
const seedCover = words(SEED.slice(0, SEED.indexOf('Beschlussvorschlag:')));

let files: Map<string, Buffer | string>;
let trees: DocumentTree[];
const docx = (outPath: string) => files.get(`${outPath}.docx`) as Buffer;

beforeAll(async () => {
  const result = await runPipeline({ content: FIXTURE_CONTENT, templates: FIXTURE_TEMPLATES });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  files = result.files!;
  const checked = await checkContent(FIXTURE_CONTENT);
  const tpl = await loadTemplates(FIXTURE_TEMPLATES);
  // With the Anlagen's sizes, as the pipeline builds them (its PDFs are compared below).
  trees = buildDocuments(checked.model, checked.index, tpl.templates!.theme, sizesOf(await readAnlagen(checked.model))).trees;
  // The build itself writes the Word documents (DOCX is an entry of the renderer list).
  for (const t of trees) expect(files.has(`${t.outPath}.docx`), t.outPath).toBe(true);
}, 600_000);

function visit(blocks: Block[], fn: (b: Block) => void): void {
  for (const b of blocks) {
    fn(b);
    if (b.type === 'section' || b.type === 'blockquote' || b.type === 'keepTogether') visit(b.children, fn);
    if (b.type === 'list') b.items.forEach((i) => visit(i, fn));
  }
}

/** The TOC entries of a tree: its headings marked `toc`, with their numbers. */
function tocEntries(tree: DocumentTree): string[] {
  const out: string[] = [];
  visit(tree.blocks, (b) => {
    if (b.type === 'heading' && b.toc) out.push(`${b.number ? `${b.number} ` : ''}${plainText(b.children)}`);
  });
  return out;
}

/** The words of a DOCX body as a reader sees them. */
function docxWords(buf: Buffer): string[] {
  return words(docxParagraphs(buf).map((p) => p.text).join(' '));
}

/**
 * The PDF's text without spaces, arranged as the DOCX has it: the words drawn inside charts left out (the
 * DOCX shows the chart as a picture with alt text), the footnotes' texts left out (Word
 * prints them at the foot of the page, from footnotes.xml), and the TOC's page numbers left
 * out (Word counts them when it updates the field), and the header rows the PDF repeats at
 * the top of a page where a table goes on left out (Word repeats them when it lays out).
 */
async function pdfTextLikeDocx(pdf: Buffer, tree: DocumentTree, footnotes: Map<string, string>, withCharts = true): Promise<string> {
  const pages = await pdfPages(pdf);
  // A word hyphenated at the foot of a page („Bergka-“ / „men-Mitte)“): a reader joins it.
  for (let i = 0; i + 1 < pages.length; i++) {
    const last = pages[i].length - 1;
    if (last >= 0 && /\p{L}-$/u.test(pages[i][last]) && /^\p{Ll}/u.test(pages[i + 1][0] ?? '')) pages[i][last] = pages[i][last].slice(0, -1);
  }
  const compact = (s: string) => s.replace(/\s+/g, '');
  const toc = pages.findIndex((p) => p.includes('Inhaltsverzeichnis'));
  const firstEntry = tocEntries(tree)[0];
  if (toc >= 0 && firstEntry) {
    // The TOC runs until the page that starts with the first chapter's heading.
    for (let i = toc; i < pages.length && (i === toc || !compact(pages[i].join('')).startsWith(compact(firstEntry))); i++) pages[i] = pages[i].filter((s) => !/^\d+$/.test(s.trim()));
  }
  const headers = new Set<string>();
  const captions = new Set<string>();
  visit(tree.blocks, (b) => {
    if (b.type !== 'table') return;
    for (const row of b.headerRows) headers.add(compact(row.map((c) => plainText(c.children)).join('')));
    if (b.caption) captions.add(compact(b.caption));
  });
  const longestFirst = [...headers].filter(Boolean).sort((x, y) => y.length - x.length);
  const drawn = pages.map((p) => compact(p.join('')));
  for (let i = 1; i < pages.length; i++) {
    const top = compact(pages[i].join(''));
    const seen = compact(pages.slice(0, i).map((p) => p.join('')).join(''));
    // A table's first header row can start a page too: then the page before ends with its caption,
    // or (a table without one) the page before does not show that header: a repeated header row
    // continues a table that the page before shows.
    const afterCaption = [...captions].some((c) => seen.endsWith(c));
    const header = afterCaption ? undefined : longestFirst.find((h) => top.startsWith(h) && drawn[i - 1].includes(h));
    if (!header) continue;
    let taken = '';
    let n = 0;
    while (taken.length < header.length) taken += compact(pages[i][n++]);
    pages[i] = pages[i].slice(n);
  }
  let out = compact(pages.map((p) => p.join('')).join(''));
  const cut = (run: string, label: string) => {
    const at = out.indexOf(run);
    expect(at, `not in the PDF: ${label.slice(0, 80)}`).toBeGreaterThanOrEqual(0);
    out = out.slice(0, at) + out.slice(at + run.length);
  };
  visit(tree.blocks, (b) => {
    if (b.type !== 'chart' || !withCharts) return;
    const texts = [...b.svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) => m[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&'));
    cut(compact(texts.join('')), `chart ${b.alt}`);
  });
  for (const [id, text] of footnotes) {
    // pdfmake writes the number before the note; LibreOffice draws it after the note's text.
    const before = `${id}${compact(text)}`;
    cut(out.includes(before) ? before : `${compact(text)}${id}`, `footnote ${id}: ${text}`);
  }
  return out;
}

describe('DOCX of the fixture project', () => {
  it('11/1481: Deckblatt and the text from Beschlussvorschlag to the last signature equal the seed word for word', () => {
    const doc = docxWords(docx('vorlagen/11-1481'));
    const at = indexOfRun(doc, seedBody);
    expect(at, `longest matching prefix: ${longestPrefixRun(doc, seedBody)} of ${seedBody.length} words`).toBeGreaterThanOrEqual(0);
    expect(doc.slice(at + seedBody.length)).toEqual([]);
    expect(indexOfRun(doc, seedCover)).toBeGreaterThanOrEqual(0);
    expect(indexOfRun(doc, seedCover)).toBeLessThan(at);
  });

  it('every Vorlage and the Konzept has the same words in the same order as its PDF', async () => {
    expect(trees.length).toBeGreaterThanOrEqual(4);
    for (const tree of trees) {
      const buf = docx(tree.outPath);
      // Compared without the spaces: where pdf.js splits a line into items (a bold run, a
      // superscript) is no property of either document.
      const e = await pdfTextLikeDocx(files.get(`${tree.outPath}.pdf`) as Buffer, tree, docxFootnotes(buf));
      const a = docxWords(buf).join('');
      let i = 0;
      while (i < a.length && a[i] === e[i]) i++;
      expect(a === e, `${tree.outPath}: first difference at character ${i}: DOCX „${a.slice(Math.max(0, i - 40), i + 40)}“ vs PDF „${e.slice(Math.max(0, i - 40), i + 40)}“ (${a.length} vs ${e.length} characters)`).toBe(true);
    }
  });
});

describe('Word structures in the DOCX', () => {
  const konzept = () => trees.find((t) => t.kind === 'konzept')!;
  const all = (re: RegExp, s: string) => [...s.matchAll(re)];

  it('core properties: title, author = Kommune, subject, keywords, the content\'s date; language de-DE', () => {
    for (const tree of trees) {
      const parts = docxParts(docx(tree.outPath));
      const core = parts.get('docProps/core.xml')!;
      const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      expect(core).toContain(`<dc:title>${esc(tree.meta.title)}</dc:title>`);
      expect(core).toContain('<dc:creator>Stadt Bergkamen</dc:creator>');
      expect(core).toContain(`<dc:subject>${esc(tree.meta.subject)}</dc:subject>`);
      expect(core).toContain(`<cp:keywords>${esc(tree.meta.keywords.join(', '))}</cp:keywords>`);
      expect(core).toContain(`<dcterms:created xsi:type="dcterms:W3CDTF">${tree.meta.created.toISOString().replace(/\.\d{3}Z$/, 'Z')}</dcterms:created>`);
      expect(parts.get('word/styles.xml')).toMatch(/<w:rPrDefault>[\s\S]*<w:lang w:val="de-DE"/);
    }
  });

  it('A4 with the theme\'s margins (25/20/22/25 mm); footer with PAGE and NUMPAGES fields; first page without header', () => {
    for (const tree of trees) {
      const parts = docxParts(docx(tree.outPath));
      const doc = parts.get('word/document.xml')!;
      expect(doc).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
      expect(doc).toMatch(/<w:pgMar w:top="1417" w:right="1134" w:bottom="1247" w:left="1417"/);
      expect(doc).toContain('<w:titlePg/>');
      const footers = [...parts].filter(([n]) => /^word\/footer\d+\.xml$/.test(n)).map(([, x]) => x).join('');
      expect(footers).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
      expect(footers).toMatch(/<w:instrText[^>]*>\s*NUMPAGES\s*<\/w:instrText>/);
      const headers = [...parts].filter(([n]) => /^word\/header\d+\.xml$/.test(n)).map(([, x]) => x).join('');
      expect(headers).toContain(tree.header);
    }
  });

  it('headings are Word\'s built-in heading styles, with the tree\'s numbers and texts, in order', () => {
    for (const tree of trees) {
      const expected: string[] = [];
      visit(tree.blocks, (b) => {
        if (b.type === 'heading') expected.push(`Heading${b.depth} ${b.number ? `${b.number} ` : ''}${plainText(b.children)}`);
      });
      // Typeset as in the PDF: no-break spaces (U+00A0) where the tree has spaces („16 %“).
      const actual = docxParagraphs(docx(tree.outPath)).filter((p) => /^Heading\d$/.test(p.style ?? '')).map((p) => `${p.style} ${p.text.replaceAll('\u00a0', ' ')}`);
      expect(actual).toEqual(expected);
    }
    expect(docxParts(docx(konzept().outPath)).get('word/styles.xml')).toMatch(/<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"\/>[\s\S]*?<w:outlineLvl w:val="0"\/>/);
  });

  it('lists use Word numbering definitions, not typed numbers', () => {
    const buf = docx('vorlagen/11-1481');
    const items = docxParagraphs(buf).filter((p) => p.list);
    expect(items.map((p) => p.text)).toEqual(['1. Das Deckblatt', '2. Der Beschlussvorschlag und die Sachdarstellung']);
    const doc = docxParts(buf).get('word/document.xml')!;
    expect(doc).not.toMatch(/<w:t[^>]*>1\. Das Deckblatt/);
    expect(docxParts(buf).get('word/numbering.xml')).toMatch(/<w:numFmt w:val="decimal"\/><w:lvlText w:val="%1\."\/>/);
    // Two lists in one document each start at 1.
    const konzeptLists = docxParagraphs(docx(konzept().outPath)).filter((p) => p.list);
    expect(new Set(konzeptLists.map((p) => p.list!.numId)).size).toBeGreaterThan(1);
  });

  it('tables: header rows repeat, rows do not split, column widths as in the PDF, named table styles', async () => {
    const doc = docxParts(docx('vorlagen/11-1702')).get('word/document.xml')!;
    const tables = all(/<w:tbl>[\s\S]*?<\/w:tbl>/g, doc).map((m) => m[0]);
    const beratung = tables.find((t) => t.includes('Zuständigkeit'))!;
    expect(beratung).toContain('<w:tblStyle w:val="DataTable"/>');
    const cols = all(/<w:gridCol w:w="(\d+)"\/>/g, beratung).map((m) => Number(m[1]));
    const width = 11906 - 1417 - 1134;
    expect(cols.reduce((a, b) => a + b, 0)).toBe(width);
    // The columns of the PDF's Beratungsfolge (its header cells start 4.25 pt into their column):
    // widths from the content, the same in both files (Word's text width is the PDF's ± 0.1 pt).
    const items = (await pdfItems(files.get('vorlagen/11-1702.pdf') as Buffer))[0];
    const heads = ['Gremium', 'Sitzung', 'TOP', 'Zuständigkeit'].map((h) => items.filter((i) => i.str.trim() === h).sort((a, b) => b.y - a.y)[0].x);
    heads.slice(1).forEach((x, i) => expect(Math.abs(cols[i] / 20 - (x - heads[i])), `column ${i}`).toBeLessThan(0.5));
    expect(cols[0]).toBeGreaterThan(cols[2]); // Gremium (names) wider than TOP (numbers)
    const rows = all(/<w:tr\b[\s\S]*?<\/w:tr>/g, beratung).map((m) => m[0]);
    expect(rows[0]).toMatch(/<w:trPr>[\s\S]*<w:tblHeader\/>/);
    for (const r of rows) expect(r).toContain('<w:cantSplit/>');
    expect(rows.slice(1).some((r) => r.includes('<w:tblHeader/>'))).toBe(false);
    // A short table stays on one page: every row but the last is kept with the next.
    rows.slice(0, -1).forEach((r, i) => expect(r, `row ${i}`).toContain('<w:keepNext/>'));
    expect(rows[rows.length - 1]).not.toContain('<w:keepNext/>');
    // A table too tall to keep breaks between rows: the Konzept's measures of one Handlungsfeld
    // (partners listed in narrow cells) are one, a short table of figures is kept.
    const konzeptTables = all(/<w:tbl>[\s\S]*?<\/w:tbl>/g, docxParts(docx(konzept().outPath)).get('word/document.xml')!).map((m) => m[0]);
    const measures = konzeptTables.find((t) => t.includes('M-01') && t.includes('M-06'))!;
    expect(all(/<w:tr\b/g, measures).length).toBeGreaterThanOrEqual(8);
    expect(measures).not.toContain('<w:keepNext/>');
    expect(konzeptTables.filter((t) => t.includes('<w:keepNext/>')).length).toBeGreaterThan(5);
    expect(docxParts(docx('vorlagen/11-1702')).get('word/styles.xml')).toMatch(/<w:style w:type="table" w:styleId="DataTable"><w:name w:val="Datentabelle"\/>/);
  });

  it('images and charts carry their alt text; charts are PNG pictures', () => {
    const parts = docxParts(docx(konzept().outPath));
    const doc = parts.get('word/document.xml')!;
    const descr = all(/<wp:docPr id="(\d+)" name="[^"]*" descr="([^"]*)"/g, doc).map((m) => m[2].replace(/&quot;/g, '"').replace(/&amp;/g, '&'));
    const charts: string[] = [];
    visit(konzept().blocks, (b) => {
      if (b.type === 'chart') charts.push(b.alt);
    });
    expect(charts.length).toBeGreaterThan(3);
    for (const alt of charts) expect(descr).toContain(alt);
    expect(descr).toContain('Wappen: Stadt Bergkamen');
    const ids = all(/<wp:docPr id="(\d+)"/g, doc).map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    const media = [...docxParts(docx(konzept().outPath)).keys()].filter((n) => n.startsWith('word/media/'));
    expect(media.every((n) => n.endsWith('.png'))).toBe(true);
    expect(media.length).toBeGreaterThanOrEqual(new Set(charts).size);
  });

  it('footnotes are Word footnotes, referenced from the text, with the texts of the tree', () => {
    const tree = konzept();
    const notes: Array<{ number: number; text: string }> = [];
    visit(tree.blocks, (b) => {
      if (b.type === 'footnotes') for (const n of b.items) notes.push({ number: n.number, text: n.children.map((c) => (c.type === 'paragraph' ? plainText(c.children) : '')).join(' ') });
    });
    expect(notes.length).toBeGreaterThan(0);
    const buf = docx(tree.outPath);
    const footnotes = docxFootnotes(buf);
    for (const n of notes) expect(footnotes.get(String(n.number))?.replace(/\s+/g, ' ')).toBe(n.text.replace(/\s+/g, ' '));
    const refs = all(/<w:footnoteReference w:id="(\d+)"\/>/g, docxParts(buf).get('word/document.xml')!).map((m) => Number(m[1]));
    expect(refs).toEqual(notes.map((n) => n.number));
  });

  it('internal links go to bookmarks that exist', () => {
    const parts = docxParts(docx(konzept().outPath));
    const doc = parts.get('word/document.xml')!;
    const bookmarks = new Set(all(/<w:bookmarkStart w:name="([^"]+)"/g, doc).map((m) => m[1]));
    const anchors = all(/<w:hyperlink\b[^>]*w:anchor="([^"]+)"/g, doc).map((m) => m[1]);
    expect(anchors.length).toBeGreaterThan(20);
    for (const a of anchors) expect(bookmarks.has(a), a).toBe(true);
    for (const b of bookmarks) expect(b.length, b).toBeLessThanOrEqual(40);
  });

  it('the Konzept has a Word TOC field, updated when Word opens it, pre-filled with the TOC headings', () => {
    const buf = docx(konzept().outPath);
    const parts = docxParts(buf);
    expect(parts.get('word/document.xml')).toMatch(/<w:instrText[^>]*>TOC \\h \\o &quot;1-\d&quot;<\/w:instrText>/);
    expect(parts.get('word/settings.xml')).toMatch(/<w:updateFields(?: w:val="(?:true|1)")?\/>/);
    expect(docxParagraphs(buf).filter((p) => p.inToc && p.text.trim()).map((p) => p.text.trim())).toEqual(tocEntries(konzept()));
  });
});

describe('LibreOffice opens every DOCX (a real reader)', () => {
  let pdfs: Map<string, Buffer>;
  let odts: Map<string, Buffer>;
  beforeAll(async () => {
    const input = new Map(trees.map((t) => [`${t.outPath.replace(/\//g, '_')}.docx`, docx(t.outPath)]));
    pdfs = (await convertWithLibreOffice(input, 'pdf')).converted;
    odts = (await convertWithLibreOffice(input, 'fodt')).converted;
  }, 900_000);
  const key = (t: DocumentTree) => `${t.outPath.replace(/\//g, '_')}.docx`;

  it('converts each to PDF, and the PDF has the DOCX\'s words in order', async () => {
    for (const tree of trees) {
      const pdf = pdfs.get(key(tree));
      expect(pdf, `${tree.outPath}: no PDF from LibreOffice`).toBeTruthy();
      const buf = docx(tree.outPath);
      // LibreOffice draws a list's bullets apart from the items' text (left out on both sides)
      // and the TOC's dot leaders as text.
      const seen = (await pdfTextLikeDocx(pdf!, tree, docxFootnotes(buf), false)).replace(/•/g, '').replace(/\.{4,}/g, '');
      const a = docxWords(buf).join('').replace(/•/g, '');
      let i = 0;
      while (i < a.length && a[i] === seen[i]) i++;
      expect(a === seen, `${tree.outPath}: first difference at character ${i}: DOCX „${a.slice(Math.max(0, i - 40), i + 40)}“ vs LibreOffice „${seen.slice(Math.max(0, i - 40), i + 40)}“`).toBe(true);
    }
  });

  it('headings come out as headings (outline levels in the ODT), the rest as body text', () => {
    for (const tree of trees) {
      const fodt = odts.get(key(tree))!.toString('utf8');
      // Typeset text as a reader sees it: soft hyphens (U+00AD) invisible, U+2011 a hyphen, U+00A0 a space.
      const readable = (x: string) => x.replace(/\u00ad/g, '').replace(/\u2011/g, '-').replace(/\u00a0/g, ' ');
      const headings = [...fodt.matchAll(/<text:h\b[^>]*text:outline-level="(\d)"[^>]*>([\s\S]*?)<\/text:h>/g)].map((m) => `${m[1]} ${readable(m[2].replace(/<text:s\/>/g, ' ').replace(/<[^>]+>/g, '').replace(/&amp;/g, '&')).trim()}`);
      const expected: string[] = [];
      visit(tree.blocks, (b) => {
        if (b.type === 'heading') expected.push(`${b.depth} ${b.number ? `${b.number} ` : ''}${plainText(b.children)}`.trim());
      });
      expect(headings, tree.outPath).toEqual(expected);
    }
  });
});
