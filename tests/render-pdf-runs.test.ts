/**
 * Runs of same-styled words drawn as one text object (render/pdf/text-runs.ts, issue 19
 * point 2). Every document here is rendered twice in this process, with runs and with
 * pdfmake's own per-word drawing (`setTextRuns(false)`), and the two PDFs are compared:
 * every glyph at the same place (read back with pdf.js from the operators drawn), the same
 * extracted text, the same pixels (poppler), fewer text objects and link annotations, and a
 * tagged document still passes the tagged-PDF check with the same marked content.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { afterAll, describe, expect, it } from 'vitest';
import type { Block, DocumentTree, Inline } from '../src/document/tree.js';
import { renderPdf, type PdfRenderOptions } from '../src/render/pdf/render.js';
import { runStats, setTextRuns } from '../src/render/pdf/text-runs.js';
import { ThemeSchema } from '../src/theme/theme.js';
import { plainPdf } from './helpers/dejavu.js';
import { loadPdf, pdfText } from './helpers/pdf-text.js';
import { checkTaggedPdf, hasQpdf } from './helpers/tagged-pdf.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const ttf = (file: string) => readFileSync(path.join(root, 'node_modules/dejavu-fonts-ttf/ttf', file));
const fonts: PdfRenderOptions['fonts'] = {
  'DejaVu Sans': { normal: ttf('DejaVuSans.ttf'), bold: ttf('DejaVuSans-Bold.ttf'), italics: ttf('DejaVuSans-Oblique.ttf'), bolditalics: ttf('DejaVuSans-BoldOblique.ttf') },
  'DejaVu Sans Mono': { normal: ttf('DejaVuSansMono.ttf'), bold: ttf('DejaVuSansMono-Bold.ttf'), italics: ttf('DejaVuSansMono-Oblique.ttf'), bolditalics: ttf('DejaVuSansMono-BoldOblique.ttf') },
};
const theme = ThemeSchema.parse({});

const hasPdftoppm = spawnSync('sh', ['-c', 'command -v pdftoppm']).status === 0;

const LONG = 'Die Verhinderung von weiterer Segregation bzw. konfliktreicher Parallel\u00adgesellschaft ist das oberste Ziel. AVATAR, Tyrannei, „Wolf“ und VA-Tarife: Kerning zwischen Buchstaben. Integrations\u00admanagement, Willkommens\u00adkultur und Anerkennungs\u00adkultur innerhalb der Stadt\u00adgesellschaft stehen im Vordergrund.';

/** A definition with one line of three styles and a link (page 1) and the harder cases (page 2 on). */
function definition(): TDocumentDefinitions {
  return {
    pageSize: 'A5',
    pageMargins: 40,
    defaultStyle: { font: 'PlainSans', fontSize: 10 },
    content: [
      { text: ['Wörter in Normal ', { text: 'und fett ', bold: true }, { text: 'mit Link', link: 'https://example.org/' }] },
      { text: 'Ziel', id: 'ziel', pageBreak: 'after' },
      { text: [LONG, ' ', { text: 'Kursiv und farbig ', italics: true, color: '#1a4f8b' }, { text: 'verlinkt zum Ziel auf Seite ', linkToDestination: 'ziel' }, { text: '00', pageReference: 'ziel' } as unknown as string, '.'], alignment: 'justify' },
      { text: [LONG, { text: '1', sup: true, fontSize: 7 }, ' ', { text: 'unterstrichen und hinterlegt, ', decoration: 'underline', background: '#ffee88' }, { text: 'durchgestrichen ', decoration: 'lineThrough' }, { text: 'gesperrt ', characterSpacing: 1.5 }, { text: 'Monospace 12,50 € ', font: 'PlainMono' }, { text: 'halbdurchsichtig.', opacity: 0.5 }] },
      { text: LONG, alignment: 'right', fontSize: 9 },
      { text: LONG, alignment: 'center', fontSize: 11, bold: true },
      { table: { widths: ['*', 80], body: [[{ text: LONG, link: 'https://example.org/tabelle' }, { text: '18.500,50 €', alignment: 'right' }]] } },
    ],
  };
}

interface Glyph { ch: string; x: number; y: number; page: number }

/**
 * Each glyph drawn, at its pen position in text space as pdf.js follows it through the text
 * matrices, the glyph widths and the TJ adjustments (all text here is drawn unrotated).
 */
