/**
 * Data shown as document blocks: the tables and charts behind the helpers `{{indikator}}`,
 * `{{ziele}}`, `{{massnahmen}}`, `{{zeitplan}}`, reused by the Konzept's generated parts so
 * a measure looks the same wherever it is cited.
 */
import type { Located } from '../model/model.js';
import type { Indikator, Kosten, Massnahme, Meilenstein, Ziel } from '../model/schemas.js';
import { kostenList, kostenSumme } from '../model/kosten.js';
import { formatDate, formatMoney, formatPeriod, formatValue } from '../format/german.js';
import { mm } from '../theme/theme.js';
import { BuildContext, KONZEPT_OUT_PATH, konzeptProfiles, type EntityKind } from './context.js';
import { sharedRead } from './tracking.js';
import { ganttChart, indicatorChart, type GanttRow } from './charts.js';
import { capitalize, display } from './labels.js';
import { markdownFieldToInlines } from './markdown.js';
import { fieldSource } from '../model/model.js';
import { t, cell, head, type Block, type Chart, type Inline, type Table, type TableCell } from './tree.js';

/** An entity reference: a link to its profile when the document has one, else plain text. */
export function entityRef(ctx: BuildContext, kind: Parameters<typeof BuildContext.entityAnchor>[0], id: string, label: string): Inline {
  const anchor = BuildContext.entityAnchor(kind, id);
  return ctx.profiles.has(anchor) ? { type: 'link', url: `#${anchor}`, children: [t(label)] } : t(label);
}

/**
 * An entity reference that leaves the document when needed: inside the Konzept a link to the
 * profile; in a Vorlage a link to the profile in the Konzept's HTML (when the Konzept has it).
 */
export function konzeptRef(ctx: BuildContext, kind: EntityKind, id: string, children: Inline[]): Inline[] {
  const anchor = BuildContext.entityAnchor(kind, id);
  if (ctx.profiles.has(anchor)) return [{ type: 'link', url: `#${anchor}`, children }];
  if (ctx.outPath !== KONZEPT_OUT_PATH && ctx.model.konzept && konzeptProfiles(ctx.model).has(anchor)) return [{ type: 'documentLink', document: KONZEPT_OUT_PATH, anchor, children }];
  return children;
}

/** Text width of the page in pt (for charts). */
export function textWidth(ctx: BuildContext): number {
  const [, right, , left] = ctx.theme.page.margin;
  return Math.floor(mm(210 - right - left));
}

/** The table of measures: Maßnahme (Nr. and title), Federführung, Partner, Zeitraum, Status, Kosten; with the total. */
export function massnahmenTable(list: Array<Located<Massnahme>>, ctx: BuildContext, caption?: string): Table {
  const rows = list.map(({ value: m }) => [
    cell([entityRef(ctx, 'massnahme', m.id, `${m.id} ${m.titel}`)]),
    cell([akteurRef(ctx, m.federfuehrung)]),
    cell(joinInlines((m.partner ?? []).map((p) => akteurRef(ctx, p)))),
    cell(formatPeriod(m.beginn, m.ende)),
    cell(m.status ? display(m.status) : '–'),
    cell(kostenList(m.kosten).length ? formatMoney(kostenSumme(m.kosten)) : '–', { align: 'right' }),
  ]);
  const total = list.reduce((s, m) => s + kostenSumme(m.value.kosten), 0);
  return {
    type: 'table',
    variant: 'grid',
    ...(caption ? { caption } : {}),
    headerRows: [head(['Maßnahme', 'Federführung', 'Partner', 'Zeitraum', 'Status', 'Kosten'], [undefined, undefined, undefined, undefined, undefined, 'right'])],
    rows,
    footerRows: [[cell('Summe', { header: true, colSpan: 5 }), cell(formatMoney(total), { align: 'right' })]],
  };
}

