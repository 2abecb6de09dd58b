/**
 * The diff report as a document tree (`document/tree.ts`): what every format but JSON prints —
 * PDF and HTML by their renderers, text and Markdown by `render/text.ts`. A redline a council
 * member can print: a change summary at the top, then the Konzept's changes by Handlungsfeld,
 * the Vorlagen, the effects on the documents and the check of both revisions. Changed fields
 * stand in tables (Feld | bisher | neu), changed paragraphs side by side, old and new version
 * („Synopse“, as councils use for amended statutes): deletions in the old column and
 * insertions in the new one as `del`/`ins` nodes.
 */
import type { Block, DocumentTree, Heading, Inline, Table, TableCell } from '../document/tree.js';
import { cell, gridTable, head, p, t } from '../document/tree.js';
import { display } from '../document/labels.js';
import { formatMoney as money } from '../format/german.js';
import {
  COLLECTION_TITLE, documentFacts, documentStatus, documentTitle, entityFacts, entityStatus, entityTitle, FILE_STATUS, formatJson, groupKonzept,
  paragraphHeading, refNote, refText, revisionLine, signedMoney, VORLAGE_FIELD_LABEL,
} from './present.js';
import { normalize } from './narrative.js';
import type { DiagnosticJson, DiffReport, DocumentDiff, EntityDiff, FieldChange, Json, ParagraphChange, RefItem, Segment } from './report.js';
import type { CollectionName } from '../model/schemas.js';

const ins = (text: string): Inline[] => (text ? [{ type: 'ins', children: [t(text)] }] : []);
const del = (text: string): Inline[] => (text ? [{ type: 'del', children: [t(text)] }] : []);

/** One side of a word diff: the old text with its deletions, or the new one with its insertions. */
function side(segments: Segment[], which: 'old' | 'new'): Inline[] {
  return segments.flatMap((s) => (s.op === 'equal' ? [t(s.text)] : s.op === 'delete' ? (which === 'old' ? del(s.text) : []) : which === 'new' ? ins(s.text) : []));
}

type Cells = Array<Inline[] | string>;

/** The bisher and neu cells of a changed value: the old one struck out, the new one inserted, `–` for none. */
const change = (old: string, neu: string): Cells => [old ? del(old) : '–', neu ? ins(neu) : '–'];

/**
 * Field changes as the rows of a table (Feld | bisher | neu | Hinweis) and the Markdown texts
 * among them, shown after it; rows of lists become `beratungsfolge Nr. 4 (Rat …) › sitzung`.
 */
function fieldRows(changes: FieldChange[], prefix = '', out = { rows: [] as Cells[], texts: [] as Array<{ field: string; paragraphs: ParagraphChange[] }> }) {
  for (const c of changes) {
    const field = prefix + c.field;
    switch (c.type) {
      case 'value': {
        const text = (value: Json | undefined, ref: RefItem | null | undefined) => (ref ? refText(ref) : value === undefined ? '' : formatJson(value, c.field));
        const cells = c.segments ? [side(c.segments, 'old'), side(c.segments, 'new')] : change(text(c.old, c.ref?.old), text(c.new, c.ref?.new));
        out.rows.push([field, ...cells, c.ref && c.ref.old && c.ref.new ? refNote(c.ref) : '']);
        break;
      }
      case 'items': {
        const renamed = c.renamed.map((r) => `${r.from.id} → ${r.to.id}`).join(', ');
        if (c.reordered) {
          const notes = ['Reihenfolge geändert'];
          if (c.removed.length) notes.push(`entfernt ${c.removed.map(refText).join(', ')}`);
          if (c.added.length) notes.push(`neu ${c.added.map(refText).join(', ')}`);
          if (c.renamed.length) notes.push(`${renamed} folgt der Umbenennung`);
          const only = !c.removed.length && !c.added.length && !c.renamed.length;
          const [old, neu] = [formatJson(c.old), formatJson(c.new)];
          out.rows.push([field, ...(only ? [old || '–', neu] : change(old, neu)), notes.join('; ')]);
        } else {
          const added = [...ins(c.added.map(refText).join(', ')), ...(renamed ? [t(renamed)] : [])];
          out.rows.push([field, del(c.removed.map(refText).join(', ')), added, c.renamed.length ? 'folgt der Umbenennung' : '']);
        }
        break;
      }
      case 'rows': {
        if (c.sum) out.rows.push([`${field} (Summe)`, ...change(money(c.sum.old), money(c.sum.new)), signedMoney(c.sum.delta)]);
        const noun = c.field === 'kosten' ? 'Posten' : 'Nr.';
        for (const r of c.rows) {
          const n = (r.index ?? r.oldIndex ?? 0) + 1;
          const name = `${field} ${noun} ${n}${r.label ? ` (${r.label})` : ''}`;
          if (r.op === 'added') out.rows.push([name, ...change('', formatJson(r.new)), '']);
          else if (r.op === 'removed') out.rows.push([name, ...change(formatJson(r.old), ''), '']);
          else if (r.op === 'moved') out.rows.push([name, '–', formatJson(r.new), `verschoben von ${noun} ${(r.oldIndex ?? 0) + 1} nach ${noun} ${n}`]);
          else fieldRows(r.changes ?? [], `${name} › `, out);
        }
        break;
      }
      case 'text':
        out.texts.push({ field, paragraphs: c.paragraphs });
        break;
    }
  }
  return out;
}

