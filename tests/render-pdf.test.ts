import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import { describe, it, expect, vi } from 'vitest';
import pdfmake from 'pdfmake';
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Block, DocumentTree, Inline, TableCell } from '../src/document/tree.js';
import { pdfFromDefinition, renderPdf, toDocDefinition, type PdfRenderOptions } from '../src/render/pdf/render.js';
import { ThemeSchema } from '../src/theme/theme.js';
import { withoutSoftHyphens } from '../src/format/typeset.js';
import { loadPdf, pdfItems, pdfMetadata, pdfPages, pdfRegionText, pdfText } from './helpers/pdf-text.js';
import { FIXTURE_CONTENT } from './helpers/fixtures.js';
import { checkTaggedPdf, hasQpdf } from './helpers/tagged-pdf.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const ttf = (file: string) => readFileSync(path.join(root, 'node_modules/dejavu-fonts-ttf/ttf', file));
const fonts: PdfRenderOptions['fonts'] = {
  'DejaVu Sans': {
    normal: ttf('DejaVuSans.ttf'), bold: ttf('DejaVuSans-Bold.ttf'),
    italics: ttf('DejaVuSans-Oblique.ttf'), bolditalics: ttf('DejaVuSans-BoldOblique.ttf'),
  },
  'DejaVu Sans Mono': {
    normal: ttf('DejaVuSansMono.ttf'), bold: ttf('DejaVuSansMono-Bold.ttf'),
    italics: ttf('DejaVuSansMono-Oblique.ttf'), bolditalics: ttf('DejaVuSansMono-BoldOblique.ttf'),
  },
};
const theme = ThemeSchema.parse({});
const anlagen = path.join(FIXTURE_CONTENT, 'anlagen');
const wappen = existsSync(path.join(anlagen, 'wappen.png')) ? path.join(anlagen, 'wappen.png') : makePng();
const options: PdfRenderOptions = { fonts, images: new Map([[wappen, { mime: 'image/png', data: readFileSync(wappen) }]]) };

/** A small opaque PNG in a temp folder, for checkouts without the example content. */
function makePng(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ratsdoc-pdf-'));
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const [w, h] = [40, 48];
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4); ihdr[8] = 8; ihdr[9] = 2;
  const raw = Buffer.alloc((w * 3 + 1) * h, 0x40);
  for (let y = 0; y < h; y++) raw[y * (w * 3 + 1)] = 0;
  const png = Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
  const file = path.join(dir, 'wappen.png');
  writeFileSync(file, png);
  return file;
}

/** With RATSDOC_PDF_DUMP=<folder>, writes the rendered PDFs there for a look (pdftoppm). */
function dump(name: string, buf: Buffer): void {
  const dir = process.env.RATSDOC_PDF_DUMP;
  if (dir) writeFileSync(path.join(dir, `${name}.pdf`), buf);
}

const t = (value: string): Inline => ({ type: 'text', value });
const p = (...children: Inline[]): Block => ({ type: 'paragraph', children });
const cell = (value: string, extra: Partial<TableCell> = {}): TableCell => ({ children: [t(value)], ...extra });

const SACHDARSTELLUNG = [
  'Aufgrund erhaltener Fördermittel aus den Mitteln „Zuweisungen für Integrationsmaßnahmen nach § 14a Teilhabe u. IntegrationsG NRW“ der Bezirksregierung Arnsberg besteht die Möglichkeit, in der Stadt Bergkamen ein Integrationsmanagement durchzuführen.',
  'Der Rat der Stadt Bergkamen hat sich in seiner Sitzung am 21. Februar für die Durchführung dieser Maßnahme entschieden. Die Kosten von 18.500,50 € werden vollständig aus Fördermitteln gedeckt.',
  'Bei diesem Projekt soll im Zeitraum von Januar bis Oktober 2019 die Etablierung einer Willkommens- und Anerkennungskultur innerhalb der Stadtgesellschaft im Vordergrund stehen. Die Verhinderung von weiterer Segregation bzw. konfliktreicher Parallelgesellschaft ist das oberste Ziel. Dies soll durch Bestands- und Bedarfsanalysen in den Sozialräumen eingeleitet werden. Besondere Schwerpunkte sollen auf die strukturelle, soziale und potenzialansatzorientierte Integration gelegt werden, um nachhaltig Erfolge zu erzielen.',
  'Da dieses Projekt, bedingt durch die kurze Zeitspanne, die noch zur Verfügung steht, ein hohes Maß an Erfahrung im Zeit-, Projekt-, Netzwerk- und Integrationsmanagement erfordert, werden zeitnah sowohl die Mitglieder des Integrationsrates als auch alle vorgesehenen Beteiligten durch das Institut zu einem Treffen eingeladen.',
];