function akteurRef(ctx: BuildContext, id: string): Inline {
  const a = ctx.index.akteure.get(id);
  return entityRef(ctx, 'akteur', id, a ? a.value.name : id);
}

function joinInlines(list: Inline[]): Inline[] {
  if (!list.length) return [t('–')];
  const out: Inline[] = [];
  list.forEach((x, i) => {
    if (i) out.push(t(', '));
    out.push(x);
  });
  return out;
}

/** Goals of a Handlungsfeld: Leitziele with their Handlungsziele below, with Frist and Indikatoren. */
export function zieleTable(hfId: string | undefined, ctx: BuildContext, caption?: string): Table {
  const ziele = ctx.model.collections.ziele.filter((z) => !hfId || z.value.handlungsfeld === hfId);
  const ordered = orderGoals(ziele);
  const rows = ordered.map(({ value: z }) => [
    cell([entityRef(ctx, 'ziel', z.id, z.id)]),
    cell(z.ebene === 'Leitziel' ? [{ type: 'strong', children: [entityRef(ctx, 'ziel', z.id, z.titel)] }] : [entityRef(ctx, 'ziel', z.id, z.titel)]),
    cell(z.ebene),
    cell(z.frist ? formatDate(z.frist) : '–'),
    cell(joinInlines((z.indikatoren ?? []).map((i) => entityRef(ctx, 'indikator', i, i)))),
  ]);
  return {
    type: 'table',
    variant: 'grid',
    ...(caption ? { caption } : {}),
    headerRows: [head(['Nr.', 'Ziel', 'Ebene', 'Frist', 'Indikatoren'])],
    rows,
  };
}

/** Leitziele each followed by their Handlungsziele; goals without a known Leitziel at the end. */
export function orderGoals(ziele: Array<Located<Ziel>>): Array<Located<Ziel>> {
  const out: Array<Located<Ziel>> = [];
  const placed = new Set<string>();
  for (const l of ziele.filter((z) => z.value.ebene === 'Leitziel')) {
    out.push(l);
    placed.add(l.value.id);
    for (const h of ziele.filter((z) => z.value.oberziel === l.value.id && z.value.ebene === 'Handlungsziel')) {
      out.push(h);
      placed.add(h.value.id);
    }
  }
  for (const z of ziele) if (!placed.has(z.value.id)) out.push(z);
  return out;
}

/** Latest measurement of an indicator for the whole city (no Sozialraum), else the latest at all. */
export function latestMeasurement(ind: Indikator): { wert: number; stichtag: string } | undefined {
  const all = ind.messungen ?? [];
  const city = all.filter((m) => !m.sozialraum);
  const pool = city.length ? city : all;
  return [...pool].sort((a, b) => (a.stichtag < b.stichtag ? -1 : a.stichtag > b.stichtag ? 1 : 0)).pop();
}

/** One indicator as a small table: Ausgangswert → aktueller Wert → Zielwert. */
export function indikatorTable(ind: Indikator, ctx: BuildContext): Table {
  const latest = latestMeasurement(ind);
  const fmt = (p?: { wert: number; stichtag: string }) => (p ? `${formatValue(p.wert, ind.einheit)} (${formatDate(p.stichtag)})` : '–');
  return {
    type: 'table',
    variant: 'grid',
    caption: `Indikator ${ind.id}: ${ind.titel}`,
    headerRows: [head(['Ausgangswert', 'Aktueller Wert', 'Zielwert', 'Quelle'])],
    rows: [[cell([entityRef(ctx, 'indikator', ind.id, fmt(ind.basis))]), cell(fmt(latest)), cell(fmt(ind.zielwert)), cell(ind.quelle)]],
  };
}

