/**
 * The generated parts of a Sachstandsbericht as document blocks: summary, measures by state,
 * indicators with their course and assessment, goals, money, changes since the previous report.
 * Each part is also a helper, so a Vorlage can show it for any report's Stichtag.
 */
import type { Assessment, Bewertung, Messpunkt } from '../evaluation/assessment.js';
import { BEWERTUNGEN, seriesUpTo } from '../evaluation/assessment.js';
import type { BerichtStand, IndikatorStand } from '../evaluation/bericht.js';
import type { MoneyRow, MoneyTotal } from '../evaluation/money.js';
import type { StatusCounts } from '../evaluation/status.js';
import { statusAt } from '../evaluation/status.js';
import { formatDate, formatMoney, formatNumber, formatPeriod, formatValue, isCountUnit } from '../format/german.js';
import { MASSNAHME_STATUS, type MassnahmeStatus } from '../model/schemas.js';
import type { BuildContext } from './context.js';
import { barGroupsChart, progressAlt, progressChart } from './charts-bericht.js';
import { textWidth } from './data-blocks.js';
import { display } from './labels.js';
import { cell, head, p, t, type Block, type Heading, type Inline, type Table, type TableCell } from './tree.js';

/** Depth of a part's own heading; its sub-headings are one deeper. */
export type PartDepth = 1 | 2 | 3;

const strong = (value: string): Inline => ({ type: 'strong', children: [t(value)] });
const right = (value: string): TableCell => cell(value, { align: 'right' });

function heading(ctx: BuildContext, depth: number, text: string): Heading {
  const d = Math.min(4, depth) as Heading['depth'];
  return { type: 'heading', depth: d, anchor: ctx.anchor(text), toc: d <= 2, children: [t(text)] };
}

/** The printed state of a measure at a Stichtag. */
export function statusLabel(s: MassnahmeStatus | undefined): string {
  return s ? display(s) : 'ohne Angabe';
}

/** `+0,3 Prozentpunkte`, `−4 Anzahl`…: a change with its sign; percentages change by points. */
export function formatChange(delta: number, einheit: string): string {
  const rounded = Math.round(delta * 100) / 100;
  const sign = rounded > 0 ? '+' : rounded === 0 ? '±' : '';
  if (isCountUnit(einheit)) return `${sign}${formatNumber(rounded)}`;
  const unit = einheit === '%' ? 'Prozentpunkte' : einheit;
  return `${sign}${formatNumber(rounded)}\u00a0${unit}`;
}

const point = (m: Messpunkt | undefined, einheit: string) => (m ? `${formatValue(m.wert, einheit)} (${formatDate(m.stichtag)})` : '–');

// ------------------------------------------------------------------ summary

