/**
 * German hyphenation and no-break rules (issue 15): the break points come from the `hyphen`
 * package's TeX patterns; in a narrow PDF table cell long words break at those points with a
 * printed hyphen, IDs, amounts, dates, URLs and e-mail addresses never break, and text
 * extraction still reads whole words.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { SHY, hyphenateWord, noBreakSpaces, typeset, withoutSoftHyphens } from '../../src/format/typeset.js';
import { renderPdf } from '../../src/render/pdf/render.js';
import { ThemeSchema } from '../../src/theme/theme.js';
import { pdfItems, pdfPages } from '../helpers/pdf-text.js';
import { checkTaggedPdf } from '../helpers/tagged-pdf.js';
import { DEJAVU_FONTS } from '../helpers/dejavu.js';
import { narrowTable, WORDS } from './narrow-table.js';

const fonts = DEJAVU_FONTS;
const theme = ThemeSchema.parse({});
const { hyphenateSync } = createRequire(import.meta.url)('hyphen/de') as { hyphenateSync: (w: string, o: { hyphenChar: string }) => string };

/** The hyphenation points the package gives (offsets into the word), at least 3 letters either side. */
function patternPoints(word: string): number[] {
  const pieces = hyphenateSync(word, { hyphenChar: '|' }).split('|');
  const points: number[] = [];
  let at = 0;
  for (const piece of pieces.slice(0, -1)) {
    at += piece.length;
    if (at >= 3 && word.length - at >= 3) points.push(at);
  }
  return points;
}

describe('break points and no-break rules', () => {
  it('puts soft hyphens exactly at the pattern package\'s points, never closer than 3 letters to an end', () => {
    for (const word of [...WORDS, 'Wohnungswirtschaft', 'abgeschlossen', 'Indikatoren', 'Beschwerdemanagement']) {
      const marked = hyphenateWord(word);
      expect(withoutSoftHyphens(marked)).toBe(word);
      const points: number[] = [];
      let at = 0;
      for (const piece of marked.split(SHY).slice(0, -1)) points.push((at += piece.length));
      expect(points, word).toEqual(patternPoints(word));
      expect(points.length, word).toBeGreaterThan(0);
    }
    expect(hyphenateWord('Integrationsmanagement').split(SHY)).toEqual(['Inte', 'gra', 'ti', 'ons', 'ma', 'nage', 'ment']);
    expect(hyphenateWord('Ordner')).toBe('Ord\u00adner');
    expect(hyphenateWord('Amt')).toBe('Amt');
  });

  it('keeps IDs, numbers, amounts, dates, URLs and e-mail addresses in one piece', () => {
    const keep = typeset('M-07 und Z-BIL-1.1 kosten 21.700,00 € bis 31.12.2021, siehe https://www.bergkamen.de oder integration@bergkamen.de, per E-Mail.')
      .filter((r) => r.keep).map((r) => r.text);
    expect(keep).toEqual(['M-07', 'Z-BIL-1.1', '21.700,00\u00a0€', '31.12.2021,', 'https://www.bergkamen.de', 'integration@bergkamen.de,', 'E-Mail.']);
  });

  it('glues number and unit, § and Nr. to their number, abbreviations and initials, and the dash of a range to its start', () => {
    expect(noBreakSpaces('21,7 % in 12 Monate, 34 Verträge')).toBe('21,7\u00a0% in 12\u00a0Monate, 34\u00a0Verträge');
    expect(noBreakSpaces('2019 wurden')).toBe('2019 wurden');
    expect(noBreakSpaces('nach § 14a und Nr. 5')).toBe('nach §\u00a014a und Nr.\u00a05');
    expect(noBreakSpaces('z. B. durch A. Müller')).toBe('z.\u00a0B. durch A.\u00a0Müller');
    expect(noBreakSpaces('03/2019 – 12/2021')).toBe('03/2019\u00a0– 12/2021');
  });

  it('lets a word with a hyphen break after it, and keeps „E-Mail“ whole (a part under 3 letters)', () => {
    expect(typeset('Bergkamen-Mitte')).toEqual([{ text: 'Berg\u00adka\u00admen-Mitte' }]);
    expect(typeset('Sprach- und Kulturmittler').map((r) => r.text).join('')).toBe('Sprach- und Kul\u00adtur\u00admitt\u00adler');
  });
});

describe('PDF: a narrow table cell', () => {
  it('breaks „Integrationsmanagement“, „Ausbildungsmarktstatistik“ and „Kirchengemeinden“ at pattern points with a printed hyphen', async () => {
    const buf = await renderPdf(narrowTable(WORDS), theme, { fonts, images: new Map() });
    const items = (await pdfItems(buf, { hyphens: 'keep' }))[0].filter((i) => i.str.trim() !== '');
    const x0 = Math.min(...items.map((i) => i.x));
    // The narrow column's lines, top to bottom (items at its left edge), after its header.
    const column = items.filter((i) => Math.abs(i.x - x0) < 1).map((i) => i.str.trim()).slice(1);
    let at = 0;
    for (const word of WORDS) {
      const pieces: string[] = [];
      while (!pieces.join('').replace(/-/g, '').startsWith(word)) pieces.push(column[at++]);
      expect(pieces.length, `${word}: ${pieces.join(' | ')}`).toBeGreaterThan(1);
      expect(pieces.join(' | ').replace(/\u00ad/g, '')).toBe(pieces.join(' | '));
      let offset = 0;
      for (const piece of pieces.slice(0, -1)) {
        expect(piece, word).toMatch(/\p{L}-$/u);
        offset += piece.length - 1;
        expect(patternPoints(word), `${word} broken after „${piece}“`).toContain(offset);
      }
      expect(pieces.map((p, i) => (i < pieces.length - 1 ? p.slice(0, -1) : p)).join('')).toBe(word);
    }
    // A reader (and the suite's text helper) reads the whole words.
    const text = (await pdfPages(buf)).flat().join(' ');
    for (const word of WORDS) expect(text).toContain(word);
    // The wide column does not need to break them: there they stay whole.
    for (const word of WORDS) expect(items.some((i) => i.str.includes(`Spalte: ${word}.`))).toBe(true);
  });

  it('stays completely tagged, with no soft hyphen in the text layer', async () => {
    const buf = await renderPdf(narrowTable(WORDS), theme, { fonts, images: new Map() });
    const report = await checkTaggedPdf(buf);
    expect(report.untagged).toBe(0);
    expect(report.problems).toEqual([]);
    const raw = (await pdfItems(buf, { hyphens: 'keep' })).flat().map((i) => i.str).join('');
    expect(raw).not.toContain(SHY);
  });

  it('never breaks an amount or an ID in a narrow cell (pdfmake would cut them)', async () => {
    const buf = await renderPdf(narrowTable(['21.700,00 € Z-BIL-1.1 Integrationsmanagement'], [1, 4]), theme, { fonts, images: new Map() });
    const lines = (await pdfItems(buf, { hyphens: 'keep' }))[0].map((i) => i.str.trim()).filter(Boolean);
    const narrow = lines.slice(2, lines.findIndex((l) => l.startsWith('Zum Vergleich')));
    expect(narrow[0]).toMatch(/^21\.700,00[\s\u00a0]€$/);
    expect(narrow[1]).toMatch(/^Z-BIL-1\.1 /);
    expect(narrow.join('')).not.toMatch(/\d$|^€/m);
  });
});
