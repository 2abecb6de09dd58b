/**
 * Anlagen go somewhere (issue 20, point 1): every `anlagen: - datei:` is copied into out/
 * beside its Vorlage under a stable name, linked from the Vorlage (HTML and PDF) and from the
 * index with its type and size; `anlagen: anhaengen` (form) or `anhaengen: true` (Anlage)
 * appends a PDF's pages to the Vorlage's PDF, with a bookmark and the Anlage's own bookmarks
 * below it, and drops the PDF/UA and PDF/A claims of that file. The Konzept as Anlage links
 * the Konzept's file of the same format. Read back with pdf.js from the bytes.
 */
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/pipeline/pipeline.js';
import { checkContent } from '../../src/model/check.js';
import { FormSchema } from '../../src/theme/form.js';
import { brief, cleanupTemp, fixture, tempDir, type Fixture } from '../check/fixture.js';
import { loadPdf, pdfItems, pdfMetadata, pdfText } from '../helpers/pdf-text.js';
import { FIXTURE_PROJECT } from '../helpers/fixtures.js';
import { readable } from '../helpers/html-text.js';
import { countPdfPages } from '../../src/render/pdf/renderer.js';

afterAll(cleanupTemp);

const BESCHEID = 'vorlagen/1-2024/anlage-2-bescheid.pdf';

async function build(content: string, templates?: string) {
  const r = await runPipeline({ content, jobs: 1, ...(templates ? { templates } : {}) });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  // HTML as a reader's copy holds it (no soft hyphens or no-break spans of the typesetting).
  return new Map([...r.files!].map(([name, data]) => [name, name.endsWith('.html') ? readable(data as string) : data]));
}

/** A templates folder with only a form (`templates/vorlage.yaml`). */
async function formFolder(yaml: string): Promise<string> {
  const dir = await tempDir('ratsdoc-form-');
  await fs.writeFile(path.join(dir, 'vorlage.yaml'), yaml);
  return dir;
}

/** Every text item of each page (appended pages have their own margins: all regions). */
async function pageTexts(pdf: Uint8Array): Promise<string[]> {
  return (await pdfItems(pdf)).map((items) => items.map((i) => i.str).join(' ').replace(/\s+/g, ' ').trim());
}

async function outline(pdf: Uint8Array): Promise<Array<{ title: string; items: string[]; page: number }>> {
  const doc = await loadPdf(pdf);
  try {
    const items = (await doc.getOutline()) ?? [];
    return Promise.all(items.map(async (o) => {
      const dest = typeof o.dest === 'string' ? await doc.getDestination(o.dest) : o.dest;
      const page = dest ? (await doc.getPageIndex(dest[0] as { num: number; gen: number })) + 1 : 0;
      return { title: o.title, items: o.items.map((i) => i.title), page };
    }));
  } finally {
    await doc.destroy();
  }
}

async function linkUrls(pdf: Uint8Array): Promise<string[]> {
  const doc = await loadPdf(pdf);
  try {
    const urls: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      for (const a of await (await doc.getPage(n)).getAnnotations()) if (a.subtype === 'Link' && (a.unsafeUrl || a.url)) urls.push(a.unsafeUrl ?? a.url);
    }
    return [...new Set(urls)];
  } finally {
    await doc.destroy();
  }
}

describe('Anlagen are copied beside their Vorlage and linked (musterstadt)', () => {
  let f: Fixture;
  let files: Map<string, Buffer | string>;

  it('the file is in out/ under a stable name, byte for byte', async () => {
    f = await fixture('musterstadt');
    files = await build(f.dir);
    const copy = files.get(BESCHEID) as Buffer;
    expect(copy).toBeInstanceOf(Buffer);
    expect(Buffer.compare(copy, readFileSync(f.abs('anlagen/bescheid.pdf')))).toBe(0);
    // Only the file Anlage is copied (the Konzept is a document of its own).
    expect([...files.keys()].filter((k) => k.startsWith('vorlagen/1-2024/'))).toEqual([BESCHEID]);
  });

  it('the Vorlage’s HTML links the copy and the Konzept’s HTML, with type and size', () => {
    const html = files.get('vorlagen/1-2024.html') as string;
    expect(html).toContain('<a href="1-2024/anlage-2-bescheid.pdf">Anlage 2: Zuwendungsbescheid der Bezirksregierung</a> (PDF, 17,2\u00a0kB)');
    expect(html).toContain('<a href="../konzept/integrationskonzept.html">Anlage 1: Integrationskonzept der Stadt Musterstadt</a>');
    expect(files.has('konzept/integrationskonzept.html')).toBe(true);
  });

  it('the Vorlage’s PDF names the Anlage with its size and links the copy and the Konzept’s PDF', async () => {
    const pdf = files.get('vorlagen/1-2024.pdf') as Buffer;
    expect(await pdfText(pdf)).toMatch(/Anlage 2: Zuwendungsbescheid der Bezirksregierung \(PDF, 17,2\skB\)/);
    expect((await linkUrls(pdf)).sort()).toEqual(['../konzept/integrationskonzept.pdf', '1-2024/anlage-2-bescheid.pdf']);
    // Without anhaengen the PDF is the Vorlage alone.
    expect(countPdfPages(pdf)).toBe(1);
  });

  it('the index links the copy from the Vorlage’s row', () => {
    const index = files.get('index.html') as string;
    expect(index).toMatch(/<a href="vorlagen\/1-2024\/anlage-2-bescheid\.pdf">Anlage 2 \(PDF, 17,2\u00a0kB\)<span class="visually-hidden"> zu Vorlage 1\/2024<\/span><\/a>/);
  });
});

