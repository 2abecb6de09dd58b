/**
 * `--jobs 1` renders in this thread one document at a time (issue 19, point 3): started
 * together, every render would hold its document definition and layout at once.
 */
import { describe, it, expect } from 'vitest';
import path from 'node:path';
import { runPipeline } from '../../src/pipeline/pipeline.js';
import { pdfRenderer } from '../../src/render/pdf/renderer.js';
import { RenderPool } from '../../src/render/pool.js';

const MUSTERSTADT = path.join(path.resolve(__dirname, '../..'), 'tests/fixtures/musterstadt');

describe('rendering in this thread', () => {
  it('runs one render at a time, in the order submitted, with the same bytes', async () => {
    const render = pdfRenderer.render;
    let active = 0;
    let most = 0;
    const order: string[] = [];
    pdfRenderer.render = async (tree, theme, assets) => {
      active++;
      most = Math.max(most, active);
      order.push(tree.outPath);
      try {
        return await render(tree, theme, assets);
      } finally {
        active--;
      }
    };
    let serial;
    try {
      serial = await runPipeline({ content: MUSTERSTADT, renderers: [pdfRenderer], jobs: 1 });
    } finally {
      pdfRenderer.render = render;
    }
    expect(most).toBe(1);
    // The largest document (the Konzept) first.
    expect(order[0]).toBe('konzept/integrationskonzept');
    expect(order.length).toBeGreaterThan(2);
    // A second run gives the same bytes.
    const again = await runPipeline({ content: MUSTERSTADT, renderers: [pdfRenderer], jobs: 1 });
    for (const [name, data] of serial.files!) expect(Buffer.compare(data as Buffer, again.files!.get(name) as Buffer), name).toBe(0);
  }, 180_000);

  it('a failed render does not stop the ones after it', async () => {
    const pool = new RenderPool(1);
    const results = await Promise.allSettled([
      pool.render('unbekannt', {} as never, {} as never, {} as never),
      pool.render('pdf', { kind: 'vorlage', outPath: 'x', header: '', meta: { title: 't', author: 'a', subject: 's', keywords: [], lang: 'de-DE', created: new Date(0) }, blocks: [] }, (await import('../../src/theme/theme.js')).ThemeSchema.parse({}), {
        fonts: { 'DejaVu Sans': await dejavu() }, images: new Map(), templates: {},
      }),
    ]);
    await pool.close();
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
  }, 60_000);
});

async function dejavu() {
  const { readFile } = await import('node:fs/promises');
  const f = (n: string) => readFile(path.join(path.resolve(__dirname, '../..'), 'node_modules/dejavu-fonts-ttf/ttf', n));
  const [normal, bold, italics, bolditalics] = await Promise.all(['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSans-Oblique.ttf', 'DejaVuSans-BoldOblique.ttf'].map(f));
  return { normal, bold, italics, bolditalics };
}