async function glyphsOf(buf: Buffer): Promise<{ glyphs: Glyph[]; textObjects: number[]; links: number[]; marked: number }> {
  const doc = await loadPdf(buf);
  try {
    const glyphs: Glyph[] = [];
    const textObjects: number[] = [];
    const links: number[] = [];
    let marked = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const ops = await page.getOperatorList();
      let tm = [1, 0, 0, 1, 0, 0];
      let size = 0;
      let pen = 0;
      let objects = 0;
      for (let i = 0; i < ops.fnArray.length; i++) {
        const fn = ops.fnArray[i];
        const args = ops.argsArray[i] as unknown[];
        if (fn === OPS.beginMarkedContentProps) {
          marked++;
        } else if (fn === OPS.beginText) {
          objects++;
          tm = [1, 0, 0, 1, 0, 0];
          pen = 0;
        } else if (fn === OPS.setTextMatrix) {
          tm = (args.length === 1 ? Array.from(args[0] as ArrayLike<number>) : (args as number[])).slice(0, 6);
          pen = 0;
        } else if (fn === OPS.setFont) {
          size = args[1] as number;
        } else if (fn === OPS.showText) {
          for (const g of args[0] as Array<number | { unicode: string; width: number }>) {
            if (typeof g === 'number') {
              pen -= (g * size) / 1000;
              continue;
            }
            glyphs.push({ ch: g.unicode, x: tm[4] + pen * tm[0], y: tm[5], page: n });
            pen += (g.width * size) / 1000;
          }
        }
      }
      textObjects.push(objects);
      links.push((await page.getAnnotations()).filter((a: { subtype?: string }) => a.subtype === 'Link').length);
    }
    return { glyphs, textObjects, links, marked };
  } finally {
    await doc.destroy();
  }
}

/** Renders with runs on and off (a fresh definition each time: pdfmake mutates it). */
async function both<T>(render: () => Promise<T>): Promise<{ runs: T; words: T }> {
  setTextRuns(false);
  try {
    const words = await render();
    setTextRuns(true);
    return { runs: await render(), words };
  } finally {
    setTextRuns(true);
  }
}

