import { describe, it, expect, beforeAll } from 'vitest';
import { promises as fs, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { runPipeline } from '../../src/pipeline/pipeline.js';
import { dehyphenateText, pdfPages, loadPdf } from '../helpers/pdf-text.js';
import { htmlText, indexOfRun, longestPrefixRun, words } from '../helpers/html-text.js';
import { FIXTURE_CONTENT, FIXTURE_PROJECT, FIXTURE_TEMPLATES } from '../helpers/fixtures.js';
import { checkEveryPdf, hasQpdf, setByRatsdoc, type TagReport } from '../helpers/tagged-pdf.js';
import { outlinesOf } from '../helpers/outline.js';

const ROOT = path.resolve(__dirname, '../..');
const SEED = readFileSync(path.join(ROOT, 'tests/fixtures/seed/vorlage-11-1481-bergkamen.txt'), 'utf8');
const CLI = path.join(ROOT, 'bin/ratsdoc.js');

/** The seed from "Beschlussvorschlag:" to the last signature name, as words. */
const seedBody = words(SEED.slice(SEED.indexOf('Beschlussvorschlag:')));
/** The seed's cover sheet: Betreff … Art Beschlussvorlage. */
const seedCover = words(SEED.slice(0, SEED.indexOf('Beschlussvorschlag:')));

let files: Map<string, Buffer | string>;

async function pdfWords(buf: Buffer): Promise<string[]> {
  return words((await pdfPages(buf)).map((p) => p.join(' ')).join(' '));
}

function hasTool(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
}

beforeAll(async () => {
  const result = await runPipeline({ content: FIXTURE_CONTENT, templates: FIXTURE_TEMPLATES });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  files = result.files!;
});

describe('Vorlage 11/1481 reproduces the seed', () => {
  it('PDF text from Beschlussvorschlag to the last signature equals the seed word for word', async () => {
    const doc = await pdfWords(files.get('vorlagen/11-1481.pdf') as Buffer);
    const at = indexOfRun(doc, seedBody);
    expect(at, `longest matching prefix: ${longestPrefixRun(doc, seedBody)} of ${seedBody.length} words`).toBeGreaterThanOrEqual(0);
    // Nothing of ours between the end of the seed text and the end of the document.
    expect(doc.slice(at + seedBody.length)).toEqual([]);
  });

  it('HTML text from Beschlussvorschlag to the last signature equals the seed word for word', () => {
    const doc = words(htmlText(files.get('vorlagen/11-1481.html') as string));
    const at = indexOfRun(doc, seedBody);
    expect(at, `longest matching prefix: ${longestPrefixRun(doc, seedBody)} of ${seedBody.length} words`).toBeGreaterThanOrEqual(0);
  });

  it('the Deckblatt shows Betreff, Vorlage-Nr., Aktenzeichen and Art as the seed does, in both formats', async () => {
    expect(seedCover).toEqual(['Betreff', 'Einführung', 'eines', 'Kommunalen', 'Integrationsmanagements', 'Vorlage', '11/1481', 'Aktenzeichen', '51si-', 'Art', 'Beschlussvorlage']);
    const pdf = await pdfWords(files.get('vorlagen/11-1481.pdf') as Buffer);
    expect(indexOfRun(pdf, seedCover)).toBeGreaterThanOrEqual(0);
    expect(indexOfRun(pdf, seedCover)).toBeLessThan(indexOfRun(pdf, seedBody));
    const html = words(htmlText(files.get('vorlagen/11-1481.html') as string));
    expect(indexOfRun(html, seedCover)).toBeGreaterThanOrEqual(0);
  });

  it('PDF carries title, author, language and the running footer', async () => {
    const doc = await loadPdf(files.get('vorlagen/11-1481.pdf') as Buffer);
    const meta = await doc.getMetadata();
    const info = meta.info as Record<string, unknown>;
    expect(info.Title).toBe('Einführung eines Kommunalen Integrationsmanagements');
    expect(info.Author).toBe('Stadt Bergkamen');
    expect(String(info.Subject)).toContain('11/1481');
    expect(info.Language).toBe('de-DE');
    await doc.destroy();
  });
});

describe('the other example Vorlagen', () => {
  it('11/1702 has Beratungsfolge, finances, climate, sections, Anlagen and data tables in both formats', async () => {
    const pdf = (await pdfPages(files.get('vorlagen/11-1702.pdf') as Buffer)).map((p) => p.join(' ')).join(' ');
    const html = htmlText(files.get('vorlagen/11-1702.html') as string);
    for (const text of [pdf, html]) {
      for (const s of ['Beratungsfolge', 'Integrationsrat', 'Vorberatung', 'Entscheidung', 'Finanzielle Auswirkungen:', 'Klimarelevanz:', 'Auswirkungen auf den Stellenplan:', 'Bestandteile dieser Vorlage sind:', 'Anlage 1: Integrationskonzept der Stadt Bergkamen', 'Maßnahmen im Handlungsfeld']) {
        expect(text.replace(/\s+/g, ' ')).toContain(s);
      }
      // German dates and money.
      expect(text).toMatch(/\b\d{2}\.\d{2}\.2019\b/);
      expect(text).toMatch(/\d{1,3}(\.\d{3})*,\d{2}[\u00a0 ]€/);
      expect(text).not.toMatch(/\b2019-\d{2}-\d{2}\b/);
    }
  });

  it('percentages are German (21,7 %) in both formats', async () => {
    const pdf = (await pdfPages(files.get('konzept/integrationskonzept.pdf') as Buffer)).map((p) => p.join(' ')).join(' ');
    const html = htmlText(files.get('konzept/integrationskonzept.html') as string);
    for (const text of [pdf, html]) expect(text).toMatch(/\d+,\d[\u00a0 ]%/);
  });
});

describe('ratsdoc build on disk', () => {
  let tmp: string;
  beforeAll(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'ratsdoc-build-'));
  });

  function build(content: string, out: string) {
    return spawnSync('node', [CLI, 'build', '--content', content, '--out', out], { cwd: FIXTURE_PROJECT, encoding: 'utf8' });
  }

  async function readTree(dir: string): Promise<Map<string, Buffer>> {
    const out = new Map<string, Buffer>();
    for (const entry of await fs.readdir(dir, { recursive: true, withFileTypes: true })) {
      if (entry.isFile()) {
        const abs = path.join(entry.parentPath, entry.name);
        out.set(path.relative(dir, abs), await fs.readFile(abs));
      }
    }
    return out;
  }

  it('two builds give byte-identical files', async () => {
    const a = path.join(tmp, 'a');
    const b = path.join(tmp, 'b');
    expect(build('content', a).status).toBe(0);
    expect(build('content', b).status).toBe(0);
    const ta = await readTree(a);
    const tb = await readTree(b);
    expect([...ta.keys()].sort()).toEqual([...tb.keys()].sort());
    expect(ta.size).toBeGreaterThanOrEqual(11);
    for (const [name, data] of ta) expect(data.equals(tb.get(name)!), name).toBe(true);
  });

  it('a broken content folder leaves the previous out/ untouched and exits 1', async () => {
    const content = path.join(tmp, 'content');
    await fs.cp(FIXTURE_CONTENT, content, { recursive: true });
    const out = path.join(tmp, 'out-broken');
    const first = build(content, out);
    expect(first.status, first.stderr).toBe(0);
    const before = await readTree(out);
    const file = path.join(content, 'vorlagen/11-1481.md');
    await fs.writeFile(file, (await fs.readFile(file, 'utf8')).replace('art: Beschlussvorlage', 'art: Beschlusvorlage'));
    const second = build(content, out);
    expect(second.status).toBe(1);
    expect(second.stderr).toContain('11-1481.md:3:6: Fehler');
    expect(second.stderr).toContain('unverändert');
    expect(second.stderr).not.toMatch(/at .*\.js:\d+/);
    const after = await readTree(out);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [name, data] of before) expect(data.equals(after.get(name)!), name).toBe(true);
    // No temporary folders left beside out/.
    expect((await fs.readdir(tmp)).filter((n) => n.startsWith('.ratsdoc-'))).toEqual([]);
  });

  it.skipIf(!hasTool('qpdf'))('qpdf --check passes on every PDF', async () => {
    const out = path.join(tmp, 'a');
    for (const [name] of await readTree(out)) {
      if (!setByRatsdoc(name)) continue;
      const r = spawnSync('qpdf', ['--check', path.join(out, name)], { encoding: 'utf8' });
      expect(r.status, `${name}: ${r.stdout}${r.stderr}`).toBe(0);
    }
  });

  it.skipIf(!hasTool('pdffonts'))('pdffonts shows every font embedded', async () => {
    const out = path.join(tmp, 'a');
    for (const [name] of await readTree(out)) {
      if (!setByRatsdoc(name)) continue;
      const lines = execFileSync('pdffonts', [path.join(out, name)], { encoding: 'utf8' }).trim().split('\n').slice(2);
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(line.split(/\s+/).slice(-5, -4)[0], `${name}: ${line}`).toBe('yes');
    }
  });

  it('every PDF has a well-formed XMP packet with the PDF/A-2b identification', async () => {
    for (const [name, data] of files) {
      if (!setByRatsdoc(name)) continue;
      const text = (data as Buffer).toString('latin1');
      const xmp = /<x:xmpmeta[\s\S]*?<\/x:xmpmeta>/.exec(text)?.[0];
      expect(xmp, name).toBeTruthy();
      expect(xmp).toMatch(/pdfaid:part[>="]+2/);
      // Well-formed enough: no raw ampersand or less-than inside element text.
      const textNodes = xmp!.replace(/<[^>]+>/g, '\u0000').split('\u0000');
      for (const t of textNodes) expect(t).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;|#\d+;)|</);
      const doc = await loadPdf(data as Buffer);
      const meta = await doc.getMetadata();
      expect(meta.metadata?.get('dc:title')).toBeTruthy();
      await doc.destroy();
    }
  });
});