/** „Auf einen Blick“: counts per state and per assessment with a bar chart, the money, the overdue measures. */
export function summaryPart(stand: BerichtStand, ctx: BuildContext, depth: PartDepth): Block[] {
  const g = stand.statusGesamt;
  const statuses = statusColumns(stand);
  const perBewertung = countBewertungen(stand.indikatoren);
  const c = ctx.theme.colors;
  const blocks: Block[] = [
    heading(ctx, depth, 'Auf einen Blick'),
    p(`Stand der Umsetzung am ${formatDate(stand.stichtag)}: ${g.total} Maßnahmen, ${stand.indikatoren.length} Indikatoren.`),
    barGroupsChart([
      { title: 'Maßnahmen nach Stand', bars: [...statuses.map((s) => ({ label: statusLabel(s), value: s ? g.counts[s] : g.counts.ohneAngabe })), { label: 'davon überfällig', value: g.ueberfaellig.length, color: c.accent }] },
      { title: 'Indikatoren nach Bewertung', bars: BEWERTUNGEN.map((b) => ({ label: b, value: perBewertung.get(b) ?? 0, ...(b === 'gefährdet' || b === 'verfehlt' ? { color: c.accent } : {}) })) },
    ], {
      width: textWidth(ctx), font: ctx.theme.base.font_family, primary: c.primary, accent: c.accent, muted: c.muted,
      alt: `Maßnahmen nach Stand: ${statuses.map((s) => `${statusLabel(s)} ${s ? g.counts[s] : g.counts.ohneAngabe}`).join(', ')}, davon überfällig ${g.ueberfaellig.length}. Indikatoren nach Bewertung: ${BEWERTUNGEN.map((b) => `${b} ${perBewertung.get(b) ?? 0}`).join(', ')}.`,
    }),
    statusTable(stand, ctx, 'Maßnahmen nach Stand am Stichtag und Handlungsfeld'),
    {
      type: 'table', variant: 'grid', caption: 'Indikatoren nach Bewertung',
      headerRows: [head(['Bewertung', 'Anzahl', 'Indikatoren'], [undefined, 'right'])],
      rows: BEWERTUNGEN.map((b) => [cell(b, { header: true }), right(String(perBewertung.get(b) ?? 0)), cell(stand.indikatoren.filter((i) => i.assessment.bewertung === b).map((i) => i.indikator.value.id).join(', ') || '–')]),
    },
    p([strong('Mittel: '), t(`geplant ${formatMoney(stand.geld.total.plan)}, ausgegeben (Ist) ${stand.geld.total.istItems ? formatMoney(stand.geld.total.ist) : 'keine Angabe'}.`)]),
    p(g.ueberfaellig.length
      ? [strong('Überfällig: '), t(g.ueberfaellig.map((m) => `${m.value.id} ${m.value.titel}`).join('; '))]
      : [strong('Überfällig: '), t('keine Maßnahme.')]),
  ];
  return blocks;
}

function countBewertungen(list: IndikatorStand[]): Map<Bewertung, number> {
  const out = new Map<Bewertung, number>();
  for (const i of list) out.set(i.assessment.bewertung, (out.get(i.assessment.bewertung) ?? 0) + 1);
  return out;
}

/** The four states, plus „ohne Angabe“ only when a measure has none. */
function statusColumns(stand: BerichtStand): Array<MassnahmeStatus | undefined> {
  return [...MASSNAHME_STATUS, ...(stand.statusGesamt.counts.ohneAngabe ? [undefined] : [])];
}

function statusTable(stand: BerichtStand, ctx: BuildContext, caption: string): Table {
  const columns = statusColumns(stand);
  const countsRow = (s: StatusCounts) => [...columns.map((c) => right(String(c ? s.counts[c] : s.counts.ohneAngabe))), right(String(s.ueberfaellig.length)), right(String(s.total))];
  return {
    type: 'table', variant: 'grid', caption,
    headerRows: [[cell('Handlungsfeld', { header: true }), ...[...columns.map(statusLabel), 'überfällig', 'gesamt'].map((l) => cell(l, { header: true, align: 'right' }))]],
    rows: stand.status.map(({ handlungsfeld, stand: s }) => [cell(handlungsfeld.value.titel, { header: true }), ...countsRow(s)]),
    footerRows: [[cell('Summe', { header: true }), ...countsRow(stand.statusGesamt)]],
  };
}

// ------------------------------------------------------------------ measures

