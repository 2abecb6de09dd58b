/**
 * Fonts (issue 14, point 3): a city's own TTF from templates/, the fallback font for the
 * characters it lacks, applied per run of characters in the PDF and as a font list in the
 * HTML, and a positioned warning for a character no font has.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runPipeline, type PipelineResult } from '../../src/pipeline/pipeline.js';
import { applyFontFallback } from '../../src/render/pdf/fallback.js';
import { loadTemplates } from '../../src/theme/load.js';
import type { FontAsset } from '../../src/render/renderer.js';
import { loadPdf } from '../helpers/pdf-text.js';
import { checkTaggedPdf, hasQpdf } from '../helpers/tagged-pdf.js';

const ROOT = path.resolve(__dirname, '../..');
const MUSTERSTADT = path.join(ROOT, 'tests/fixtures/musterstadt');
const HOUSE_FONT = path.join(ROOT, 'tests/fixtures/fonts/LiberationSans-Regular.ttf');

/** The line added to a Vorlage: the form's boxes, typography, and one character no font has. */
const LINE = 'Kästchen ☐ leer, ☒ angekreuzt, ✓ erledigt, 100 € „Zitat“ – Strich, Zeichen 漢 fremd.';

/** A project with the house font in templates/; `extra` goes into theme.yaml's `base:`. */
async function project(extra = ''): Promise<{ content: string; templates: string }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ratsdoc-fonts-'));
  const content = path.join(dir, 'content');
  const templates = path.join(dir, 'templates');
  await fs.cp(MUSTERSTADT, content, { recursive: true });
  await fs.appendFile(path.join(content, 'vorlagen/2-2024.md'), `\n${LINE}\n`);
  await fs.mkdir(templates);
  await fs.copyFile(HOUSE_FONT, path.join(templates, 'Haus.ttf'));
  await fs.writeFile(path.join(templates, 'theme.yaml'), [
    'base:',
    '  font_family: Hausschrift',
    ...(extra ? [`  ${extra}`] : []),
    'fonts:',
    '  Hausschrift: {normal: Haus.ttf, bold: Haus.ttf, italics: Haus.ttf, bolditalics: Haus.ttf}',
    '',
  ].join('\n'));
  return { content, templates };
}

/** The line number (1-based) and column of `ch` in the Vorlage with the added line. */
async function placeOf(content: string, ch: string): Promise<{ line: number; column: number }> {
  const lines = (await fs.readFile(path.join(content, 'vorlagen/2-2024.md'), 'utf8')).split('\n');
  const line = lines.findIndex((l) => l.includes(ch));
  return { line: line + 1, column: [...lines[line].slice(0, lines[line].indexOf(ch))].length + 1 };
}

/** Each character of `chars` found on the PDF's pages → the base names of the fonts it is drawn in. */
async function fontsOfChars(pdf: Buffer, chars: string[]): Promise<Map<string, Set<string>>> {
  const doc = await loadPdf(pdf);
  const out = new Map(chars.map((c) => [c, new Set<string>()]));
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const text = await page.getTextContent();
    await page.getOperatorList();
    for (const item of text.items) {
      if (!('str' in item)) continue;
      for (const c of chars) {
        // pdf.js reads a .notdef glyph back as U+0000: the font's ToUnicode still names the character.
        if (item.str.includes(c)) out.get(c)!.add((page.commonObjs.get(item.fontName) as { name: string }).name.replace(/^[A-Z]{6}\+/, ''));
      }
    }
  }
  await doc.destroy();
  return out;
}

describe('a city font with the fallback font', () => {
  let paths: { content: string; templates: string };
  let result: PipelineResult;
  let pdf: Buffer;

  beforeAll(async () => {
    paths = await project();
    result = await runPipeline({ content: paths.content, templates: paths.templates });
    pdf = result.files!.get('vorlagen/2-2024.pdf') as Buffer;
  }, 120_000);

  it('draws the characters the city font lacks in DejaVu Sans, all others in the city font', async () => {
    const fonts = await fontsOfChars(pdf, ['☐', '☒', '✓', '€', '„', '“', '–', 'Kästchen']);
    expect(Object.fromEntries([...fonts].map(([c, f]) => [c, [...f].sort()]))).toEqual({
      '☐': ['DejaVuSans'], '☒': ['DejaVuSans'], '✓': ['DejaVuSans'],
      '€': ['LiberationSans'], '„': ['LiberationSans'], '“': ['LiberationSans'], '–': ['LiberationSans'], 'Kästchen': ['LiberationSans'],
    });
  });

  it('warns once for the character no font has, at its place in the content, and for nothing else', async () => {
    const glyphs = result.diagnostics.filter((d) => d.code === 'glyph-missing');
    expect(glyphs).toHaveLength(1);
    const [w] = glyphs;
    expect(w.severity).toBe('warning');
    expect(w.file).toBe(path.join(paths.content, 'vorlagen/2-2024.md').split(path.sep).join('/'));
    expect({ line: w.line, column: w.column }).toEqual(await placeOf(paths.content, '漢'));
    expect(w.message).toContain('„漢“ (U+6F22)');
    expect(w.message).toContain('„Hausschrift“ und „DejaVu Sans“');
    expect(w.message).toContain('vorlagen/2-2024');
    // A warning, not an error: the build goes on and writes every file.
    expect(result.files?.has('vorlagen/2-2024.html')).toBe(true);
  });

  it('keeps the tagged PDF intact (the split runs stay in their structure element)', async () => {
    if (!hasQpdf()) return;
    const report = await checkTaggedPdf(pdf);
    expect(report.problems).toEqual([]);
    expect(report.untagged).toBe(0);
    expect(report.readingText).toContain('☐ leer, ☒ angekreuzt, ✓ erledigt');
  });

  it('names both fonts in the HTML font list, so the browser falls back per character too', () => {
    const html = result.files!.get('vorlagen/2-2024.html') as string;
    expect(html).toMatch(/--font-family:"Hausschrift", "DejaVu Sans", /);
  });
});

