import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Block, DocumentTree, Inline } from '../src/document/tree.js';
import { renderIndexPage, sortIndexEntries, type IndexEntry } from '../src/render/html/index-page.js';
import { compareNatural } from '../src/render/html/natural-sort.js';
import { renderHtml as renderPage, type HtmlAssets } from '../src/render/html/render.js';
import { readable } from './helpers/html-text.js';

/** The page as a reader's copy holds it (no soft hyphens, no no-break spans; see readable). */
const renderHtml = (...args: Parameters<typeof renderPage>): string => readable(renderPage(...args));
import { ThemeSchema } from '../src/theme/theme.js';

const layout = readFileSync(new URL('../defaults/html/layout.hbs', import.meta.url), 'utf8');
const css = readFileSync(new URL('../defaults/html/style.css', import.meta.url), 'utf8');
const theme = ThemeSchema.parse({});

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const KARTE = '/projekt/content/anlagen/karte.png';
const WAPPEN = '/projekt/content/anlagen/wappen.png';

/** Assets with the two test images. */
export function testAssets(extra: Partial<HtmlAssets> = {}): HtmlAssets {
  return {
    layout,
    css,
    images: new Map([[KARTE, { mime: 'image/png', data: PNG }], [WAPPEN, { mime: 'image/png', data: PNG }]]),
    ...extra,
  };
}

const t = (value: string): Inline => ({ type: 'text', value });
const p = (...children: Inline[]): Block => ({ type: 'paragraph', children });

/** A Vorlage as the builder would make it: cover sheet, sections, list, table, signatures. */
export function vorlageTree(): DocumentTree {
  return {
    kind: 'vorlage',
    outPath: 'vorlagen/11-1481',
    meta: {
      title: 'Integrationskonzept der Stadt Bergkamen – Fortschreibung 2019',
      author: 'Stadt Bergkamen',
      subject: 'Vorlage 11/1481',
      keywords: ['Integration', 'KIM'],
      lang: 'de',
      created: new Date('2019-02-21T00:00:00Z'),
    },
    header: 'Vorlage 11/1481',
    blocks: [
      { type: 'logo', path: WAPPEN, alt: 'Wappen der Stadt Bergkamen' },
      {
        type: 'fieldList',
        fields: [
          { key: 'betreff', label: 'Betreff', value: [t('Integrationskonzept der Stadt Bergkamen – Fortschreibung 2019')] },
          { key: 'nummer', label: 'Vorlage', value: [t('11/1481')] },
          { key: 'datum', label: 'Datum', value: [t('21.02.2019')] },
          { key: 'federfuehrung', label: 'federführend', value: [t('Amt für Schule, Kultur und Weiterbildung')] },
        ],
      },
      {
        type: 'table',
        caption: 'Beratungsfolge',
        headerRows: [[{ children: [t('Gremium')], header: true }, { children: [t('Sitzung')], header: true }, { children: [t('Zuständigkeit')], header: true }]],
        rows: [
          [{ children: [t('Haupt- und Finanzausschuss')], header: true }, { children: [t('12.03.2019')] }, { children: [t('Vorberatung')] }],
          [{ children: [t('Rat der Stadt')], header: true }, { children: [t('28.03.2019')] }, { children: [t('Entscheidung')] }],
        ],
        footerRows: [[{ children: [t('Kosten gesamt')], header: true }, { children: [t('18.500,50\u00a0€')], align: 'right', colSpan: 2 }]],
        anchor: 'beratungsfolge',
      },
      {
        type: 'section',
        label: 'Beschlussvorschlag:',
        anchor: 'beschlussvorschlag',
        children: [p(t('Der Rat der Stadt Bergkamen beschließt die Fortschreibung des Integrationskonzepts „Vielfalt leben“.'))],
      },
      {
        type: 'section',
        label: 'Sachdarstellung:',
        anchor: 'sachdarstellung',
        children: [
          p(t('Mehr unter '), { type: 'link', url: 'https://www.bergkamen.de/integration', children: [t('bergkamen.de')] },
            t(' und '), { type: 'link', url: 'javascript:alert(1)', children: [t('diesem Link')] },
            t(' sowie '), { type: 'link', url: '#beschlussvorschlag', children: [t('oben')] }, t('.')),
          p(t('Ein Angriff: <script>alert("x")</script> & mehr'), { type: 'strong', children: [t('fett')] },
            { type: 'break' }, { type: 'emphasis', children: [t('kursiv')] }, t(' '), { type: 'delete', children: [t('alt')] },
            t(' '), { type: 'inlineCode', value: 'a < b' }),
          { type: 'heading', depth: 1, anchor: 'ausgangslage', toc: false, children: [t('Ausgangslage')] },
          { type: 'list', ordered: true, start: 3, items: [[p(t('Sprache und Bildung'))], [p(t('Arbeit')), p(t('Zweiter Absatz'))]] },
          { type: 'banner', text: 'Hinweis: Anlage folgt.' },
        ],
      },
      {
        type: 'section',
        label: 'Bestandteile dieser Vorlage sind:',
        anchor: 'bestandteile',
        children: [{ type: 'list', ordered: true, items: [[p(t('Das Deckblatt'))], [p(t('Der Beschlussvorschlag und die Sachdarstellung'))]] }],
      },
      {
        type: 'signatures',
        layout: 'row',
        items: [
          { funktion: 'Der Bürgermeister', vertretung: 'In Vertretung', name: 'Christine Busch', amtsbezeichnung: 'Erste Beigeordnete' },
          { funktion: 'Amtsleiter', name: 'Jörg Bürger' },
          { funktion: 'Sachbearbeiterin', name: 'Ayşe Öztürk' },
        ],
      },
    ],
  };
}