/** A line chart of an indicator's city-wide measurements, or null with fewer than two points. */
export function indikatorChart(ind: Indikator, ctx: BuildContext): Chart | null {
  const city = (ind.messungen ?? []).filter((m) => !m.sozialraum);
  const series = [...(ind.basis ? [ind.basis] : []), ...city]
    .filter((p, i, arr) => arr.findIndex((q) => q.stichtag === p.stichtag) === i)
    .sort((a, b) => (a.stichtag < b.stichtag ? -1 : 1));
  if (series.length < 2) return null;
  const c = ctx.theme.colors;
  const alt = `Verlauf ${ind.titel}: ${series.map((p) => `${formatDate(p.stichtag)} ${formatValue(p.wert, ind.einheit)}`).join(', ')}${ind.zielwert ? `; Zielwert ${formatValue(ind.zielwert.wert, ind.einheit)} bis ${formatDate(ind.zielwert.stichtag)}` : ''}`;
  return indicatorChart(
    series.map((p) => ({ label: p.stichtag.slice(0, 4), value: p.wert })),
    ind.zielwert ? { value: ind.zielwert.wert, label: `Ziel ${formatValue(ind.zielwert.wert, ind.einheit)}` } : undefined,
    { width: Math.min(300, textWidth(ctx)), font: ctx.theme.base.font_family, primary: c.primary, accent: c.accent, muted: c.muted, unit: ind.einheit, alt },
  );
}

/** Rows of a Gantt chart per page: more rows than this are split into several charts. */
const GANTT_ROWS_PER_CHART = 44;

/** The time plan: measures grouped by Handlungsfeld, then the milestones; split when long. */
export function zeitplanCharts(hfId: string | undefined, ctx: BuildContext): Chart[] {
  // Many Vorlagen show the same time plan: build it once per model, theme and Handlungsfeld.
  const key = `zeitplan\u0000${hfId ?? ''}\u0000${JSON.stringify(ctx.theme.colors)}\u0000${ctx.theme.base.font_family}\u0000${textWidth(ctx)}`;
  return sharedRead(ctx.model, key, (model) => buildZeitplanCharts(hfId, model, ctx));
}

/** The time plan of `model` (as the shared computation sees it; the theme from `ctx`). */
function buildZeitplanCharts(hfId: string | undefined, model: BuildContext['model'], ctx: BuildContext): Chart[] {
  const rows: GanttRow[] = [];
  // The measures by Handlungsfeld in one pass (not one pass per Handlungsfeld: a Vorlage's
  // build reads the model through the source cache's tracker, where each read costs).
  const byField = new Map<string, Array<(typeof model.collections.massnahmen)[number]>>();
  for (const m of model.collections.massnahmen) {
    const list = byField.get(m.value.handlungsfeld);
    if (list) list.push(m);
    else byField.set(m.value.handlungsfeld, [m]);
  }
  for (const hf of model.collections.handlungsfelder) {
    if (hfId && hf.value.id !== hfId) continue;
    const measures = (byField.get(hf.value.id) ?? []).filter((m) => m.value.beginn && m.value.ende);
    if (!measures.length) continue;
    rows.push({ kind: 'group', label: hf.value.titel });
    for (const { value: m } of measures) rows.push({ kind: 'bar', label: `${m.id} ${m.titel}`, start: m.beginn!, end: m.ende!, ...(m.status ? { status: m.status } : {}) });
  }
  if (!hfId) {
    const ms = model.collections.meilensteine;
    if (ms.length) {
      rows.push({ kind: 'group', label: 'Meilensteine' });
      for (const { value: m } of ms) rows.push({ kind: 'milestone', label: m.titel, date: m.datum });
    }
  }
  if (!rows.some((r) => r.kind !== 'group')) return [];
  const charts: Chart[] = [];
  const c = ctx.theme.colors;
  for (let i = 0; i < rows.length; i += GANTT_ROWS_PER_CHART) {
    const chunk = rows.slice(i, i + GANTT_ROWS_PER_CHART);
    const bars = chunk.filter((r): r is Extract<GanttRow, { kind: 'bar' }> => r.kind === 'bar');
    const miles = chunk.filter((r): r is Extract<GanttRow, { kind: 'milestone' }> => r.kind === 'milestone');
    const alt = `Zeitplan: ${[...bars.map((b) => `${b.label} ${formatPeriod(b.start, b.end)}`), ...miles.map((m) => `Meilenstein ${m.label} ${formatDate(m.date)}`)].join('; ')}`;
    charts.push(ganttChart(chunk, { width: textWidth(ctx), font: ctx.theme.base.font_family, primary: c.primary, accent: c.accent, muted: c.muted, alt, caption: charts.length || rows.length > GANTT_ROWS_PER_CHART ? `Zeitplan (Teil ${charts.length + 1})` : 'Zeitplan' }));
  }
  return charts;
}