describe('without a fallback that has the glyph', () => {
  it('warns for each box character at its place and draws it in the city font', async () => {
    const paths = await project('fallback_font_family: Hausschrift');
    const result = await runPipeline({ content: paths.content, templates: paths.templates });
    const warned = result.diagnostics.filter((d) => d.code === 'glyph-missing');
    const byChar = new Map(warned.map((d) => [/„(.)“ \(U\+/u.exec(d.message)![1], d]));
    expect([...byChar.keys()].sort()).toEqual(['漢', '☐', '☒', '✓'].sort());
    for (const ch of ['☐', '☒', '✓']) {
      const d = byChar.get(ch)!;
      expect({ line: d.line, column: d.column }).toEqual(await placeOf(paths.content, ch));
      expect(d.message).toContain('„Hausschrift“:');
    }
    // The box is the city font's .notdef glyph, which pdf.js reads back as U+0000.
    const fonts = await fontsOfChars(result.files!.get('vorlagen/2-2024.pdf') as Buffer, ['\u0000', '☐']);
    expect([...fonts.get('\u0000')!]).toEqual(['LiberationSans']);
    expect([...fonts.get('☐')!]).toEqual([]);
  }, 120_000);
});

describe('the theme names its fallback', () => {
  it('refuses a fallback family that is not under fonts, at the key', async () => {
    const paths = await project('fallback_font_family: Arial');
    const loaded = await loadTemplates(paths.templates, 'templates');
    expect(loaded.templates).toBeUndefined();
    expect(loaded.diagnostics).toEqual([expect.objectContaining({ severity: 'error', code: 'theme-font', file: 'templates/theme.yaml', line: 3, column: 25 })]);
    expect(loaded.diagnostics[0].message).toContain('Ersatzschrift „Arial“');
  });

  it('has the packaged DejaVu Sans without declaring it', async () => {
    const paths = await project();
    const loaded = await loadTemplates(paths.templates, 'templates');
    expect(loaded.templates?.theme.base.fallback_font_family).toBe('DejaVu Sans');
    expect(loaded.templates?.fonts['DejaVu Sans'].normal).toMatch(/dejavu-fonts-ttf[\\/]ttf[\\/]DejaVuSans\.ttf$/);
  });
});

describe('applyFontFallback', () => {
  let fonts: Record<string, FontAsset>;
  beforeAll(async () => {
    const house = await fs.readFile(HOUSE_FONT);
    const dejavu = await fs.readFile(path.join(ROOT, 'node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf'));
    fonts = { Haus: { normal: house, bold: house, italics: house, bolditalics: house }, DejaVu: { normal: dejavu, bold: dejavu, italics: dejavu, bolditalics: dejavu } };
  });

  it('splits a fragment where coverage changes and keeps its other properties', () => {
    const tag = { any: 'tag' };
    const def = { content: [{ stack: [{ text: [{ text: 'a ☐ b', bold: true, _tag: tag }, 'x ✓'] }, 'nur ☒', { table: { body: [['€ ☐']] } }] }] };
    applyFontFallback(def as never, fonts, 'Haus', 'DejaVu');
    const [stack] = def.content as Array<{ stack: unknown[] }>;
    expect(stack.stack[0]).toEqual({ text: [
      { text: 'a ', bold: true, _tag: tag }, { text: '☐ ', bold: true, _tag: tag, font: 'DejaVu' }, { text: 'b', bold: true, _tag: tag },
      { text: 'x ' }, { text: '✓', font: 'DejaVu' },
    ] });
    expect(stack.stack[1]).toEqual({ text: [{ text: 'nur ' }, { text: '☒', font: 'DejaVu' }] });
    expect((stack.stack[2] as { table: { body: unknown[][] } }).table.body[0][0]).toEqual({ text: [{ text: '€ ' }, { text: '☐', font: 'DejaVu' }] });
  });

  it('changes nothing when the body font has every glyph or is the fallback itself', () => {
    const def = () => ({ content: [{ text: [{ text: 'Grüße – „so“ €' }], font: 'Haus' }, { text: 'Kästchen ☐', font: 'DejaVu' }] });
    const a = def();
    applyFontFallback(a as never, fonts, 'Haus', 'DejaVu');
    expect(a).toEqual(def());
    const b = def();
    applyFontFallback(b as never, fonts, 'DejaVu', 'DejaVu');
    expect(b).toEqual(def());
  });

  it('applies to dynamic headers and footers', () => {
    const def = { content: [], footer: () => ({ text: 'Seite ✓' }) };
    applyFontFallback(def as never, fonts, 'Haus', 'DejaVu');
    expect((def.footer as () => unknown)()).toEqual({ text: [{ text: 'Seite ' }, { text: '✓', font: 'DejaVu' }] });
  });
});
