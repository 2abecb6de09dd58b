/**
 * The Integrationskonzept as a document tree, in the order of `konzept.gliederung`:
 * narrative chapters and generated parts (Sozialräume, Interviews, Handlungsfelder,
 * Zeitplan, Anhang) on the same tree as the Vorlagen, numbered 1, 1.1, 1.1.1.
 */
import { fieldSource, type Located, type MarkdownSource } from '../model/model.js';
import type { Akteur, GliederungEntry, Handlungsfeld, Indikator, Massnahme, Ziel } from '../model/schemas.js';
import { formatDate, formatMoney, formatNumber, formatPeriod, formatValue } from '../format/german.js';
import { fillPlaceholders } from '../theme/theme.js';
import { kostenList, kostenSumme } from '../model/kosten.js';
import { BuildContext, KONZEPT_OUT_PATH, konzeptProfiles } from './context.js';
import {
  entityRef, indikatorChart, meilensteineTable, indikatorTable, latestMeasurement, massnahmenTable, orderGoals, zieleTable, zeitplanCharts,
} from './data-blocks.js';
import { markdownFieldToBlocks, markdownFieldToInlines, markdownToBlocks } from './markdown.js';
import { creationDate } from './meta.js';
import { capitalize, display } from './labels.js';
import { t, p, cell, type Block, type DocumentTree, type Heading, type Inline, type Table, type TableCell } from './tree.js';

/** Output path of the Konzept below `out/`, without extension (declared in context.ts). */
export { KONZEPT_OUT_PATH };

const headCells = (labels: string[]): TableCell[] => labels.map((l) => cell(l, { header: true }));

/** Label/value rows as a plain two-column table (profiles). */
function profileTable(rows: Array<[string, Inline[] | string | undefined]>): Table {
  return {
    type: 'table',
    variant: 'plain',
    headerRows: [],
    rows: rows.filter((r) => r[1] !== undefined && r[1] !== '').map(([label, value]) => [cell(label, { header: true }), cell(value!)]),
  };
}

/** Builds the Konzept tree. */
export function buildKonzept(ctx: BuildContext): DocumentTree {
  const konzept = ctx.model.konzept!;
  const k = konzept.value;
  const kommune = ctx.model.config?.value.kommune.name ?? '';
  ctx.outPath = KONZEPT_OUT_PATH;
  for (const anchor of konzeptProfiles(ctx.model)) ctx.profiles.add(anchor);

  const blocks: Block[] = [];
  const wappen = ctx.model.config?.value.kommune.wappen;
  const fields: Array<{ label: string; value: string }> = [];
  if (k.auftraggeber) fields.push({ label: 'Auftraggeber', value: k.auftraggeber });
  if (k.auftragnehmer) fields.push({ label: 'Auftragnehmer', value: k.auftragnehmer });
  if (k.zeitraum) fields.push({ label: 'Projektzeitraum', value: formatPeriodLong(k.zeitraum.von, k.zeitraum.bis) });
  if (k.foerderung) fields.push({ label: 'Förderung', value: k.foerderung });
  fields.push({ label: 'Stand', value: formatDate(k.stand) });
  if (k.version) fields.push({ label: 'Version', value: k.version });
  if (k.status) fields.push({ label: 'Status', value: k.status });
  blocks.push({
    type: 'titlePage',
    kommune,
    ...(wappen && ctx.theme.logo.position !== 'none' ? { logo: { type: 'logo' as const, path: ctx.resolveContentPath(wappen), alt: `Wappen: ${kommune}` } } : {}),
    title: k.titel,
    ...(k.untertitel ? { subtitle: k.untertitel } : {}),
    fields,
  });
  const draft = k.status === 'Entwurf' ? ctx.theme.labels.entwurf : undefined;
  if (draft) blocks.push({ type: 'banner', text: `${draft}: Dieses Dokument ist ein Entwurf (Stand ${formatDate(k.stand)}) und noch nicht beschlossen.` });
  blocks.push({ type: 'toc', title: ctx.theme.labels.inhaltsverzeichnis });
  blocks.push({ type: 'pageBreak' });

  let chapter = 0;
  for (const entry of k.gliederung) {
    chapter++;
    const n = String(chapter);
    if (typeof entry === 'object' && 'kapitel' in entry) blocks.push(...kapitel(entry.kapitel, n, ctx));
    else if (typeof entry === 'object' && 'anhang' in entry) blocks.push(...anhang(entry.anhang, n, ctx));
    else if (entry === 'sozialraeume') blocks.push(...sozialraeume(n, ctx));
    else if (entry === 'interviews') blocks.push(...interviews(n, ctx));
    else if (entry === 'handlungsfelder') blocks.push(...handlungsfelder(n, ctx));
    else if (entry === 'zeitplan') blocks.push(...zeitplan(n, ctx));
  }

  return {
    kind: 'konzept',
    outPath: KONZEPT_OUT_PATH,
    meta: {
      title: k.titel,
      author: kommune,
      subject: [k.untertitel, k.auftragnehmer ? `erstellt von ${k.auftragnehmer}` : undefined].filter(Boolean).join(', ') || k.titel,
      keywords: ['Integrationskonzept', kommune, ...ctx.model.collections.handlungsfelder.map((h) => h.value.titel)].filter(Boolean),
      lang: 'de-DE',
      created: creationDate(k.stand),
    },
    header: fillPlaceholders(ctx.theme.header.konzept, { titel: k.titel, kommune, stand: formatDate(k.stand) }),
    ...(draft ? { draft } : {}),
    blocks,
  };
}

