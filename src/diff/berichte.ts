/**
 * `ratsdoc diff --berichte A B`: two Sachstandsberichte (or two Stichtage) of the same content
 * compared by their figures — which measures changed their state (or became overdue), which
 * indicators have a new latest value and whether their assessment changed („auf Kurs“ →
 * „gefährdet“ …), and the counts per state and per assessment. Both sides are evaluated from
 * the content as it is now (`evaluation/`), as the reports themselves are, so the comparison
 * says the same as the two reports' own pages.
 */
import { z } from 'zod';
import { gridTable, p, t, type Block, type DocumentTree } from '../document/tree.js';
import { changeTables, statusLabel } from '../document/bericht-parts.js';
import { BEWERTUNGEN } from '../evaluation/assessment.js';
import { evaluateStichtag, type BerichtStand } from '../evaluation/bericht.js';
import { isUeberfaellig, statusAt } from '../evaluation/status.js';
import type { Model, ModelIndex } from '../model/model.js';
import { MASSNAHME_STATUS, IsoDate } from '../model/schemas.js';
import { formatDate } from '../format/german.js';
import { formatDiffJson } from './similarity.js';
import { treeToText } from '../render/text.js';

const Side = z.object({
  bericht: z.string().nullable().describe('Name des Berichts (berichte/NAME.md); null bei einem bloßen Stichtag'),
  title: z.string().nullable(),
  stichtag: z.string(),
});
const Point = z.object({ value: z.number(), stichtag: z.string() }).nullable();
const Bewertung = z.enum(BEWERTUNGEN);
const BewertungCounts = z.object(Object.fromEntries(BEWERTUNGEN.map((b) => [b, z.number().int()])) as Record<(typeof BEWERTUNGEN)[number], z.ZodNumber>);
const Status = z.enum(MASSNAHME_STATUS).nullable().describe('Stand am Stichtag; null: ohne Angabe');
const StatusCounts = z.object({ ...Object.fromEntries(MASSNAHME_STATUS.map((s) => [s, z.number().int()])), ohneAngabe: z.number().int(), overdue: z.number().int() } as Record<(typeof MASSNAHME_STATUS)[number] | 'ohneAngabe' | 'overdue', z.ZodNumber>);

export const BERICHTE_DIFF_FORMAT = 'ratsdoc-diff-berichte/1';

export const BerichteDiffSchema = z
  .object({
    format: z.literal(BERICHTE_DIFF_FORMAT).describe('Version dieses Formats'),
    content: z.string(),
    old: Side,
    new: Side,
    identical: z.boolean().describe('true: kein Stand, kein Wert und keine Bewertung hat sich geändert'),
    handlungsfelder: z.array(z.string()).nullable().describe('Verglichene Handlungsfelder; null: alle'),
    statusCounts: z.object({ old: StatusCounts, new: StatusCounts }).describe('Maßnahmen je Stand (und überfällige) an beiden Stichtagen'),
    assessmentCounts: z.object({ old: BewertungCounts, new: BewertungCounts }).describe('Indikatoren je Bewertung an beiden Stichtagen'),
    measures: z.array(z.object({
      id: z.string(), title: z.string(), handlungsfeld: z.string(),
      old: Status, new: Status, overdueOld: z.boolean(), overdueNew: z.boolean(),
    })).describe('Maßnahmen, deren Stand sich geändert hat oder die überfällig wurden oder es nicht mehr sind'),
    indicators: z.array(z.object({
      id: z.string(), title: z.string(), unit: z.string(),
      old: Point, new: Point, delta: z.number().nullable().describe('Veränderung des letzten Werts'),
      oldAssessment: Bewertung, newAssessment: Bewertung,
    })).describe('Indikatoren mit neuem letztem Wert oder geänderter Bewertung'),
  })
  .describe('Ergebnis von „ratsdoc diff --berichte … --format json“: Vergleich zweier Sachstandsberichte');
export type BerichteDiff = z.infer<typeof BerichteDiffSchema>;

/** A problem with the call (an unknown report, no date): German message, exit 2. */
export class BerichtProblem extends Error {}

