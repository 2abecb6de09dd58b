/**
 * The Word documents of the fixture project, read back: unzip + `word/document.xml` for the
 * words (the seed 11/1481 word for word, every document's words in the PDF's order), the
 * Word structures (styles, numbering, footnotes, links, fields, properties), and LibreOffice
 * as a real reader (converts each without error, same text, headings as headings).
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildFiles } from '../../src/commands/build.js';
import { checkContent } from '../../src/model/check.js';
import { buildDocuments } from '../../src/document/build.js';
import { buildKonzept } from '../../src/document/konzept.js';
import type { Block, DocumentTree } from '../../src/document/tree.js';
import { plainText } from '../../src/document/markdown.js';
import { loadTemplates } from '../../src/theme/load.js';
import { renderDocx } from '../../src/render/docx/render.js';
import { FIXTURE_CONTENT, FIXTURE_TEMPLATES } from '../helpers/fixtures.js';
import { docxFootnotes, docxParagraphs, docxParts } from '../helpers/docx-text.js';
import { indexOfRun, longestPrefixRun, words } from '../helpers/html-text.js';
import { convertWithLibreOffice } from '../helpers/libreoffice.js';
import { pdfPages } from '../helpers/pdf-text.js';

const ROOT = path.resolve(__dirname, '../..');
const SEED = readFileSync(path.join(ROOT, 'tests/fixtures/seed/vorlage-11-1481-bergkamen.txt'), 'utf8');
const seedBody = words(SEED.slice(SEED.indexOf('Beschlussvorschlag:')));
const seedCover = words(SEED.slice(0, SEED.indexOf('Beschlussvorschlag:')));

let files: Map<string, Buffer | string>;
let trees: DocumentTree[];
const docx = (outPath: string) => files.get(`${outPath}.docx`) as Buffer;

beforeAll(async () => {
  const result = await buildFiles({ content: FIXTURE_CONTENT, out: 'unused', templates: FIXTURE_TEMPLATES, quiet: true });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  files = result.files!;
  const checked = await checkContent(FIXTURE_CONTENT);
  const tpl = await loadTemplates(FIXTURE_TEMPLATES);
  trees = buildDocuments(checked.model, checked.index, tpl.templates!.theme, buildKonzept).trees;
  if (!files.has(`${trees[0].outPath}.docx`)) {
    const images = new Map<string, Uint8Array>();
    const fonts = Object.values(tpl.templates!.fonts).flatMap((f) => Object.values(f).map((p) => readFileSync(p)));
    for (const t of trees) visit(t.blocks, (b) => {
      if (b.type === 'image' || b.type === 'logo') images.set(b.path, readFileSync(b.path));
      if (b.type === 'titlePage' && b.logo) images.set(b.logo.path, readFileSync(b.logo.path));
    });
    for (const t of trees) files.set(`${t.outPath}.docx`, await renderDocx(t, tpl.templates!.theme, { images, fonts }));
  }
}, 600_000);

function visit(blocks: Block[], fn: (b: Block) => void): void {
  for (const b of blocks) {
    fn(b);
    if (b.type === 'section' || b.type === 'blockquote' || b.type === 'keepTogether') visit(b.children, fn);
    if (b.type === 'list') b.items.forEach((i) => visit(i, fn));
  }
}

/** The words of a DOCX body as a reader sees them. */
function docxWords(buf: Buffer): string[] {
  return words(docxParagraphs(buf).map((p) => p.text).join(' '));
}

/**
 * The PDF's words, arranged as the DOCX has them: the words drawn inside charts left out (the
 * DOCX shows the chart as a picture with alt text), the footnotes' texts left out (Word
 * prints them at the foot of the page, from footnotes.xml), and the TOC's page numbers left
 * out (Word counts them when it updates the field), and the header rows the PDF repeats at
 * the top of a page where a table goes on left out (Word repeats them when it lays out).
 */
async function pdfWordsLikeDocx(pdf: Buffer, tree: DocumentTree, footnotes: Map<string, string>): Promise<string[]> {
  const pages = await pdfPages(pdf);
  const toc = pages.findIndex((p) => p.includes('Inhaltsverzeichnis'));
  if (toc >= 0 && tree.blocks.some((b) => b.type === 'toc')) {
    const firstEntry = pages[toc][pages[toc].indexOf('Inhaltsverzeichnis') + 1];
    for (let i = toc; i < pages.length && (i === toc || pages[i][0] !== firstEntry); i++) pages[i] = pages[i].filter((s) => !/^\d+$/.test(s.trim()));
  }
  const compact = (s: string) => s.replace(/\s+/g, '');
  const headers = new Set<string>();
  const captions = new Set<string>();
  visit(tree.blocks, (b) => {
    if (b.type !== 'table') return;
    for (const row of b.headerRows) headers.add(compact(row.map((c) => plainText(c.children)).join('')));
    if (b.caption) captions.add(compact(b.caption));
  });
  const longestFirst = [...headers].filter(Boolean).sort((x, y) => y.length - x.length);
  for (let i = 1; i < pages.length; i++) {
    const top = compact(pages[i].join(''));
    const seen = compact(pages.slice(0, i).map((p) => p.join('')).join(''));
    // A table's first header row can start a page too: then the page before ends with its caption.
    const afterCaption = [...captions].some((c) => seen.endsWith(c));
    const header = afterCaption ? undefined : longestFirst.find((h) => top.startsWith(h) && seen.includes(h));
    if (!header) continue;
    let taken = '';
    let n = 0;
    while (taken.length < header.length) taken += compact(pages[i][n++]);
    pages[i] = pages[i].slice(n);
  }
  let out = words(pages.map((p) => p.join(' ')).join(' '));
  const cut = (run: string[]) => {
    const at = indexOfRun(out, run);
    expect(at, `not in the PDF: ${run.join(' ').slice(0, 80)}`).toBeGreaterThanOrEqual(0);
    out = [...out.slice(0, at), ...out.slice(at + run.length)];
  };
  visit(tree.blocks, (b) => {
    if (b.type !== 'chart') return;
    const texts = [...b.svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) => m[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&'));
    cut(words(texts.join(' ')));
  });
  for (const [id, text] of footnotes) cut([id, ...words(text)]);
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
      const expected = await pdfWordsLikeDocx(files.get(`${tree.outPath}.pdf`) as Buffer, tree, docxFootnotes(buf));
      // Compared without the spaces: where pdf.js splits a line into items (a bold run, a
      // superscript) is no property of either document.
      const a = docxWords(buf).join('');
      const e = expected.join('');
      let i = 0;
      while (i < a.length && a[i] === e[i]) i++;
      expect(a === e, `${tree.outPath}: first difference at character ${i}: DOCX „${a.slice(Math.max(0, i - 40), i + 40)}“ vs PDF „${e.slice(Math.max(0, i - 40), i + 40)}“ (${a.length} vs ${e.length} characters)`).toBe(true);
    }
  });
});
