import { describe, it, expect, beforeAll } from 'vitest';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runPipeline } from '../../src/pipeline/pipeline.js';
import { checkContent } from '../../src/model/check.js';
import { pdfPages } from '../helpers/pdf-text.js';
import { htmlText, readable } from '../helpers/html-text.js';
import { FIXTURE_CONTENT, FIXTURE_TEMPLATES } from '../helpers/fixtures.js';

const ROOT = path.resolve(__dirname, '../..');
const TEMPLATES = FIXTURE_TEMPLATES;

let pdf: string[][];
let pdfAll: string;
let html: string;
let htmlPlain: string;
let model: Awaited<ReturnType<typeof checkContent>>['model'];

const norm = (s: string) => s.replace(/[\s\u00a0]+/g, ' ');

beforeAll(async () => {
  const result = await runPipeline({ content: FIXTURE_CONTENT, templates: TEMPLATES });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  pdf = await pdfPages(result.files!.get('konzept/integrationskonzept.pdf') as Buffer);
  pdfAll = norm(pdf.map((p) => p.join(' ')).join(' '));
  html = readable(result.files!.get('konzept/integrationskonzept.html') as string);
  htmlPlain = norm(htmlText(html));
  model = (await checkContent(FIXTURE_CONTENT)).model;
});

describe('Integrationskonzept', () => {
  it('shows every Handlungsfeld, goal, indicator and measure title in PDF and HTML', () => {
    const c = model.collections;
    const titles = [...c.handlungsfelder, ...c.ziele, ...c.indikatoren, ...c.massnahmen].map((e) => norm(e.value.titel));
    expect(titles.length).toBeGreaterThan(80);
    // PDF lines wrap long titles, so compare without spaces there.
    const pdfCompact = pdfAll.replace(/ /g, '');
    for (const t of titles) {
      expect(htmlPlain, t).toContain(t);
      expect(pdfCompact, t).toContain(t.replace(/ /g, ''));
    }
  });

  it('TOC entries carry the page numbers on which their headings really stand', () => {
    const tocPages = pdf.findIndex((p) => p.includes('Inhaltsverzeichnis'));
    expect(tocPages).toBeGreaterThanOrEqual(0);
    const entries: Array<{ title: string; page: number }> = [];
    for (let i = tocPages; i < pdf.length && entries.length < 200; i++) {
      const items = pdf[i];
      let found = 0;
      for (let j = 0; j + 1 < items.length; j++) {
        if (/^\d+(\.\d+)*\s\S/.test(items[j]) && /^\d+$/.test(items[j + 1])) {
          entries.push({ title: items[j], page: Number(items[j + 1]) });
          found++;
        }
      }
      if (!found && i > tocPages) break;
    }
    expect(entries.length).toBeGreaterThan(20);
    expect(entries.map((e) => e.title)).toContain('1 Einleitung');
    for (const e of entries) {
      const page = pdf[e.page - 1];
      expect(page, `${e.title} → Seite ${e.page}`).toBeDefined();
      expect(page.some((s) => s === e.title), `${e.title} steht nicht auf Seite ${e.page}`).toBe(true);
    }
  });

  it('the measure table of a Handlungsfeld lists exactly its measures', () => {
    for (const hf of model.collections.handlungsfelder) {
      const caption = `Maßnahmen im Handlungsfeld ${hf.value.titel}`;
      const start = html.indexOf(`<caption>${caption}</caption>`);
      expect(start, caption).toBeGreaterThan(0);
      const table = html.slice(start, html.indexOf('</table>', start));
      const ids = [...table.matchAll(/<tbody>[\s\S]*<\/tbody>/g)].flatMap((m) => [...m[0].matchAll(/<tr>\s*<td[^>]*>(?:<a[^>]*>)?(M-[\w.-]+) /g)].map((x) => x[1]));
      const expected = model.collections.massnahmen.filter((m) => m.value.handlungsfeld === hf.value.id).map((m) => m.value.id);
      expect(ids).toEqual(expected);
    }
  });

  it('the Gantt SVG has one bar per measure with a period and one diamond per milestone', () => {
    const zeitplan = html.slice(html.indexOf('Zeitplan'));
    const bars = (html.match(/class="bar"/g) ?? []).length;
    const withPeriod = model.collections.massnahmen.filter((m) => m.value.beginn && m.value.ende).length;
    expect(withPeriod).toBeGreaterThan(20);
    expect(bars).toBe(withPeriod);
    expect((zeitplan.match(/class="milestone"/g) ?? []).length).toBe(model.collections.meilensteine.length);
  });

  it('cross-links every measure, goal and indicator in tables to its profile', () => {
    for (const m of model.collections.massnahmen) {
      const anchor = `massnahme-${m.value.id.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
      expect(html).toContain(`id="${anchor}"`);
      expect(html).toContain(`href="#${anchor}"`);
    }
    for (const i of model.collections.indikatoren) expect(html).toContain(`href="#indikator-${i.value.id.toLowerCase()}"`);
  });

  it('shows cost totals per Handlungsfeld and overall, German formatted', () => {
    const total = model.collections.massnahmen.reduce((s, m) => {
      const k = m.value.kosten;
      return s + (k === undefined ? 0 : (Array.isArray(k) ? k : [k]).reduce((a, b) => a + b.betrag, 0));
    }, 0);
    const formatted = total.toLocaleString('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    expect(htmlPlain).toContain(`Gesamt ${model.collections.massnahmen.length} ${formatted} €`);
    expect(pdfAll.replace(/ /g, '')).toContain(`${formatted}€`);
  });

  it('marks the draft in both formats', () => {
    expect(htmlPlain).toContain('ENTWURF');
    expect(pdfAll).toContain('ENTWURF: Dieses Dokument ist ein Entwurf');
  });
});

describe('a chapter helper with an unknown ID', () => {
  it('fails the build with file and line, and writes nothing', async () => {
    const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'ratsdoc-konzept-'));
    const content = path.join(tmp, 'content');
    await fs.cp(FIXTURE_CONTENT, content, { recursive: true });
    const file = path.join(content, 'konzept/kapitel/umsetzung.md');
    const text = await fs.readFile(file, 'utf8');
    const lines = text.split('\n');
    const insertAt = lines.length - 1;
    lines.splice(insertAt, 0, '', '{{massnahmen handlungsfeld="HF-GIBTESNICHT"}}', '');
    await fs.writeFile(file, lines.join('\n'));
    const result = await runPipeline({ content, templates: TEMPLATES });
    expect(result.files).toBeUndefined();
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: `${content}/konzept/kapitel/umsetzung.md`, line: insertAt + 2, column: 1, code: 'helper-unknown-id' });
    expect(errors[0].message).toContain('Handlungsfeld „HF-GIBTESNICHT“ ist nicht definiert');
  });
});
