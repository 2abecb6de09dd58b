/**
 * Nothing of the content gets lost quietly (issue 20, point 3): GFM task lists keep their
 * ticks in PDF, HTML and DOCX; a heading or caption the form blanks leaves no empty element
 * (axe stays at zero); Markdown that ratsdoc cannot set is a warning with its place.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { runPipeline } from '../../src/pipeline/pipeline.js';
import { checkContent } from '../../src/model/check.js';
import { buildDocuments } from '../../src/document/build.js';
import { loadTemplates, resolveTemplatesDir } from '../../src/theme/load.js';
import { renderDocx } from '../../src/render/docx/render.js';
import { brief, cleanupTemp, fixture, tempDir } from '../check/fixture.js';
import { pdfText } from '../helpers/pdf-text.js';
import { docxParagraphs } from '../helpers/docx-text.js';
import { htmlText, readable } from '../helpers/html-text.js';
import { axeViolations } from '../helpers/axe.js';
import { launchChromium } from '../serve/helpers.js';

let browser: Browser | undefined;
beforeAll(async () => {
  browser = (await launchChromium()).browser;
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await cleanupTemp();
});

const TASKS = '\n- [x] Lesepaten gewonnen\n- [ ] Räume gefunden\n- ein gewöhnlicher Punkt\n';

describe('GFM task lists keep their ticks', () => {
  it('☒ and ☐ in PDF, HTML and DOCX; an ordinary item gets no box', async () => {
    const f = await fixture('musterstadt');
    await f.append('vorlagen/2-2024.md', TASKS);
    const r = await runPipeline({ content: f.dir, jobs: 1 });
    expect(r.diagnostics).toEqual([]);
    const pdf = (await pdfText(r.files!.get('vorlagen/2-2024.pdf') as Buffer)).replace(/\s+/g, ' ');
    expect(pdf).toMatch(/☒\sLesepaten gewonnen • ☐\sRäume gefunden • ein gewöhnlicher Punkt|☒\sLesepaten gewonnen.*☐\sRäume gefunden.*ein gewöhnlicher Punkt/);
    expect(pdf).not.toMatch(/[☒☐]\sein gewöhnlicher/);
    const html = readable(r.files!.get('vorlagen/2-2024.html') as string);
    expect(html).toContain('<li>☒\u00a0Lesepaten gewonnen</li>');
    expect(html).toContain('<li>☐\u00a0Räume gefunden</li>');
    expect(html).toContain('<li>ein gewöhnlicher Punkt</li>');

    const checked = await checkContent(f.dir);
    const tpl = await loadTemplates(resolveTemplatesDir());
    const tree = buildDocuments(checked.model, checked.index, tpl.templates!.theme).trees.find((t) => t.outPath === 'vorlagen/2-2024')!;
    const fonts = await Promise.all(Object.values(tpl.templates!.fonts).flatMap((ff) => Object.values(ff).map((p) => fs.readFile(p))));
    const family = async (ff: { normal: string; bold: string; italics: string; bolditalics: string }) =>
      ({ normal: await fs.readFile(ff.normal), bold: await fs.readFile(ff.bold), italics: await fs.readFile(ff.italics), bolditalics: await fs.readFile(ff.bolditalics) });
    const families = Object.fromEntries(await Promise.all(Object.entries(tpl.templates!.fonts).map(async ([name, ff]) => [name, await family(ff)] as const)));
    const docx = await renderDocx(tree, tpl.templates!.theme, { images: new Map(), fonts, families });
    const paragraphs = docxParagraphs(docx).map((p) => p.text);
    expect(paragraphs).toContain('☒\u00a0Lesepaten gewonnen');
    expect(paragraphs).toContain('☐\u00a0Räume gefunden');
    expect(paragraphs).toContain('ein gewöhnlicher Punkt');
  }, 120_000);
});

describe('a label the form blanks leaves no empty element', () => {
  it('no empty <h2>, <caption>, <dt> or aria-label=""; the content stays; axe finds nothing', async () => {
    const f = await fixture('musterstadt');
    const templates = await tempDir('ratsdoc-form-');
    await fs.writeFile(path.join(templates, 'vorlage.yaml'), [
      'labels: { nummer: "" }',
      'bloecke:',
      '  - kommune',
      '  - deckblatt',
      '  - { block: beratungsfolge, titel: "" }',
      '  - { block: beschlussvorschlag, titel: "" }',
      '  - sachdarstellung',
      '',
    ].join('\n'));
    const r = await runPipeline({ content: f.dir, templates, jobs: 1 });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const html = readable(r.files!.get('vorlagen/1-2024.html') as string);
    const main = html.slice(html.indexOf('<main'));
    expect(main).not.toMatch(/<h[1-6][^>]*>\s*<\/h[1-6]>/);
    expect(main).not.toMatch(/<caption[^>]*>\s*<\/caption>/);
    expect(main).not.toMatch(/<dt[^>]*>\s*<\/dt>/);
    expect(main).not.toMatch(/aria-label=""/);
    // What the blanked labels stood above is still there.
    const text = htmlText(main);
    expect(text).toContain('Der Rat beschließt das als Anlage beigefügte Integrationskonzept.');
    expect(text).toContain('1/2024');
    expect(text).toContain('Rat der Stadt Musterstadt');
    expect(main).toMatch(/<div class="table-wrap" role="region" tabindex="0" aria-label="Tabelle">/);
    const pdf = await pdfText(r.files!.get('vorlagen/1-2024.pdf') as Buffer);
    expect(pdf).toContain('Der Rat beschließt das als Anlage beigefügte Integrationskonzept.');
    expect(pdf).not.toContain('Beratungsfolge');

    const page = await browser!.newPage();
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  }, 120_000);
});

describe('Markdown that ratsdoc cannot set is a warning with its place', () => {
  it('inline HTML, a footnote nobody references, a heading deeper than the document goes', async () => {
    const f = await fixture('musterstadt');
    await f.append('vorlagen/2-2024.md', '\nDas ist <b>wichtig</b>.\n\n##### Sehr tief\n\n[^alt]: Eine Fußnote ohne Verweis.\n');
    const r = await runPipeline({ content: f.dir, jobs: 1, renderers: [] });
    expect(r.diagnostics.map((d) => brief({ ...d, file: f.rel(d.file) }))).toEqual([
      'vorlagen/2-2024.md:12:9 markdown-raw-html warning Vorlage „2/2024“: HTML im Text wird nicht ausgeführt, sondern als Text angezeigt',
      'vorlagen/2-2024.md:12:19 markdown-raw-html warning Vorlage „2/2024“: HTML im Text wird nicht ausgeführt, sondern als Text angezeigt',
      'vorlagen/2-2024.md:14:1 heading-too-deep warning Vorlage „2/2024“: Eine Überschrift „#####“ ist tiefer, als ratsdoc hier gliedert; sie wird wie „####“ gesetzt',
      'vorlagen/2-2024.md:16:1 footnote-unused warning Vorlage „2/2024“: Fußnote [^alt] wird im Text nicht verwendet und daher nicht gedruckt (im Text fehlt [^alt])',
    ]);
  }, 60_000);
});
