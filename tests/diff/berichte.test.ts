/**
 * `ratsdoc diff --berichte`: two Sachstandsberichte of the report fixture compared by their
 * figures, in every format, against values worked out by hand from the fixture's data (the
 * same rule as tests/bericht/build.test.ts): measures that changed state or became overdue,
 * indicators with a new latest value and their assessment before → after, the counts. Also
 * two bare Stichtage, one report against its `vorheriger`, the JSON against its published
 * schema, and the German messages of a wrong call (CLI, exit codes).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { beforeAll, describe, expect, test } from 'vitest';
import { compareBerichte, formatBerichte, type BerichteDiff } from '../../src/diff/berichte.js';
import { checkContent, type CheckedContent } from '../../src/model/check.js';
import { FIXTURES } from '../check/fixture.js';
import { ensureDist } from '../helpers/dist.js';
import { ratsdoc, ROOT } from './repo.js';
import { axeViolations } from '../helpers/axe.js';
import { FIXTURE_TEMPLATES } from '../helpers/fixtures.js';

/** Debian's chromium when installed, else the one `@sparticuz/chromium` ships in npm. */
async function launch() {
  const { chromium } = await import('playwright-core');
  if (existsSync('/usr/bin/chromium')) return chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'], headless: true, timeout: 60_000 });
  const sparticuz = (await import('@sparticuz/chromium')).default;
  return chromium.launch({ executablePath: await sparticuz.executablePath(), args: sparticuz.args, headless: true, timeout: 60_000 });
}

const CONTENT = path.join(FIXTURES, 'bericht');
// No-break spaces as spaces, soft hyphens (the HTML's hyphenation points) left out: the text as a reader copies it.
const nb = (s: string) => s.replace(/\u00a0/g, ' ').replace(/\u00ad/g, '');
let checked: CheckedContent;
let d: BerichteDiff;

