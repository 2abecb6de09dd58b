/**
 * Everything a Sachstandsbericht shows, computed once from the model: the measures' states,
 * each indicator's assessment and change, each goal's standing, the money. Pure: the same
 * model and report give the same figures, whenever they are built.
 */
import type { Bericht, Located, Model, ModelIndex } from '../model/model.js';
import type { Handlungsfeld, Indikator, Massnahme, MassnahmeStatus, Ziel } from '../model/schemas.js';
import { assess, DEFAULT_TOLERANZ, latestUpTo, type Assessment, type Messpunkt } from './assessment.js';
import { countStatus, statusAt, type StatusCounts } from './status.js';
import { moneyTotals, type MoneyTotals } from './money.js';
import { evaluationRuns, memoized } from './memo.js';

/** One indicator in a report. */
export interface IndikatorStand {
  indikator: Located<Indikator>;
  assessment: Assessment;
  /** Latest value at the previous report's Stichtag, when there is a previous report. */
  vorher?: Messpunkt;
  /** Assessment at the previous report's Stichtag. */
  vorherBewertung?: Assessment['bewertung'];
}

/** One goal in a report: its indicators' assessments next to the author's own `bewertung`. */
export interface ZielStand {
  ziel: Located<Ziel>;
  indikatoren: IndikatorStand[];
}

/** One measure whose state differs between the previous report's Stichtag and this one. */
export interface StatusWechsel {
  massnahme: Located<Massnahme>;
  vorher: MassnahmeStatus | undefined;
  nachher: MassnahmeStatus | undefined;
}

/** The figures of one report. */
export interface BerichtStand {
  stichtag: string;
  toleranz: number;
  /** The previous report, when `vorheriger` names one. */
  vorheriger?: Bericht;
  handlungsfelder: Array<Located<Handlungsfeld>>;
  /** Per Handlungsfeld (same order as `handlungsfelder`). */
  status: Array<{ handlungsfeld: Located<Handlungsfeld>; stand: StatusCounts }>;
  /** All reported measures together. */
  statusGesamt: StatusCounts;
  indikatoren: IndikatorStand[];
  ziele: ZielStand[];
  geld: MoneyTotals;
  /** Changes since the previous report (empty without one). */
  statusWechsel: StatusWechsel[];
}

/** The tolerance of the content folder in percent. */
export function toleranzOf(model: Model): number {
  return model.config?.value.bericht?.toleranz ?? DEFAULT_TOLERANZ;
}

const stands = new WeakMap<Model, Map<string, BerichtStand>>();

/**
 * The figures of `bericht`: computed once per model (the loaded content) and report at its
 * Stichtag (`memo.ts`); the result is shared and frozen at its top level.
 */
export function evaluateBericht(bericht: Bericht, model: Model, index: ModelIndex): BerichtStand {
  return memoized(stands, model, `${bericht.name} ${bericht.meta.value.stichtag}`, () => {
    evaluationRuns.bericht++;
    return Object.freeze(computeBericht(bericht, model, index));
  });
}

/** The figures of `bericht`, computed every time (`evaluateBericht` is the cached way). */
export function computeBericht(bericht: Bericht, model: Model, index: ModelIndex): BerichtStand {
  const meta = bericht.meta.value;
  const vorheriger = meta.vorheriger ? model.berichte.find((b) => b.name === meta.vorheriger) : undefined;
  return evaluateStichtag(model, index, meta.stichtag, meta.handlungsfelder, vorheriger);
}

/**
 * The figures at `stichtag` for the Handlungsfelder `hfIds` (all when undefined), compared with
 * `vorheriger`'s Stichtag when given. Also the basis of comparing two Stichtage (`diff`).
 */
export function evaluateStichtag(model: Model, index: ModelIndex, stichtag: string, hfIds: readonly string[] | undefined, vorheriger?: Bericht): BerichtStand {
  const toleranz = toleranzOf(model);
  const handlungsfelder = model.collections.handlungsfelder.filter((h) => !hfIds || hfIds.includes(h.value.id));
  const selected = new Set(handlungsfelder.map((h) => h.value.id));
  const massnahmen = model.collections.massnahmen.filter((m) => selected.has(m.value.handlungsfeld));
  const ziele = model.collections.ziele.filter((z) => selected.has(z.value.handlungsfeld));
  const before = vorheriger?.meta.value.stichtag;

  const stand = new Map<string, IndikatorStand>();
  const standOf = (ind: Located<Indikator>): IndikatorStand => {
    let s = stand.get(ind.value.id);
    if (!s) {
      const vorher = before ? latestUpTo(ind.value, before) : undefined;
      s = {
        indikator: ind,
        assessment: assess(ind.value, stichtag, toleranz),
        ...(vorher ? { vorher } : {}),
        ...(before ? { vorherBewertung: assess(ind.value, before, toleranz).bewertung } : {}),
      };
      stand.set(ind.value.id, s);
    }
    return s;
  };
  // Without a choice of Handlungsfelder every indicator is reported; with one, those its goals use.
  const indikatorList = hfIds
    ? [...new Set(ziele.flatMap((z) => z.value.indikatoren ?? []))].flatMap((id) => index.indikatoren.get(id) ?? [])
    : model.collections.indikatoren;
  const indikatoren = indikatorList.map(standOf);

  return {
    stichtag,
    toleranz,
    ...(vorheriger ? { vorheriger } : {}),
    handlungsfelder,
    status: handlungsfelder.map((h) => ({ handlungsfeld: h, stand: countStatus(massnahmen.filter((m) => m.value.handlungsfeld === h.value.id), stichtag) })),
    statusGesamt: countStatus(massnahmen, stichtag),
    indikatoren,
    ziele: ziele.filter((z) => z.value.ebene === 'Handlungsziel' || z.value.frist || z.value.indikatoren?.length).map((z) => ({
      ziel: z,
      indikatoren: (z.value.indikatoren ?? []).flatMap((id) => index.indikatoren.get(id) ?? []).map(standOf),
    })),
    geld: moneyTotals(massnahmen, handlungsfelder.map((h) => h.value.id)),
    statusWechsel: before
      ? massnahmen.flatMap((m) => {
          const vorher = statusAt(m.value, before);
          const nachher = statusAt(m.value, stichtag);
          return vorher === nachher ? [] : [{ massnahme: m, vorher, nachher }];
        })
      : [],
  };
}