const CHART_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 200" width="400" height="200">'
  + '<rect x="40" y="60" width="60" height="120" fill="#003d6b"/><rect x="160" y="30" width="60" height="150" fill="#003d6b"/>'
  + '<rect x="280" y="90" width="60" height="90" fill="#b3541e"/><line x1="30" y1="180" x2="370" y2="180" stroke="#1a1a1a"/>'
  + '<text x="70" y="196" font-size="12" text-anchor="middle" font-family="DejaVu Sans">2016</text>'
  + '<text x="190" y="196" font-size="12" text-anchor="middle" font-family="DejaVu Sans">2017</text>'
  + '<text x="310" y="196" font-size="12" text-anchor="middle" font-family="DejaVu Sans">2018</text></svg>';

/** A Konzept: title page, TOC, numbered headings, footnotes, chart, image, grid table. */
export function konzeptTree(): DocumentTree {
  return {
    kind: 'konzept',
    outPath: 'konzept/integrationskonzept',
    meta: {
      title: 'Integrationskonzept der Stadt Bergkamen',
      author: 'Stadt Bergkamen',
      subject: 'Fortschreibung 2019',
      keywords: ['Integration', 'Teilhabe'],
      lang: 'de',
      created: new Date('2019-02-21T00:00:00Z'),
    },
    header: 'Integrationskonzept der Stadt Bergkamen',
    draft: 'ENTWURF',
    blocks: [
      {
        type: 'titlePage',
        kommune: 'Stadt Bergkamen',
        logo: { type: 'logo', path: WAPPEN, alt: 'Wappen der Stadt Bergkamen' },
        title: 'Integrationskonzept der Stadt Bergkamen',
        subtitle: 'Fortschreibung 2019',
        fields: [{ label: 'Auftraggeber', value: 'Stadt Bergkamen' }, { label: 'Stand', value: 'März 2019' }, { label: 'Status', value: 'Entwurf' }],
      },
      { type: 'pageBreak' },
      { type: 'toc', title: 'Inhaltsverzeichnis' },
      { type: 'pageBreak' },
      {
        type: 'keepTogether',
        children: [
          { type: 'heading', depth: 1, number: '1', anchor: 'einleitung', toc: true, children: [t('Einleitung')] },
          p(t('Bergkamen ist vielfältig: 21,7\u00a0% der Einwohnerinnen und Einwohner haben eine Zuwanderungsgeschichte.'),
            { type: 'footnoteRef', number: 1, anchor: 'fn-1' }, t(' Das Budget beträgt 18.500,50\u00a0€.')),
        ],
      },
      { type: 'heading', depth: 2, number: '1.1', anchor: 'auftrag', toc: true, children: [t('Auftrag und „Vorgehen“')] },
      p(t('Siehe '), { type: 'link', url: '#handlungsfelder', children: [t('Kapitel 2')] }, t('.'), { type: 'footnoteRef', number: 2, anchor: 'fn-2' }),
      { type: 'heading', depth: 3, number: '1.1.1', anchor: 'methodik', toc: true, children: [t('Methodik')] },
      p(t('Interviews mit Akteuren, Auswertung des Melderegisters.')),
      {
        type: 'footnotes',
        items: [
          { number: 1, anchor: 'fn-1', children: [p(t('Melderegister, Stand 31.12.2018.'))] },
          { number: 2, anchor: 'fn-2', children: [p(t('Vgl. '), { type: 'link', url: 'https://www.mkjfgfi.nrw/', children: [t('KIM NRW')] })] },
        ],
      },
      { type: 'pageBreak' },
      { type: 'heading', depth: 1, number: '2', anchor: 'handlungsfelder', toc: true, children: [t('Handlungsfelder')] },
      {
        type: 'chart',
        svg: CHART_SVG,
        width: 400,
        height: 200,
        alt: 'Säulendiagramm: Teilnehmende an Sprachkursen 2016 bis 2018, von 120 auf 150 gestiegen, 2018 auf 90 gesunken.',
        caption: 'Abbildung 1: Teilnehmende an Sprachkursen (Quelle: VHS)',
      },
      { type: 'image', path: KARTE, src: '../anlagen/karte.png', alt: 'Karte der Sozialräume', title: 'Abbildung 2: Sozialräume' },
      {
        type: 'table',
        caption: 'Ziele und Maßnahmen',
        widths: [1, 2, 1],
        headerRows: [[{ children: [t('Handlungsfeld')] }, { children: [t('Maßnahme')] }, { children: [t('Budget')], align: 'right' }]],
        rows: [
          [{ children: [t('Sprache und Bildung')], header: true }, { children: [t('Sprachcafé im Stadtteilzentrum')] }, { children: [t('4.000,00\u00a0€')], align: 'right' }],
          [{ children: [t('Arbeit')], header: true }, { children: [t('Mentoring für Auszubildende')] }, { children: [t('14.500,50\u00a0€')], align: 'right' }],
        ],
        anchor: 'tabelle-ziele',
      },
      { type: 'heading', depth: 2, number: '2.1', anchor: 'wohnen', toc: true, children: [t('Wohnen')] },
      { type: 'blockquote', children: [p(t('„Wohnen ist ein Menschenrecht.“'))] },
      { type: 'code', value: 'ziel: erreicht' },
      { type: 'thematicBreak' },
      { type: 'list', ordered: false, items: [[p(t('Quartiersarbeit'))], [p(t('Beratung'))]] },
    ],
  };
}