function formatPeriodLong(von: string, bis: string): string {
  return `${formatDate(von)} bis ${formatDate(bis)}`;
}

function heading(ctx: BuildContext, depth: 1 | 2 | 3 | 4, text: string, number?: string, anchor?: string, toc = depth <= 2): Heading {
  return { type: 'heading', depth, ...(number ? { number } : {}), anchor: anchor ?? ctx.anchor(`${number ?? ''} ${text}`), toc, children: [t(text)] };
}

function kapitel(name: string, n: string, ctx: BuildContext): Block[] {
  const kap = ctx.model.kapitel.get(name);
  if (!kap) return [];
  return [
    heading(ctx, 1, kap.meta.value.titel, n),
    ...markdownToBlocks(kap, `Kapitel „${name}“`, ctx, { baseDepth: 2, numberPrefix: n, toc: true }),
  ];
}

function sozialraeume(n: string, ctx: BuildContext): Block[] {
  const out: Block[] = [heading(ctx, 1, 'Sozialräume', n)];
  const list = ctx.model.collections.sozialraeume;
  out.push(p(`Die Analyse betrachtet ${list.length} Sozialräume. Für jeden Sozialraum sind die wichtigsten Kennzahlen mit Stichtag und Quelle aufgeführt.`));
  list.forEach((sr, i) => {
    const s = sr.value;
    out.push(heading(ctx, 2, s.name, `${n}.${i + 1}`, BuildContext.entityAnchor('sozialraum', s.id)));
    if (s.beschreibung) out.push(...markdownFieldToBlocks(fieldSource(sr, s.beschreibung, 'beschreibung'), `Sozialraum „${s.id}“`, ctx));
    const kennzahlen = Object.entries(s.kennzahlen ?? {});
    if (kennzahlen.length) {
      out.push({
        type: 'table',
        variant: 'grid',
        caption: `Kennzahlen ${s.name}`,
        headerRows: [headCells(['Kennzahl', 'Wert', 'Stichtag', 'Quelle'])],
        rows: kennzahlen.map(([name, kz]) => [cell(name, { header: true }), cell(formatValue(kz.wert, kz.einheit), { align: 'right' }), cell(kz.stichtag ? formatDate(kz.stichtag) : '–'), cell(kz.quelle ?? '–')]),
      });
    }
  });
  return out;
}

