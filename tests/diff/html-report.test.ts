/**
 * The HTML redline report (`diff --format html`: the report's document tree set by the HTML
 * renderer, with its layout, stylesheet and sanitiser) in a real browser: axe-core finds no
 * WCAG 2.x A/AA violations, the page makes no request of its own, and deletions and insertions
 * are visibly marked and announced by hidden words.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { compareRevisions } from '../../src/diff/compare.js';
import { formats } from './formats.js';
import { cleanupTemp, Repo } from './repo.js';
import { axeViolations } from '../helpers/axe.js';

let browser: Browser;
let html = '';

/** Debian's chromium when installed, else the one `@sparticuz/chromium` ships in npm. */
async function launch(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  if (existsSync('/usr/bin/chromium')) {
    return chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'], headless: true, timeout: 60_000 });
  }
  const sparticuz = (await import('@sparticuz/chromium')).default;
  return chromium.launch({ executablePath: await sparticuz.executablePath(), args: sparticuz.args, headless: true, timeout: 60_000 });
}

beforeAll(async () => {
  const repo = await Repo.withContent();
  await repo.replace('content/konzept/hf-arbeit.yaml', '{ betrag: 7500, finanzierung: Fördermittel', '{ betrag: 9000, finanzierung: Fördermittel');
  await repo.replace('content/konzept/hf-arbeit.yaml', '  - id: M-09\n', '  - id: M-09a\n');
  await repo.replace('content/konzept/kapitel/einleitung.md', 'Aufgrund erhaltener Fördermittel', 'Aufgrund bewilligter Fördergelder');
  await repo.replace('content/vorlagen/11-1702.md', '  - gremium: Rat der Stadt Bergkamen\n', '  - gremium: Haupt- und Finanzausschuss\n    sitzung: 2019-12-05\n    zustaendigkeit: Vorberatung\n  - gremium: Rat der Stadt Bergkamen\n');
  const cwd = process.cwd();
  process.chdir(repo.dir);
  try {
    html = (await formats(await compareRevisions({ content: 'content', oldRev: 'HEAD' }))).html;
  } finally {
    process.chdir(cwd);
  }
  browser = await launch();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await cleanupTemp();
});

test('no axe-core violations (WCAG 2 A/AA), no requests, redline visible', async () => {
  const page = await browser.newPage();
  const requests: string[] = [];
  await page.route('**/*', (route) => {
    requests.push(route.request().url());
    return route.abort();
  });
  await page.setContent(html, { waitUntil: 'load' });
  expect(requests).toEqual([]);

  const result = await axeViolations(page);
  expect(result).toEqual([]);

  const del = await page.$eval('del', (e) => getComputedStyle(e).textDecorationLine);
  const ins = await page.$eval('ins', (e) => getComputedStyle(e).textDecorationLine);
  expect(del).toContain('line-through');
  expect(ins).toContain('underline');
  // The hidden words are in the accessible text, not on screen.
  expect(await page.$eval('del', (e) => e.textContent)).toMatch(/^\[gestrichen: .+\]$/);
  expect(await page.$eval('ins', (e) => e.textContent)).toMatch(/^\[eingefügt: .+\]$/);
  expect(await page.$eval('del .visually-hidden', (e) => e.getBoundingClientRect().width)).toBeLessThanOrEqual(1);
  expect(await page.evaluate(() => document.documentElement.lang)).toBe('de-DE');
  await page.close();
}, 120_000);
