/**
 * The DOCX renderer on small trees: every block type, byte-identical output, a loud failure
 * for a node type it does not know, and a city's reference document (tests/fixtures/docx-reference).
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import type { Block, DocumentTree, Inline } from '../src/document/tree.js';
import { renderDocx, type DocxAssets } from '../src/render/docx/render.js';
import { referenceProblem } from '../src/render/docx/reference.js';
import { ThemeSchema } from '../src/theme/theme.js';
import { docxEntries, docxParagraphs, docxParts } from './helpers/docx-text.js';
import { convertWithLibreOffice } from './helpers/libreoffice.js';
import { FIXTURE_CONTENT } from './helpers/fixtures.js';
import { pdfRegionText } from './helpers/pdf-text.js';

const ROOT = path.resolve(__dirname, '..');
const theme = ThemeSchema.parse({});
const wappen = path.join(FIXTURE_CONTENT, 'anlagen/wappen.png');
const ttf = (f: string) => readFileSync(path.join(ROOT, 'node_modules/dejavu-fonts-ttf/ttf', f));
const assets: DocxAssets = {
  images: new Map([[wappen, readFileSync(wappen)]]),
  fonts: ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map(ttf),
  families: { 'DejaVu Sans': { normal: ttf('DejaVuSans.ttf'), bold: ttf('DejaVuSans-Bold.ttf'), italics: ttf('DejaVuSans-Oblique.ttf'), bolditalics: ttf('DejaVuSans-BoldOblique.ttf') } },
};
const t = (value: string): Inline => ({ type: 'text', value });
const p = (...children: Inline[]): Block => ({ type: 'paragraph', children });

const CHART = '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="100" viewBox="0 0 300 100"><rect x="10" y="10" width="80" height="80" fill="#003d6b"/><text x="100" y="50" font-size="10" font-family="DejaVu Sans">Zuzüge</text></svg>';

function tree(extra: Block[] = []): DocumentTree {
  return {
    kind: 'vorlage',
    outPath: 'vorlagen/1-2024',
    meta: { title: 'Prüfvorlage', author: 'Stadt Musterstadt', subject: 'Beschlussvorlage 1/2024', keywords: ['Vorlage 1/2024'], lang: 'de-DE', created: new Date('2024-03-01T00:00:00Z') },
    header: 'Vorlage 1/2024',
    blocks: [
      { type: 'logo', path: wappen, alt: 'Wappen: Stadt Musterstadt' },
      { type: 'fieldList', fields: [{ key: 'betreff', label: 'Betreff', value: [t('Prüfvorlage')] }] },
      { type: 'heading', depth: 1, anchor: 'einleitung', toc: false, children: [t('Einleitung')] },
      p(t('Siehe '), { type: 'link', url: 'https://www.example.org/rat', children: [t('Ratsinformation')] }, t(' und '), { type: 'link', url: '#einleitung', children: [t('oben')] }, t('.'), { type: 'footnoteRef', number: 1, anchor: 'fn-1' }),
      p({ type: 'strong', children: [t('fett '), { type: 'emphasis', children: [t('kursiv')] }] }, { type: 'delete', children: [t('alt')] }, { type: 'inlineCode', value: 'x = 1' }, { type: 'break' }, t('☐ nein ☒ ja')),
      { type: 'list', ordered: true, start: 3, items: [[p(t('drei'))], [p(t('vier')), { type: 'list', ordered: false, items: [[p(t('Punkt'))]] }]] },
      { type: 'blockquote', children: [p(t('Zitat'))] },
      { type: 'code', value: 'a\n  b' },
      { type: 'thematicBreak' },
      { type: 'image', path: wappen, src: 'anlagen/wappen.png', alt: 'Das Wappen', title: 'Wappen', width: 30 },
      { type: 'chart', svg: CHART, width: 300, height: 100, alt: 'Zuzüge 2019: 120', caption: 'Abbildung 1' },
      { type: 'table', variant: 'grid', caption: 'Tabelle', widths: [1, 3], headerRows: [[{ children: [t('A')], header: true }, { children: [t('B')], header: true }]], rows: [[{ children: [t('1')] }, { children: [t('2')], align: 'right' }]], footerRows: [[{ children: [t('Summe')], header: true, colSpan: 2 }]] },
      { type: 'banner', text: 'ENTWURF' },
      { type: 'footnotes', items: [{ number: 1, anchor: 'fn-1', children: [p(t('Quelle: Statistik.'))] }] },
      { type: 'signatures', layout: 'stack', items: [{ funktion: 'Der Bürgermeister', name: 'Muster' }] },
      ...extra,
    ],
  };
}

describe('DOCX renderer', () => {
  let buf: Buffer;
  beforeAll(async () => {
    buf = await renderDocx(tree(), theme, assets);
  });

  it('renders every block type into the body, in order', () => {
    const texts = docxParagraphs(buf).map((x) => x.text).filter(Boolean);
    expect(texts).toEqual([
      'Betreff', 'Prüfvorlage', 'Einleitung', 'Siehe Ratsinformation und oben. 1 ', 'fett kursivaltx = 1 ☐ nein ☒ ja',
      '3. drei', '4. vier', 'Punkt', 'Zitat', 'a   b', 'Abbildung 1', 'Tabelle', 'A', 'B', '1', '2', 'Summe', 'ENTWURF', 'Der Bürgermeister', 'Muster',
    ]);
  });

  it('writes an external link as a hyperlink relationship and an internal one to a bookmark', () => {
    const parts = docxParts(buf);
    const doc = parts.get('word/document.xml')!;
    const rid = /<w:hyperlink\b[^>]*r:id="(rId\d+)"/.exec(doc)?.[1];
    expect(rid).toBeTruthy();
    expect(parts.get('word/_rels/document.xml.rels')).toMatch(new RegExp(`Id="${rid}"[^>]*Target="https://www.example.org/rat"[^>]*TargetMode="External"`));
    expect(doc).toMatch(/<w:hyperlink\b[^>]*w:anchor="a_einleitung"/);
    expect(doc).toMatch(/<w:bookmarkStart w:name="a_einleitung" w:id="\d+"\/>/);
  });

  it('links another document of the build to its Word file beside this one (and the place in it), its own places to bookmarks', async () => {
    const withLinks = await renderDocx(tree([
      p({ type: 'documentLink', document: 'konzept/integrationskonzept', anchor: 'indikator-i-03', children: [t('Profil I-03')] }),
      p({ type: 'documentLink', document: 'vorlagen/11-1481', children: [t('11/1481')] }),
      p({ type: 'documentLink', document: 'vorlagen/1-2024', anchor: 'einleitung', children: [t('hier')] }),
    ]), theme, assets);
    const parts = docxParts(withLinks);
    const rels = parts.get('word/_rels/document.xml.rels')!;
    // The place in the other file is the hyperlink's anchor (`docx` moves `#…` there, as Word writes it).
    const rid = /Id="(rId\d+)"[^>]*Target="\.\.\/konzept\/integrationskonzept\.docx" TargetMode="External"/.exec(rels)?.[1];
    expect(rid).toBeTruthy();
    expect(parts.get('word/document.xml')).toContain(`<w:hyperlink w:history="1" w:anchor="a_indikator_i_03" r:id="${rid}">`);
    expect(rels).toMatch(/Target="11-1481\.docx" TargetMode="External"/);
    expect(parts.get('word/document.xml')).toMatch(/<w:hyperlink w:history="1" w:anchor="a_einleitung">(?:(?!<\/w:hyperlink>)[\s\S])*hier/);
    expect(docxParagraphs(withLinks).map((x) => x.text)).toEqual(expect.arrayContaining(['Profil I-03', '11/1481', 'hier']));
  });

  it('gives two renders, with other documents rendered between them, identical bytes with fixed zip times', async () => {
    await renderDocx(tree([{ type: 'heading', depth: 2, anchor: 'x', toc: false, children: [t('Anderes')] }]), theme, assets);
    const again = await renderDocx(tree(), theme, assets);
    expect(again.equals(buf)).toBe(true);
    // Every local file header is dated 1980-01-01 00:00 (DOS time 0, date 0x21).
    for (let at = buf.indexOf('PK\u0003\u0004'); at >= 0; at = buf.indexOf('PK\u0003\u0004', at + 4)) {
      expect(buf.readUInt16LE(at + 10)).toBe(0);
      expect(buf.readUInt16LE(at + 12)).toBe(0x21);
    }
    expect([...docxEntries(buf).keys()][0]).toBe('[Content_Types].xml');
  });

  it('fails loudly on a node type it does not know instead of dropping it', async () => {
    const bad = tree([{ type: 'checklist', items: [] } as unknown as Block]);
    await expect(renderDocx(bad, theme, assets)).rejects.toThrow(/unbekannter Block-Knotentyp „checklist“/);
    const badInline = tree([p({ type: 'mention', value: 'x' } as unknown as Inline)]);
    await expect(renderDocx(badInline, theme, assets)).rejects.toThrow(/unbekannter Inline-Knotentyp „mention“/);
  });
});

/** The reference document fixture, zipped as Word would store it. */
function referenceDocx(): Uint8Array {
  const dir = path.join(ROOT, 'tests/fixtures/docx-reference/vorlage');
  const files: Record<string, Uint8Array> = {};
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(dir, rel))) {
      const r = rel ? `${rel}/${name}` : name;
      if (statSync(path.join(dir, r)).isDirectory()) walk(r);
      else files[r] = readFileSync(path.join(dir, r));
    }
  };
  walk('');
  return zipSync(files);
}