/** Builds the tree of one report. */
export function diffTree(report: DiffReport): DocumentTree {
  const anchors = new Map<string, number>();
  const heading = (depth: Heading['depth'], text: string): Heading => {
    const slug = text.toLowerCase().replace(/[äöüß]/g, (c) => ({ ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' })[c]!).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'abschnitt';
    const n = (anchors.get(slug) ?? 0) + 1;
    anchors.set(slug, n);
    return { type: 'heading', depth, anchor: n > 1 ? `${slug}-${n}` : slug, toc: depth <= 2, children: [t(text)] };
  };
  const out: Block[] = [];

  /** Changed paragraphs side by side: old version | new version. */
  const synopsis = (list: ParagraphChange[], caption: string): Table => ({
    type: 'table', variant: 'grid', caption, widths: [50, 50],
    headerRows: [head(['Bisherige Fassung', 'Neue Fassung'])],
    rows: list.flatMap((x): TableCell[][] => {
      const text = normalize(x.text);
      const [before, after]: Inline[][] = x.segments ? [side(x.segments, 'old'), side(x.segments, 'new')]
        : x.op === 'added' ? [[t('–')], ins(text)] : x.op === 'removed' ? [del(text), [t('–')]] : [[t(text)], [t(text)]];
      return [[cell([{ type: 'strong', children: [t(paragraphHeading(x))] }], { colSpan: 2 })], [cell(before), cell(after)]];
    }),
  });
  const fields = (changes: FieldChange[], depth: Heading['depth'], caption: string, labels: Record<string, string> = {}) => {
    const { rows, texts } = fieldRows(changes);
    if (rows.length) out.push(gridTable(caption, ['Feld', 'bisher', 'neu', 'Hinweis'], rows, [28, 29, 29, 14]));
    for (const x of texts) {
      const label = labels[x.field] ?? x.field;
      out.push(heading(depth, label), synopsis(x.paragraphs, `${caption}: ${label}`));
    }
  };
  const entity = (e: EntityDiff) => {
    const place = e.place ?? e.oldPlace;
    out.push(heading(3, `${entityTitle(e)} – ${entityStatus(e)}`));
    if (place) out.push(p(`${e.status === 'removed' ? 'bisher ' : ''}${place.file}:${place.line}`, 'muted'));
    const invalid = [e.invalidOld ? report.old.label : '', e.invalidNew ? report.new.label : ''].filter(Boolean).join(' und ');
    if (invalid) out.push(p(`Ungültig in ${invalid} (siehe Prüfung); verglichen wie geschrieben.`));
    const facts = e.status === 'added' || e.status === 'removed' ? entityFacts(e).join(' · ') : '';
    if (facts) out.push({ type: 'paragraph', children: e.status === 'added' ? ins(facts) : del(facts) });
    fields(e.changes, 4, `Geänderte Felder: ${entityTitle(e)}`);
  };
  const document = (d: DocumentDiff) => {
    out.push(heading(2, `${documentTitle(d)} – ${documentStatus(d)}`), p(`${d.status === 'removed' ? 'bisher ' : ''}${d.file}`, 'muted'));
    if (d.status === 'added' || d.status === 'removed') out.push(p(documentFacts(d).join(' · ')));
    fields(d.fields, 3, `Geänderte Angaben: ${documentTitle(d)}`, VORLAGE_FIELD_LABEL);
    if (d.body.length) out.push(heading(3, d.kind === 'vorlage' ? 'Sachdarstellung' : 'Text'), synopsis(d.body, `Geänderte Absätze: ${documentTitle(d)}`));
  };

  out.push(heading(1, `Änderungsbericht: ${report.old.label} → ${report.new.label}`));
  out.push({ type: 'fieldList', fields: [['alt', revisionLine(report.old)], ['neu', revisionLine(report.new)], ['Inhaltsordner', report.content]].map(([label, value]) => ({ key: label, label, value: [t(value)] })) });
  const s = report.summary;
  const rows: Array<{ label: string; added: number; removed: number; changed: number; renamed: number }> = [];
  const none = { added: 0, removed: 0, changed: 0, renamed: 0 };
  if (s.settings) rows.push({ label: 'Einstellungen (ratsdoc.yaml): Felder', ...none, changed: s.settings });
  if (s.konzept) rows.push({ label: 'Konzept (konzept.yaml): Felder', ...none, changed: s.konzept });
  for (const [name, c] of Object.entries(s.entities) as Array<[CollectionName, typeof none]>) rows.push({ label: COLLECTION_TITLE[name], ...c });
  for (const [label, c] of [['Kapitel', s.kapitel], ['Vorlagen', s.vorlagen]] as const) if (c.added + c.removed + c.changed + c.renamed) rows.push({ label, ...c });
  const files = (st: 'added' | 'removed' | 'changed') => report.files.filter((f) => f.status === st).length;
  if (report.files.length) rows.push({ label: 'Weitere Dateien', added: files('added'), removed: files('removed'), changed: files('changed'), renamed: 0 });
  out.push(heading(1, 'Zusammenfassung'));
  if (report.identical) out.push(p('Keine Unterschiede.'));
  else out.push({ type: 'changeSummary', caption: 'Was sich geändert hat', rows });
  out.push({ type: 'paragraph', children: [t('Legende: '), ...del('gestrichener Text'), t(' · '), ...ins('eingefügter Text')] });

  const groups = groupKonzept(report);
  if (report.settings.length || report.konzept.length || report.kapitel.length || report.entities.length) {
    out.push(heading(1, 'Integrationskonzept'));
    if (report.settings.length) {
      out.push(heading(2, 'Einstellungen (ratsdoc.yaml)'));
      fields(report.settings, 3, 'Geänderte Einstellungen');
    }
    if (report.konzept.length) {
      out.push(heading(2, 'Konzept (konzept.yaml)'));
      fields(report.konzept, 3, 'Geänderte Angaben des Konzepts');
    }
    report.kapitel.forEach(document);
    for (const g of groups.handlungsfelder) {
      out.push(heading(2, `Handlungsfeld ${g.id} „${g.titel}“`));
      if (g.kosten) out.push({ type: 'paragraph', children: [t('Kosten im Handlungsfeld: '), ...del(money(g.kosten.old)), t(' → '), ...ins(money(g.kosten.new)), t(` (${signedMoney(g.kosten.delta)})`)] });
      g.entities.forEach(entity);
    }
    const others = [
      ...(groups.ohneHandlungsfeld.length ? [{ title: 'Ziele und Maßnahmen ohne bekanntes Handlungsfeld', entities: groups.ohneHandlungsfeld }] : []),
      ...groups.weitere.map((g) => ({ title: COLLECTION_TITLE[g.collection], entities: g.entities })),
    ];
    for (const g of others) {
      out.push(heading(2, g.title));
      g.entities.forEach(entity);
    }
  }
  if (report.vorlagen.length) {
    out.push(heading(1, 'Vorlagen'));
    report.vorlagen.forEach(document);
  }
  if (report.files.length) {
    out.push(heading(1, 'Weitere Dateien (Anlagen, Bilder)'));
    out.push({ type: 'list', ordered: false, items: report.files.map((f) => [p(`${f.file} – ${FILE_STATUS[f.status]}`)]) });
  }
  const dv = report.derived;
  const diag = (d: DiagnosticJson) => p(`${d.severity === 'error' ? 'Fehler' : 'Warnung'}: ${d.entity ? `${d.entity}: ` : ''}${d.message} (${d.file}:${d.line}:${d.column})`);
  if (dv.costs.length || dv.total || dv.status.length || dv.inlineValues.length || dv.newDiagnostics.length || dv.resolvedDiagnostics.length || dv.notes.length) {
    out.push(heading(1, 'Auswirkungen auf die Dokumente'));
    if (dv.costs.length || dv.total) {
      out.push(heading(2, 'Kosten je Handlungsfeld'));
      const costRows = dv.costs.map((k) => [[t(`${k.title} (${k.handlungsfeld})`)], del(money(k.old)), ins(money(k.new)), [t(signedMoney(k.delta))]]);
      if (dv.total) costRows.push([[t('Alle Maßnahmen')], del(money(dv.total.old)), ins(money(dv.total.new)), [t(signedMoney(dv.total.delta))]]);
      out.push(gridTable('Kosten je Handlungsfeld vorher und nachher', ['Handlungsfeld', 'bisher', 'neu', 'Differenz'], costRows));
    }
    out.push(...dv.notes.map((n) => p(`Hinweis: ${n}`)));
    if (dv.status.length) {
      out.push(heading(2, 'Status von Maßnahmen'));
      out.push(gridTable('Maßnahmen mit geändertem Status', ['Maßnahme', 'bisher', 'neu'], dv.status.map((x) => [[t(`${x.id} „${x.title}“`)], del(x.old ? display(x.old) : 'ohne Status'), ins(x.new ? display(x.new) : 'ohne Status')])));
    }
    if (dv.inlineValues.length) {
      out.push(heading(2, 'Werte im Text'));
      out.push(gridTable('Werte in Sätzen, die sich durch die Änderung der Daten ändern', ['Dokument und Stelle', 'Baustein', 'bisher', 'neu'], dv.inlineValues.map((w) => [[t(`${w.document}, ${w.location}`)], [{ type: 'inlineCode', value: w.call }], del(w.old), ins(w.new)])));
    }
    if (dv.newDiagnostics.length) out.push(heading(2, 'Neue Fehler und Warnungen'), ...dv.newDiagnostics.map(diag));
    if (dv.resolvedDiagnostics.length) out.push(heading(2, 'Behobene Fehler und Warnungen'), ...dv.resolvedDiagnostics.map(diag));
  }
  if (report.notCompared.length) out.push(heading(1, 'Nicht verglichen'), ...report.notCompared.map((n) => p(`${n.what}: ${n.reason}`)));
  out.push(heading(1, 'Prüfung'));
  for (const r of [report.old, report.new]) out.push(p(`${r.label}: ${r.errorCount} Fehler, ${r.warningCount} ${r.warningCount === 1 ? 'Warnung' : 'Warnungen'}`), ...r.errors.map(diag));

  const title = `Änderungsbericht ${report.old.label} → ${report.new.label}`;
  const date = report.new.date ?? report.old.date ?? '1970-01-01';
  return {
    kind: 'diff',
    outPath: 'aenderungsbericht',
    meta: { title, author: 'ratsdoc diff', subject: `Vergleich des Inhalts „${report.content}“`, keywords: ['Änderungsbericht', 'Synopse'], lang: 'de-DE', created: new Date(`${date}T00:00:00Z`) },
    header: title,
    blocks: out,
  };
}