/** All start tags with their names, in document order. */
function tags(html: string, name: string): string[] {
  return html.match(new RegExp(`<${name}\\b[^>]*>`, 'g')) ?? [];
}

function headingLevels(html: string): number[] {
  return [...html.matchAll(/<h([1-6])\b/g)].map((m) => Number(m[1]));
}

describe('renderHtml: Vorlage', () => {
  const html = renderHtml(vorlageTree(), theme, testAssets());

  it('is a German page with exactly one h1 (the title in the page header)', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<html lang="de">');
    expect(tags(html, 'h1')).toHaveLength(1);
    expect(html).toMatch(/<h1 class="doc-title">Integrationskonzept der Stadt Bergkamen – Fortschreibung 2019<\/h1>/);
    expect(html).toContain('<title>Integrationskonzept der Stadt Bergkamen – Fortschreibung 2019</title>');
    expect(html).toContain('<meta name="keywords" content="Integration, KIM">');
  });

  it('nests headings without skipping levels', () => {
    const levels = headingLevels(html);
    expect(levels[0]).toBe(1);
    for (let i = 1; i < levels.length; i++) expect(levels[i] - levels[i - 1]).toBeLessThanOrEqual(1);
    // A heading inside a labelled section sits below the section's label.
    expect(html).toContain('<h3 id="ausgangslage">Ausgangslage</h3>');
  });

  it('renders sections with their label as heading', () => {
    expect(html).toContain('<section class="labelled" aria-labelledby="beschlussvorschlag"><h2 id="beschlussvorschlag" class="label">Beschlussvorschlag:</h2>');
  });

  it('renders the cover-sheet fields as label/value pairs', () => {
    expect(html).toContain('<dl class="fields"><div class="field field-betreff"><dt>Betreff</dt><dd>Integrationskonzept der Stadt Bergkamen – Fortschreibung 2019</dd></div>');
  });

  it('renders the table with caption, column and row headers, footer', () => {
    expect(html).toContain('<caption>Beratungsfolge</caption>');
    expect(tags(html, 'th').filter((x) => x.includes('scope="col"'))).toHaveLength(3);
    expect(html).toContain('<th scope="row">Rat der Stadt</th>');
    expect(html).toMatch(/<tfoot><tr><th scope="row">Kosten gesamt<\/th><td colspan="2" class="align-right">18\.500,50\u00a0€<\/td><\/tr><\/tfoot>/);
    expect(html).toContain('<table id="beratungsfolge" class="table grid">');
    expect(html).toMatch(/<div class="table-wrap" role="region" tabindex="0" aria-label="Beratungsfolge">/);
  });

  it('renders ordered lists with start and tight items', () => {
    expect(html).toContain('<ol start="3"><li>Sprache und Bildung</li><li><p>Arbeit</p><p>Zweiter Absatz</p></li></ol>');
    expect(html).toContain('<ol><li>Das Deckblatt</li>');
  });

  it('keeps safe links, drops javascript: URLs', () => {
    expect(html).toContain('<a href="https://www.bergkamen.de/integration" rel="noopener">bergkamen.de</a>');
    expect(html).toContain('<a href="#beschlussvorschlag">oben</a>');
    expect(html).not.toMatch(/javascript:/i);
    expect(html).toContain(' und diesem Link sowie ');
  });

  it('escapes text, no script element', () => {
    expect(html).toContain('&#x3C;script>alert("x")&#x3C;/script> &#x26; mehr');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('<strong>fett</strong><br><em>kursiv</em> <del>alt</del> <code>a &#x3C; b</code>');
  });

  it('renders signatures with their lines', () => {
    expect(html).toContain('<div class="signatures row"><div class="signature"><p class="funktion">Der Bürgermeister</p><p class="vertretung">In Vertretung</p><p class="sign-space" aria-hidden="true"></p><p class="name">Christine Busch</p><p class="amtsbezeichnung">Erste Beigeordnete</p></div>');
    expect(tags(html, 'div').filter((x) => x === '<div class="signature">')).toHaveLength(3);
  });

  it('renders the logo as data URI, banner as note', () => {
    expect(html).toMatch(/<img class="logo logo-right" src="data:image\/png;base64,[A-Za-z0-9+/=]+" alt="Wappen der Stadt Bergkamen" style="width:22mm">/);
    expect(html).toContain('<p class="banner" role="note">Hinweis: Anlage folgt.</p>');
  });

  it('has no draft banner when not a draft', () => {
    expect(html).not.toContain('draft-banner" role');
  });

  it('keeps German characters intact', () => {
    expect(html).toContain('„Vielfalt leben“');
    expect(html).toContain('beschließt');
    expect(html).toContain('Ayşe Öztürk');
    expect(html).toContain('18.500,50\u00a0€');
  });
});