function interviews(n: string, ctx: BuildContext): Block[] {
  const { index } = ctx;
  const list = ctx.model.collections.interviews;
  const out: Block[] = [heading(ctx, 1, 'Interviews', n)];
  const total = list.reduce((s, i) => s + i.value.anzahl, 0);
  out.push(p(`In ${list.length} Interviewreihen wurden insgesamt ${formatNumber(total)} Personen befragt.`));
  out.push({
    type: 'table',
    variant: 'grid',
    caption: 'Interviewreihen',
    headerRows: [headCells(['Nr.', 'Zielgruppe', 'Anzahl', 'Sozialraum', 'Zeitraum', 'Methode'])],
    rows: list.map(({ value: i }) => [
      cell(i.id),
      cell(display(i.zielgruppe)),
      cell(formatNumber(i.anzahl), { align: 'right' }),
      cell(i.sozialraum ? [entityRef(ctx, 'sozialraum', i.sozialraum, index.sozialraeume.get(i.sozialraum)?.value.name ?? i.sozialraum)] : 'gesamte Stadt'),
      cell(i.zeitraum ? formatPeriod(i.zeitraum.von, i.zeitraum.bis) : '–'),
      cell(i.methode ?? '–'),
    ]),
    footerRows: [[cell('Summe', { header: true, colSpan: 2 }), cell(formatNumber(total), { align: 'right' }), cell('', { colSpan: 3 })]],
  });
  // Befunde grouped by Handlungsfeld, in the order of the Handlungsfelder.
  const groups: Array<{ title: string; items: Array<{ src: MarkdownSource; source: string; id: string }> }> = [];
  const byHf = new Map<string, (typeof groups)[number]>();
  for (const hf of ctx.model.collections.handlungsfelder) {
    const g = { title: hf.value.titel, items: [] };
    byHf.set(hf.value.id, g);
    groups.push(g);
  }
  const general = { title: 'Übergreifende Befunde', items: [] as Array<{ src: MarkdownSource; source: string; id: string }> };
  for (const interview of list) {
    const i = interview.value;
    const source = `${display(i.zielgruppe)}${i.sozialraum ? `, ${index.sozialraeume.get(i.sozialraum)?.value.name ?? i.sozialraum}` : ''}`;
    (i.befunde ?? []).forEach((b, k) => {
      const targets = (i.handlungsfelder ?? []).map((h) => byHf.get(h)).filter((g): g is NonNullable<typeof g> => !!g);
      for (const g of targets.length ? targets : [general]) g.items.push({ src: fieldSource(interview, b, 'befunde', k), source, id: i.id });
    });
  }
  if (general.items.length) groups.push(general);
  let sub = 0;
  for (const g of groups) {
    if (!g.items.length) continue;
    out.push(heading(ctx, 2, `Befunde: ${g.title}`, `${n}.${++sub}`));
    out.push({
      type: 'list',
      ordered: false,
      items: g.items.map((it) => [{ type: 'paragraph', children: [...markdownFieldToInlines(it.src, `Interview „${it.id}“`, ctx), t(` (${it.source})`)] } as Block]),
    });
  }
  return out;
}

function handlungsfelder(n: string, ctx: BuildContext): Block[] {
  const out: Block[] = [heading(ctx, 1, 'Handlungsfelder, Ziele und Maßnahmen', n)];
  const hfs = ctx.model.collections.handlungsfelder;
  out.push(p(`Das Konzept gliedert sich in ${hfs.length} Handlungsfelder. Jedes Handlungsfeld nennt seine Leitziele, die daraus abgeleiteten Handlungsziele mit Indikatoren sowie die Maßnahmen mit Federführung, Zeitraum und Kosten.`));
  hfs.forEach((hf, i) => out.push(...handlungsfeld(hf, `${n}.${i + 1}`, ctx)));
  out.push(...kostenuebersicht(`${n}.${hfs.length + 1}`, ctx));
  return out;
}

function handlungsfeld(hf: Located<Handlungsfeld>, n: string, ctx: BuildContext): Block[] {
  const h = hf.value;
  const out: Block[] = [heading(ctx, 2, h.titel, n, BuildContext.entityAnchor('handlungsfeld', h.id))];
  if (h.dimension) out.push(p(`Dimension der Integration: ${display(h.dimension)}`, 'muted'));
  if (h.beschreibung) out.push(...markdownFieldToBlocks(fieldSource(hf, h.beschreibung, 'beschreibung'), `Handlungsfeld „${h.id}“`, ctx));
  const ziele = orderGoals(ctx.model.collections.ziele.filter((z) => z.value.handlungsfeld === h.id));
  if (ziele.length) out.push(zieleTable(h.id, ctx, `Zielsystem ${h.titel}`));
  let sub = 0;
  for (const leit of ziele.filter((z) => z.value.ebene === 'Leitziel')) {
    out.push(...ziel(leit, 3, `${n}.${++sub}`, ctx));
    for (const hz of ziele.filter((z) => z.value.oberziel === leit.value.id && z.value.ebene === 'Handlungsziel')) out.push(...ziel(hz, 4, undefined, ctx));
  }
  for (const orphan of ziele.filter((z) => z.value.ebene === 'Handlungsziel' && !ziele.some((l) => l.value.id === z.value.oberziel))) out.push(...ziel(orphan, 3, `${n}.${++sub}`, ctx));

  const measures = ctx.model.collections.massnahmen.filter((m) => m.value.handlungsfeld === h.id);
  out.push(heading(ctx, 3, `Maßnahmen im Handlungsfeld ${h.titel}`, `${n}.${++sub}`));
  if (!measures.length) out.push(p('Für dieses Handlungsfeld sind noch keine Maßnahmen festgelegt.'));
  else {
    out.push(massnahmenTable(measures, ctx, `Maßnahmen im Handlungsfeld ${h.titel}`));
    for (const m of measures) out.push(...massnahmeProfil(m, ctx));
  }
  return out;
}

