/**
 * The assessment rule on hand-computed cases. Each expected value is worked out in the
 * comment above it: days between dates, the share of the planned period, the path value
 * („Soll“), the shortfall against the path, and the tolerance band (10 % of |Ziel − Basis|).
 */
import { describe, expect, it } from 'vitest';
import { assess, latestUpTo, seriesUpTo } from '../../src/evaluation/assessment.js';
import type { Indikator } from '../../src/model/schemas.js';

const ind = (over: Partial<Indikator>): Indikator => ({ id: 'I-T', titel: 'Test', einheit: '%', quelle: 'Test', ...over });

describe('assess', () => {
  it('erreicht: a rising indicator at or above its target', () => {
    // Basis 40 (2018-12-31) → Ziel 50 (2021-12-31); measured 51 on 2020-12-31: 51 ≥ 50.
    const a = assess(ind({ richtung: 'steigend', basis: { wert: 40, stichtag: '2018-12-31' }, zielwert: { wert: 50, stichtag: '2021-12-31' }, messungen: [{ stichtag: '2020-12-31', wert: 51 }] }), '2021-06-30', 10);
    expect(a.bewertung).toBe('erreicht');
    expect(a.latest).toEqual({ wert: 51, stichtag: '2020-12-31' });
  });

  it('auf Kurs: a falling indicator behind its path within the tolerance (Erwerbslosenquote)', () => {
    // Basis 20,0 (2019-12-31) → Ziel 16,0 (2021-12-31): 731 days (2020 is a leap year).
    // Measured 18,3 on 2020-12-31, 366 days in: share 366/731 = 0,500684; Soll = 20 − 4 · 0,500684 = 17,99726.
    // Falling, so the shortfall is 18,3 − 17,99726 = 0,30274; band 10 % of 4 = 0,4; 0,30274 ≤ 0,4.
    const a = assess(ind({ richtung: 'fallend', basis: { wert: 20, stichtag: '2019-12-31' }, zielwert: { wert: 16, stichtag: '2021-12-31' }, messungen: [{ stichtag: '2020-12-31', wert: 18.3 }] }), '2021-06-30', 10);
    expect(a.bewertung).toBe('auf Kurs');
    expect(a.soll).toBeCloseTo(17.99726, 5);
  });

  it('gefährdet: the same falling indicator further behind', () => {
    // As above with 18,6: shortfall 18,6 − 17,99726 = 0,60274 > 0,4.
    const a = assess(ind({ richtung: 'fallend', basis: { wert: 20, stichtag: '2019-12-31' }, zielwert: { wert: 16, stichtag: '2021-12-31' }, messungen: [{ stichtag: '2020-12-31', wert: 18.6 }] }), '2021-06-30', 10);
    expect(a.bewertung).toBe('gefährdet');
  });

  it('erreicht: a falling indicator below its target', () => {
    // 15,9 ≤ 16,0 in the wanted direction.
    const a = assess(ind({ richtung: 'fallend', basis: { wert: 20, stichtag: '2019-12-31' }, zielwert: { wert: 16, stichtag: '2021-12-31' }, messungen: [{ stichtag: '2020-12-31', wert: 15.9 }] }), '2021-06-30', 10);
    expect(a.bewertung).toBe('erreicht');
  });

  it('verfehlt: the target date has passed at the latest measurement, target not reached', () => {
    // Basis 10 (2018-01-01) → Ziel 20 (2020-01-01); measured 18 on 2020-06-30, after the target date.
    const a = assess(ind({ richtung: 'steigend', basis: { wert: 10, stichtag: '2018-01-01' }, zielwert: { wert: 20, stichtag: '2020-01-01' }, messungen: [{ stichtag: '2019-06-30', wert: 14 }, { stichtag: '2020-06-30', wert: 18 }] }), '2020-12-31', 10);
    expect(a.bewertung).toBe('verfehlt');
    // At an earlier Stichtag the 2019 value counts: 546 of 730 days, Soll 10 + 10 · 546/730 = 17,479; shortfall 3,479 > band 1.
    expect(assess(ind({ richtung: 'steigend', basis: { wert: 10, stichtag: '2018-01-01' }, zielwert: { wert: 20, stichtag: '2020-01-01' }, messungen: [{ stichtag: '2019-06-30', wert: 14 }, { stichtag: '2020-06-30', wert: 18 }] }), '2019-12-31', 10).bewertung).toBe('gefährdet');
  });

  it('keine Daten: no measurement after the basis, or no target', () => {
    const onlyBasis = ind({ richtung: 'steigend', basis: { wert: 10, stichtag: '2019-01-01' }, zielwert: { wert: 20, stichtag: '2021-01-01' }, messungen: [{ stichtag: '2019-01-01', wert: 10 }, { stichtag: '2020-09-30', wert: 30 }] });
    // The 2020 value lies after the Stichtag 2020-06-30 and does not count.
    expect(assess(onlyBasis, '2020-06-30', 10).bewertung).toBe('keine Daten');
    expect(assess(onlyBasis, '2020-09-30', 10).bewertung).toBe('erreicht');
    expect(assess(ind({ basis: { wert: 10, stichtag: '2019-01-01' }, messungen: [{ stichtag: '2020-01-01', wert: 12 }] }), '2020-06-30', 10)).toMatchObject({ bewertung: 'keine Daten', grund: 'ohne Zielwert' });
  });

  it('the tolerance band is inclusive, and the direction follows basis and target when richtung is missing', () => {
    // Basis 0 (2021-01-01) → Ziel 100 (2021-03-02): 60 days; measured on 2021-01-31, 30 days in: Soll 50.
    // Band 10 % of 100 = 10: 40 is exactly 10 behind (auf Kurs), 39,9 is 10,1 behind (gefährdet).
    const at = (wert: number) => assess(ind({ basis: { wert: 0, stichtag: '2021-01-01' }, zielwert: { wert: 100, stichtag: '2021-03-02' }, messungen: [{ stichtag: '2021-01-31', wert }] }), '2021-02-15', 10);
    expect(at(40)).toMatchObject({ bewertung: 'auf Kurs', soll: 50 });
    expect(at(39.9).bewertung).toBe('gefährdet');
    // With no tolerance, 49,9 is behind already.
    expect(assess(ind({ basis: { wert: 0, stichtag: '2021-01-01' }, zielwert: { wert: 100, stichtag: '2021-03-02' }, messungen: [{ stichtag: '2021-01-31', wert: 49.9 }] }), '2021-02-15', 0).bewertung).toBe('gefährdet');
  });

  it('only city-wide values count; the series includes the basis once', () => {
    const i = ind({ basis: { wert: 5, stichtag: '2019-01-01' }, messungen: [{ stichtag: '2019-01-01', wert: 5 }, { stichtag: '2020-01-01', wert: 9, sozialraum: 'SR-A' }, { stichtag: '2020-01-01', wert: 6 }] });
    expect(latestUpTo(i, '2020-06-30')).toEqual({ wert: 6, stichtag: '2020-01-01' });
    expect(seriesUpTo(i, '2020-06-30')).toEqual([{ wert: 5, stichtag: '2019-01-01' }, { wert: 6, stichtag: '2020-01-01' }]);
  });
});
