/**
 * Planned and spent money of a set of measures, totalled per Handlungsfeld, per year and per
 * funding source: the figures a Verwendungsnachweis asks for.
 */
import type { Located } from '../model/model.js';
import { kostenList } from '../model/kosten.js';
import type { Massnahme } from '../model/schemas.js';

/** One total: planned (`betrag`) and spent (`ist`) euros; `ist` only counts items that give it. */
export interface MoneyTotal {
  plan: number;
  ist: number;
  /** Number of cost items with an `ist`; 0 means nothing spent is known (shown as „–“, not 0 €). */
  istItems: number;
}

/** A labelled total. */
export interface MoneyRow extends MoneyTotal {
  /** Handlungsfeld ID, year as text, or funding source; `undefined` for items without one. */
  key: string | undefined;
}

/** All totals of one report. */
export interface MoneyTotals {
  byHandlungsfeld: MoneyRow[];
  byJahr: MoneyRow[];
  byFinanzierung: MoneyRow[];
  total: MoneyTotal;
}

// Cents avoid sums like 0.1 + 0.2 = 0.30000000000000004 in the printed totals.
const cents = (euros: number) => Math.round(euros * 100);

/**
 * Totals of `list`. Handlungsfelder come in the order of `order`, years ascending, sources
 * alphabetically (German collation); items without year or source come last.
 */
export function moneyTotals(list: ReadonlyArray<Located<Massnahme>>, order: readonly string[]): MoneyTotals {
  const groups = { byHandlungsfeld: new Map<string | undefined, MoneyTotal>(), byJahr: new Map<string | undefined, MoneyTotal>(), byFinanzierung: new Map<string | undefined, MoneyTotal>() };
  const total: MoneyTotal = { plan: 0, ist: 0, istItems: 0 };
  const add = (map: Map<string | undefined, MoneyTotal>, key: string | undefined, plan: number, ist: number | undefined) => {
    const row = map.get(key) ?? { plan: 0, ist: 0, istItems: 0 };
    row.plan += plan;
    if (ist !== undefined) {
      row.ist += ist;
      row.istItems++;
    }
    map.set(key, row);
  };
  for (const { value: m } of list) {
    for (const k of kostenList(m.kosten)) {
      const plan = cents(k.betrag);
      const ist = k.ist === undefined ? undefined : cents(k.ist);
      add(groups.byHandlungsfeld, m.handlungsfeld, plan, ist);
      add(groups.byJahr, k.jahr === undefined ? undefined : String(k.jahr), plan, ist);
      add(groups.byFinanzierung, k.finanzierung?.trim() || undefined, plan, ist);
      total.plan += plan;
      if (ist !== undefined) {
        total.ist += ist;
        total.istItems++;
      }
    }
  }
  const rows = (map: Map<string | undefined, MoneyTotal>, compare: (a: string, b: string) => number): MoneyRow[] =>
    [...map.entries()]
      .sort(([a], [b]) => (a === undefined ? 1 : b === undefined ? -1 : compare(a, b)))
      .map(([key, t]) => ({ key, ...euros(t) }));
  const collator = new Intl.Collator('de');
  const rank = (id: string) => (order.indexOf(id) === -1 ? order.length : order.indexOf(id));
  return {
    byHandlungsfeld: rows(groups.byHandlungsfeld, (a, b) => rank(a) - rank(b) || collator.compare(a, b)),
    byJahr: rows(groups.byJahr, (a, b) => Number(a) - Number(b)),
    byFinanzierung: rows(groups.byFinanzierung, (a, b) => collator.compare(a, b)),
    total: euros(total),
  };
}

function euros(t: MoneyTotal): MoneyTotal {
  return { plan: t.plan / 100, ist: t.ist / 100, istItems: t.istItems };
}
