/**
 * A new output format is one module and one entry in the renderer list: with a plain-text
 * renderer added, the pipeline writes a `.txt` for every document and the index links it.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeOutput } from '../../src/output/write.js';
import { runPipeline } from '../../src/pipeline/pipeline.js';
import { RENDERERS } from '../../src/render/renderers.js';
import { ROOT } from '../helpers/dist.js';
import { FIXTURE_TEMPLATES } from '../helpers/fixtures.js';
import { textRenderer } from './toy/text-renderer.js';

const CONTENT = path.join(ROOT, 'tests/fixtures/bom-crlf');
const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'ratsdoc-renderers-'));
afterAll(() => fs.rm(tmp, { recursive: true, force: true }));

describe('the renderer list', () => {
  it('takes a toy renderer as one more entry: its files are written and linked from the index', async () => {
    const result = await runPipeline({ content: CONTENT, templates: FIXTURE_TEMPLATES, renderers: [...RENDERERS, textRenderer] });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.formats).toEqual(['PDF', 'HTML', 'DOCX', 'Text']);
    await writeOutput(path.join(tmp, 'out'), result.files!);
    const pdfs = [...result.files!.keys()].filter((f) => f.endsWith('.pdf')).sort();
    expect(pdfs.length).toBeGreaterThan(0);
    const index = await fs.readFile(path.join(tmp, 'out/index.html'), 'utf8');
    for (const pdf of pdfs) {
      const txt = pdf.replace(/\.pdf$/, '.txt');
      const written = await fs.readFile(path.join(tmp, 'out', txt), 'utf8');
      // The text is the document's: its title first.
      const html = await fs.readFile(path.join(tmp, 'out', pdf.replace(/\.pdf$/, '.html')), 'utf8');
      expect(html).toContain(`<title>${written.split('\n')[0]}`);
      expect(index).toContain(`<a href="${txt}">Text<span class="visually-hidden">`);
    }
    expect(index).toMatch(/als PDF, HTML, DOCX und Text\./);
  });

  it('leaves a format out when it is not in the list', async () => {
    const result = await runPipeline({ content: CONTENT, templates: FIXTURE_TEMPLATES, renderers: RENDERERS.filter((r) => r.format === 'html') });
    expect([...result.files!.keys()].some((f) => f.endsWith('.pdf'))).toBe(false);
    expect(result.files!.get('index.html')).not.toMatch(/\.pdf"/);
  });
});
