/**
 * Hyphenation in HTML (issue 15): `lang="de"`, `hyphens: auto` and soft hyphens from the same
 * patterns, checked in a real Chromium: in a narrow table cell the long words break at their
 * soft hyphens with a hyphen drawn, IDs stay on one line, and the selected text is the words
 * with nothing but invisible soft hyphens added (Chromium's find-in-page ignores those; it
 * cannot be driven headless).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHY } from '../../src/format/typeset.js';
import { renderHtml } from '../../src/render/html/render.js';
import { ThemeSchema } from '../../src/theme/theme.js';
import { launchChromium } from '../serve/helpers.js';
import { narrowTable, WORDS } from './narrow-table.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const assets = {
  layout: readFileSync(path.join(root, 'defaults/html/layout.hbs'), 'utf8'),
  css: readFileSync(path.join(root, 'defaults/html/style.css'), 'utf8'),
  images: new Map(),
};
const html = renderHtml(narrowTable([...WORDS, 'Z-BIL-1.1']), ThemeSchema.parse({}), assets);

let browser: Browser;
beforeAll(async () => { browser = (await launchChromium()).browser; }, 120_000);
afterAll(async () => { await browser?.close(); });

describe('HTML: hyphenation', () => {
  it('declares German and hyphens: auto, and carries soft hyphens in the long words', () => {
    expect(html).toMatch(/<html lang="de-DE">/);
    expect(html).toMatch(/body\{hyphens:auto;/);
    for (const word of WORDS) expect(html.includes(word), word).toBe(false); // each has soft hyphens
    expect(html).toContain(`Inte${SHY}gra${SHY}ti${SHY}ons${SHY}ma${SHY}nage${SHY}ment`);
    expect(html).toContain('<span class="nobr">Z-BIL-1.1</span>');
  });

  it('breaks the words of a narrow cell at their soft hyphens in Chromium, and finds them whole', async () => {
    const page = await browser.newPage({ viewport: { width: 560, height: 800 } });
    await page.setContent(html);
    // Per first-column cell: the text split where a line ends (from each character's box).
    const lines = await page.evaluate(() => [...document.querySelectorAll('tbody tr td:first-child')].map((td) => {
      const walker = document.createTreeWalker(td, NodeFilter.SHOW_TEXT);
      const out: string[] = [];
      let top: number | undefined;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const value = node.nodeValue ?? '';
        for (let i = 0; i < value.length; i++) {
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const rect = [...range.getClientRects()].filter((r) => r.width > 0).pop();
          if (!rect) { if (out.length) out[out.length - 1] += value[i]; continue; }
          if (top === undefined || rect.top > top + 2) { out.push(''); top = rect.top; }
          out[out.length - 1] += value[i];
        }
      }
      return out;
    }));
    WORDS.forEach((word, i) => {
      expect(lines[i].length, `${word}: ${lines[i].join(' | ')}`).toBeGreaterThan(1);
      // Every line but the last ends at a soft hyphen (the browser draws the hyphen there).
      for (const line of lines[i].slice(0, -1)) expect(line, word).toMatch(/\u00ad$/);
      expect(lines[i].join('').replaceAll(SHY, '')).toBe(word);
    });
    expect(lines[WORDS.length]).toEqual(['Z-BIL-1.1']);
    // The text a reader selects holds the whole words: only invisible soft hyphens are added.
    const selected = await page.evaluate(() => { const r = document.createRange(); r.selectNodeContents(document.querySelector('tbody')!); const sel = getSelection()!; sel.removeAllRanges(); sel.addRange(r); return sel.toString(); });
    for (const word of WORDS) expect(selected.replaceAll(SHY, '')).toContain(word);
    expect(selected.replace(/[\p{L}\p{N}\p{P}\p{Zs}\s€\u00ad]/gu, '')).toBe('');
    await page.close();
  }, 60_000);
});
