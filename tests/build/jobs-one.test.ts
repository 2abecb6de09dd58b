/**
 * `--jobs 1` renders in this thread one document at a time (issue 19, point 3): started
 * together, every render would hold its document definition and layout at once.
 */
import { describe, it, expect } from 'vitest';
import path from 'node:path';
import { runPipeline } from '../../src/pipeline/pipeline.js';
import { pdfRenderer } from '../../src/render/pdf/renderer.js';

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
    for (const [name, data] of serial.files!) expect(again.files!.get(name), name).toEqual(data);
  }, 180_000);
});

