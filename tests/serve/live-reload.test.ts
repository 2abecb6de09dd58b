/**
 * `ratsdoc serve` end to end, as an author uses it: a copy of the example content, the CLI as
 * a child process, a real Chromium. Opens the index, follows the links, edits a chapter and a
 * Vorlage and waits for the new text in the open page (nobody reloads by hand), breaks a YAML
 * file and sees the overlay with file and line, fixes it and sees the overlay go, and ends
 * with Ctrl+C. The time from saving to the reloaded page is printed (no assertion on it).
 */
import { promises as fs } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/pipeline/pipeline.js';
import { ROOT, copyExample, ensureDist, launchChromium, replaceOnce, startServe, type Serving } from './helpers.js';
import { BUILTIN_TEMPLATES } from '../../src/theme/load.js';

let ex: Awaited<ReturnType<typeof copyExample>>;
let serving: Serving;
let browser: Browser | undefined;
let page: Page;
const figures: string[] = [];

const LIVE = 'html[data-ratsdoc-live="verbunden"]';
const OVERLAY = '#ratsdoc-fehler';

beforeAll(async () => {
  ensureDist();
  ex = await copyExample();
  // Run where an author runs it: in the project folder, content and out given relative.
  serving = await startServe(['--content', 'content', '--out', 'out'], ex.base);
  await serving.waitForOutput(/PDF- und DOCX-Dateien fertig/, 180_000);
  const launched = await launchChromium();
  browser = launched.browser;
  console.log(`Browser: ${launched.which}`);
  page = await browser.newPage();
  page.setDefaultTimeout(30_000);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  if (serving && serving.proc.exitCode === null) await serving.stop();
  await ex?.remove();
  if (figures.length) console.log(`Zeit vom Speichern bis zur neu geladenen Seite:\n  ${figures.join('\n  ')}`);
});

/** Milliseconds from `edit()` until `text` is in the open page, which nobody reloads by hand. */
async function timeUntilShown(edit: () => Promise<unknown>, text: string): Promise<number> {
  await page.waitForSelector(LIVE, { state: 'attached' });
  await page.evaluate(() => ((window as unknown as { __ohneNeuladen: boolean }).__ohneNeuladen = true));
  const t0 = performance.now();
  await edit();
  await page.waitForFunction((t) => document.body.innerText.includes(t), text, { polling: 20, timeout: 30_000 });
  const ms = performance.now() - t0;
  // The page was reloaded by the script (the marker of the old page is gone), not patched.
  expect(await page.evaluate(() => (window as unknown as { __ohneNeuladen?: boolean }).__ohneNeuladen)).toBeUndefined();
  return ms;
}

