/**
 * Fonts parsed once per thread (issue 19, point 1): the PDFs are the very bytes pdfkit
 * writes without the cache, whichever documents the thread rendered before.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import path from 'node:path';
import { runPipeline } from '../../src/pipeline/pipeline.js';
import { pdfRenderer } from '../../src/render/pdf/renderer.js';
import { fontCacheStats, setFontCache } from '../../src/render/pdf/font-cache.js';
import { FIXTURE_CONTENT, FIXTURE_TEMPLATES } from '../helpers/fixtures.js';

const ROOT = path.resolve(__dirname, '../..');
const MUSTERSTADT = path.join(ROOT, 'tests/fixtures/musterstadt');

async function pdfs(content: string, templates?: string): Promise<Map<string, Buffer>> {
  const result = await runPipeline({ content, ...(templates ? { templates } : {}), renderers: [pdfRenderer], jobs: 1 });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return new Map([...result.files!].filter(([name]) => name.endsWith('.pdf')).map(([name, data]) => [name, data as Buffer]));
}

describe('the font cache', () => {
  let without: Map<string, Buffer>;
  let bergkamenWithout: Map<string, Buffer>;

  beforeAll(async () => {
    setFontCache(false);
    try {
      without = await pdfs(MUSTERSTADT);
      bergkamenWithout = await pdfs(FIXTURE_CONTENT, FIXTURE_TEMPLATES);
    } finally {
      setFontCache(true);
    }
  }, 300_000);

  it('gives the same bytes as pdfkit without it, cold and after other documents warmed it', async () => {
    const parsedBefore = fontCacheStats.parsed;
    const cold = await pdfs(MUSTERSTADT);
    const parsedCold = fontCacheStats.parsed - parsedBefore;
    // The example's Konzept and Vorlagen fill the shared layout caches with other words.
    const bergkamen = await pdfs(FIXTURE_CONTENT, FIXTURE_TEMPLATES);
    // Bergkamen may use a face Musterstadt does not (its italics): parsed then, once.
    const parsedBeforeWarm = fontCacheStats.parsed;
    const viewsBefore = fontCacheStats.views;
    const warm = await pdfs(MUSTERSTADT);
    expect(without.size).toBeGreaterThan(2);
    for (const [name, data] of without) {
      expect(cold.get(name)?.equals(data), `${name} (cold)`).toBe(true);
      expect(warm.get(name)?.equals(data), `${name} (warm)`).toBe(true);
    }
    for (const [name, data] of bergkamenWithout) expect(bergkamen.get(name)?.equals(data), name).toBe(true);
    // Parsed once: the first documents parse each file, later ones reuse it.
    expect(fontCacheStats.installed).toBe(true);
    expect(parsedCold).toBeGreaterThan(0);
    expect(parsedCold).toBeLessThanOrEqual(8);
    expect(fontCacheStats.views - viewsBefore).toBeGreaterThanOrEqual(without.size);
    expect(fontCacheStats.parsed - parsedBefore).toBeLessThanOrEqual(8);
    // The warm run reuses every font the runs before it parsed.
    expect(fontCacheStats.parsed).toBe(parsedBeforeWarm);
  }, 300_000);
});