/** A report name or a Stichtag (JJJJ-MM-TT) as given on the command line. */
function sideOf(model: Model, given: string): { bericht: z.infer<typeof Side>; hf: readonly string[] | undefined; vorheriger?: string } {
  const b = model.berichte.find((x) => x.name === given);
  if (b) return { bericht: { bericht: b.name, title: b.meta.value.titel, stichtag: b.meta.value.stichtag }, hf: b.meta.value.handlungsfelder, vorheriger: b.meta.value.vorheriger };
  if (IsoDate.safeParse(given).success) return { bericht: { bericht: null, title: null, stichtag: given }, hf: undefined };
  const names = model.berichte.map((x) => `„${x.name}“`).join(', ');
  throw new BerichtProblem(`Einen Bericht „${given}“ gibt es nicht, und ein Stichtag (JJJJ-MM-TT) ist es auch nicht (Berichte: ${names || 'keine in berichte/'})`);
}

function counts(stand: BerichtStand) {
  const c = stand.statusGesamt;
  return {
    status: { ...c.counts, overdue: c.ueberfaellig.length },
    assessment: Object.fromEntries(BEWERTUNGEN.map((b) => [b, stand.indikatoren.filter((i) => i.assessment.bewertung === b).length])) as Record<(typeof BEWERTUNGEN)[number], number>,
  };
}

/**
 * Compares two reports (`oldName`, `newName`: report names or Stichtage). Without `newName`
 * the report `oldName` is compared with its `vorheriger`.
 */
export function compareBerichte(model: Model, index: ModelIndex, content: string, oldName: string, newName?: string): BerichteDiff {
  if (newName === undefined) {
    const prev = sideOf(model, oldName).vorheriger;
    if (!prev) throw new BerichtProblem(`Bericht „${oldName}“ nennt keinen vorherigen Bericht (vorheriger: …); zwei Berichte angeben, z. B. „npx ratsdoc diff --berichte 2020-1 ${oldName}“`);
    return compareBerichte(model, index, content, prev, oldName);
  }
  const a = sideOf(model, oldName);
  const b = sideOf(model, newName);
  // Both sides over the same Handlungsfelder: those either report chose (all when one chose none).
  const hf = a.hf && b.hf ? [...new Set([...a.hf, ...b.hf])] : undefined;
  const sa = evaluateStichtag(model, index, a.bericht.stichtag, hf);
  const sb = evaluateStichtag(model, index, b.bericht.stichtag, hf);
  const ta = a.bericht.stichtag;
  const tb = b.bericht.stichtag;
  const selected = new Set(sb.handlungsfelder.map((h) => h.value.id));

  const measures = model.collections.massnahmen
    .filter((m) => selected.has(m.value.handlungsfeld))
    .map((m) => ({
      id: m.value.id, title: m.value.titel, handlungsfeld: m.value.handlungsfeld,
      old: statusAt(m.value, ta) ?? null, new: statusAt(m.value, tb) ?? null,
      overdueOld: isUeberfaellig(m.value, ta), overdueNew: isUeberfaellig(m.value, tb),
    }))
    .filter((m) => m.old !== m.new || m.overdueOld !== m.overdueNew);

  const before = new Map(sa.indikatoren.map((i) => [i.indikator.value.id, i]));
  const indicators = sb.indikatoren.flatMap((i) => {
    const o = before.get(i.indikator.value.id);
    const oldPoint = o?.assessment.latest ?? null;
    const newPoint = i.assessment.latest ?? null;
    const oldAssessment = o?.assessment.bewertung ?? 'keine Daten';
    if (oldPoint?.stichtag === newPoint?.stichtag && oldPoint?.wert === newPoint?.wert && oldAssessment === i.assessment.bewertung) return [];
    const v = i.indikator.value;
    return [{
      id: v.id, title: v.titel, unit: v.einheit,
      old: oldPoint && { value: oldPoint.wert, stichtag: oldPoint.stichtag },
      new: newPoint && { value: newPoint.wert, stichtag: newPoint.stichtag },
      delta: oldPoint && newPoint ? Math.round((newPoint.wert - oldPoint.wert) * 1e6) / 1e6 : null,
      oldAssessment, newAssessment: i.assessment.bewertung,
    }];
  });
  const ca = counts(sa);
  const cb = counts(sb);
  return {
    format: BERICHTE_DIFF_FORMAT,
    content,
    old: a.bericht,
    new: b.bericht,
    identical: !measures.length && !indicators.length,
    handlungsfelder: hf ?? null,
    statusCounts: { old: ca.status, new: cb.status },
    assessmentCounts: { old: ca.assessment, new: cb.assessment },
    measures,
    indicators,
  };
}