describe('ratsdoc serve in a real browser', () => {
  it('serves the index with every document: title, number, date, page count, PDF, HTML and DOCX, Vorlagen by number', async () => {
    await page.goto(serving.url);
    await page.waitForSelector(LIVE, { state: 'attached' });
    const rows = await page.$$eval('table.index-table tbody tr', (trs) =>
      trs.map((tr) => ({
        nummer: tr.querySelector('td')?.textContent?.trim() ?? '',
        titel: tr.querySelector('th')?.textContent?.trim() ?? '',
        cells: [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? ''),
        // The document's own files (its Anlagen are listed below them in the same cell).
        links: [...tr.querySelectorAll('td.links > a')].map((a) => a.getAttribute('href') ?? ''),
      })),
    );
    expect(rows).toHaveLength(5);
    expect(rows[0].titel).toBe('Integrationskonzept der Stadt Bergkamen');
    expect(rows.slice(1).map((r) => r.nummer)).toEqual(['11/1481', '11/1481-1', '11/1702', '11/1850']);
    // Every document whose content has a date shows it (Vorlage 11/1481 has none in its front matter).
    const dated = rows.filter((r) => r.cells.some((c) => /^\d{2}\.\d{2}\.\d{4}$/.test(c))).map((r) => (/^\d/.test(r.nummer) ? r.nummer : r.titel));
    expect(dated).toEqual(['Integrationskonzept der Stadt Bergkamen', '11/1481-1', '11/1702', '11/1850']);
    for (const r of rows) {
      expect(r.cells.some((c) => /^[1-9]\d*$/.test(c)), `Seitenzahl in ${r.titel}`).toBe(true);
      expect(r.links.map((l) => path.extname(l)).sort()).toEqual(['.docx', '.html', '.pdf']);
      const types: Record<string, string> = { '.pdf': 'application/pdf', '.html': 'text/html; charset=utf-8', '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' };
      for (const link of r.links) {
        const res = await fetch(new URL(link, serving.url));
        expect(res.status, link).toBe(200);
        expect(res.headers.get('content-type'), link).toBe(types[path.extname(link)]);
        // A Word document is a zip package.
        if (link.endsWith('.docx')) expect(Buffer.from(await res.arrayBuffer()).subarray(0, 4).toString('latin1'), link).toBe('PK\u0003\u0004');
      }
    }
  });

  it('the index is usable on a phone: no sideways scrolling, one card per document, links big enough to tap', async () => {
    const phone = await browser!.newPage({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    await phone.goto(serving.url);
    const layout = await phone.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      width: window.innerWidth,
      rowDisplay: getComputedStyle(document.querySelector('table.index-table tbody tr')!).display,
      links: [...document.querySelectorAll('table.index-table a')].map((a) => a.getBoundingClientRect()).map((r) => ({ w: r.width, h: r.height })),
    }));
    expect(layout.scrollWidth).toBeLessThanOrEqual(layout.width);
    expect(layout.rowDisplay).toBe('block');
    for (const l of layout.links) {
      expect(l.h).toBeGreaterThanOrEqual(24); // WCAG 2.2 target size (minimum)
      expect(l.w).toBeGreaterThanOrEqual(24);
    }
    await phone.screenshot({ path: path.join(os.tmpdir(), 'ratsdoc-serve-index-phone.png'), fullPage: true });
    await phone.close();
  });

  it('a saved chapter edit appears in the open Konzept page without reloading by hand', async () => {
    await page.goto(serving.url);
    await Promise.all([page.waitForURL(/konzept\/integrationskonzept\.html$/), page.locator('table.index-table tbody tr').first().getByRole('link', { name: /^HTML/ }).click()]);
    const marker = `Neuer Satz aus dem Test ${Date.now()}.`;
    const from = serving.stdout().length;
    const ms = await timeUntilShown(
      () => replaceOnce(path.join(ex.content, 'konzept/kapitel/einleitung.md'), 'Bergkamen ist eine Stadt mit langer Einwanderungsgeschichte.', `Bergkamen ist eine Stadt mit langer Einwanderungsgeschichte. ${marker}`),
      marker,
    );
    figures.push(`Kapitel (Konzept-HTML): ${Math.round(ms)} ms`);
    const t0 = performance.now();
    await serving.waitForOutput(/PDF- und DOCX-Dateien fertig/, 90_000, from);
    figures.push(`  danach Konzept-PDF neu gesetzt: weitere ${Math.round(performance.now() - t0)} ms`);
    const log = serving.stdout().slice(from);
    expect(log).toMatch(/content\/konzept\/kapitel\/einleitung\.md geändert: HTML fertig nach/);
    expect(log).toContain('PDF gesetzt: konzept/integrationskonzept.pdf');
    expect(log).toContain('DOCX gesetzt: konzept/integrationskonzept.docx');
    expect(log).not.toContain('PDF gesetzt: vorlagen/');
    expect(log).not.toContain('DOCX gesetzt: vorlagen/');
  });

  it('a saved Vorlage edit appears in the open Vorlage page; the Konzept PDF is not rendered again', async () => {
    await page.goto(new URL('vorlagen/11-1850.html', serving.url).href);
    const from = serving.stdout().length;
    const ms = await timeUntilShown(
      () => replaceOnce(path.join(ex.content, 'vorlagen/11-1850.md'), 'betreff: Integrationskonzept der Stadt Bergkamen – Sachstandsbericht 2020', 'betreff: Integrationskonzept der Stadt Bergkamen – Sachstandsbericht 2020 (überarbeitet)'),
      'Sachstandsbericht 2020 (überarbeitet)',
    );
    figures.push(`Vorlage (HTML): ${Math.round(ms)} ms`);
    const t0 = performance.now();
    await serving.waitForOutput(/PDF- und DOCX-Dateien fertig/, 90_000, from);
    figures.push(`  danach Vorlagen-PDF neu gesetzt: weitere ${Math.round(performance.now() - t0)} ms`);
    const log = serving.stdout().slice(from);
    expect(log).toContain('PDF gesetzt: vorlagen/11-1850.pdf');
    expect(log).toContain('DOCX gesetzt: vorlagen/11-1850.docx');
    expect(log).not.toContain('PDF gesetzt: konzept/');
    expect(log).not.toContain('DOCX gesetzt: konzept/');
    const pdf = await fetch(new URL('vorlagen/11-1850.pdf', serving.url));
    expect(pdf.status).toBe(200);
  });

  it('an error in a YAML file shows as an overlay with file and line, the last good page stays, the fix removes it', async () => {
    await page.goto(new URL('konzept/integrationskonzept.html', serving.url).href);
    await page.waitForSelector(LIVE, { state: 'attached' });
    const file = path.join(ex.content, 'konzept/akteure.yaml');
    const original = await fs.readFile(file, 'utf8');
    const at = await replaceOnce(file, 'name: Integrationsbüro der Stadt Bergkamen\n    art: Verwaltung\n', 'name: Integrationsbüro der Stadt Bergkamen\n    art: Stadtverwaltung\n');
    const line = at.line + 1; // the `art:` line
    const overlay = page.locator(`${OVERLAY} [role="alert"]`);
    await overlay.waitFor({ state: 'visible' });
    const text = await overlay.innerText();
    expect(text).toContain('Der Inhalt enthält einen Fehler');
    expect(text).toContain(`content/konzept/akteure.yaml:${line}:`);
    expect(text).toContain('Stadtverwaltung');
    // The page underneath is still the last good one (with the chapter edit of the earlier test).
    expect(await page.evaluate(() => document.body.innerText)).toContain('Neuer Satz aus dem Test');
    await page.screenshot({ path: path.join(os.tmpdir(), 'ratsdoc-serve-overlay.png') });

    // A page opened while the content is broken shows the overlay at once.
    const other = await browser!.newPage();
    await other.goto(serving.url);
    await other.locator(`${OVERLAY} [role="alert"]`).waitFor({ state: 'visible' });
    await other.close();

    // A second, different error (YAML syntax) replaces the list.
    await fs.writeFile(file, original.replace('  - id: A-SKS\n', '  - id: A-SKS\n    name: [nicht geschlossen\n'));
    await page.waitForFunction((sel) => {
      const host = document.querySelector(sel);
      return !!host?.shadowRoot?.textContent?.includes('YAML');
    }, OVERLAY);
    const syntaxLine = original.split('\n').findIndex((l) => l === '  - id: A-SKS') + 2;
    expect(await overlay.innerText()).toMatch(new RegExp(`content/konzept/akteure\\.yaml:(${syntaxLine}|${syntaxLine + 1}):`));

    await fs.writeFile(file, original);
    await page.locator(OVERLAY).waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.body.innerText)).toContain('Neuer Satz aus dem Test');
  });

  it('Ctrl+C ends the preview with exit code 0 and frees the port', async () => {
    const port = serving.port;
    const code = await serving.stop();
    expect(code).toBe(0);
    expect(serving.stdout()).toMatch(/Vorschau beendet/);
    const refused = await new Promise<boolean>((resolve) => {
      const s = net.connect({ host: '127.0.0.1', port }, () => { s.destroy(); resolve(false); });
      s.on('error', () => resolve(true));
    });
    expect(refused).toBe(true);
  });

  it('the output folder serve wrote is exactly the build output plus the live-reload script, which build never writes', async () => {
    // serve runs in a folder without templates/, so with the built-in ones: build with the same.
    const built = await runPipeline({ content: ex.content, templates: BUILTIN_TEMPLATES });
    expect(built.files).toBeDefined();
    const served = new Map<string, Buffer>();
    const walk = async (dir: string, rel = ''): Promise<void> => {
      for (const e of await fs.readdir(dir, { withFileTypes: true })) {
        if (e.isDirectory()) await walk(path.join(dir, e.name), `${rel}${e.name}/`);
        else served.set(`${rel}${e.name}`, await fs.readFile(path.join(dir, e.name)));
      }
    };
    await walk(ex.out);
    expect([...served.keys()].sort()).toEqual([...built.files!.keys()].sort());
    const SNIPPET = /<script data-ratsdoc="live-reload">[\s\S]*?<\/script>/;
    for (const [rel, data] of built.files!) {
      const mine = served.get(rel)!;
      if (rel.endsWith('.html')) {
        expect(String(data), rel).not.toMatch(SNIPPET);
        expect(mine.toString('utf8'), rel).toMatch(SNIPPET);
        expect(mine.toString('utf8').replace(SNIPPET, ''), rel).toBe(String(data));
      } else {
        expect(mine.equals(data as Buffer), `${rel} (rendered in the worker) is byte-identical`).toBe(true);
      }
    }
  });
});
