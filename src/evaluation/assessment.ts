/**
 * How an indicator stands at a Stichtag, by one documented rule (README, „Bewertung der
 * Indikatoren“). The planned path runs in a straight line from the Ausgangswert (basis) at its
 * date to the Zielwert at its date; the latest city-wide measurement up to the Stichtag is
 * compared with the point of the path at that measurement's date.
 *
 * - „keine Daten“: no Ausgangswert, Zielwert or direction, or no measurement after the
 *   Ausgangswert up to the Stichtag;
 * - „erreicht“: the value has reached the Zielwert in the wanted direction (`richtung`);
 * - „verfehlt“: not reached, and the measurement is dated on or after the Zielwert's date;
 * - „auf Kurs“: behind the path by no more than the tolerance (a share of the planned change
 *   |Zielwert − Ausgangswert|, `bericht: toleranz:` in ratsdoc.yaml, default 10 %), or ahead of it;
 * - „gefährdet“: further behind.
 */
import type { Indikator } from '../model/schemas.js';
import { evaluationRuns, memoized } from './memo.js';

/** The five assessments, in the order reports list them. */
export const BEWERTUNGEN = ['erreicht', 'auf Kurs', 'gefährdet', 'verfehlt', 'keine Daten'] as const;
export type Bewertung = (typeof BEWERTUNGEN)[number];

/** Default tolerance in percent of the planned change. */
export const DEFAULT_TOLERANZ = 10;

/** A value at a date. */
export interface Messpunkt {
  wert: number;
  stichtag: string;
}

/** The assessment with the figures it was made from. */
export interface Assessment {
  bewertung: Bewertung;
  /** Latest city-wide measurement up to the Stichtag. */
  latest?: Messpunkt;
  /** The planned path's value at the latest measurement's date. */
  soll?: number;
  /** Why, in German, for the report and the README's examples. */
  grund: string;
}

/** City-wide measurements (no Sozialraum) up to `stichtag`, oldest first; the Ausgangswert counts as one. */
export function seriesUpTo(ind: Indikator, stichtag: string): Messpunkt[] {
  const points = [...(ind.basis ? [ind.basis] : []), ...(ind.messungen ?? []).filter((m) => !m.sozialraum)]
    .filter((p) => p.stichtag <= stichtag)
    .map((p) => ({ wert: p.wert, stichtag: p.stichtag }));
  // One value per day: a measurement on the Ausgangswert's date replaces it.
  const byDay = new Map<string, Messpunkt>();
  for (const p of points) byDay.set(p.stichtag, p);
  return [...byDay.values()].sort((a, b) => (a.stichtag < b.stichtag ? -1 : 1));
}

/** The latest city-wide measurement up to `stichtag` (measurements only, not the Ausgangswert). */
export function latestUpTo(ind: Indikator, stichtag: string): Messpunkt | undefined {
  const city = (ind.messungen ?? []).filter((m) => !m.sozialraum && m.stichtag <= stichtag);
  const last = [...city].sort((a, b) => (a.stichtag < b.stichtag ? -1 : a.stichtag > b.stichtag ? 1 : 0)).pop();
  return last && { wert: last.wert, stichtag: last.stichtag };
}

/** Days since 1970-01-01 of an ISO date. */
function day(iso: string): number {
  return Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86_400_000;
}

/** Floating-point noise below this is equality (values carry at most a few decimals). */
const EPSILON = 1e-9;

const assessments = new WeakMap<Indikator, Map<string, Assessment>>();

/**
 * Assesses `ind` at `stichtag` with a tolerance of `toleranz` percent of the planned change;
 * once per indicator object, Stichtag and tolerance (`memo.ts`), the result frozen.
 */
export function assess(ind: Indikator, stichtag: string, toleranz: number = DEFAULT_TOLERANZ): Assessment {
  return memoized(assessments, ind, `${stichtag} ${toleranz}`, () => {
    evaluationRuns.assessment++;
    const a = computeAssessment(ind, stichtag, toleranz);
    if (a.latest) Object.freeze(a.latest);
    return Object.freeze(a);
  });
}

/** The assessment itself, computed every time (`assess` is the cached way). */
export function computeAssessment(ind: Indikator, stichtag: string, toleranz: number = DEFAULT_TOLERANZ): Assessment {
  const { basis, zielwert } = ind;
  if (!basis || !zielwert) return { bewertung: 'keine Daten', grund: `ohne ${!basis ? 'Ausgangswert' : 'Zielwert'}` };
  const richtung = ind.richtung ?? (zielwert.wert > basis.wert ? 'steigend' : zielwert.wert < basis.wert ? 'fallend' : undefined);
  if (!richtung) return { bewertung: 'keine Daten', grund: 'ohne Richtung, und Ausgangs- und Zielwert sind gleich' };
  if (day(zielwert.stichtag) <= day(basis.stichtag)) return { bewertung: 'keine Daten', grund: 'der Zielwert ist nicht später datiert als der Ausgangswert' };
  const latest = latestUpTo(ind, stichtag);
  if (!latest || latest.stichtag <= basis.stichtag) return { bewertung: 'keine Daten', grund: 'kein Messwert nach dem Ausgangswert bis zum Stichtag', ...(latest ? { latest } : {}) };
  const d = richtung === 'steigend' ? 1 : -1;
  if (d * (latest.wert - zielwert.wert) >= -EPSILON) return { bewertung: 'erreicht', latest, grund: 'Zielwert erreicht' };
  if (latest.stichtag >= zielwert.stichtag) return { bewertung: 'verfehlt', latest, grund: 'Frist des Zielwerts verstrichen, Zielwert nicht erreicht' };
  const share = (day(latest.stichtag) - day(basis.stichtag)) / (day(zielwert.stichtag) - day(basis.stichtag));
  const soll = basis.wert + (zielwert.wert - basis.wert) * share;
  const rueckstand = d * (soll - latest.wert);
  const band = (toleranz / 100) * Math.abs(zielwert.wert - basis.wert);
  return rueckstand <= band + EPSILON
    ? { bewertung: 'auf Kurs', latest, soll, grund: rueckstand > EPSILON ? 'hinter dem Zielpfad, aber innerhalb der Toleranz' : 'auf oder vor dem Zielpfad' }
    : { bewertung: 'gefährdet', latest, soll, grund: 'hinter dem Zielpfad, außerhalb der Toleranz' };
}