function vorlage(title = 'Einführung eines Kommunalen Integrationsmanagements'): DocumentTree {
  return {
    kind: 'vorlage',
    outPath: 'vorlagen/11-1481',
    meta: { title, author: 'Stadt Bergkamen', subject: 'Vorlage 11/1481', keywords: ['Integration', 'KIM'], lang: 'de-DE', created: new Date('2019-02-21T00:00:00Z') },
    header: 'Vorlage 11/1481',
    blocks: [
      { type: 'logo', path: wappen, alt: 'Wappen der Stadt Bergkamen' },
      {
        type: 'fieldList', fields: [
          { key: 'betreff', label: 'Betreff', value: [{ type: 'strong', children: [t(title)] }] },
          { key: 'nummer', label: 'Vorlage', value: [t('11/1481')] },
          { key: 'aktenzeichen', label: 'Aktenzeichen', value: [t('51si-')] },
          { key: 'art', label: 'Art', value: [t('Beschlussvorlage')] },
          { key: 'datum', label: 'Datum', value: [t('21.02.2019')] },
        ],
      },
      { type: 'section', label: 'Beschlussvorschlag:', anchor: 'beschlussvorschlag', children: [p(t('Kenntnisnahme'))] },
      { type: 'section', label: 'Sachdarstellung:', anchor: 'sachdarstellung', children: [...SACHDARSTELLUNG, ...SACHDARSTELLUNG].map((s) => p(t(s))) },
      {
        type: 'section', label: 'Bestandteile dieser Vorlage sind:', anchor: 'bestandteile', children: [{
          type: 'list', ordered: true, items: [
            [p(t('Das Deckblatt'))],
            [p(t('Der Beschlussvorschlag und die Sachdarstellung'))],
            [p(t('Anlage 1: Zuwendungsbescheid'))],
          ],
        }],
      },
      {
        type: 'signatures', layout: 'row', items: [
          { funktion: 'Der Bürgermeister', vertretung: 'In Vertretung', name: 'Busch', amtsbezeichnung: 'Beigeordnete' },
          { funktion: 'Amtsleiter', name: 'Kortendiek' },
          { funktion: 'Sachbearbeiterin', name: 'Siebert' },
        ],
      },
    ],
  };
}