const sideName = (s: BerichteDiff['old']) => (s.bericht ? `${s.title ?? s.bericht} (${s.bericht}, Stichtag ${formatDate(s.stichtag)})` : `Stichtag ${formatDate(s.stichtag)}`);

/** The comparison as a document tree: what every format prints (text and Markdown by `render/text.ts`, HTML and PDF by the renderers). */
export function berichteTree(d: BerichteDiff): DocumentTree {
  const at = (s: BerichteDiff['old']) => formatDate(s.stichtag);
  const title = `Vergleich der Sachstandsberichte: ${d.old.bericht ?? at(d.old)} → ${d.new.bericht ?? at(d.new)}`;
  let n = 0;
  const heading = (depth: 1 | 2, text: string): Block => ({ type: 'heading', depth, anchor: `teil-${++n}`, toc: depth === 2, children: [t(text)] });
  const count = (o: number, x: number, label: string) => (o || x ? [[label, String(o), String(x)]] : []);
  const sc = (k: string, side: 'old' | 'new') => (d.statusCounts[side] as Record<string, number>)[k];
  const messpunkt = (x: BerichteDiff['indicators'][number]['old']) => (x ? { wert: x.value, stichtag: x.stichtag } : undefined);
  const [measures, indicators] = changeTables(d.old.stichtag, d.new.stichtag, d.measures, d.indicators.map((i) => ({ ...i, old: messpunkt(i.old), new: messpunkt(i.new) })), true);
  const blocks: Block[] = [
    heading(1, title),
    { type: 'fieldList', fields: [['alt', sideName(d.old)], ['neu', sideName(d.new)], ['Inhaltsordner', d.content]].map(([label, value]) => ({ key: label, label, value: [t(value)] })) },
    heading(2, 'Auf einen Blick'),
    p(d.identical ? 'Kein Stand, kein Wert und keine Bewertung hat sich geändert.' : `${d.measures.length} ${d.measures.length === 1 ? 'Maßnahme' : 'Maßnahmen'} mit geändertem Stand, ${d.indicators.length} ${d.indicators.length === 1 ? 'Indikator' : 'Indikatoren'} mit neuem Wert oder geänderter Bewertung.`),
    gridTable('Maßnahmen je Stand und Indikatoren je Bewertung', ['', `Stichtag ${at(d.old)}`, `Stichtag ${at(d.new)}`], [
      ...[...MASSNAHME_STATUS, 'ohneAngabe', 'overdue'].flatMap((k) => count(sc(k, 'old'), sc(k, 'new'), `Maßnahmen: ${k === 'overdue' ? 'überfällig' : k === 'ohneAngabe' ? 'ohne Angabe' : statusLabel(k as (typeof MASSNAHME_STATUS)[number])}`)),
      ...BEWERTUNGEN.map((b) => [`Indikatoren: ${b}`, String(d.assessmentCounts.old[b]), String(d.assessmentCounts.new[b])]),
    ]),
    heading(2, 'Maßnahmen mit geändertem Stand'),
    measures,
    heading(2, 'Indikatoren mit neuem Wert oder geänderter Bewertung'),
    indicators,
  ];
  return {
    kind: 'diff', outPath: 'berichtsvergleich', header: title, blocks,
    meta: { title, author: 'ratsdoc diff', subject: 'Vergleich zweier Sachstandsberichte', keywords: ['Sachstandsbericht', 'Vergleich'], lang: 'de-DE', created: new Date(`${d.new.stichtag}T00:00:00Z`) },
  };
}

/** The comparison as text, Markdown or JSON (HTML and PDF: the renderers, from {@link berichteTree}). */
export function formatBerichte(d: BerichteDiff, format: 'text' | 'markdown' | 'json'): string {
  return format === 'json' ? formatDiffJson(d) : treeToText(berichteTree(d), format);
}