function ziel(z: Located<Ziel>, depth: 3 | 4, number: string | undefined, ctx: BuildContext): Block[] {
  const v = z.value;
  const entity = `Ziel „${v.id}“`;
  const out: Block[] = [heading(ctx, depth, `${v.ebene} ${v.id}: ${v.titel}`, number, BuildContext.entityAnchor('ziel', v.id), false)];
  if (v.beschreibung) out.push(...markdownFieldToBlocks(fieldSource(z, v.beschreibung, 'beschreibung'), entity, ctx));
  if (v.frist) out.push({ type: 'paragraph', children: [{ type: 'strong', children: [t('Frist: ')] }, t(formatDate(v.frist))] });
  if (v.bewertung) {
    const b = v.bewertung;
    const verdict = b.erreicht === 'ja' ? 'erreicht' : b.erreicht === 'teilweise' ? 'teilweise erreicht' : 'nicht erreicht';
    out.push({ type: 'paragraph', children: [{ type: 'strong', children: [t(`Bewertung (Stand ${formatDate(b.stand)}): `)] }, t(verdict)] });
    if (b.text) out.push(...markdownFieldToBlocks(fieldSource(z, b.text, 'bewertung', 'text'), entity, ctx));
  }
  for (const id of v.indikatoren ?? []) {
    const ind = ctx.index.indikatoren.get(id);
    if (!ind) continue;
    out.push(indikatorTable(ind.value, ctx));
    const chart = indikatorChart(ind.value, ctx);
    if (chart) out.push(chart);
  }
  if (v.ebene === 'Handlungsziel') {
    const measures = ctx.model.collections.massnahmen.filter((m) => m.value.ziele.includes(v.id));
    if (measures.length) out.push(massnahmenTable(measures, ctx, `Maßnahmen zu ${v.id}`));
  }
  return out;
}

function massnahmeProfil(m: Located<Massnahme>, ctx: BuildContext): Block[] {
  const v = m.value;
  const { index } = ctx;
  const entity = `Maßnahme „${v.id}“`;
  const list = (ids: string[] | undefined, kind: 'akteur' | 'ziel' | 'sozialraum', name: (id: string) => string): Inline[] | undefined => {
    if (!ids?.length) return undefined;
    const out: Inline[] = [];
    ids.forEach((id, i) => {
      if (i) out.push(t(', '));
      out.push(entityRef(ctx, kind, id, name(id)));
    });
    return out;
  };
  const kosten = kostenList(v.kosten);
  const kostenText = kosten.length
    ? kosten.map((k) => `${formatMoney(k.betrag)}${k.jahr ? ` (${k.jahr})` : ''}${k.finanzierung ? `, ${k.finanzierung}` : ''}`).join('; ') + (kosten.length > 1 ? `; zusammen ${formatMoney(kostenSumme(v.kosten))}` : '')
    : 'keine gesonderten Kosten';
  const out: Block[] = [heading(ctx, 4, `${v.id}: ${v.titel}`, undefined, BuildContext.entityAnchor('massnahme', v.id), false)];
  if (v.beschreibung) out.push(...markdownFieldToBlocks(fieldSource(m, v.beschreibung, 'beschreibung'), entity, ctx));
  out.push(profileTable([
    ['Ziele', list(v.ziele, 'ziel', (id) => `${id} ${index.ziele.get(id)?.value.titel ?? ''}`.trim())],
    ['Federführung', list([v.federfuehrung], 'akteur', (id) => index.akteure.get(id)?.value.name ?? id)],
    ['Partner', list(v.partner, 'akteur', (id) => index.akteure.get(id)?.value.name ?? id)],
    ['Zielgruppe', v.zielgruppe],
    ['Sozialräume', list(v.sozialraeume, 'sozialraum', (id) => index.sozialraeume.get(id)?.value.name ?? id)],
    ['Zeitraum', v.beginn || v.ende ? formatPeriod(v.beginn, v.ende) : undefined],
    ['Status', v.status ? capitalize(display(v.status)) : undefined],
    ['Priorität', v.prioritaet ? capitalize(v.prioritaet) : undefined],
    ['Kosten', kostenText],
  ]));
  return out;
}

