/**
 * Words measured with one style lookup per run of alike words (render/pdf/word-measure.ts,
 * issue 19): every PDF is the very bytes pdfmake's own measure gives, for ratsdoc's documents
 * and for a plain pdfmake definition using the style features ratsdoc's own do not.
 */
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/pipeline/pipeline.js';
import { pdfRenderer } from '../../src/render/pdf/renderer.js';
import { setWordMeasure, wordMeasureStats } from '../../src/render/pdf/word-measure.js';
import { plainPdf } from '../helpers/dejavu.js';
import { FIXTURE_CONTENT, FIXTURE_TEMPLATES, NECKARWEIL_CONTENT, NECKARWEIL_TEMPLATES } from '../helpers/fixtures.js';

/** Runs `render` with pdfmake's own measure, then with ratsdoc's. */
async function both<T>(render: () => Promise<T>): Promise<{ own: T; alike: T; words: number; resolved: number }> {
  setWordMeasure(false);
  try {
    const own = await render();
    setWordMeasure(true);
    const before = wordMeasureStats();
    const alike = await render();
    const after = wordMeasureStats();
    return { own, alike, words: after.words - before.words, resolved: after.resolved - before.resolved };
  } finally {
    setWordMeasure(true);
  }
}

async function pdfs(content: string, templates: string): Promise<Map<string, Buffer>> {
  const result = await runPipeline({ content, templates, renderers: [pdfRenderer], jobs: 1 });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return new Map([...result.files!].filter(([name]) => name.endsWith('.pdf')).map(([name, data]) => [name, data as Buffer]));
}

const SENTENCE = 'Die Stadt Bergkamen hat am 21. Februar 2019 beschlossen, ein Kommunales Integrationsmanagement einzuführen.';

/** Named styles with `extends`, nested text, alternating styles, sup/sub, indents, spacing, lists and a table. */
function definition(): TDocumentDefinitions {
  const alternating = Array.from({ length: 12 }, (_, i) => [
    'ein Wort und noch eins ',
    { text: `am ${i + 1}. März `, noWrap: true },
    i % 3 === 0 ? { text: 'fett gesetzt ', bold: true } : { text: 'farbig ', color: '#1a4f8b' },
  ]).flat();
  return {
    pageSize: 'A5',
    pageMargins: 40,
    defaultStyle: { font: 'PlainSans', fontSize: 10 },
    styles: {
      base: { fontSize: 11, lineHeight: 1.2 },
      emphasis: { extends: 'base', italics: true, color: '#444444' },
      wide: { characterSpacing: 0.8 },
    },
    content: [
      { text: [SENTENCE, ' ', { text: 'Hervorgehoben ', style: 'emphasis' }, { text: [' verschachtelt ', { text: 'und fett', bold: true }, ' zurück '], style: ['base', 'wide'] }, SENTENCE] },
      { text: alternating, alignment: 'justify' },
      { text: `   ${SENTENCE}`, preserveLeadingSpaces: true, leadingIndent: 12 },
      { text: [SENTENCE, { text: '1', sup: true }, ' und ', { text: '2', sub: true }, ' ', { text: 'verlinkt und unterstrichen ', link: 'https://example.org/', decoration: 'underline' }, `${SENTENCE}   `], preserveTrailingSpaces: true },
      { ul: [SENTENCE, { text: [SENTENCE, { text: ' fett', bold: true }] }] },
      { ol: [SENTENCE, SENTENCE], style: 'base' },
      { table: { widths: ['*', 80], body: [[{ text: SENTENCE, style: 'emphasis' }, { text: '18.500,50 €', alignment: 'right', noWrap: true }], [SENTENCE, { text: 'gesperrt', style: 'wide' }]] } },
    ],
  } as TDocumentDefinitions;
}

describe('words measured with one style lookup per run of alike words', () => {
  for (const [city, content, templates] of [['Bergkamen', FIXTURE_CONTENT, FIXTURE_TEMPLATES], ['Neckarweil', NECKARWEIL_CONTENT, NECKARWEIL_TEMPLATES]]) {
    it(`gives the bytes of pdfmake’s own measure for every PDF of ${city}, with far fewer lookups`, async () => {
      const { own, alike, words, resolved } = await both(() => pdfs(content, templates));
      expect(own.size).toBeGreaterThan(1);
      expect([...alike.keys()]).toEqual([...own.keys()]);
      for (const [name, data] of own) expect(alike.get(name)?.equals(data), name).toBe(true);
      expect(words).toBeGreaterThan(500);
      expect(resolved).toBeLessThan(words / 4);
    }, 300_000);
  }

  it('gives the bytes of pdfmake’s own measure for named styles, nested and alternating styles, sup/sub, indents, lists and tables', async () => {
    // A renderer module installs the hooks, as a build does.
    await import('../../src/render/pdf/render.js');
    const { own, alike, words, resolved } = await both(() => plainPdf(definition()));
    expect(alike.equals(own)).toBe(true);
    expect(words).toBeGreaterThan(200);
    expect(resolved).toBeLessThan(words / 3);
  });
});