/** The milestones by date: Datum, Meilenstein, Status, Beschreibung. */
export function meilensteineTable(ctx: BuildContext): Table {
  const ms = [...ctx.model.collections.meilensteine].sort((a, b) => (a.value.datum < b.value.datum ? -1 : a.value.datum > b.value.datum ? 1 : 0));
  return {
    type: 'table',
    variant: 'grid',
    caption: 'Meilensteine',
    headerRows: [head(['Datum', 'Meilenstein', 'Status', 'Beschreibung'])],
    rows: ms.map((item) => {
      const m: Meilenstein = item.value;
      return [
        cell(formatDate(m.datum)),
        cell(m.titel, { header: true }),
        cell(m.status ? capitalize(m.status) : '–'),
        cell(m.beschreibung ? markdownFieldToInlines(fieldSource(item, m.beschreibung, 'beschreibung'), `Meilenstein „${m.id}“`, ctx) : '–'),
      ];
    }),
  };
}

/** Which cost entries count: by Handlungsfeld, year and funding source (each optional). */
export interface KostenFilter {
  handlungsfeld?: string;
  jahr?: number;
  finanzierung?: string;
}

/** The cost entries of all measures that pass the filter, in file order. */
export function kostenPosten(ctx: BuildContext, f: KostenFilter): Array<{ massnahme: Massnahme; kosten: Kosten }> {
  const out: Array<{ massnahme: Massnahme; kosten: Kosten }> = [];
  for (const { value: m } of ctx.model.collections.massnahmen) {
    if (f.handlungsfeld && m.handlungsfeld !== f.handlungsfeld) continue;
    for (const k of kostenList(m.kosten)) {
      if (f.jahr !== undefined && k.jahr !== f.jahr) continue;
      if (f.finanzierung !== undefined && k.finanzierung !== f.finanzierung) continue;
      out.push({ massnahme: m, kosten: k });
    }
  }
  return out;
}

/** Sum of cost entries in euros, exact to the cent. */
export function postenSumme(posten: Array<{ kosten: Kosten }>): number {
  return kostenSumme(posten.map((x) => x.kosten));
}

/** The cost table: one row per cost entry (Maßnahme, Jahr, Finanzierung, Betrag) with the sum. */
export function kostenTable(ctx: BuildContext, f: KostenFilter, caption: string): Table {
  const posten = kostenPosten(ctx, f);
  return {
    type: 'table',
    variant: 'grid',
    caption,
    headerRows: [head(['Maßnahme', 'Jahr', 'Finanzierung', 'Betrag'], [undefined, undefined, undefined, 'right'])],
    rows: posten.map(({ massnahme: m, kosten: k }) => [
      cell([entityRef(ctx, 'massnahme', m.id, `${m.id} ${m.titel}`)]),
      cell(k.jahr !== undefined ? String(k.jahr) : '–'),
      cell(k.finanzierung ?? '–'),
      cell(formatMoney(k.betrag), { align: 'right' }),
    ]),
    footerRows: [[cell('Summe', { header: true, colSpan: 3 }), cell(formatMoney(postenSumme(posten)), { align: 'right' })]],
  };
}
