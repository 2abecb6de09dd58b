/**
 * Runs of same-styled words drawn with one call (issue 19, point 2): the pages look the
 * same (up to anti-aliasing) and read the same, the files are smaller, the tagging holds.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { runPipeline } from '../../src/pipeline/pipeline.js';
import { pdfRenderer } from '../../src/render/pdf/renderer.js';
import { mergeInlines, setRunMerging } from '../../src/render/pdf/merge-runs.js';
import { loadPdf } from '../helpers/pdf-text.js';
import { checkTaggedPdf, hasQpdf } from '../helpers/tagged-pdf.js';

const MUSTERSTADT = path.join(path.resolve(__dirname, '../..'), 'tests/fixtures/musterstadt');

async function pdfs(): Promise<Map<string, Buffer>> {
  const r = await runPipeline({ content: MUSTERSTADT, renderers: [pdfRenderer], jobs: 1 });
  return new Map([...r.files!].filter(([n]) => n.endsWith('.pdf')).map(([n, d]) => [n, d as Buffer]));
}

/** Each page as PNG pixels (pdftoppm, 60 dpi). */
function pages(pdf: Buffer): PNG[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ratsdoc-merge-'));
  writeFileSync(path.join(dir, 'in.pdf'), pdf);
  execFileSync('pdftoppm', ['-r', '60', '-png', path.join(dir, 'in.pdf'), path.join(dir, 'p')]);
  return readdirSync(dir).filter((f) => f.endsWith('.png')).sort().map((f) => PNG.sync.read(readFileSync(path.join(dir, f))));
}

/** The text of each page, whitespace collapsed (pdf.js splits items differently per run). */
async function texts(pdf: Buffer): Promise<string[]> {
  const doc = await loadPdf(pdf);
  const out: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    out.push(content.items.map((i) => ('str' in i ? i.str : '')).join('').replace(/\s+/g, ''));
  }
  await doc.destroy();
  return out;
}

/** Number of link annotations. */
async function links(pdf: Buffer): Promise<number> {
  const doc = await loadPdf(pdf);
  let n = 0;
  for (let p = 1; p <= doc.numPages; p++) n += (await (await doc.getPage(p)).getAnnotations()).filter((a) => a.subtype === 'Link').length;
  await doc.destroy();
  return n;
}

describe('words of one style as one run', () => {
  let perWord: Map<string, Buffer>;
  let merged: Map<string, Buffer>;

  beforeAll(async () => {
    setRunMerging(false);
    try {
      perWord = await pdfs();
    } finally {
      setRunMerging(true);
    }
    merged = await pdfs();
  }, 240_000);

  it('looks the same and reads the same, in fewer bytes', async () => {
    expect(perWord.size).toBeGreaterThan(2);
    let before = 0;
    let after = 0;
    for (const [name, a] of perWord) {
      const b = merged.get(name)!;
      before += a.length;
      after += b.length;
      const pa = pages(a);
      const pb = pages(b);
      expect(pb.length, name).toBe(pa.length);
      pa.forEach((img, i) => {
        // A run's glyphs are placed from pdfkit's advances instead of pdfmake's per-word x:
        // the same to a hundredth of a point, which moves an edge pixel's anti-aliasing at
        // most. A word out of place would differ in hundreds of pixels.
        const differing = pixelmatch(img.data, pb[i].data, undefined, img.width, img.height);
        expect(differing, `${name}, page ${i + 1}`).toBeLessThan(img.width * img.height * 0.0005);
      });
      expect(await texts(b), name).toEqual(await texts(a));
    }
    expect(after).toBeLessThan(before);
  }, 240_000);

  it('keeps the tagged PDF valid, with fewer link annotations', async () => {
    const konzept = merged.get('konzept/integrationskonzept.pdf')!;
    if (hasQpdf()) {
      const report = await checkTaggedPdf(konzept);
      expect(report.problems).toEqual([]);
      expect(report.untagged).toBe(0);
    }
    expect(await links(konzept)).toBeLessThanOrEqual(await links(perWord.get('konzept/integrationskonzept.pdf')!));
  }, 120_000);
});

describe('mergeInlines', () => {
  const font = {};
  const word = (text: string, x: number, extra: Record<string, unknown> = {}) => ({ text, x, width: text.length, font, fontSize: 10, color: 'black', ...extra });

  it('joins words that sit edge to edge and are drawn alike', () => {
    const merged = mergeInlines([word('Die ', 0), word('Stadt ', 4), word('baut', 10)]);
    expect(merged).toEqual([word('Die Stadt baut', 0)]);
  });

  it('keeps apart what is drawn differently or spaced out (justified text)', () => {
    const line = [word('a ', 0), word('b ', 2, { color: 'red' }), word('c ', 4, { color: 'red' }), word('d ', 7, { color: 'red' }), word('e', 9, { color: 'red', link: 'https://x' })];
    expect(mergeInlines(line).map((i) => i.text)).toEqual(['a ', 'b c ', 'd ', 'e']);
    const same = [word('x', 0)];
    expect(mergeInlines(same)).toBe(same);
  });

  it('does not join across structure elements or page references', () => {
    const line = [word('a ', 0, { _tag: 1 }), word('b ', 2, { _tag: 2 }), word('7', 4, { _tag: 2, _pageNodeRef: {} })];
    expect(mergeInlines(line).map((i) => i.text)).toEqual(['a ', 'b ', '7']);
  });
});