describe('anlagen: anhaengen', () => {
  it('in the form: the Anlage’s two pages follow the Vorlage, with its bookmarks under one for the Anlage', async () => {
    const f = await fixture('musterstadt');
    const templates = await formFolder('anlagen: anhaengen\n');
    const files = await build(f.dir, templates);
    const pdf = files.get('vorlagen/1-2024.pdf') as Buffer;
    const pages = await pageTexts(pdf);
    expect(pages).toHaveLength(3);
    expect(pages[0]).toContain('Bestandteile dieser Vorlage sind:');
    expect(pages[1]).toBe('Zuwendungsbescheid Bewilligt werden 4.500,00 € für Lesepatenschaften (Beispieldaten).');
    expect(pages[2]).toBe('Nebenbestimmungen Der Verwendungsnachweis ist bis zum 30.06.2025 vorzulegen.');
    expect(await outline(pdf)).toEqual([{ title: 'Anlage 2: Zuwendungsbescheid der Bezirksregierung', items: ['Zuwendungsbescheid', 'Nebenbestimmungen'], page: 2 }]);
    // The file is still copied and linked.
    expect(files.has(BESCHEID)).toBe(true);
    // Untagged pages: neither PDF/UA nor PDF/A is claimed for this file, still for the others.
    const xmp = (pdf as Buffer).toString('latin1');
    expect(xmp).not.toMatch(/pdfuaid|pdfaid/);
    expect((await pdfMetadata(pdf)).xmp('dc:title')).toBe('Integrationskonzept der Stadt Musterstadt');
    expect((files.get('vorlagen/2-2024.pdf') as Buffer).toString('latin1')).toMatch(/<pdfuaid:part>1<\/pdfuaid:part>/);
    // The index counts the appended pages.
    expect(files.get('index.html') as string).toMatch(/PDF<span class="visually-hidden">: Vorlage 1\/2024 \(3 Seiten\)/);
  }, 120_000);

  it('is byte-identical on every rebuild', async () => {
    const f = await fixture('musterstadt');
    await f.replace('vorlagen/1-2024.md', '    datei: anlagen/bescheid.pdf\n', '    datei: anlagen/bescheid.pdf\n    anhaengen: true\n');
    const a = (await build(f.dir)).get('vorlagen/1-2024.pdf') as Buffer;
    const b = (await build(f.dir)).get('vorlagen/1-2024.pdf') as Buffer;
    expect(countPdfPages(a)).toBe(3);
    expect(Buffer.compare(a, b)).toBe(0);
  }, 120_000);

  it('per Anlage: anhaengen: false keeps a file out of the PDF even when the form appends', async () => {
    const f = await fixture('musterstadt');
    await f.replace('vorlagen/1-2024.md', '    datei: anlagen/bescheid.pdf\n', '    datei: anlagen/bescheid.pdf\n    anhaengen: false\n');
    const files = await build(f.dir, await formFolder('anlagen: anhaengen\n'));
    expect(countPdfPages(files.get('vorlagen/1-2024.pdf') as Buffer)).toBe(1);
    expect(files.has(BESCHEID)).toBe(true);
  }, 120_000);
});