/** Per Handlungsfeld: the measures with their state at the Stichtag; overdue ones flagged. */
export function massnahmenPart(stand: BerichtStand, ctx: BuildContext, depth: PartDepth): Block[] {
  const blocks: Block[] = [heading(ctx, depth, 'Umsetzung der Maßnahmen'), statusTable(stand, ctx, `Maßnahmen nach Stand am ${formatDate(stand.stichtag)}`)];
  for (const { handlungsfeld, stand: s } of stand.status) {
    blocks.push(heading(ctx, depth + 1, handlungsfeld.value.titel));
    const measures = ctx.model.collections.massnahmen.filter((m) => m.value.handlungsfeld === handlungsfeld.value.id);
    if (!measures.length) {
      blocks.push(p('Keine Maßnahmen in diesem Handlungsfeld.'));
      continue;
    }
    const overdue = new Set(s.ueberfaellig.map((m) => m.value.id));
    blocks.push({
      type: 'table', variant: 'grid', caption: `Maßnahmen im Handlungsfeld ${handlungsfeld.value.titel} am ${formatDate(stand.stichtag)}`,
      headerRows: [head(['Maßnahme', 'Zeitraum', 'Stand', 'Hinweis'])],
      rows: measures.map(({ value: m }) => [
        cell(`${m.id} ${m.titel}`),
        cell(formatPeriod(m.beginn, m.ende)),
        cell(statusLabel(statusAt(m, stand.stichtag))),
        cell(overdue.has(m.id) ? [strong('überfällig')] : '–'),
      ]),
    });
  }
  return blocks;
}

// ------------------------------------------------------------------ indicators

/** Per indicator: course up to the Stichtag with path and target, values, change, assessment. */
export function indikatorenPart(stand: BerichtStand, ctx: BuildContext, depth: PartDepth): Block[] {
  const blocks: Block[] = [heading(ctx, depth, 'Entwicklung der Indikatoren'), p(ruleSentence(stand.toleranz), 'small')];
  for (const i of stand.indikatoren) blocks.push(...indikatorBlocks(i, stand, ctx, depth + 1));
  return blocks;
}

/** The rule in one sentence, printed wherever assessments appear. */
export function ruleSentence(toleranz: number): string {
  return `Bewertungsregel: Der letzte Messwert bis zum Stichtag wird mit dem Zielpfad verglichen, der geradlinig vom Ausgangswert zum Zielwert führt. „auf Kurs“: höchstens ${formatNumber(toleranz)} % der geplanten Veränderung hinter dem Zielpfad oder davor; „gefährdet“: weiter dahinter; „erreicht“: Zielwert erreicht; „verfehlt“: Zieldatum verstrichen, Zielwert nicht erreicht; „keine Daten“: kein Messwert nach dem Ausgangswert oder kein Ausgangs- bzw. Zielwert.`;
}

function indikatorBlocks(i: IndikatorStand, stand: BerichtStand, ctx: BuildContext, depth: number): Block[] {
  const ind = i.indikator.value;
  const a = i.assessment;
  const series = seriesUpTo(ind, stand.stichtag);
  const blocks: Block[] = [heading(ctx, depth, `${ind.id} ${ind.titel}`)];
  if (series.length || ind.zielwert) {
    const c = ctx.theme.colors;
    blocks.push(progressChart(series, ind.basis, ind.zielwert, stand.stichtag, {
      width: Math.min(320, textWidth(ctx)), font: ctx.theme.base.font_family, primary: c.primary, accent: c.accent, muted: c.muted, unit: ind.einheit,
      alt: progressAlt(ind.titel, ind.einheit, series, ind.zielwert, formatValue),
    }));
  }
  const change = i.vorher && a.latest ? (i.vorher.stichtag === a.latest.stichtag ? 'kein neuer Wert' : formatChange(a.latest.wert - i.vorher.wert, ind.einheit)) : stand.vorheriger ? (a.latest ? 'kein Vergleichswert' : '–') : 'kein vorheriger Bericht';
  blocks.push({
    type: 'table', variant: 'grid', caption: `Indikator ${ind.id} am ${formatDate(stand.stichtag)}`,
    headerRows: [head(['Ausgangswert', 'Letzter Wert', 'Veränderung seit dem vorherigen Bericht', 'Zielwert', 'Bewertung'])],
    rows: [[cell(point(ind.basis, ind.einheit)), cell(point(a.latest, ind.einheit)), cell(change), cell(point(ind.zielwert, ind.einheit)), cell([strong(a.bewertung)])]],
  });
  blocks.push(p(assessmentSentence(a, ind.einheit, ind.quelle), 'small'));
  // Heading, chart and figures of one indicator belong on one page.
  return [{ type: 'keepTogether', children: blocks }];
}