describe.skipIf(!hasQpdf())('tagged PDF of every document', () => {
  let reports: Map<string, TagReport>;
  beforeAll(async () => {
    reports = await checkEveryPdf(files, setByRatsdoc);
  }, 600_000);

  it('passes the checker (structure tree, artifacts, ParentTree, headings, tables, figures, links, metadata)', () => {
    expect(reports.size).toBeGreaterThanOrEqual(5);
    for (const [name, report] of reports) {
      expect(report.problems, name).toEqual([]);
      expect(report.textItems, name).toBeGreaterThan(0);
    }
  });

  it('reads 11/1481 from its structure tree as the seed, word for word, after the letterhead', () => {
    const tree = words(reports.get('vorlagen/11-1481.pdf')!.readingText);
    const seed = [...seedCover, ...seedBody];
    const at = indexOfRun(tree, seed);
    expect(at, `longest matching prefix: ${longestPrefixRun(tree, seed)} of ${seed.length} words`).toBeGreaterThanOrEqual(0);
    expect(tree.slice(at + seed.length)).toEqual([]);
    expect(tree.slice(0, at)).toEqual(['Stadt', 'Bergkamen']); // the letterhead beside the Wappen
  });

  it.skipIf(!hasTool('pdfinfo'))('pdfinfo -struct-text prints the structure of 11/1481 with the seed text in order', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ratsdoc-struct-'));
    const file = path.join(dir, '11-1481.pdf');
    writeFileSync(file, files.get('vorlagen/11-1481.pdf') as Buffer);
    const printed = execFileSync('pdfinfo', ['-struct-text', file], { encoding: 'utf8' });
    for (const role of ['Document', 'Table', 'TH', 'Sect', 'H1', 'P', 'L', 'LI', 'Lbl', 'LBody']) expect(printed).toMatch(new RegExp(`^\\s*${role}\\b`, 'm'));
    const quoted = words(dehyphenateText([...printed.matchAll(/^\s*"(.*)"$/gm)].map((m) => m[1]).join(' '), ''));
    const seed = [...seedCover, ...seedBody];
    expect(indexOfRun(quoted, seed), `longest matching prefix: ${longestPrefixRun(quoted, seed)} of ${seed.length} words`).toBeGreaterThanOrEqual(0);
  });

  it('has the HTML page\'s outline: the same headings (one level up without a title page) and table headers', () => {
    for (const { name, pdf, html } of outlinesOf(reports, files)) expect(pdf, name).toEqual(html);
  });
});