beforeAll(async () => {
  checked = await checkContent(CONTENT);
  expect(checked.diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
  d = compareBerichte(checked.model, checked.index, 'content', '2020-1', '2021-1');
});

describe('two reports: 2020-1 (30.06.2020) → 2021-1 (30.06.2021)', () => {
  test('measures whose state changed or that became overdue', () => {
    // M-A2: verlauf laufend from 15.01.2019, abgeschlossen from 01.09.2020; ende 03/2020, so overdue at 30.06.2020.
    // M-A3: beginn 09/2020, geplant before. M-B4: abgeschlossen, ende 12/2020: laufend at 30.06.2020.
    // M-B2: laufend both times, ende 03/2021: overdue at 30.06.2021 only. M-A4 (overdue both times) is not listed.
    expect(d.measures.map((m) => `${m.id} ${m.old}${m.overdueOld ? '!' : ''} → ${m.new}${m.overdueNew ? '!' : ''}`)).toEqual([
      'M-A2 laufend! → abgeschlossen',
      'M-A3 geplant → laufend',
      'M-B2 laufend → laufend!',
      'M-B4 laufend → abgeschlossen',
    ]);
  });

  test('indicators that moved, with their assessment before → after', () => {
    // I-05 has only a Sozialraum measurement: keine Daten both times, no new value: not listed.
    expect(d.indicators.map((i) => [i.id, i.old?.value, i.new?.value, i.delta, `${i.oldAssessment} → ${i.newAssessment}`])).toEqual([
      ['I-01', 1.8, 1.7, -0.1, 'auf Kurs → gefährdet'],
      ['I-02', 13.2, 13.9, 0.7, 'auf Kurs → gefährdet'],
      ['I-03', 10.8, 9.8, -1, 'auf Kurs → verfehlt'],
      ['I-04', 24.1, 21.9, -2.2, 'auf Kurs → erreicht'],
      ['I-06', 42, 50, 8, 'gefährdet → gefährdet'],
    ]);
    expect(d.indicators[0].new).toEqual({ value: 1.7, stichtag: '2020-12-31' });
  });

  test('counts per state and per assessment at both Stichtage', () => {
    // 2021: the report's own summary (tests/bericht/build.test.ts): 1 geplant, 3 laufend, 3 abgeschlossen, 1 zurückgestellt, 2 überfällig.
    expect(d.statusCounts.new).toEqual({ geplant: 1, laufend: 3, abgeschlossen: 3, zurueckgestellt: 1, ohneAngabe: 0, overdue: 2 });
    expect(d.statusCounts.old).toEqual({ geplant: 2, laufend: 4, abgeschlossen: 1, zurueckgestellt: 1, ohneAngabe: 0, overdue: 2 });
    expect(d.assessmentCounts.new).toEqual({ erreicht: 1, 'auf Kurs': 0, gefährdet: 3, verfehlt: 1, 'keine Daten': 1 });
    expect(d.assessmentCounts.old).toEqual({ erreicht: 0, 'auf Kurs': 4, gefährdet: 1, verfehlt: 0, 'keine Daten': 1 });
    expect(d.identical).toBe(false);
  });

  test('text and Markdown (from the tree) say it in German', () => {
    const text = nb(formatBerichte(d, 'text'));
    expect(text).toContain('alt: Sachstandsbericht 2020 (2020-1, Stichtag 30.06.2020)');
    expect(text).toMatch(/M-A2 Elternkurse +laufend, überfällig +abgeschlossen\n/);
    expect(text).toMatch(/I-02 Erwerbslosenquote der Ausländerinnen und Ausländer +13,2 % \(31\.12\.2019\) +13,9 % \(31\.12\.2020\) +\+0,7 Prozentpunkte +auf Kurs → gefährdet\n/);
    expect(text).toMatch(/I-06 Neue Ausbildungsverträge +42 Verträge \(30\.09\.2019\) +50 Verträge \(30\.09\.2020\) +\+8 Verträge +gefährdet \(unverändert\)\n/);
    const markdown = nb(formatBerichte(d, 'markdown'));
    expect(markdown).toContain('| I-03 Anteil der Schulabgänger ohne Abschluss | 10,8 % (31.07.2019) | 9,8 % (31.07.2020) | −1 Prozentpunkte | auf Kurs → verfehlt |');
    expect(text.startsWith('Vergleich der Sachstandsberichte: 2020-1 → 2021-1\n')).toBe(true);
  });

  test('the JSON validates against schemas/diff-berichte.schema.json', () => {
    const schema = JSON.parse(readFileSync(path.join(ROOT, 'schemas/diff-berichte.schema.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
    const json = JSON.parse(formatBerichte(d, 'json'));
    expect(validate(json) ? [] : validate.errors).toEqual([]);
    expect(json.format).toBe('ratsdoc-diff-berichte/1');
    expect(validate({ ...json, measures: [{ ...json.measures[0], old: 'erledigt' }] })).toBe(false);
  });
});

describe('other ways to name the two sides', () => {
  test('one report: compared with its vorheriger; two Stichtage: every Handlungsfeld', () => {
    expect(compareBerichte(checked.model, checked.index, 'content', '2021-1')).toEqual(d);
    const dates = compareBerichte(checked.model, checked.index, 'content', '2020-06-30', '2021-06-30');
    expect(dates.old).toEqual({ bericht: null, title: null, stichtag: '2020-06-30' });
    expect(dates.measures).toEqual(d.measures);
    expect(dates.indicators).toEqual(d.indicators);
    const same = compareBerichte(checked.model, checked.index, 'content', '2021-1', '2021-06-30');
    expect(same.identical).toBe(true);
    expect(formatBerichte(same, 'text')).toContain('Kein Stand, kein Wert und keine Bewertung hat sich geändert.');
  });

  test('HTML comes from the HTML renderer (layout, stylesheet, sanitiser) and passes axe', async () => {
    ensureDist();
    const r = ratsdoc(['diff', '--berichte', '2020-1', '2021-1', '--content', CONTENT, '--templates', FIXTURE_TEMPLATES, '--format', 'html'], ROOT);
    expect(r).toMatchObject({ code: 1, stderr: '' });
    const html = nb(r.stdout);
    expect(html).toContain('<tr><th scope="row"><span class="nobr">M-B2</span> Ausbildungslotsen</th><td>laufend</td><td>laufend, überfällig</td></tr>');
    expect(html.match(/<h1[ >]/g)).toHaveLength(1);
    const browser = await launch();
    try {
      const page = await browser.newPage();
      await page.setContent(r.stdout, { waitUntil: 'load' });
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 120_000);

  test('the CLI: exit 1 with differences, 0 without, 2 with a German message for a wrong name', () => {
    ensureDist();
    const r = ratsdoc(['diff', '--berichte', '2020-1', '2021-1', '--content', CONTENT, '--format', 'json'], ROOT);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).measures).toHaveLength(4);
    expect(ratsdoc(['diff', '--berichte', '2021-1', '2021-06-30', '--content', CONTENT], ROOT).code).toBe(0);
    expect(ratsdoc(['diff', '--berichte', '2019-9', '--content', CONTENT], ROOT)).toMatchObject({
      code: 2, stdout: '',
      stderr: 'ratsdoc: Einen Bericht „2019-9“ gibt es nicht, und ein Stichtag (JJJJ-MM-TT) ist es auch nicht (Berichte: „2020-1“, „2021-1“)\n',
    });
    expect(ratsdoc(['diff', '--berichte', '2020-1', '--content', CONTENT], ROOT)).toMatchObject({ code: 2, stderr: expect.stringContaining('Bericht „2020-1“ nennt keinen vorherigen Bericht') });
    expect(ratsdoc(['diff', '--berichte', '--content', CONTENT], ROOT)).toMatchObject({ code: 2, stderr: expect.stringContaining('diff --berichte braucht einen oder zwei Berichte') });
  }, 120_000);
});
