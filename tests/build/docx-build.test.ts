/**
 * DOCX as one format of the build: the CLI writes a `.docx` beside every PDF and HTML,
 * byte-identical on a second build (worker threads) and equal to the in-thread render;
 * `--formats` picks formats and refuses unknown ones; a city's reference document in
 * `templates/` lends its styles, margins, header and footer (read back from the package and
 * from LibreOffice), and one that is no Word file is a German error; a Vorlage's Word header
 * and footer follow the form's page furniture with PAGE/NUMPAGES fields.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, promises as fs, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/pipeline/pipeline.js';
import { docxRenderer } from '../../src/render/docx/renderer.js';
import { BIN, ROOT, ensureDist } from '../helpers/dist.js';
import { docxParagraphs, docxParts } from '../helpers/docx-text.js';
import { FIXTURE_CONTENT, FIXTURE_PROJECT, FIXTURE_TEMPLATES, NECKARWEIL_CONTENT, NECKARWEIL_TEMPLATES } from '../helpers/fixtures.js';
import { convertWithLibreOffice } from '../helpers/libreoffice.js';
import { pdfRegionText } from '../helpers/pdf-text.js';

let tmp: string;
beforeAll(async () => {
  ensureDist();
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'ratsdoc-docx-build-'));
});
afterAll(() => fs.rm(tmp, { recursive: true, force: true }));

const cli = (args: string[], cwd = FIXTURE_PROJECT) => spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 300_000 });

async function readTree(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const entry of await fs.readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out.set(path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'), await fs.readFile(path.join(entry.parentPath, entry.name)));
  }
  return out;
}

/** The reference document fixture (tests/fixtures/docx-reference), zipped as Word stores it; `edit` changes a part's text. */
function referenceDocx(edit: (name: string, text: string) => string = (_, t) => t): Uint8Array {
  const dir = path.join(ROOT, 'tests/fixtures/docx-reference/vorlage');
  const files: Record<string, Uint8Array> = {};
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(dir, rel)).sort()) {
      const r = rel ? `${rel}/${name}` : name;
      if (statSync(path.join(dir, r)).isDirectory()) walk(r);
      else files[r] = new TextEncoder().encode(edit(r, readFileSync(path.join(dir, r), 'utf8')));
    }
  };
  walk('');
  return zipSync(files);
}

/** A copy of the fixture's templates with `extra` files added. */
async function templatesWith(name: string, extra: Record<string, Uint8Array | string>): Promise<string> {
  const dir = path.join(tmp, name);
  await fs.cp(FIXTURE_TEMPLATES, dir, { recursive: true });
  for (const [file, data] of Object.entries(extra)) await fs.writeFile(path.join(dir, file), data);
  return dir;
}

