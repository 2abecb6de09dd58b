/**
 * Visual regression check (issue 15, point 7): selected pages of both fixture cities' PDFs
 * are rendered to PNG with poppler's `pdftoppm` and compared with the committed reference
 * images in tests/visual/reference/ by `pixelmatch`; more than TOLERANCE of the pixels
 * differing fails the test, and the differing image is written beside the temp render.
 *
 * After an intended layout change, update the references with one command:
 *
 *     npm run test:visual:update
 *
 * (RATSDOC_UPDATE_VISUAL=1 writes the renders over the references instead of comparing), then
 * look at the new PNGs before committing them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/pipeline/pipeline.js';
import { FIXTURE_CONTENT, FIXTURE_TEMPLATES, NECKARWEIL_CONTENT, NECKARWEIL_TEMPLATES } from '../helpers/fixtures.js';

const REFERENCE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'reference');
const UPDATE = process.env.RATSDOC_UPDATE_VISUAL === '1';
/** Resolution of the renders (dpi): enough to see a moved line or a changed break. */
const DPI = 50;
/** Fraction of the pixels that may differ (anti-aliasing of another poppler build). */
const TOLERANCE = 0.002;

/** The pages compared: a Vorlage's first page and data tables, the Konzept's tables and a chart. */
const PAGES = [
  { city: 'bergkamen', pdf: 'vorlagen/11-1481.pdf', page: 1 },
  { city: 'bergkamen', pdf: 'vorlagen/11-1702.pdf', page: 2 },
  { city: 'bergkamen', pdf: 'vorlagen/11-1702.pdf', page: 3 },
  { city: 'bergkamen', pdf: 'konzept/integrationskonzept.pdf', page: 3 },
  { city: 'bergkamen', pdf: 'konzept/integrationskonzept.pdf', page: 16 },
  { city: 'neckarweil', pdf: 'vorlagen/117-2024.pdf', page: 1 },
  { city: 'neckarweil', pdf: 'vorlagen/88-2023.pdf', page: 1 },
];

const hasPdftoppm = spawnSync('sh', ['-c', 'command -v pdftoppm']).status === 0;
const tmp = mkdtempSync(path.join(os.tmpdir(), 'ratsdoc-visual-'));
const pdfs = new Map<string, Buffer>();

/** Renders one page of a PDF to PNG (pdftoppm), returns the PNG file. */
function render(buf: Buffer, page: number, name: string): string {
  const pdf = path.join(tmp, `${name}.pdf`);
  writeFileSync(pdf, buf);
  const out = path.join(tmp, name);
  const r = spawnSync('pdftoppm', ['-r', String(DPI), '-png', '-singlefile', '-f', String(page), '-l', String(page), pdf, out]);
  if (r.status !== 0) throw new Error(`pdftoppm: ${r.stderr}`);
  return `${out}.png`;
}

/** Differing pixels of two PNGs (all of them when the sizes differ); writes the diff image. */
export function comparePng(actual: Buffer, expected: Buffer, diffFile?: string): { differing: number; total: number } {
  const a = PNG.sync.read(actual);
  const e = PNG.sync.read(expected);
  if (a.width !== e.width || a.height !== e.height) return { differing: a.width * a.height, total: a.width * a.height };
  const diff = new PNG({ width: a.width, height: a.height });
  const differing = pixelmatch(a.data, e.data, diff.data, a.width, a.height, { threshold: 0.1 });
  if (diffFile) writeFileSync(diffFile, PNG.sync.write(diff));
  return { differing, total: a.width * a.height };
}

const nameOf = (p: (typeof PAGES)[number]) => `${p.city}-${p.pdf.replace(/\//g, '-').replace(/\.pdf$/, '')}-s${p.page}`;

beforeAll(async () => {
  if (!hasPdftoppm) return;
  for (const [city, content, templates] of [['bergkamen', FIXTURE_CONTENT, FIXTURE_TEMPLATES], ['neckarweil', NECKARWEIL_CONTENT, NECKARWEIL_TEMPLATES]]) {
    const result = await runPipeline({ content, templates });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    for (const [name, data] of result.files!) if (name.endsWith('.pdf')) pdfs.set(`${city}/${name}`, data as Buffer);
  }
}, 300_000);

describe.skipIf(!hasPdftoppm)('pages look as the reference images', () => {
  for (const p of PAGES) {
    it(`${p.city} ${p.pdf} page ${p.page}`, () => {
      const name = nameOf(p);
      const png = render(pdfs.get(`${p.city}/${p.pdf}`)!, p.page, name);
      const reference = path.join(REFERENCE, `${name}.png`);
      if (UPDATE) {
        writeFileSync(reference, readFileSync(png));
        return;
      }
      expect(existsSync(reference), `${reference} fehlt: npm run test:visual:update`).toBe(true);
      const diffFile = path.join(tmp, `${name}-diff.png`);
      const { differing, total } = comparePng(readFileSync(png), readFileSync(reference), diffFile);
      expect(differing / total, `${name}: ${differing} of ${total} pixels differ (see ${diffFile} and ${png})`).toBeLessThanOrEqual(TOLERANCE);
    });
  }

  it.skipIf(UPDATE)('fails on a layout change: another page, or the same page one line lower', () => {
    const p = PAGES[1];
    const reference = readFileSync(path.join(REFERENCE, `${nameOf(p)}.png`));
    const other = readFileSync(render(pdfs.get(`${p.city}/${p.pdf}`)!, 3, 'other'));
    const a = comparePng(other, reference);
    expect(a.differing / a.total).toBeGreaterThan(TOLERANCE);
    // The reference moved down by about one line of text (7 px at 50 dpi).
    const png = PNG.sync.read(reference);
    const shifted = new PNG({ width: png.width, height: png.height });
    shifted.data.fill(255);
    png.data.copy(shifted.data, png.width * 4 * 7, 0, png.data.length - png.width * 4 * 7);
    const b = comparePng(PNG.sync.write(shifted), reference);
    expect(b.differing / b.total).toBeGreaterThan(TOLERANCE);
  });
});