/** Totals per Handlungsfeld and overall, and by funding source and year. */
function kostenuebersicht(n: string, ctx: BuildContext): Block[] {
  const out: Block[] = [heading(ctx, 2, 'Kostenübersicht', n)];
  const measures = ctx.model.collections.massnahmen;
  const total = measures.reduce((s, m) => s + kostenSumme(m.value.kosten), 0);
  out.push({
    type: 'table',
    variant: 'grid',
    caption: 'Kosten nach Handlungsfeld',
    headerRows: [[cell('Handlungsfeld', { header: true }), cell('Maßnahmen', { header: true, align: 'right' }), cell('Kosten', { header: true, align: 'right' })]],
    rows: ctx.model.collections.handlungsfelder.map(({ value: h }) => {
      const list = measures.filter((m) => m.value.handlungsfeld === h.id);
      return [cell([entityRef(ctx, 'handlungsfeld', h.id, h.titel)], { header: true }), cell(String(list.length), { align: 'right' }), cell(formatMoney(list.reduce((s, m) => s + kostenSumme(m.value.kosten), 0)), { align: 'right' })];
    }),
    footerRows: [[cell('Gesamt', { header: true }), cell(String(measures.length), { align: 'right' }), cell(formatMoney(total), { align: 'right' })]],
  });
  // By funding source (rows) and year (columns); entries without a year go to „ohne Jahr“.
  const sources = new Map<string, Map<string, number>>();
  const years = new Set<string>();
  for (const { value: m } of measures) {
    for (const k of kostenList(m.kosten)) {
      const source = k.finanzierung ?? 'ohne Angabe';
      const year = k.jahr ? String(k.jahr) : 'ohne Jahr';
      years.add(year);
      const row = sources.get(source) ?? new Map<string, number>();
      row.set(year, (row.get(year) ?? 0) + k.betrag);
      sources.set(source, row);
    }
  }
  if (sources.size) {
    const yearList = [...years].sort();
    const sum = (row: Map<string, number>) => [...row.values()].reduce((a, b) => a + b, 0);
    out.push({
      type: 'table',
      variant: 'grid',
      caption: 'Kosten nach Finanzierung und Jahr',
      headerRows: [[cell('Finanzierung', { header: true }), ...yearList.map((y) => cell(y, { header: true, align: 'right' })), cell('Summe', { header: true, align: 'right' })]],
      rows: [...sources.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([source, row]) => [
        cell(source, { header: true }),
        ...yearList.map((y) => cell(row.has(y) ? formatMoney(row.get(y)!) : '–', { align: 'right' })),
        cell(formatMoney(sum(row)), { align: 'right' }),
      ]),
      footerRows: [[cell('Gesamt', { header: true }), ...yearList.map((y) => cell(formatMoney([...sources.values()].reduce((s, r) => s + (r.get(y) ?? 0), 0)), { align: 'right' })), cell(formatMoney(total), { align: 'right' })]],
    });
  }
  return out;
}

function zeitplan(n: string, ctx: BuildContext): Block[] {
  const out: Block[] = [heading(ctx, 1, 'Zeitplan', n)];
  out.push(p('Die Übersicht zeigt alle Maßnahmen mit Zeitraum nach Handlungsfeldern sowie die Meilensteine des Projekts. Abgeschlossene Maßnahmen sind grau dargestellt.'));
  out.push(...zeitplanCharts(undefined, ctx));
  const ms = ctx.model.collections.meilensteine;
  if (ms.length) {
    out.push(heading(ctx, 2, 'Meilensteine', `${n}.1`));
    out.push(meilensteineTable(ctx));
  }
  return out;
}

function anhang(parts: Array<'indikatoren' | 'akteure'>, n: string, ctx: BuildContext): Block[] {
  const out: Block[] = [heading(ctx, 1, 'Anhang', n)];
  parts.forEach((part, i) => {
    if (part === 'indikatoren') out.push(...indikatorProfile(`${n}.${i + 1}`, ctx));
    else out.push(...akteursverzeichnis(`${n}.${i + 1}`, ctx));
  });
  return out;
}