describe('build writes DOCX beside PDF and HTML', () => {
  it('two CLI builds (worker threads) give the same DOCX bytes, and the same as an in-thread render', async () => {
    const a = path.join(tmp, 'a');
    const b = path.join(tmp, 'b');
    for (const out of [a, b]) {
      const r = cli(['build', '--content', 'content', '--out', out, '--no-cache', '--formats', 'docx']);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^5 Dokumente als DOCX in „.*“ geschrieben/);
    }
    const ta = await readTree(a);
    const tb = await readTree(b);
    const docx = [...ta.keys()].filter((f) => f.endsWith('.docx')).sort();
    expect(docx).toEqual(['konzept/integrationskonzept.docx', 'vorlagen/11-1481-1.docx', 'vorlagen/11-1481.docx', 'vorlagen/11-1702.docx', 'vorlagen/11-1850.docx']);
    // Only DOCX (and the index, the Anlagen): no PDF, no HTML page of a document.
    expect([...ta.keys()].filter((f) => /\.(pdf|html)$/.test(f) && f !== 'index.html' && !f.includes('/anlage-'))).toEqual([]);
    for (const f of docx) expect(ta.get(f)!.equals(tb.get(f)!), f).toBe(true);
    const inThread = await runPipeline({ content: FIXTURE_CONTENT, templates: FIXTURE_TEMPLATES, renderers: [docxRenderer], jobs: 1 });
    for (const f of docx) expect(Buffer.from(inThread.files!.get(f) as Buffer).equals(ta.get(f)!), f).toBe(true);
    const index = ta.get('index.html')!.toString('utf8');
    for (const f of docx) expect(index).toContain(`<a href="${f}">DOCX<span class="visually-hidden">`);
  }, 600_000);

  it('the build cache keeps DOCX files: a second build takes them from .ratsdoc-cache', async () => {
    const project = path.join(tmp, 'cached');
    await fs.mkdir(project);
    const args = ['build', '--content', FIXTURE_CONTENT, '--templates', FIXTURE_TEMPLATES, '--formats', 'docx', '--jobs', '1'];
    expect(cli([...args, '--out', 'out1'], project).status).toBe(0);
    const cache = path.join(project, '.ratsdoc-cache');
    const cached = (await fs.readdir(cache)).filter((n) => n.endsWith('.docx'));
    expect(cached).toHaveLength(5);
    // Cache entries marked by hand come back marked: the second build rendered none of them.
    for (const name of cached) await fs.appendFile(path.join(cache, name), 'x');
    expect(cli([...args, '--out', 'out2'], project).status).toBe(0);
    const out1 = await readTree(path.join(project, 'out1'));
    const out2 = await readTree(path.join(project, 'out2'));
    const docx = [...out1.keys()].filter((f) => f.endsWith('.docx'));
    expect(docx).toHaveLength(5);
    for (const f of docx) expect(out2.get(f)!.equals(Buffer.concat([out1.get(f)!, Buffer.from('x')])), f).toBe(true);
  }, 600_000);

  it('--formats: an unknown or empty name is a German usage error (exit 2), nothing written', () => {
    const out = path.join(tmp, 'never');
    for (const [given, message] of [
      ['pdf,odt', /unbekanntes Ausgabeformat „odt“ für --formats \(erlaubt: pdf, html, docx\)/],
      ['dox', /unbekanntes Ausgabeformat „dox“ für --formats \(meinten Sie „docx“\?\)/],
      ['pdf,', /leere Angabe in --formats/],
    ] as const) {
      const r = cli(['build', '--content', 'content', '--out', out, '--formats', given]);
      expect(r.status, given).toBe(2);
      expect(r.stderr, given).toMatch(message);
      expect(r.stderr).not.toMatch(/\bat \w+ \(/);
    }
    expect(existsSync(out)).toBe(false);
    const serve = cli(['serve', '--content', 'content', '--out', out, '--port', '0', '--formats', 'word']);
    expect(serve.status).toBe(2);
    expect(serve.stderr).toMatch(/unbekanntes Ausgabeformat „word“/);
  });
});