describe('renderHtml: Konzept', () => {
  const html = renderHtml(konzeptTree(), theme, testAssets());

  it('takes its only h1 from the title page', () => {
    expect(tags(html, 'h1')).toEqual(['<h1>']);
    expect(html).toContain('<header class="title-page">');
    expect(html).not.toContain('class="doc-title"');
    expect(html).toContain('<p class="subtitle">Fortschreibung 2019</p>');
    expect(html).toContain('<dt>Stand</dt><dd>März 2019</dd>');
  });

  it('shifts headings by one and never skips a level', () => {
    expect(html).toContain('<h2 id="einleitung"><span class="num">1</span> Einleitung</h2>');
    expect(html).toContain('<h3 id="auftrag"><span class="num">1.1</span> Auftrag und „Vorgehen“</h3>');
    expect(html).toContain('<h4 id="methodik"><span class="num">1.1.1</span> Methodik</h4>');
    const levels = headingLevels(html);
    expect(levels[0]).toBe(1);
    for (let i = 1; i < levels.length; i++) expect(levels[i] - levels[i - 1]).toBeLessThanOrEqual(1);
  });

  it('lists every toc heading, nested, with numbers', () => {
    const nav = /<nav class="toc" aria-labelledby="toc-title">(.*?)<\/nav>/s.exec(html)?.[1] ?? '';
    expect(nav).toContain('<h2 id="toc-title">Inhaltsverzeichnis</h2>');
    expect(nav).toBe('<h2 id="toc-title">Inhaltsverzeichnis</h2><ol>'
      + '<li><a href="#einleitung"><span class="num">1</span> Einleitung</a><ol>'
      + '<li><a href="#auftrag"><span class="num">1.1</span> Auftrag und „Vorgehen“</a><ol>'
      + '<li><a href="#methodik"><span class="num">1.1.1</span> Methodik</a></li></ol></li></ol></li>'
      + '<li><a href="#handlungsfelder"><span class="num">2</span> Handlungsfelder</a><ol>'
      + '<li><a href="#wohnen"><span class="num">2.1</span> Wohnen</a></li></ol></li></ol>');
  });

  it('links footnotes both ways', () => {
    expect(html).toContain('<sup><a href="#fn-1" id="fnref-1" class="fnref" aria-label="Fußnote 1">1</a></sup>');
    expect(html).toContain('<section class="footnotes" aria-label="Fußnoten"><ol><li id="fn-1" value="1"><p>Melderegister, Stand 31.12.2018. <a href="#fnref-1" class="backref"');
  });

  it('inlines the chart SVG in an accessible figure', () => {
    expect(html).toContain('<figure class="chart" role="img" aria-label="Säulendiagramm: Teilnehmende an Sprachkursen');
    expect(html).toContain(`${CHART_SVG}<figcaption>Abbildung 1: Teilnehmende an Sprachkursen (Quelle: VHS)</figcaption></figure>`);
  });

  it('embeds images as data URIs with alt text and caption', () => {
    expect(html).toContain(`<figure class="image"><img src="data:image/png;base64,${PNG.toString('base64')}" alt="Karte der Sozialräume"><figcaption>Abbildung 2: Sozialräume</figcaption></figure>`);
    expect(html).toContain('<colgroup><col style="width:25%"><col style="width:50%"><col style="width:25%"></colgroup>');
  });

  it('shows the draft banner', () => {
    expect(html).toContain('<p class="draft-banner" role="note">ENTWURF</p>');
  });

  it('renders page breaks, keep-together groups and other blocks', () => {
    expect(html).toContain('<div class="page-break" aria-hidden="true"></div>');
    expect(html).toContain('<div class="keep-together"><h2 id="einleitung">');
    expect(html).toContain('<blockquote><p>„Wohnen ist ein Menschenrecht.“</p></blockquote>');
    expect(html).toContain('<pre><code>ziel: erreicht</code></pre>');
    expect(html).toContain('<hr>');
    expect(html).toContain('<ul><li>Quartiersarbeit</li><li>Beratung</li></ul>');
  });
});

