/** Measures' states at a Stichtag, overdue measures, and the money totals. */
import { describe, expect, it } from 'vitest';
import { countStatus, isUeberfaellig, statusAt } from '../../src/evaluation/status.js';
import { moneyTotals } from '../../src/evaluation/money.js';
import type { Located } from '../../src/model/model.js';
import type { Massnahme } from '../../src/model/schemas.js';
import { YamlLocations } from '../../src/content/yaml.js';

const m = (over: Partial<Massnahme>): Massnahme => ({ id: 'M-1', titel: 'T', handlungsfeld: 'HF-A', ziele: ['Z-1'], federfuehrung: 'A-1', ...over });
const located = (v: Massnahme): Located<Massnahme> => ({ value: v, file: 'x.yaml', path: [], locations: new YamlLocations({ text: '', lineStarts: [0] }) });

describe('statusAt', () => {
  it('follows the verlauf; before its first entry a measure is geplant', () => {
    const x = m({ status: 'abgeschlossen', verlauf: [{ datum: '2019-04-01', status: 'laufend' }, { datum: '2020-11-15', status: 'abgeschlossen' }] });
    expect(statusAt(x, '2019-01-01')).toBe('geplant');
    expect(statusAt(x, '2019-04-01')).toBe('laufend');
    expect(statusAt(x, '2020-06-30')).toBe('laufend');
    expect(statusAt(x, '2021-06-30')).toBe('abgeschlossen');
  });

  it('without verlauf: geplant before beginn, laufend until the end of an abgeschlossen measure, else status', () => {
    const x = m({ status: 'abgeschlossen', beginn: '2019-06', ende: '2020-12' });
    expect(statusAt(x, '2019-05-31')).toBe('geplant');
    expect(statusAt(x, '2020-06-30')).toBe('laufend');
    expect(statusAt(x, '2021-01-01')).toBe('abgeschlossen');
    expect(statusAt(m({ status: 'zurueckgestellt' }), '2020-06-30')).toBe('zurueckgestellt');
    expect(statusAt(m({}), '2020-06-30')).toBeUndefined();
  });

  it('überfällig: ende (end of its month) before the Stichtag and not abgeschlossen then', () => {
    expect(isUeberfaellig(m({ status: 'laufend', ende: '2020-05' }), '2020-06-30')).toBe(true);
    expect(isUeberfaellig(m({ status: 'laufend', ende: '2020-06' }), '2020-06-30')).toBe(false);
    expect(isUeberfaellig(m({ status: 'abgeschlossen', ende: '2020-05' }), '2020-06-30')).toBe(false);
    expect(isUeberfaellig(m({ status: 'zurueckgestellt', ende: '2019-10' }), '2020-06-30')).toBe(true);
    // Planned to end in October 2020, finished on 15.11.2020: overdue on 10.11.2020, no longer on 31.12.2020.
    const late = m({ status: 'abgeschlossen', ende: '2020-10', verlauf: [{ datum: '2019-01-01', status: 'laufend' }, { datum: '2020-11-15', status: 'abgeschlossen' }] });
    expect(isUeberfaellig(late, '2020-11-10')).toBe(true);
    expect(isUeberfaellig(late, '2020-12-31')).toBe(false);
  });

  it('counts per status with the overdue ones', () => {
    const list = [m({ id: 'A', status: 'laufend', ende: '2020-01' }), m({ id: 'B', status: 'geplant', beginn: '2021-01' }), m({ id: 'C', status: 'abgeschlossen', ende: '2019-12' }), m({ id: 'D' })].map(located);
    const c = countStatus(list, '2020-06-30');
    expect(c.counts).toEqual({ geplant: 1, laufend: 1, abgeschlossen: 1, zurueckgestellt: 0, ohneAngabe: 1 });
    expect(c.ueberfaellig.map((x) => x.value.id)).toEqual(['A']);
  });
});

describe('moneyTotals', () => {
  it('totals plan and ist per Handlungsfeld, year and source, in cents', () => {
    const list = [
      m({ id: 'A', handlungsfeld: 'HF-B', kosten: [{ betrag: 0.1, jahr: 2020, finanzierung: 'KIM', ist: 0.1 }, { betrag: 0.2, jahr: 2021, finanzierung: 'Haushalt' }] }),
      m({ id: 'B', handlungsfeld: 'HF-A', kosten: { betrag: 1000, finanzierung: 'KIM', ist: 850.5, jahr: 2020 } }),
      m({ id: 'C', handlungsfeld: 'HF-A', kosten: { betrag: 500 } }),
    ].map(located);
    const t = moneyTotals(list, ['HF-A', 'HF-B']);
    expect(t.total).toEqual({ plan: 1500.3, ist: 850.6, istItems: 2 });
    expect(t.byHandlungsfeld).toEqual([{ key: 'HF-A', plan: 1500, ist: 850.5, istItems: 1 }, { key: 'HF-B', plan: 0.3, ist: 0.1, istItems: 1 }]);
    expect(t.byJahr.map((r) => [r.key, r.plan])).toEqual([['2020', 1000.1], ['2021', 0.2], [undefined, 500]]);
    expect(t.byFinanzierung.map((r) => [r.key, r.plan, r.istItems])).toEqual([['Haushalt', 0.2, 0], ['KIM', 1000.1, 2], [undefined, 500, 0]]);
  });
});