/** Each page as PNG bytes (poppler), to compare pixel for pixel. */
function pngs(buf: Buffer, name: string): Buffer[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'ratsdoc-runs-'));
  writeFileSync(path.join(dir, `${name}.pdf`), buf);
  const r = spawnSync('pdftoppm', ['-r', '110', '-png', path.join(dir, `${name}.pdf`), path.join(dir, name)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pdftoppm: ${r.stderr}`);
  const out: Buffer[] = [];
  for (let n = 1; ; n++) {
    try {
      out.push(readFileSync(path.join(dir, `${name}-${n}.png`)));
    } catch {
      return out;
    }
  }
}

const t = (value: string): Inline => ({ type: 'text', value });

/** A tagged document: a heading, text with emphasis, a link and a footnote, a table with a link. */
function tree(): DocumentTree {
  const blocks: Block[] = [
    { type: 'heading', depth: 1, number: '1', anchor: 'einleitung', toc: true, children: [t('Einleitung mit mehreren Wörtern')] },
    {
      type: 'paragraph',
      children: [
        t(LONG + ' Weiter mit '), { type: 'strong', children: [t('fett gesetzten Wörtern')] }, t(', '),
        { type: 'emphasis', children: [t('kursiven Wörtern')] }, t(' und '),
        { type: 'link', url: 'https://example.org/integration', children: [t('einem Link über mehrere Wörter')] },
        t(' sowie einer Fußnote'), { type: 'footnoteRef', number: 1, anchor: 'fn-1' }, t(' am Ende des Satzes.'),
      ],
    },
    { type: 'paragraph', children: [t(LONG)] },
    {
      type: 'table', variant: 'grid', widths: [70, 30],
      headerRows: [[{ children: [t('Maßnahme der Stadt')] }, { children: [t('Kosten')], align: 'right' }]],
      rows: [[{ children: [{ type: 'link', url: 'https://example.org/m1', children: [t('Sprachkurse für Erwachsene im Stadtteil')] }] }, { children: [t('18.500,50 €')], align: 'right' }]],
    },
    { type: 'footnotes', items: [{ number: 1, anchor: 'fn-1', children: [{ type: 'paragraph', children: [t('Eine Fußnote mit einigen Wörtern.')] }] }] },
  ];
  return {
    kind: 'vorlage', outPath: 'vorlagen/runs', header: 'Vorlage 11/1481', blocks,
    meta: { title: 'Läufe', author: 'Stadt Bergkamen', subject: 'Test', keywords: [], lang: 'de-DE', created: new Date('2019-02-21T00:00:00Z') },
  };
}

describe('runs of same-styled words drawn as one text object', async () => {
  const before = { ...runStats };
  const pdf = await both(() => plainPdf(definition()));
  const ran = runStats.runs - before.runs;
  const runs = await glyphsOf(pdf.runs);
  const words = await glyphsOf(pdf.words);

  it('draws every glyph where the per-word drawing puts it (within 0.001 pt)', () => {
    expect(runs.glyphs.length).toBeGreaterThan(1000);
    expect(runs.glyphs.map((g) => g.ch).join('')).toBe(words.glyphs.map((g) => g.ch).join(''));
    let worst = 0;
    for (let i = 0; i < words.glyphs.length; i++) {
      expect(runs.glyphs[i].page).toBe(words.glyphs[i].page);
      worst = Math.max(worst, Math.abs(runs.glyphs[i].x - words.glyphs[i].x), Math.abs(runs.glyphs[i].y - words.glyphs[i].y));
    }
    expect(worst).toBeLessThan(0.001);
  });

  it('writes one text object per run and one link annotation per linked run', () => {
    expect(ran).toBeGreaterThan(0);
    // Page 1: „Wörter in Normal “ | „und fett “ | „mit Link“, then „Ziel“.
    expect(words.textObjects[0]).toBe(8);
    expect(runs.textObjects[0]).toBe(4);
    expect(words.links[0]).toBe(2);
    expect(runs.links[0]).toBe(1);
    const sum = (a: number[]) => a.reduce((x, y) => x + y, 0);
    expect(sum(runs.textObjects)).toBeLessThan(sum(words.textObjects) / 2);
    expect(sum(runs.links)).toBeLessThan(sum(words.links));
    expect(pdf.runs.length).toBeLessThan(pdf.words.length);
  });

  it('gives the same extracted text, spaces and line-end hyphens included', async () => {
    const all = { hyphens: 'keep', top: 0, bottom: 0 } as const;
    const text = await pdfText(pdf.runs, all);
    expect(text).toBe(await pdfText(pdf.words, all));
    expect(text).toContain('Wörter in Normal und fett mit Link');
    expect(text).toMatch(/\w-\n/);
  });

  it.skipIf(!hasPdftoppm)('renders the same pixels', () => {
    const a = pngs(pdf.runs, 'runs');
    const b = pngs(pdf.words, 'words');
    expect(a.length).toBe(b.length);
    for (let i = 0; i < a.length; i++) expect(a[i].equals(b[i]), `page ${i + 1}`).toBe(true);
  });

  it('is byte-identical when rendered twice', async () => {
    expect((await plainPdf(definition())).equals(pdf.runs)).toBe(true);
  });

  describe.skipIf(!hasQpdf)('in a tagged document', async () => {
    const tagged = await both(() => renderPdf(tree(), theme, { fonts, images: new Map() }));
    const report = await checkTaggedPdf(tagged.runs);
    const reference = await checkTaggedPdf(tagged.words);

    it('passes the tagged-PDF check with the same structure, reading text and marked content', () => {
      expect(report.problems).toEqual([]);
      expect(report.untagged).toBe(0);
      expect(report.roles).toEqual(reference.roles);
      expect(report.readingText).toBe(reference.readingText);
      expect(report.readingText).toContain('einem Link über mehrere Wörter');
    });

    it('keeps the glyphs in place and gives each linked run one annotation', async () => {
      const a = await glyphsOf(tagged.runs);
      const b = await glyphsOf(tagged.words);
      expect(a.glyphs.map((g) => g.ch).join('')).toBe(b.glyphs.map((g) => g.ch).join(''));
      for (let i = 0; i < b.glyphs.length; i++) expect(Math.abs(a.glyphs[i].x - b.glyphs[i].x)).toBeLessThan(0.001);
      // „einem Link über mehrere Wörter“ on one or two lines, and the table's link.
      // Marked-content sequences: one per structure element's part of a line, as before.
      expect(a.marked).toBe(b.marked);
      expect(a.marked).toBeGreaterThan(10);
      expect(a.links.reduce((x, y) => x + y, 0)).toBeLessThanOrEqual(4);
      expect(b.links.reduce((x, y) => x + y, 0)).toBeGreaterThanOrEqual(9);
    });
  });
});

afterAll(() => setTextRuns(true));
