/**
 * Every HTML page ratsdoc writes (index, Konzept, each Vorlage) in a real Chromium:
 * axe-core's WCAG 2.1 A/AA rules with zero violations, headings without skipped levels,
 * charts with a text alternative, and no horizontal scrolling at 200 % zoom.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { runPipeline } from '../../src/pipeline/pipeline.js';
import { launchChromium } from '../serve/helpers.js';
import { axeViolations } from '../helpers/axe.js';
import { FIXTURE_CONTENT, FIXTURE_TEMPLATES } from '../helpers/fixtures.js';

const ROOT = path.resolve(__dirname, '../..');
let browser: Browser;
let pages: Array<[string, string]>;

beforeAll(async () => {
  const result = await runPipeline({ content: FIXTURE_CONTENT, templates: FIXTURE_TEMPLATES });
  pages = [...result.files!.entries()].filter(([name]) => name.endsWith('.html')).map(([name, html]) => [name, html as string]);
  browser = (await launchChromium()).browser;
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

describe('accessible HTML (BITV 2.0 / WCAG 2.1 AA)', () => {
  it('covers every page', () => {
    expect(pages.map(([n]) => n).sort()).toEqual(['index.html', 'konzept/integrationskonzept.html', 'vorlagen/11-1481-1.html', 'vorlagen/11-1481.html', 'vorlagen/11-1702.html', 'vorlagen/11-1850.html']);
  });

  it('axe-core finds no violation on any page, headings are in order, charts have text', async () => {
    for (const [name, html] of pages) {
      const page = await browser.newPage();
      const requests: string[] = [];
      await page.route('**/*', (route) => {
        requests.push(route.request().url());
        return route.abort();
      });
      await page.setContent(html, { waitUntil: 'load' });
      expect(requests, name).toEqual([]);
      const violations = await axeViolations(page);
      expect(violations, name).toEqual([]);
      const levels = await page.$$eval('h1, h2, h3, h4, h5, h6', (hs) => hs.map((h) => Number(h.tagName[1])));
      expect(levels[0], name).toBe(1);
      expect(levels.filter((l) => l === 1), name).toHaveLength(1);
      for (let i = 1; i < levels.length; i++) expect(levels[i] - levels[i - 1], `${name}: h${levels[i - 1]} → h${levels[i]}`).toBeLessThanOrEqual(1);
      const charts = await page.$$eval('figure.chart', (fs) => fs.map((f) => f.getAttribute('aria-label') ?? ''));
      for (const label of charts) expect(label.length, name).toBeGreaterThan(20);
      const tables = await page.$$eval('table', (ts) => ts.map((t) => t.querySelectorAll('th').length));
      for (const ths of tables) expect(ths, name).toBeGreaterThan(0);
      await page.close();
    }
  }, 300_000);

  it('needs no horizontal scrolling at 200 % zoom (a 1280 px window at 640 CSS px)', async () => {
    for (const [name, html] of pages) {
      const page = await browser.newPage({ viewport: { width: 640, height: 900 } });
      await page.setContent(html, { waitUntil: 'load' });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, name).toBeLessThanOrEqual(1);
      await page.close();
    }
  }, 120_000);
});