describe('renderHtml: self-contained and reproducible', () => {
  for (const [name, make] of [['Vorlage', vorlageTree], ['Konzept', konzeptTree]] as const) {
    it(`${name}: no external resources, only allowed external links`, () => {
      const html = renderHtml(make(), theme, testAssets());
      for (const src of html.matchAll(/\ssrc="([^"]*)"/g)) expect(src[1]).toMatch(/^data:image\//);
      for (const m of html.matchAll(/<(\w+)\b[^>]*\shref="([^"]*)"/g)) {
        expect(m[1]).toBe('a');
        expect(m[2]).toMatch(/^(#|https:\/\/|http:\/\/|mailto:)/);
      }
      expect(html).not.toMatch(/<link\b|@import|url\(/i);
      expect(html).not.toMatch(/<script/i);
      // The only http(s) outside <a href> is the SVG namespace of the inlined chart.
      const rest = html.replace(/<a\b[^>]*>/g, '').replace(/xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g, '');
      expect(rest).not.toMatch(/https?:\/\//);
    });

    it(`${name}: two renders are identical`, () => {
      expect(renderHtml(make(), theme, testAssets())).toBe(renderHtml(make(), theme, testAssets()));
    });
  }

  it('puts theme values into the CSS custom properties', () => {
    const red = ThemeSchema.parse({ colors: { primary: '#aa0000' }, base: { font_size: 12 }, page: { margin: [30, 20, 20, 25] } });
    const html = renderHtml(vorlageTree(), red, testAssets());
    expect(html).toContain('--color-primary:#aa0000;');
    expect(html).toContain('--font-size:12pt;');
    expect(html).toContain('@page{size:A4;margin:30mm 20mm 20mm 25mm;}');
    expect(renderHtml(vorlageTree(), theme, testAssets())).toContain('--color-primary:#003d6b;');
  });

  it('cannot close the style element through the font name', () => {
    const evil = ThemeSchema.parse({ base: { font_family: 'X</style><script>alert(1)</script>' } });
    const html = renderHtml(vorlageTree(), evil, testAssets());
    expect(html).not.toMatch(/<script/i);
    expect(html.match(/<\/style>/g)).toHaveLength(1);
  });

  it('injects the live-reload snippet only when given', () => {
    const snippet = '<script>new EventSource("/__ratsdoc").onmessage = () => location.reload();</script>';
    const html = renderHtml(vorlageTree(), theme, testAssets({ liveReloadSnippet: snippet }));
    expect(html).toContain(`${snippet}\n</body>`);
    expect(tags(html, 'script')).toHaveLength(1);
  });

  it('hides the logo when the theme says none; marks missing images', () => {
    const none = ThemeSchema.parse({ logo: { position: 'none' } });
    expect(renderHtml(vorlageTree(), none, testAssets())).not.toContain('class="logo');
    const html = renderHtml(konzeptTree(), theme, testAssets({ images: new Map() }));
    expect(html).toContain('<figure class="image missing"><p>[Bild fehlt: Karte der Sozialräume]</p>');
  });

  it('rejects layouts that use unknown helpers', () => {
    expect(() => renderHtml(vorlageTree(), theme, testAssets({ layout: '{{#custom}}x{{/custom}}' }))).toThrow();
    expect(() => renderHtml(vorlageTree(), theme, testAssets({ layout: '{{nichtDa}}' }))).toThrow();
  });

  it('refuses prototype access in layouts', () => {
    for (const layout of ['{{#with title}}[{{constructor}}]{{/with}}', '[{{lookup this "constructor"}}]', '[{{lookup title "__proto__"}}]']) {
      let out = '';
      try {
        out = renderHtml(vorlageTree(), theme, testAssets({ layout }));
      } catch {
        out = 'refused';
      }
      expect(out).not.toMatch(/function|\[object/);
    }
  });
});

describe('renderIndexPage', () => {
  const entries: IndexEntry[] = [
    { kind: 'vorlage', title: 'Sprachförderung', nummer: '11/1702', datum: '02.05.2019', art: 'Beschlussvorlage', files: [{ label: 'PDF', href: 'vorlagen/11-1702.pdf', pages: 3 }, { label: 'HTML', href: 'vorlagen/11-1702.html' }] },
    { kind: 'vorlage', title: 'Ergänzung', nummer: '11/1481-1', datum: '01.03.2019', art: 'Ergänzungsvorlage', files: [{ label: 'PDF', href: 'vorlagen/11-1481-1.pdf', pages: 2 }, { label: 'HTML', href: 'vorlagen/11-1481-1.html' }] },
    { kind: 'vorlage', title: 'Integrationskonzept – Fortschreibung', nummer: '11/1481', datum: '21.02.2019', art: 'Beschlussvorlage', files: [{ label: 'PDF', href: 'vorlagen/11-1481.pdf', pages: 3 }, { label: 'HTML', href: 'vorlagen/11-1481.html' }] },
    { kind: 'konzept', title: 'Integrationskonzept der Stadt Bergkamen', datum: 'März 2019', files: [{ label: 'PDF', href: 'konzept/integrationskonzept.pdf', pages: 42 }, { label: 'HTML', href: 'javascript:alert(1)' }] },
  ];
  const html = renderIndexPage(entries, { kommune: 'Stadt Bergkamen', generatedNote: 'Stand der Inhalte: 21.02.2019' }, theme, { layout, css });

  it('sorts Konzept first, then Vorlagen in natural order', () => {
    expect(sortIndexEntries(entries).map((e) => e.nummer ?? e.kind)).toEqual(['konzept', '11/1481', '11/1481-1', '11/1702']);
    expect(compareNatural('11/1481', '11/1481-1')).toBeLessThan(0);
    expect(compareNatural('11/1481-1', '11/1702')).toBeLessThan(0);
    expect(compareNatural('11/999', '11/1000')).toBeLessThan(0);
    expect(compareNatural('2021/575/1', '2021/0575/1')).toBeLessThan(0);
    expect(compareNatural('RKS/018/2022', 'RKS/18/2022')).toBeGreaterThan(0);
    const order = ['Integrationskonzept der Stadt Bergkamen', '11/1481', '11/1481-1', '11/1702'].map((s) => html.indexOf(s));
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('is one German page with one h1 and accessible link texts', () => {
    expect(html).toContain('<html lang="de">');
    expect(tags(html, 'h1')).toHaveLength(1);
    expect(html).toContain('<a href="vorlagen/11-1481.pdf">PDF<span class="visually-hidden">: Vorlage 11/1481 (3 Seiten)</span></a>');
    expect(html).toContain('<a href="vorlagen/11-1481.html">HTML<span class="visually-hidden">: Vorlage 11/1481</span></a>');
    expect(tags(html, 'th').filter((x) => x === '<th scope="col">')).toHaveLength(6);
    expect(html).toContain('<td data-label="Datum">21.02.2019</td>');
    expect(html).toContain('Stand der Inhalte: 21.02.2019');
  });

  it('never links unsafe targets', () => {
    expect(html).not.toMatch(/javascript:/i);
    expect(html).not.toMatch(/<script/i);
  });
});
