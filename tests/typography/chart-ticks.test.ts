/**
 * Chart axes (issue 15, point 5): round ticks (1, 2, 2,5 or 5 × 10ⁿ apart) in German number
 * format, the unit on the value axis (none for `einheit: Anzahl`), the target labelled; in
 * every chart of the fixture city's Konzept and of the Sachstandsberichte fixture.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { valueRange } from '../../src/document/charts.js';
import { runPipeline } from '../../src/pipeline/pipeline.js';
import { FIXTURE_CONTENT, FIXTURE_TEMPLATES } from '../helpers/fixtures.js';

const BERICHT_CONTENT = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/bericht');

/** Whether `step` is 1, 2, 2,5 or 5 × 10ⁿ. */
function isRoundStep(step: number): boolean {
  const magnitude = 10 ** Math.floor(Math.log10(step) + 1e-9);
  return [1, 2, 2.5, 5, 10].some((f) => Math.abs(step - f * magnitude) < magnitude * 1e-6);
}

/** „1.234,5“ → 1234.5 (a minus sign may be U+2212). */
const parseGerman = (s: string) => Number(s.replace(/\./g, '').replace(',', '.').replace('−', '-'));

/** Each chart's tick labels and unit label, from the HTML pages' inline SVG. */
function chartsOf(files: Map<string, Buffer | string>): Array<{ page: string; ticks: string[]; unit?: string; svg: string }> {
  const out: Array<{ page: string; ticks: string[]; unit?: string; svg: string }> = [];
  for (const [name, content] of files) {
    if (!name.endsWith('.html')) continue;
    for (const [svg] of String(content).matchAll(/<svg\b[\s\S]*?<\/svg>/g)) {
      const ticks = [...svg.matchAll(/<text class="tick"[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
      if (ticks.length === 0) continue;
      out.push({ page: name, ticks, unit: /<text class="unit"[^>]*>([^<]*)<\/text>/.exec(svg)?.[1], svg });
    }
  }
  return out;
}

describe('round ticks', () => {
  it('valueRange: round steps around the data, 0 kept for non-negative data', () => {
    expect(valueRange([31.32, 39.05, 46.79])).toEqual({ min: 30, max: 50, ticks: [30, 35, 40, 45, 50] });
    expect(valueRange([0.12, 0.31]).ticks).toEqual([0.1, 0.15, 0.2, 0.25, 0.3, 0.35]);
    expect(valueRange([3, 60]).ticks).toEqual([0, 20, 40, 60]);
    expect(valueRange([1200, 6843]).ticks).toEqual([0, 2000, 4000, 6000, 8000]);
    expect(valueRange([5, 5]).ticks.every((t) => t >= 0)).toBe(true);
    for (const values of [[1, 7], [0.3, 0.9], [48, 60], [12.5, 13.1], [100, 2500], [-3, 4]]) {
      const { ticks, min, max } = valueRange(values);
      expect(min).toBeLessThanOrEqual(Math.min(...values));
      expect(max).toBeGreaterThanOrEqual(Math.max(...values));
      expect(isRoundStep(ticks[1] - ticks[0]), `${values}: ${ticks}`).toBe(true);
      expect(ticks.length).toBeGreaterThanOrEqual(3);
      expect(ticks.length).toBeLessThanOrEqual(8);
    }
  });
});

describe('every chart of the fixtures', () => {
  let charts: ReturnType<typeof chartsOf> = [];
  beforeAll(async () => {
    for (const project of [{ content: FIXTURE_CONTENT, templates: FIXTURE_TEMPLATES }, { content: BERICHT_CONTENT }]) {
      const result = await runPipeline(project);
      expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      charts.push(...chartsOf(result.files!));
    }
  }, 300_000);

  it('has round, evenly spaced ticks in German format', () => {
    expect(charts.length).toBeGreaterThanOrEqual(3);
    expect(new Set(charts.map((c) => c.page.split('/')[0])).size).toBeGreaterThanOrEqual(2); // Konzept and Berichte
    for (const chart of charts) {
      for (const t of chart.ticks) expect(t, chart.page).toMatch(/^−?\d{1,3}(\.\d{3})*(,\d+)?$/);
      const values = chart.ticks.map(parseGerman);
      const step = values[1] - values[0];
      expect(isRoundStep(step), `${chart.page}: ${chart.ticks.join(' / ')}`).toBe(true);
      values.forEach((v, i) => expect(Math.abs(v - values[0] - i * step)).toBeLessThan(step * 1e-6));
      for (const v of values) expect(Math.abs(v / step - Math.round(v / step))).toBeLessThan(1e-6);
    }
  });

  it('prints the unit on the value axis, never „Anzahl“, and labels the target', () => {
    for (const chart of charts) {
      expect(chart.svg, chart.page).not.toMatch(/>[^<]*\d[\s\u00a0]*Anzahl</);
      expect(chart.unit, chart.page).not.toBe('Anzahl');
      if (/Ziel/.test(chart.svg)) expect(chart.svg).toMatch(/<text[^>]*>Ziel [^<]*\d/);
    }
    expect(charts.some((c) => c.unit === '%')).toBe(true);
  });
});
