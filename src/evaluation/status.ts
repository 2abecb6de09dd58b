/**
 * The state of every measure at a report's Stichtag. `status` in the YAML is the state today;
 * `verlauf` records when it changed, so a report for an earlier Stichtag shows what was true
 * then and stays the same when it is rebuilt later.
 */
import type { Located } from '../model/model.js';
import { periodEnd, periodStart } from '../model/dates.js';
import { MASSNAHME_STATUS, type Massnahme, type MassnahmeStatus } from '../model/schemas.js';

/** A measure's state at a Stichtag; `undefined` when the content says nothing. */
export type StatusAmStichtag = MassnahmeStatus | undefined;

/**
 * The state of `m` at `stichtag` (JJJJ-MM-TT):
 * 1. with `verlauf`: the last entry dated on or before the Stichtag; before the first entry, „geplant“;
 * 2. without: „geplant“ when `beginn` lies after the Stichtag; „laufend“ when the measure is
 *    abgeschlossen today but its `ende` lies after the Stichtag; otherwise `status`.
 */
export function statusAt(m: Massnahme, stichtag: string): StatusAmStichtag {
  if (m.verlauf?.length) {
    const before = [...m.verlauf].filter((v) => v.datum <= stichtag).sort((a, b) => (a.datum < b.datum ? -1 : a.datum > b.datum ? 1 : 0));
    return before.length ? before[before.length - 1].status : 'geplant';
  }
  if (m.beginn && periodStart(m.beginn) > stichtag) return 'geplant';
  if (m.status === 'abgeschlossen' && m.ende && periodEnd(m.ende) > stichtag) return 'laufend';
  return m.status;
}

/** Überfällig: the measure should have ended before the Stichtag and was not abgeschlossen then. */
export function isUeberfaellig(m: Massnahme, stichtag: string): boolean {
  return !!m.ende && periodEnd(m.ende) < stichtag && statusAt(m, stichtag) !== 'abgeschlossen';
}

/** Counts of one group of measures at a Stichtag. */
export interface StatusCounts {
  /** Per state; `ohneAngabe` for measures without any. */
  counts: Record<MassnahmeStatus, number> & { ohneAngabe: number };
  total: number;
  /** The overdue measures, in content order. */
  ueberfaellig: Array<Located<Massnahme>>;
}

/** Counts the states of `list` at `stichtag`. */
export function countStatus(list: ReadonlyArray<Located<Massnahme>>, stichtag: string): StatusCounts {
  const counts = Object.fromEntries([...MASSNAHME_STATUS.map((s) => [s, 0]), ['ohneAngabe', 0]]) as StatusCounts['counts'];
  const ueberfaellig: Array<Located<Massnahme>> = [];
  for (const m of list) {
    const s = statusAt(m.value, stichtag);
    counts[s ?? 'ohneAngabe']++;
    if (isUeberfaellig(m.value, stichtag)) ueberfaellig.push(m);
  }
  return { counts, total: list.length, ueberfaellig };
}