function assessmentSentence(a: Assessment, einheit: string, quelle: string): string {
  const soll = a.soll !== undefined && a.latest ? ` Zielpfad am ${formatDate(a.latest.stichtag)}: ${formatValue(Math.round(a.soll * 100) / 100, einheit)}.` : '';
  return `Bewertung „${a.bewertung}“: ${a.grund}.${soll} Quelle: ${quelle}.`;
}

// ------------------------------------------------------------------ goals

/** Per goal: deadline, its indicators' assessments and the administration's own assessment. */
export function zielePart(stand: BerichtStand, ctx: BuildContext, depth: PartDepth): Block[] {
  const erreicht: Record<string, string> = { ja: 'erreicht', teilweise: 'teilweise erreicht', nein: 'nicht erreicht' };
  return [
    heading(ctx, depth, 'Stand der Ziele'),
    {
      type: 'table', variant: 'grid', caption: `Ziele am ${formatDate(stand.stichtag)}`,
      headerRows: [head(['Ziel', 'Frist', 'Indikatoren', 'Bewertung der Verwaltung'])],
      rows: stand.ziele.map(({ ziel: { value: z }, indikatoren }) => [
        cell(`${z.id} ${z.titel}`),
        cell(z.frist ? formatDate(z.frist) : '–'),
        cell(indikatoren.length ? indikatoren.map((i) => `${i.indikator.value.id}: ${i.assessment.bewertung}`).join('; ') : '–'),
        cell(z.bewertung ? `${erreicht[z.bewertung.erreicht]} (Stand ${formatDate(z.bewertung.stand)})${z.bewertung.text ? `: ${z.bewertung.text.trim().replace(/\s+/g, ' ')}` : ''}` : 'noch nicht bewertet'),
      ]),
    },
  ];
}

// ------------------------------------------------------------------ money

/** Planned and spent money per Handlungsfeld, year and funding source. */
export function finanzenPart(stand: BerichtStand, ctx: BuildContext, depth: PartDepth): Block[] {
  const hfTitle = (id: string | undefined) => (id && ctx.index.handlungsfelder.get(id)?.value.titel) || id || '–';
  const table = (caption: string, label: string, rows: MoneyRow[], name: (key: string | undefined) => string): Table => ({
    type: 'table', variant: 'grid', caption,
    headerRows: [head([label, 'Geplant', 'Ausgegeben (Ist)'], [undefined, 'right', 'right'])],
    rows: rows.map((r) => [cell(name(r.key), { header: true }), right(formatMoney(r.plan)), right(ist(r))]),
    footerRows: [[cell('Summe', { header: true }), right(formatMoney(stand.geld.total.plan)), right(ist(stand.geld.total))]],
  });
  return [
    {
      type: 'keepTogether',
      children: [
        heading(ctx, depth, 'Finanzen'),
        p('Geplant sind die Kostenposten der Maßnahmen (betrag), ausgegeben die Ist-Beträge (ist), soweit sie angegeben sind; „–“ heißt: kein Ist-Betrag angegeben.', 'small'),
        table('Mittel nach Handlungsfeld', 'Handlungsfeld', stand.geld.byHandlungsfeld, hfTitle),
      ],
    },
    table('Mittel nach Haushaltsjahr', 'Haushaltsjahr', stand.geld.byJahr, (k) => k ?? 'ohne Jahresangabe'),
    table('Mittel nach Finanzierungsquelle', 'Finanzierungsquelle', stand.geld.byFinanzierung, (k) => k ?? 'ohne Angabe'),
  ];
}

function ist(t: MoneyTotal): string {
  return t.istItems ? formatMoney(t.ist) : '–';
}

// ------------------------------------------------------------------ changes