describe('DOCX with a reference document (templates/vorlage.docx)', () => {
  let buf: Buffer;
  beforeAll(async () => {
    buf = await renderDocx(tree(), theme, { ...assets, reference: { file: 'templates/vorlage.docx', bytes: referenceDocx() } });
  });

  it('uses its styles (found by built-in name under its German ids), its page margins, header and footer', () => {
    const parts = docxParts(buf);
    const doc = parts.get('word/document.xml')!;
    const styles = parts.get('word/styles.xml')!;
    expect(styles).toMatch(/<w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="heading 1"\/>[\s\S]*?<w:color w:val="C00000"\/>/);
    expect(styles).not.toMatch(/w:styleId="Heading1"/);
    expect(doc).toContain('<w:pStyle w:val="berschrift1"/>');
    // ratsdoc's own styles the reference lacks are kept, based on the reference's Normal.
    expect(styles).toMatch(/<w:style w:type="paragraph" w:styleId="TableText">[\s\S]*?<w:basedOn w:val="Standard"\/>/);
    expect(doc).toMatch(/<w:pgMar w:top="1134" w:right="851" w:bottom="1134" w:left="1701"/);
    const header = [...parts].find(([n]) => /^word\/reference-header\d\.xml$/.test(n))?.[1];
    expect(header).toContain('Der Oberbürgermeister');
    expect([...parts.keys()].filter((n) => /^word\/header\d+\.xml$/.test(n))).toEqual([]);
    expect(doc).not.toContain('Dieser Text der Mustervorlage');
    expect(parts.get('[Content_Types].xml')).toMatch(/PartName="\/word\/reference-header1\.xml"/);
  });

  it('LibreOffice shows the reference\'s heading colour and font, header and footer', async () => {
    const { converted } = await convertWithLibreOffice(new Map([['mit-vorlage.docx', buf]]), 'fodt');
    const fodt = converted.get('mit-vorlage.docx')!.toString('utf8');
    const heading = /<style:style style:name="Heading_20_1"[\s\S]*?<\/style:style>/.exec(fodt)?.[0] ?? '';
    expect(heading).toMatch(/fo:color="#c00000"/i);
    expect(heading).toContain('Liberation Serif');
    const pdf = (await convertWithLibreOffice(new Map([['mit-vorlage.docx', buf]]), 'pdf')).converted.get('mit-vorlage.docx')!;
    const top = await pdfRegionText(pdf, 'header', { top: 20 * 72 / 25.4, bottom: 20 * 72 / 25.4 });
    expect(top[0]).toContain('Stadt Musterstadt – Der Oberbürgermeister');
    const bottom = await pdfRegionText(pdf, 'footer', { top: 20 * 72 / 25.4, bottom: 20 * 72 / 25.4 });
    expect(bottom[0]).toContain('Rathausplatz 1');
  }, 300_000);

  it('names what is wrong with a file that is no Word document', () => {
    expect(referenceProblem(new TextEncoder().encode('kein zip'))).toMatch(/keine Word-Datei/);
    expect(referenceProblem(zipSync({ 'a.txt': new Uint8Array([1]) }))).toMatch(/word\/document\.xml fehlt/);
    expect(referenceProblem(referenceDocx())).toBeNull();
  });
});