function indikatorProfile(n: string, ctx: BuildContext): Block[] {
  const out: Block[] = [heading(ctx, 2, 'Indikatorenprofile', n)];
  for (const ind of ctx.model.collections.indikatoren) out.push(...indikatorProfil(ind, ctx));
  return out;
}

function indikatorProfil(ind: Located<Indikator>, ctx: BuildContext): Block[] {
  const v = ind.value;
  const entity = `Indikator „${v.id}“`;
  const point = (x?: { wert: number; stichtag: string }) => (x ? `${formatValue(x.wert, v.einheit)} (${formatDate(x.stichtag)})` : undefined);
  const goals = ctx.model.collections.ziele.filter((z) => z.value.indikatoren?.includes(v.id));
  const goalRefs: Inline[] = [];
  goals.forEach((g, i) => {
    if (i) goalRefs.push(t(', '));
    goalRefs.push(entityRef(ctx, 'ziel', g.value.id, g.value.id));
  });
  const out: Block[] = [heading(ctx, 3, `${v.id}: ${v.titel}`, undefined, BuildContext.entityAnchor('indikator', v.id), false)];
  out.push(profileTable([
    ['Definition', v.definition ? markdownFieldToInlines(fieldSource(ind, v.definition, 'definition'), entity, ctx) : undefined],
    ['Einheit', v.einheit],
    ['Quelle', v.quelle],
    ['Turnus', v.turnus],
    ['Richtung', v.richtung ? capitalize(v.richtung) : undefined],
    ['Ausgangswert', point(v.basis)],
    ['Aktueller Wert', point(latestMeasurement(v))],
    ['Zielwert', point(v.zielwert)],
    ['Verwendet von', goalRefs.length ? goalRefs : undefined],
    ['Hinweis', v.hinweis],
  ]));
  const messungen = [...(v.messungen ?? [])].sort((a, b) => (a.stichtag < b.stichtag ? -1 : a.stichtag > b.stichtag ? 1 : (a.sozialraum ?? '') < (b.sozialraum ?? '') ? -1 : 1));
  if (messungen.length) {
    out.push({
      type: 'table',
      variant: 'grid',
      caption: `Messungen ${v.id}`,
      headerRows: [headCells(['Stichtag', 'Wert', 'Sozialraum'])],
      rows: messungen.map((m) => [cell(formatDate(m.stichtag)), cell(formatValue(m.wert, v.einheit), { align: 'right' }), cell(m.sozialraum ? [entityRef(ctx, 'sozialraum', m.sozialraum, ctx.index.sozialraeume.get(m.sozialraum)?.value.name ?? m.sozialraum)] : 'gesamte Stadt')]),
    });
  }
  const chart = indikatorChart(v, ctx);
  if (chart) out.push(chart);
  return out;
}

function akteursverzeichnis(n: string, ctx: BuildContext): Block[] {
  const out: Block[] = [heading(ctx, 2, 'Akteursverzeichnis', n)];
  const measures = ctx.model.collections.massnahmen;
  const sorted = [...ctx.model.collections.akteure].sort((a, b) => a.value.name.localeCompare(b.value.name, 'de'));
  for (const a of sorted) out.push(...akteur(a, measures, ctx));
  return out;
}

function akteur(a: Located<Akteur>, measures: Array<Located<Massnahme>>, ctx: BuildContext): Block[] {
  const v = a.value;
  const refs = (list: Array<Located<Massnahme>>): Inline[] | undefined => {
    if (!list.length) return undefined;
    const out: Inline[] = [];
    list.forEach((m, i) => {
      if (i) out.push(t(', '));
      out.push(entityRef(ctx, 'massnahme', m.value.id, m.value.id));
    });
    return out;
  };
  return [
    heading(ctx, 3, v.name, undefined, BuildContext.entityAnchor('akteur', v.id), false),
    profileTable([
      ['Art', display(v.art)],
      ['Rolle', v.rolle],
      ['Kontakt', v.kontakt],
      ['Federführend bei', refs(measures.filter((m) => m.value.federfuehrung === v.id))],
      ['Partner bei', refs(measures.filter((m) => m.value.partner?.includes(v.id)))],
    ]),
  ];
}