/** What changed between the previous report's Stichtag and this one. */
export function veraenderungenPart(stand: BerichtStand, ctx: BuildContext, depth: PartDepth): Block[] {
  const prev = stand.vorheriger;
  if (!prev) return [heading(ctx, depth, 'Veränderungen'), p('Kein vorheriger Bericht zum Vergleich (vorheriger: … im Kopfteil).')];
  const before = prev.meta.value.stichtag;
  const moved = stand.indikatoren.filter((i) => (i.assessment.latest && i.vorher?.stichtag !== i.assessment.latest.stichtag) || i.vorherBewertung !== i.assessment.bewertung);
  return [
    heading(ctx, depth, `Veränderungen seit dem ${formatDate(before)}`),
    p(`Vergleich mit „${prev.meta.value.titel}“ (Stichtag ${formatDate(before)}).`),
    ...changeTables(before, stand.stichtag,
      stand.statusWechsel.map(({ massnahme: { value: m }, vorher, nachher }) => ({ id: m.id, title: m.titel, old: vorher, new: nachher })),
      moved.map(({ indikator: { value: v }, vorher, vorherBewertung, assessment: a }) => ({
        id: v.id, title: v.titel, unit: v.einheit, old: vorher, new: a.latest, delta: vorher && a.latest ? a.latest.wert - vorher.wert : null, oldAssessment: vorherBewertung!, newAssessment: a.bewertung,
      }))),
  ];
}

/** A measure whose state changed between two Stichtage, or that became overdue or is no longer. */
export interface StandWechsel { id: string; title: string; old?: MassnahmeStatus | null; new?: MassnahmeStatus | null; overdueOld?: boolean; overdueNew?: boolean }
/** An indicator with a new latest value or another assessment between two Stichtage. */
export interface WertWechsel { id: string; title: string; unit: string; old?: Messpunkt; new?: Messpunkt; delta: number | null; oldAssessment: Bewertung; newAssessment: Bewertung }

/**
 * The two tables of what changed between two Stichtage, for a report's „Veränderungen“ and for
 * `diff --berichte` (`diff`: the first cell heads its row, a changed assessment is not bold).
 */
export function changeTables(before: string, after: string, measures: StandWechsel[], indicators: WertWechsel[], diff = false): [Block, Block] {
  const row = (cells: Array<Inline[] | string>) => cells.map((c, i) => cell(c, diff && i === 0 ? { header: true } : {}));
  const state = (s: MassnahmeStatus | null | undefined, overdue?: boolean) => statusLabel(s ?? undefined) + (overdue ? ', überfällig' : '');
  return [
    measures.length
      ? {
          type: 'table', variant: 'grid', caption: 'Maßnahmen mit geändertem Stand',
          headerRows: [head(['Maßnahme', `Stand am ${formatDate(before)}`, `Stand am ${formatDate(after)}`])],
          rows: measures.map((m) => row([`${m.id} ${m.title}`, state(m.old, m.overdueOld), state(m.new, m.overdueNew)])),
        }
      : p('Keine Maßnahme hat ihren Stand geändert.'),
    indicators.length
      ? {
          type: 'table', variant: 'grid', caption: 'Indikatoren mit neuem Wert oder geänderter Bewertung',
          headerRows: [head(['Indikator', 'Wert vorher', 'Wert jetzt', 'Veränderung', 'Bewertung'])],
          rows: indicators.map((i) => row([
            `${i.id} ${i.title}`, point(i.old, i.unit), point(i.new, i.unit), i.delta === null ? '–' : formatChange(i.delta, i.unit),
            i.oldAssessment === i.newAssessment ? `${i.newAssessment} (unverändert)` : diff ? `${i.oldAssessment} → ${i.newAssessment}` : [t(`${i.oldAssessment} → `), strong(i.newAssessment)],
          ])),
        }
      : p('Kein Indikator hat einen neuen Wert oder eine andere Bewertung.'),
  ];
}
