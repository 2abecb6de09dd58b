/**
 * `serve` shows inline values live: saving a new measurement reloads the open Vorlage in a
 * real browser, and its sentence shows the new value.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ensureDist, launchChromium, replaceOnce, startServe, type Serving } from '../serve/helpers.js';
import { FIXTURES } from '../check/fixture.js';

let base: string;
let serving: Serving;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  ensureDist();
  base = await fs.mkdtemp(path.join(os.tmpdir(), 'ratsdoc-serve-values-'));
  await fs.cp(path.join(FIXTURES, 'helpers'), path.join(base, 'content'), { recursive: true });
  serving = await startServe(['--content', 'content', '--out', 'out'], base);
  await serving.waitForOutput(/PDF-( und DOCX-)?Dateien fertig/, 120_000);
  browser = (await launchChromium()).browser;
  page = await browser.newPage();
  page.setDefaultTimeout(60_000);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  if (serving && serving.proc.exitCode === null) await serving.stop();
  if (base) await fs.rm(base, { recursive: true, force: true });
});

describe('serve and inline values', () => {
  it('a saved measurement changes the sentence in the open page', async () => {
    await page.goto(new URL('vorlagen/11-1500.html', serving.url).href);
    await page.waitForSelector('html[data-ratsdoc-live="verbunden"]', { state: 'attached' });
    const before = await page.evaluate(() => document.body.innerText);
    expect(before.replace(/\u00a0/g, ' ')).toContain('dass die Quote bei 21,7 % liegt.');
    await replaceOnce(path.join(base, 'content/konzept/daten.yaml'), '{ stichtag: 2019-12-31, wert: 21.7 }', '{ stichtag: 2019-12-31, wert: 19.9 }');
    await page.waitForFunction(() => document.body.innerText.replace(/\u00a0/g, ' ').includes('dass die Quote bei 19,9 % liegt.'), undefined, { polling: 50, timeout: 60_000 });
  });
});
