/**
 * Derived effects: what the changes do to the rendered documents at summary level — cost
 * totals per Handlungsfeld before → after, measures whose status changed, and the errors and
 * warnings that are new or gone (for example a Handlungsziel that lost its last measure).
 * Computed from the validated models of both sides.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { compareNatural } from '../render/html/natural-sort.js';
import type { EntityComparison, EntityTable } from './entities.js';
import { cents, kostenSumme } from '../model/kosten.js';
import type { Renames } from './fields.js';
import type { CostRow, DerivedEffects } from './report.js';
import { diagnosticJson } from '../diagnostics/format.js';
import type { Side } from './revision.js';
import { without } from './similarity.js';
import { changedValues } from './values.js';

/**
 * Costs per Handlungsfeld ID (in file order) with their titles, and of all measures, from the
 * entries as written: a measure that fails its schema for another reason still counts with its costs.
 */
function totals(table: EntityTable): { byHf: Map<string, { title: string; sum: number }>; all: number } {
  const byHf = new Map<string, { title: string; sum: number }>();
  for (const hf of table.handlungsfelder.values()) byHf.set(hf.id, { title: typeof hf.value.titel === 'string' ? hf.value.titel : hf.id, sum: 0 });
  let all = 0;
  for (const m of table.massnahmen.values()) {
    const sum = kostenSumme(m.value.kosten);
    all += sum;
    const t = typeof m.value.handlungsfeld === 'string' ? byHf.get(m.value.handlungsfeld) : undefined;
    if (t) t.sum = cents(t.sum + sum);
  }
  return { byHf, all: cents(all) };
}

/** Replaces renamed IDs („old“ → „new“) in a message, so that a warning that only followed a rename is not new. */
function renamer(renames: Renames): (text: string) => string {
  const pairs = Object.values(renames).flatMap((m) => [...(m ?? new Map<string, string>())]);
  if (!pairs.length) return (t) => t;
  const map = new Map(pairs.map(([from, to]) => [`„${from}“`, `„${to}“`]));
  const re = new RegExp([...map.keys()].map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  return (t) => t.replace(re, (m) => map.get(m) ?? m);
}

/** Diagnostics of `to` that `from` does not have (as a multiset; place in the file does not count). */
function missingIn(to: Diagnostic[], from: Diagnostic[], mapFrom: (t: string) => string, mapTo: (t: string) => string): Diagnostic[] {
  const key = (map: (t: string) => string) => (d: Diagnostic) => [d.severity, d.code, map(d.entity ?? ''), map(d.message)].join('\u0000');
  return without(to, from, key(mapTo), key(mapFrom));
}

export function deriveEffects(a: Side, b: Side, ents: EntityComparison): DerivedEffects {
  const { renames, uncompared } = ents;
  const notes: string[] = [];
  // Handlungsfelder whose data could not be read on one side: their totals are not compared.
  const unknownHf = new Set<string>();
  for (const key of uncompared) {
    const [collection, id] = key.split(':');
    if (collection === 'handlungsfelder') unknownHf.add(id);
    if (collection === 'massnahmen') {
      const m = ents.old.massnahmen.get(id) ?? ents.new.massnahmen.get(id);
      if (m && typeof m.value.handlungsfeld === 'string') unknownHf.add(m.value.handlungsfeld);
    }
  }

  // Costs per Handlungsfeld; a renamed Handlungsfeld keeps its old total.
  const hfRenames = renames.handlungsfelder ?? new Map<string, string>();
  const back = new Map([...hfRenames].map(([from, to]) => [to, from]));
  const ta = totals(ents.old);
  const tb = totals(ents.new);
  const costs: CostRow[] = [];
  const seenOld = new Set<string>();
  for (const [id, t] of tb.byHf) {
    const oldId = ta.byHf.has(id) ? id : back.get(id);
    if (oldId) seenOld.add(oldId);
    if (unknownHf.has(id) || (oldId && unknownHf.has(oldId))) continue;
    const before = oldId ? ta.byHf.get(oldId)!.sum : 0;
    if (before !== t.sum) costs.push({ handlungsfeld: id, title: t.title, old: before, new: t.sum, delta: cents(t.sum - before) });
  }
  for (const [id, t] of ta.byHf) {
    if (seenOld.has(id) || unknownHf.has(id) || t.sum === 0) continue;
    costs.push({ handlungsfeld: id, title: t.title, old: t.sum, new: 0, delta: cents(-t.sum) });
  }
  for (const id of [...unknownHf].sort(compareNatural)) notes.push(`Kosten im Handlungsfeld „${id}“ nicht verglichen: seine Daten sind in einem der Stände nicht lesbar`);
  const total = unknownHf.size ? null : costs.length || ta.all !== tb.all ? { old: ta.all, new: tb.all, delta: cents(tb.all - ta.all) } : null;

  // Status of measures (matched by ID or through a rename), as written.
  const mRenames = renames.massnahmen ?? new Map<string, string>();
  const mBack = new Map([...mRenames].map(([from, to]) => [to, from]));
  const status: DerivedEffects['status'] = [];
  const statusOf = (v: Record<string, unknown>) => (typeof v.status === 'string' ? v.status : null);
  for (const [id, m] of ents.new.massnahmen) {
    const oldId = ents.old.massnahmen.has(id) ? id : mBack.get(id);
    const old = oldId ? ents.old.massnahmen.get(oldId) : undefined;
    if (!old || statusOf(old.value) === statusOf(m.value)) continue;
    status.push({ id, oldId: oldId !== id ? oldId ?? null : null, title: typeof m.value.titel === 'string' ? m.value.titel : '', old: statusOf(old.value), new: statusOf(m.value) });
  }
  status.sort((p, q) => compareNatural(p.id, q.id));

  const rename = renamer(renames);
  const same = (t: string) => t;
  return {
    costs,
    total,
    status,
    inlineValues: changedValues(a, b),
    newDiagnostics: missingIn(b.diagnostics, a.diagnostics, rename, same).map(diagnosticJson),
    resolvedDiagnostics: missingIn(a.diagnostics, b.diagnostics, same, rename).map(diagnosticJson),
    notes,
  };
}