describe('a reference document in templates/ (vorlage.docx)', () => {
  let docx: Buffer;
  let konzept: Buffer;
  beforeAll(async () => {
    const templates = await templatesWith('mit-vorlage', { 'vorlage.docx': referenceDocx() });
    const result = await runPipeline({ content: FIXTURE_CONTENT, templates, renderers: [docxRenderer], jobs: 1 });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    docx = result.files!.get('vorlagen/11-1702.docx') as Buffer;
    konzept = result.files!.get('konzept/integrationskonzept.docx') as Buffer;
  }, 300_000);

  it('gives the Vorlage its styles (dark red Liberation Serif headings under the German ids), margins, header and footer', () => {
    const parts = docxParts(docx);
    const styles = parts.get('word/styles.xml')!;
    expect(styles).toMatch(/<w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="heading 1"\/>[\s\S]*?<w:color w:val="C00000"\/>/);
    expect(styles).not.toMatch(/w:styleId="Heading1"/);
    const doc = parts.get('word/document.xml')!;
    expect(doc).toMatch(/<w:pgMar w:top="1134" w:right="851" w:bottom="1134" w:left="1701"/);
    const headers = [...parts].filter(([n]) => /^word\/reference-header\d\.xml$/.test(n)).map(([, x]) => x).join('');
    expect(headers).toContain('Der Oberbürgermeister');
    // The text is still the Vorlage's.
    expect(docxParagraphs(docx).map((p) => p.text).join(' ')).toContain('Beschlussvorschlag:');
  });

  it('LibreOffice shows the reference\'s heading font and colour, its header and footer', async () => {
    // Soft hyphens (the DOCX's optional hyphens) are invisible to a reader.
    const fodt = (await convertWithLibreOffice(new Map([['konzept.docx', konzept]]), 'fodt')).converted.get('konzept.docx')!.toString('utf8').replace(/\u00ad/g, '');
    const heading = /<style:style style:name="Heading_20_1"[\s\S]*?<\/style:style>/.exec(fodt)?.[0] ?? '';
    expect(heading).toMatch(/fo:color="#c00000"/i);
    expect(heading).toContain('Liberation Serif');
    expect(fodt).toMatch(/<text:h\b[^>]*text:style-name="[^"]*"[^>]*text:outline-level="1"[^>]*>[\s\S]*?Einleitung/);
    const pdf = (await convertWithLibreOffice(new Map([['vorlage.docx', docx]]), 'pdf')).converted.get('vorlage.docx')!;
    const margins = { top: (20 * 72) / 25.4, bottom: (20 * 72) / 25.4 };
    expect((await pdfRegionText(pdf, 'header', margins))[1]).toContain('Stadt Musterstadt – Der Oberbürgermeister');
    expect((await pdfRegionText(pdf, 'footer', margins))[1]).toContain('Rathausplatz 1');
  }, 600_000);

  it('its page is the one the content is laid out for: tables take the text width of its margins', async () => {
    // 50 mm left margin instead of the fixture's 30 mm: the text area is 20 mm narrower than the theme's.
    const wide = referenceDocx((name, text) => (name === 'word/document.xml' ? text.replace('w:left="1701"', 'w:left="2835"') : text));
    const templates = await templatesWith('breiter-rand', { 'vorlage.docx': wide });
    const result = await runPipeline({ content: FIXTURE_CONTENT, templates, renderers: [docxRenderer], jobs: 1 });
    const doc = docxParts(result.files!.get('vorlagen/11-1702.docx') as Buffer).get('word/document.xml')!;
    expect(doc).toMatch(/<w:pgMar w:top="1134" w:right="851" w:bottom="1134" w:left="2835"/);
    const textWidth = 11906 - 851 - 2835;
    const tables = [...doc.matchAll(/<w:tblGrid>([\s\S]*?)<\/w:tblGrid>/g)].map((m) => [...m[1].matchAll(/w:w="(\d+)"/g)].reduce((n, c) => n + Number(c[1]), 0));
    expect(tables.length).toBeGreaterThan(2);
    for (const width of tables) expect(width).toBe(textWidth);
  }, 300_000);

  it('the cache key covers the reference document: another one gives another key', async () => {
    const { renderKey } = await import('../../src/output/cache.js');
    const tree = { kind: 'vorlage', outPath: 'x', meta: {}, header: '', blocks: [] } as never;
    const theme = {} as never;
    const base = { fonts: {}, images: new Map(), templates: {} };
    const one = renderKey('docx', tree, theme, { ...base, files: { 'vorlage.docx': referenceDocx() } });
    const other = renderKey('docx', tree, theme, { ...base, files: { 'vorlage.docx': new Uint8Array([...referenceDocx(), 0]) } });
    expect(one).not.toBe(other);
    expect(renderKey('docx', tree, theme, base)).not.toBe(one);
  });

  it('one that is no Word file, or two of them, is an error with file and line in check and build (exit 1, nothing written)', async () => {
    const broken = await templatesWith('kaputt', { 'vorlage.dotx': 'kein Word' });
    const out = path.join(tmp, 'kaputt-out');
    const build = cli(['build', '--content', 'content', '--templates', broken, '--out', out]);
    expect(build.status).toBe(1);
    expect(build.stderr).toMatch(/vorlage\.dotx:1:1: Fehler: Word-Vorlage: Die Word-Vorlage ist keine Word-Datei \(kein gültiges ZIP-Archiv\)/);
    expect(existsSync(out)).toBe(false);
    const check = cli(['check', '--content', 'content', '--templates', broken, '--format', 'json']);
    expect(check.status).toBe(1);
    const listed = JSON.parse(check.stdout) as Array<{ file: string; line: number; column: number; code?: string }>;
    expect(listed.find((d) => d.file.endsWith('vorlage.dotx'))).toMatchObject({ line: 1, column: 1, code: 'reference-document' });
    const stylesMissing = await templatesWith('ohne-stile', { 'vorlage.docx': zipSync({ 'word/document.xml': new TextEncoder().encode('<w:document/>') }) });
    expect(cli(['check', '--content', 'content', '--templates', stylesMissing]).stdout).toMatch(/vorlage\.docx:1:1: .*enthält keine Formatvorlagen/);
    const both = await templatesWith('zwei', { 'vorlage.docx': referenceDocx(), 'vorlage.dotx': referenceDocx() });
    const two = cli(['check', '--content', 'content', '--templates', both]);
    expect(two.status).toBe(1);
    expect(two.stdout).toMatch(/Es gibt zwei Word-Vorlagen: „.*vorlage\.docx“ und „.*vorlage\.dotx“; bitte nur eine behalten/);
  }, 300_000);
});