const CHART_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="240" viewBox="0 0 600 240">
<rect x="40" y="40" width="120" height="160" fill="#003d6b"/><rect x="220" y="90" width="120" height="110" fill="#b3541e"/>
<text x="100" y="225" font-family="DejaVu Sans" font-size="14" text-anchor="middle">Diagrammachse Süd</text>
<text x="280" y="225" font-family="DejaVu Sans" font-size="14" text-anchor="middle">Nord</text></svg>`;

function konzept(): DocumentTree {
  const rows = Array.from({ length: 70 }, (_, i) => [
    cell(`M-${String(i + 1).padStart(2, '0')}`), cell(`Maßnahme Nummer ${i + 1} für Öffentlichkeitsarbeit`), cell(`${(i + 1) * 1000},00 €`, { align: 'right' }),
  ]);
  const heading = (depth: 1 | 2 | 3, number: string, text: string, anchor: string): Block => ({ type: 'heading', depth, number, anchor, toc: true, children: [t(text)] });
  return {
    kind: 'konzept',
    outPath: 'konzept/integrationskonzept',
    meta: { title: 'Integrationskonzept der Stadt Bergkamen', author: 'Stadt Bergkamen', subject: 'Integrationskonzept', keywords: ['Integration'], lang: 'de-DE', created: new Date('2019-10-31T00:00:00Z') },
    header: 'Integrationskonzept der Stadt Bergkamen',
    draft: 'ENTWURF',
    blocks: [
      {
        type: 'titlePage', kommune: 'Stadt Bergkamen', logo: { type: 'logo', path: wappen, alt: 'Wappen' },
        title: 'Integrationskonzept der Stadt Bergkamen', subtitle: 'Kommunales Integrationsmanagement 2019',
        fields: [{ label: 'Auftraggeber', value: 'Stadt Bergkamen' }, { label: 'Auftragnehmer', value: 'Institut für soziale Innovation' }, { label: 'Stand', value: 'Oktober 2019' }],
      },
      { type: 'pageBreak' }, // redundant after the title page: must not give a blank page
      { type: 'toc', title: 'Inhaltsverzeichnis' },
      { type: 'pageBreak' },
      { type: 'banner', text: 'ENTWURF – nicht zur Veröffentlichung' },
      heading(1, '1', 'Einleitung', 'einleitung'),
      p(t('Die Stadt Bergkamen erstellt ein Integrationskonzept'), { type: 'footnoteRef', number: 1, anchor: 'fn-1' }, t('. Siehe auch '),
        { type: 'link', url: '#massnahmen', children: [t('die Maßnahmen')] }, t(' und '), { type: 'link', url: 'https://www.bergkamen.de', children: [t('die Website')] }, t('.')),
      p({ type: 'strong', children: [t('Fett, '), { type: 'emphasis', children: [t('fett und kursiv')] }] }, t(', '), { type: 'delete', children: [t('gestrichen')] },
        t(', Code: '), { type: 'inlineCode', value: 'ratsdoc build' }, { type: 'break' }, t('Zweite Zeile mit Größe, Maß und Straße.')),
      heading(2, '1.1', 'Ausgangslage', 'ausgangslage'),
      { type: 'list', ordered: false, items: [[p(t('Punkt eins'))], [p(t('Punkt zwei')), { type: 'list', ordered: true, items: [[p(t('Unterpunkt a'))], [p(t('Unterpunkt b'))]] }]] },
      { type: 'blockquote', children: [p(t('Integration ist eine Aufgabe der ganzen Stadtgesellschaft.'))] },
      { type: 'code', value: 'npx ratsdoc build\n  --content content' },
      { type: 'thematicBreak' },
      { type: 'chart', svg: CHART_SVG, width: 600, height: 240, alt: 'Balkendiagramm', caption: 'Abbildung 1: Zuzüge nach Stadtteil' },
      { type: 'image', path: wappen, src: 'anlagen/wappen.png', alt: 'Wappen', width: 120 },
      { type: 'footnotes', items: [{ number: 1, anchor: 'fn-1', children: [p(t('Fußnotentext mit Quelle: Statistik NRW.'))] }] },
      { type: 'pageBreak', orientation: 'landscape' },
      heading(1, '2', 'Maßnahmen', 'massnahmen'),
      {
        type: 'table', caption: 'Tabelle 1: Maßnahmenübersicht', anchor: 'tab-massnahmen', widths: [1, 4, 2],
        headerRows: [[cell('Nr.', { header: true }), cell('Maßnahmentitel', { header: true }), cell('Kosten', { header: true, align: 'right' })]],
        rows, footerRows: [[cell('Summe', { colSpan: 2 }), cell('2.485.000,00 €', { align: 'right' })]],
      },
      { type: 'pageBreak', orientation: 'portrait' },
      heading(2, '2.1', 'Umsetzung', 'umsetzung'),
      { type: 'keepTogether', children: [p(t('Die Umsetzung beginnt im Januar.')), p(t('Sie endet im Oktober.'))] },
    ],
  };
}

/** Index of the first page (1-based) whose body contains an item starting with `text`, after `from`. */
function pageOf(pages: string[][], text: string, from = 0): number {
  const index = pages.findIndex((items, i) => i >= from && items.some((s) => s.startsWith(text)));
  return index + 1;
}

describe('renderPdf: Vorlage', async () => {
  const buf = await renderPdf(vorlage(), theme, options);
  const pages = await pdfPages(buf);
  dump('vorlage', buf);

  it('renders every text in order, with umlauts, ß, quotes and €', async () => {
    const text = (await pdfText(buf)).replace(/\s+/g, ' ');
    const expected = [
      'Betreff', 'Einführung eines Kommunalen Integrationsmanagements', 'Vorlage', '11/1481', 'Aktenzeichen', '51si-',
      'Beschlussvorschlag:', 'Kenntnisnahme', 'Sachdarstellung:', '„Zuweisungen für Integrationsmaßnahmen', 'IntegrationsG NRW“',
      '18.500,50 €', 'Bestandteile dieser Vorlage sind:',
      // List numbers are drawn before their item (reading order); tables cell by cell.
      '1. Das Deckblatt', '2. Der Beschlussvorschlag und die Sachdarstellung', '3. Anlage 1: Zuwendungsbescheid',
      'Der Bürgermeister', 'In Vertretung', 'Busch', 'Beigeordnete', 'Amtsleiter', 'Kortendiek', 'Sachbearbeiterin', 'Siebert',
    ];
    let at = 0;
    for (const piece of expected) {
      const found = text.indexOf(piece, at);
      expect(found, `"${piece}" after position ${at}`).toBeGreaterThanOrEqual(0);
      at = found + piece.length;
    }
  });

  it('has two pages, the footer "Seite n von 2" and the header from page 2 on', async () => {
    expect(pages.length).toBe(2);
    expect(await pdfRegionText(buf, 'footer')).toEqual(['Seite 1 von 2', 'Seite 2 von 2']);
    expect(await pdfRegionText(buf, 'header')).toEqual(['', 'Vorlage 11/1481']);
  });

  it('writes title, author, subject and language into the metadata', async () => {
    const { info, xmp } = await pdfMetadata(buf);
    expect(info.Title).toBe('Einführung eines Kommunalen Integrationsmanagements');
    expect(info.Author).toBe('Stadt Bergkamen');
    expect(info.Subject).toBe('Vorlage 11/1481');
    expect(info.Keywords).toBe('Integration, KIM');
    expect(info.Creator).toBe('ratsdoc');
    expect(info.Language).toBe('de-DE');
    expect(xmp('dc:title')).toBe('Einführung eines Kommunalen Integrationsmanagements');
    expect(xmp('dc:creator')).toEqual(['Stadt Bergkamen']);
  });

  it('embeds its fonts and declares PDF/A-2a and PDF/UA-1 (its structure tree is complete)', () => {
    const bytes = buf.toString('latin1');
    expect(bytes).toMatch(/\/FontFile2/);
    expect(bytes).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(bytes).toContain('<pdfaid:conformance>A</pdfaid:conformance>');
    expect(bytes).toContain('<pdfuaid:part>1</pdfuaid:part>');
    expect(bytes.startsWith('%PDF-1.7')).toBe(true);
  });

  it('is byte-identical when rendered twice', async () => {
    const again = await renderPdf(vorlage(), theme, options);
    expect(again.equals(buf)).toBe(true);
  });
});

describe('renderPdf: XMP metadata', () => {
  it('escapes & and < in the XMP packet while the Info dictionary keeps the title as written', async () => {
    const title = 'Schule & Beruf <2019> "Übergang"';
    const buf = await renderPdf(vorlage(title), theme, options);
    const bytes = buf.toString('utf8');
    const packet = bytes.slice(bytes.indexOf('<x:xmpmeta'), bytes.indexOf('</x:xmpmeta>') + '</x:xmpmeta>'.length);
    expect(packet).toContain('Schule &amp; Beruf &lt;2019&gt; &quot;Übergang&quot;');
    expect(packet).not.toContain('Schule & Beruf');
    const { info, xmp } = await pdfMetadata(buf);
    expect(info.Title).toBe(title);
    expect(xmp('dc:title')).toBe(title);
  });
});

describe('renderPdf: Konzept', async () => {
  const buf = await renderPdf(konzept(), theme, options);
  const items = await pdfItems(buf);
  dump('konzept', buf);
  const pages = await pdfPages(buf);

  it('lists the TOC entries with the pages their headings are on', () => {
    const tocPage = pages.findIndex((p) => p.includes('Inhaltsverzeichnis'));
    expect(tocPage).toBe(1);
    const toc = pages[tocPage];
    for (const entry of ['1 Einleitung', '1.1 Ausgangslage', '2 Maßnahmen', '2.1 Umsetzung']) {
      const i = toc.indexOf(entry);
      expect(i, entry).toBeGreaterThanOrEqual(0);
      const printed = Number(toc[i + 1]);
      expect(printed, entry).toBe(pageOf(pages, entry, tocPage + 1));
    }
  });

  it('repeats the table header on the following page', () => {
    const withHeader = pages.map((p, i) => (p.includes('Maßnahmentitel') ? i : -1)).filter((i) => i >= 0);
    expect(withHeader.length).toBeGreaterThanOrEqual(2);
    expect(pages[withHeader[1]].some((s) => s.startsWith('M-'))).toBe(true);
    expect(pages[withHeader[withHeader.length - 1]]).toContain('Summe');
  });

  it('renders every node type', async () => {
    const text = (await pdfText(buf)).replace(/\s+/g, ' ');
    for (const piece of [
      'Stadt Bergkamen', 'Kommunales Integrationsmanagement 2019', 'Institut für soziale Innovation', 'ENTWURF – nicht zur Veröffentlichung',
      'Fett, fett und kursiv', 'gestrichen', 'ratsdoc build', 'Zweite Zeile mit Größe, Maß und Straße.', 'Punkt eins', 'Unterpunkt b',
      'Integration ist eine Aufgabe', 'npx ratsdoc build', 'Diagrammachse Süd', 'Abbildung 1: Zuzüge nach Stadtteil',
      'Fußnotentext mit Quelle', 'Tabelle 1: Maßnahmenübersicht', 'M-70', '2.485.000,00 €', 'Die Umsetzung beginnt im Januar.',
    ]) expect(text, piece).toContain(piece);
  });

  it('has no header or footer on the title page, both from page 2 on', () => {
    const header = items.map((p) => p.filter((i) => i.region === 'header').map((i) => i.str).join(''));
    const footer = items.map((p) => p.filter((i) => i.region === 'footer').map((i) => i.str).join(''));
    expect(header[0]).toBe('');
    expect(footer[0]).toBe('');
    expect(items[0].some((i) => i.rotated && i.str === 'ENTWURF')).toBe(true);
    expect(header[1]).toBe('Integrationskonzept der Stadt Bergkamen');
    expect(footer[1]).toBe(`Seite 2 von ${pages.length}`);
  });

  it('links footnote references and internal links, and has bookmarks', async () => {
    const bytes = buf.toString('latin1');
    expect(bytes).toContain('/Outlines');
    expect(bytes).toMatch(/\/Dest \(fn-1\)|\/D \(fn-1\)/);
    expect(bytes).toMatch(/\/Dest \(massnahmen\)|\/D \(massnahmen\)/);
    expect(bytes).toContain('/URI (https://www.bergkamen.de)');
    const doc = await loadPdf(buf);
    const outline = await doc.getOutline();
    expect(outline.map((o) => o.title)).toEqual(['1 Einleitung', '2 Maßnahmen']);
    expect(outline[0].items.map((o) => o.title)).toEqual(['1.1 Ausgangslage']);
    await doc.destroy();
  });

  it('is byte-identical when rendered twice', async () => {
    expect((await renderPdf(konzept(), theme, options)).equals(buf)).toBe(true);
  });

  it('breaks pages without blank pages, switching to landscape and back', async () => {
    const doc = await loadPdf(buf);
    const landscape: boolean[] = [];
    /** Pages that paint an image (the Wappen may stand alone on its page: not blank). */
    const withImage: boolean[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const [x0, y0, x1, y1] = page.view;
      landscape.push(x1 - x0 > y1 - y0);
      withImage.push((await page.getOperatorList()).fnArray.includes(OPS.paintImageXObject));
    }
    await doc.destroy();
    const tablePage = pageOf(pages, '2 Maßnahmen', 2) - 1;
    const umsetzung = pageOf(pages, '2.1 Umsetzung', 2) - 1;
    expect(landscape[tablePage - 1]).toBe(false);
    expect(landscape[tablePage]).toBe(true);
    expect(landscape[umsetzung]).toBe(false);
    expect(pages.every((p, i) => p.length > 0 || withImage[i])).toBe(true);
  });
});

describe('pdfmake setup', () => {
  it('registers the same fonts only once per process', async () => {
    await renderPdf(vorlage(), theme, options);
    const addFonts = vi.spyOn(pdfmake, 'addFonts');
    try {
      await renderPdf(vorlage(), theme, { ...options, fonts: { ...fonts } });
      expect(addFonts).not.toHaveBeenCalled();
    } finally {
      addFonts.mockRestore();
    }
  });
});

describe('toDocDefinition', () => {
  it('converts the theme margins [top, right, bottom, left] mm to pdfmake [left, top, right, bottom] pt', () => {
    const def = toDocDefinition(vorlage(), theme, options);
    const mm = 72 / 25.4;
    expect(def.pageMargins).toEqual([25 * mm, 25 * mm, 20 * mm, 22 * mm]);
  });

  it('refuses images outside the allowed roots', () => {
    const tree = vorlage();
    tree.blocks.unshift({ type: 'image', path: '/etc/passwd', src: '/etc/passwd', alt: '' });
    expect(() => toDocDefinition(tree, theme, options)).toThrow(/außerhalb/);
  });

  it('refuses a theme font that is not registered', () => {
    const other = ThemeSchema.parse({ base: { font_family: 'Comic Sans' } });
    expect(() => toDocDefinition(vorlage(), other, options)).toThrow(/Comic Sans/);
  });
});

/** Every text fragment of a definition (depth first), to take one's tag away. */
function fragments(node: unknown, out: Array<Record<string, unknown>> = []): Array<Record<string, unknown>> {
  if (Array.isArray(node)) node.forEach((n) => fragments(n, out));
  else if (node && typeof node === 'object') {
    const n = node as Record<string, unknown>;
    if (typeof n.text === 'string' && '_tag' in n) out.push(n);
    for (const key of ['text', 'stack', 'columns', 'ul', 'content']) if (key in n) fragments(n[key], out);
    if (n.table) fragments((n.table as { body: unknown }).body, out);
  }
  return out;
}

describe.skipIf(!hasQpdf())('tagged PDF (checker on pdf.js and qpdf)', async () => {
  const vorlageReport = await checkTaggedPdf(await renderPdf(vorlage(), theme, options));
  const konzeptBuf = await renderPdf(konzept(), theme, options);
  const konzeptReport = await checkTaggedPdf(konzeptBuf);

  it('passes on a Vorlage and on a Konzept with every node type', () => {
    expect(vorlageReport.problems).toEqual([]);
    expect(konzeptReport.problems).toEqual([]);
    expect(konzeptReport.untagged).toBe(0);
    for (const role of ['H1', 'H2', 'H3', 'P', 'L', 'LI', 'Lbl', 'LBody', 'Table', 'THead', 'TBody', 'TFoot', 'TR', 'TH', 'TD', 'Figure', 'Caption', 'Link', 'TOC', 'TOCI', 'Note', 'Reference', 'BlockQuote', 'Code']) {
      expect(konzeptReport.roles[role], role).toBeGreaterThan(0);
    }
  });

  it('reads the Vorlage from its structure tree in document order', () => {
    const expected = ['Betreff', 'Einführung eines Kommunalen Integrationsmanagements', 'Vorlage', '11/1481', 'Beschlussvorschlag:', 'Kenntnisnahme',
      'Sachdarstellung:', 'Bestandteile dieser Vorlage sind:', '1.', 'Das Deckblatt', 'Der Bürgermeister', 'In Vertretung', 'Busch', 'Beigeordnete', 'Siebert'];
    let at = 0;
    for (const piece of expected) {
      const found = vorlageReport.readingText.indexOf(piece, at);
      expect(found, `"${piece}" after position ${at}`).toBeGreaterThanOrEqual(0);
      at = found + piece.length;
    }
    expect(vorlageReport.headings.map((h) => `H${h.level} ${h.text}`)).toEqual(['H1 Beschlussvorschlag:', 'H1 Sachdarstellung:', 'H1 Bestandteile dieser Vorlage sind:']);
  });

  it('has the title page title as H1, the chapters below it, the header rows once and the rest as artifacts', () => {
    expect(konzeptReport.headings.map((h) => `H${h.level} ${h.text}`)).toEqual([
      'H1 Integrationskonzept der Stadt Bergkamen', 'H2 Inhaltsverzeichnis', 'H2 1 Einleitung', 'H3 1.1 Ausgangslage', 'H2 2 Maßnahmen', 'H3 2.1 Umsetzung',
    ]);
    // The 70-row table runs over several pages; its repeated header rows are artifacts.
    expect(konzeptReport.tableHeaders).toContainEqual(['Nr.', 'Maßnahmentitel', 'Kosten']);
    const text = konzeptReport.readingText;
    expect(text.split('Maßnahmentitel').length - 1).toBe(1);
    // Running header, footer and watermark are artifacts: not in the tree's text.
    expect(text).not.toMatch(/Seite \d+ von/);
    expect(text.match(/ENTWURF/g)).toEqual(['ENTWURF']); // the banner's, not the watermark's
    expect(text).toContain('Punkt eins Punkt zwei 1. Unterpunkt a 2. Unterpunkt b');
  });

  it('fails when one piece of content is drawn untagged, and then claims neither PDF/UA nor PDF/A level A', async () => {
    const def = toDocDefinition(vorlage(), theme, options);
    const kenntnisnahme = fragments(def.content).find((f) => withoutSoftHyphens(String(f.text)) === 'Kenntnisnahme');
    expect(kenntnisnahme).toBeDefined();
    delete kenntnisnahme!._tag;
    const buf = await pdfFromDefinition(def, options);
    const report = await checkTaggedPdf(buf);
    expect(report.untagged).toBe(1);
    expect(report.problems.join('\n')).toMatch(/^01-005: S\. 1: Text weder getaggt noch Artefakt: „Kenntnisnahme“$/m);
    expect(report.problems.join('\n')).toMatch(/^06-002:/m);
    expect(buf.toString('latin1')).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
  });

  it('fails when a heading level is skipped', async () => {
    const tree = konzept();
    const index = tree.blocks.findIndex((b) => b.type === 'heading' && b.anchor === 'ausgangslage');
    tree.blocks[index] = { ...(tree.blocks[index] as Extract<Block, { type: 'heading' }>), depth: 3 };
    const report = await checkTaggedPdf(await renderPdf(tree, theme, options));
    expect(report.problems).toContain('14-003: H4 „1.1 Ausgangslage“ folgt auf H2');
  });

  it('hangs every link annotation under one Link element per link', async () => {
    const doc = await loadPdf(konzeptBuf);
    let annotations = 0;
    for (let n = 1; n <= doc.numPages; n++) annotations += (await (await doc.getPage(n)).getAnnotations()).filter((a) => a.subtype === 'Link').length;
    await doc.destroy();
    // TOC entries (text and page number) and the two links and the footnote reference in the text.
    expect(annotations).toBeGreaterThanOrEqual(4 * 2 + 3);
    expect(konzeptReport.roles.Link).toBe(4 + 3);
    expect(konzeptReport.problems.filter((p) => p.startsWith('28-'))).toEqual([]);
  });
});