describe('what cannot be appended is an error with its place', () => {
  const APPEND = FormSchema.parse({ anlagen: 'anhaengen' });

  it('anhaengen on the Konzept or on a file that is no PDF', async () => {
    const f = await fixture('musterstadt');
    await f.write('anlagen/plan.png', readFileSync(path.join(FIXTURE_PROJECT, 'content/anlagen/wappen.png')));
    await f.replace('vorlagen/1-2024.md', '    konzept: true\n', '    konzept: true\n    anhaengen: true\n');
    await f.replace('vorlagen/1-2024.md', 'unterschriften:', '  - titel: Lageplan\n    datei: anlagen/plan.png\n    anhaengen: true\nunterschriften:');
    const { diagnostics } = await checkContent(f.dir);
    expect(diagnostics.map((d) => brief({ ...d, file: f.rel(d.file) }))).toEqual([
      'vorlagen/1-2024.md:16:16 anlage-append-not-pdf error Vorlage „1/2024“: Anlage 1 nennt keine Datei; angehängt werden nur PDF-Dateien („datei: ….pdf“)',
      'vorlagen/1-2024.md:21:16 anlage-append-not-pdf error Vorlage „1/2024“: Anlage 3 „anlagen/plan.png“ ist keine PDF-Datei; angehängt werden nur PDF-Dateien („datei: ….pdf“)',
    ]);
  });

  it('a .pdf that is none, and a PDF that cannot be read when it is to be appended', async () => {
    const f = await fixture('musterstadt');
    await f.write('anlagen/bescheid.pdf', 'Das ist ein Text, kein PDF.\n');
    expect((await checkContent(f.dir)).diagnostics.map((d) => brief({ ...d, file: f.rel(d.file) }))).toEqual([
      'vorlagen/1-2024.md:17:12 file-invalid error Vorlage „1/2024“: Anlage „anlagen/bescheid.pdf“ ist keine PDF-Datei, obwohl sie auf .pdf endet',
    ]);
    await f.write('anlagen/bescheid.pdf', '%PDF-1.4\nkaputt\n%%EOF\n');
    // Only appending needs to read it: beilegen copies the bytes as they are.
    expect((await checkContent(f.dir)).diagnostics).toEqual([]);
    const appended = (await checkContent(f.dir, APPEND)).diagnostics;
    expect(appended.map((d) => `${f.rel(d.file)}:${d.line}:${d.column} ${d.code}`)).toEqual(['vorlagen/1-2024.md:17:12 anlage-append-unreadable']);
    expect(appended[0].message).toMatch(/^Anlage „anlagen\/bescheid\.pdf“ (hat keine Seiten|kann nicht gelesen werden)/);
  });
});

describe('the example’s Vorlage 11/1702 (tests/fixtures/bergkamen)', () => {
  it('its Zuwendungsbescheid is in out/, linked from its HTML and the index, and with anhaengen a page of its PDF', async () => {
    const base = await tempDir();
    await fs.cp(FIXTURE_PROJECT, base, { recursive: true });
    const content = path.join(base, 'content');
    const file = 'vorlagen/11-1702/anlage-2-zuwendungsbescheid.pdf';
    const plain = await build(content, path.join(base, 'templates'));
    expect(Buffer.compare(plain.get(file) as Buffer, readFileSync(path.join(content, 'anlagen/zuwendungsbescheid.pdf')))).toBe(0);
    expect(plain.get('vorlagen/11-1702.html') as string).toContain('<a href="11-1702/anlage-2-zuwendungsbescheid.pdf">Anlage 2: Zuwendungsbescheid der Bezirksregierung Arnsberg</a> (PDF, 1,3\u00a0kB)');
    expect(plain.get('index.html') as string).toContain(`<a href="${file}">Anlage 2 (PDF, 1,3\u00a0kB)`);
    const before = countPdfPages(plain.get('vorlagen/11-1702.pdf') as Buffer);

    const v = path.join(content, 'vorlagen/11-1702.md');
    await fs.writeFile(v, (await fs.readFile(v, 'utf8')).replace('    datei: anlagen/zuwendungsbescheid.pdf\n', '    datei: anlagen/zuwendungsbescheid.pdf\n    anhaengen: true\n'));
    const pdf = (await build(content, path.join(base, 'templates'))).get('vorlagen/11-1702.pdf') as Buffer;
    const pages = await pageTexts(pdf);
    expect(pages).toHaveLength(before + 1);
    expect(pages[before]).toContain('Zuwendungsbescheid (Platzhalter) Bezirksregierung Arnsberg an die Stadt Bergkamen');
    expect((await outline(pdf)).at(-1)).toEqual({ title: 'Anlage 2: Zuwendungsbescheid der Bezirksregierung Arnsberg', items: [], page: before + 1 });
  }, 180_000);
});