describe('a Vorlage\'s Word header and footer follow the form\'s page furniture', () => {
  let files: Map<string, Buffer | string>;
  beforeAll(async () => {
    const result = await runPipeline({ content: NECKARWEIL_CONTENT, templates: NECKARWEIL_TEMPLATES, renderers: [docxRenderer], jobs: 1 });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    files = result.files!;
  }, 300_000);

  /** Header and footer parts a section references, by kind (`default`, `first`). */
  function furniture(buf: Buffer): Record<string, string> {
    const parts = docxParts(buf);
    const doc = parts.get('word/document.xml')!;
    const rels = parts.get('word/_rels/document.xml.rels')!;
    const out: Record<string, string> = {};
    for (const m of doc.matchAll(/<w:(header|footer)Reference w:type="(\w+)" r:id="(\w+)"\/>/g)) {
      const target = new RegExp(`Id="${m[3]}"[^>]*Target="([^"]+)"`).exec(rels)![1];
      out[`${m[1]} ${m[2]}`] = parts.get(`word/${target}`)!;
    }
    expect(doc).toContain('<w:titlePg/>');
    return out;
  }
  const text = (xml: string) => docxParagraphsOf(xml);

  it('Neckarweil 2024: „– {seite} –“ centred in the header as a PAGE field, the first page and the footer empty', async () => {
    const f = furniture(files.get('vorlagen/117-2024.docx') as Buffer);
    expect(f['header default']).toMatch(/<w:jc w:val="center"\/>/);
    expect(f['header default']).toMatch(/<w:t[^>]*>– <\/w:t>[\s\S]*<w:instrText[^>]*>PAGE<\/w:instrText>[\s\S]*<w:t[^>]*> –<\/w:t>/);
    expect(text(f['header first'])).toBe('');
    expect(text(f['footer default'])).toBe('');
    expect(text(f['footer first'])).toBe('');
    // LibreOffice fills the field: page 2 shows „– 2 –“ at its top, page 1 nothing.
    const pdf = (await convertWithLibreOffice(new Map([['117-2024.docx', files.get('vorlagen/117-2024.docx') as Buffer]]), 'pdf')).converted.get('117-2024.docx')!;
    const headers = await pdfRegionText(pdf, 'header', { top: (20 * 72) / 25.4, bottom: (20 * 72) / 25.4 });
    expect(headers.length).toBeGreaterThan(1);
    expect(headers[0]).toBe('');
    expect(headers[1]).toBe('– 2 –');
  }, 300_000);

  it('Neckarweil\'s form of 2023: „Seite {seite} von {seiten}“ right in the footer with PAGE and NUMPAGES, on the first page too', () => {
    const f = furniture(files.get('vorlagen/88-2023.docx') as Buffer);
    for (const kind of ['footer default', 'footer first']) {
      expect(f[kind]).toMatch(/<w:jc w:val="right"\/>/);
      expect(f[kind]).toMatch(/<w:t[^>]*>Seite <\/w:t>[\s\S]*<w:instrText[^>]*>PAGE<\/w:instrText>[\s\S]*<w:t[^>]*> von <\/w:t>[\s\S]*<w:instrText[^>]*>NUMPAGES<\/w:instrText>/);
    }
  });

  it('left, centre and right parts share one line with a centre and a right tab stop', async () => {
    const form = (await fs.readFile(path.join(NECKARWEIL_TEMPLATES, 'vorlage.yaml'), 'utf8')).replace('kopf: { mitte: "– {seite} –" }', 'kopf: { links: "{kommune}", mitte: "{nummer}", rechts: "Seite {seite}" }');
    const dir = path.join(tmp, 'neckarweil-templates');
    await fs.cp(NECKARWEIL_TEMPLATES, dir, { recursive: true });
    await fs.writeFile(path.join(dir, 'vorlage.yaml'), form);
    const result = await runPipeline({ content: NECKARWEIL_CONTENT, templates: dir, renderers: [docxRenderer], jobs: 1 });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const header = furniture(result.files!.get('vorlagen/117-2024.docx') as Buffer)['header default'];
    const width = 11906 - 1134 - 1417; // A4 less Neckarweil's 20 mm right and 25 mm left margins
    expect(header).toContain(`<w:tab w:val="center" w:pos="${Math.round(width / 2)}"/>`);
    expect(header).toContain(`<w:tab w:val="right" w:pos="${width}"/>`);
    expect(text(header)).toMatch(/^Stadt Neckarweil\t117\/2024\tSeite $/);
  }, 300_000);
});

/** The text of the paragraphs of a header or footer part (tabs as `\t`, fields left out). */
function docxParagraphsOf(xml: string): string {
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/g)].map((m) => (m[0] === '<w:tab/>' ? '\t' : m[1])).join('').replace(/&amp;/g, '&');
}
