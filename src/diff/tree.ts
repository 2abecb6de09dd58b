/**
 * The diff report as a document tree (`document/tree.ts`): what every format but JSON prints —
 * PDF and HTML by their renderers, text and Markdown by `render/text.ts`. A redline a council
 * member can print: a change summary at the top, then the Konzept's changes by Handlungsfeld,
 * the Vorlagen, the effects on the documents and the check of both revisions. Changed fields
 * stand in tables (Feld | bisher | neu), changed paragraphs side by side, old and new version
 * („Synopse“, as councils use for amended statutes): deletions in the old column and
 * insertions in the new one as `del`/`ins` nodes. The words come first: German wording, value
 * formatting (dates, money, yes/no), and the grouping of the Konzept's changes by Handlungsfeld.
 */
import type { Block, DocumentTree, Heading, Inline, Table, TableCell } from '../document/tree.js';
import { cell, gridTable, head, p, t } from '../document/tree.js';
import { capitalize, display } from '../document/labels.js';
import { formatDate, formatMoney, formatNumber } from '../format/german.js';
import { kostenList, kostenSumme } from '../model/kosten.js';
import { ENTITY_LABEL, type CollectionName } from '../model/schemas.js';
import { normalize } from './narrative.js';
import type { CostRow, DiagnosticJson, DiffReport, DocumentDiff, EntityDiff, FieldChange, FileChange, Json, ParagraphChange, RefItem, RevisionReport, Segment, ValueChange } from './report.js';

// ------------------------------------------------------------------ words

/** Per collection: its plural title, and „another one“ with the right article (`verweist jetzt auf …`). */
const COLLECTION_WORDS: Record<CollectionName, { title: string; another: string }> = {
  handlungsfelder: { title: 'Handlungsfelder', another: 'ein anderes Handlungsfeld' },
  ziele: { title: 'Ziele', another: 'ein anderes Ziel' },
  indikatoren: { title: 'Indikatoren', another: 'einen anderen Indikator' },
  massnahmen: { title: 'Maßnahmen', another: 'eine andere Maßnahme' },
  akteure: { title: 'Akteure', another: 'einen anderen Akteur' },
  sozialraeume: { title: 'Sozialräume', another: 'einen anderen Sozialraum' },
  interviews: { title: 'Interviews', another: 'ein anderes Interview' },
  meilensteine: { title: 'Meilensteine', another: 'einen anderen Meilenstein' },
};

const STATUS_WORD: Record<EntityDiff['status'], string> = {
  added: 'neu',
  removed: 'entfernt',
  changed: 'geändert',
  renamed: 'umbenannt',
};

/** `+1.500,00 €`, `−250,00 €`, `±0,00 €`. */
function signedMoney(delta: number): string {
  if (delta === 0) return `±${formatMoney(0)}`;
  return delta > 0 ? `+${formatMoney(delta)}` : formatMoney(delta);
}

const ISO = /^\d{4}-\d{2}(-\d{2})?$/;

/** A YAML value in German: dates, money (`betrag`), numbers, ja/nein, enum spellings. */
function formatJson(value: Json | undefined, field = ''): string {
  if (value === undefined || value === null) return '–';
  if (typeof value === 'boolean') return value ? 'ja' : 'nein';
  if (typeof value === 'number') return /(^|\.)betrag$/.test(field) || field === 'betrag' ? formatMoney(value) : formatNumber(value);
  if (typeof value === 'string') return ISO.test(value) ? formatDate(value) : display(value);
  if (Array.isArray(value)) return value.length ? value.map((v) => formatJson(v, field)).join(', ') : '–';
  return Object.entries(value)
    .map(([k, v]) => `${k}: ${formatJson(v, k)}`)
    .join(', ');
}

/** `Z-ARB-1 „Titel“` or just the ID when the title is unknown. */
function refText(item: RefItem): string {
  return item.label ? `${item.id} „${item.label}“` : item.id;
}

/** The revision with its commit message and date, for the report's head. */
function revisionLine(r: RevisionReport): string {
  if (!r.hash) return `${r.label} (mit nicht übernommenen Änderungen)`;
  const parts = [r.date ? formatDate(r.date) : '', r.subject ? `„${r.subject}“` : ''].filter(Boolean);
  return parts.length ? `${r.label}, ${parts.join(', ')}` : r.label;
}

/** The note on a reference that points elsewhere: it followed a rename, or it names another entity. */
function refNote(ref: NonNullable<ValueChange['ref']>): string {
  return ref.followsRename ? 'folgt der Umbenennung' : `verweist jetzt auf ${COLLECTION_WORDS[ref.collection].another}`;
}

/** Where a paragraph stands, in words: `Zeile 12, Abschnitt „Vorgehen“`. */
function paragraphPlace(p: ParagraphChange, old = false): string {
  const [line, section, index] = old ? [p.oldLine, p.oldSection, p.oldIndex] : [p.line, p.section, p.index];
  return [line !== null ? `Zeile ${line}` : index !== null ? `Absatz ${index}` : '', section ? `Abschnitt „${section}“` : ''].filter(Boolean).join(', ');
}

/** A one-line description of a paragraph change, without the text. */
function paragraphHeading(p: ParagraphChange): string {
  switch (p.op) {
    case 'added':
      return `Absatz neu (${paragraphPlace(p)})`;
    case 'removed':
      return `Absatz entfernt (bisher ${paragraphPlace(p, true)})`;
    case 'changed':
      return `Absatz geändert (${paragraphPlace(p)})`;
    case 'moved':
      return `Absatz verschoben${p.segments ? ' und geändert' : ''}: von ${paragraphPlace(p, true)} nach ${paragraphPlace(p)}`;
  }
}

const BY_HANDLUNGSFELD: CollectionName[] = ['handlungsfelder', 'ziele', 'massnahmen'];

/**
 * The Konzept's entity changes grouped as the concept is: per Handlungsfeld (with its change
 * of costs), then, each with its title, the goals and measures whose Handlungsfeld is unknown
 * and the other collections (Indikatoren, Akteure, Sozialräume, Interviews, Meilensteine).
 */
function groupKonzept(report: DiffReport) {
  const groups = new Map<string, { id: string; titel: string; entities: EntityDiff[]; kosten: CostRow | null }>();
  for (const h of report.handlungsfelder) groups.set(h.id, { id: h.id, titel: h.title, entities: [], kosten: null });
  const ohne: EntityDiff[] = [];
  for (const e of report.entities) {
    if (!BY_HANDLUNGSFELD.includes(e.collection)) continue;
    const hf = e.handlungsfeld;
    if (hf && !groups.has(hf) && e.collection === 'handlungsfelder') groups.set(hf, { id: hf, titel: e.label || hf, entities: [], kosten: null });
    const g = hf ? groups.get(hf) : undefined;
    if (g) g.entities.push(e);
    else ohne.push(e);
  }
  for (const k of report.derived.costs) {
    const g = groups.get(k.handlungsfeld);
    if (g) g.kosten = k;
  }
  const order = (e: EntityDiff) => BY_HANDLUNGSFELD.indexOf(e.collection);
  const handlungsfelder = [...groups.values()].filter((g) => g.entities.length || g.kosten);
  for (const g of handlungsfelder) g.entities.sort((p, q) => order(p) - order(q)); // stable: IDs stay in natural order
  const others = [
    { title: 'Ziele und Maßnahmen ohne bekanntes Handlungsfeld', entities: ohne },
    ...(['indikatoren', 'akteure', 'sozialraeume', 'interviews', 'meilensteine'] as CollectionName[])
      .map((collection) => ({ title: COLLECTION_WORDS[collection].title, entities: report.entities.filter((e) => e.collection === collection) })),
  ];
  return { handlungsfelder, others: others.filter((g) => g.entities.length) };
}

/** `Maßnahme M-07 „Job-Speeddating …“` (a renamed one by its new ID; the old one is in its status). */
function entityTitle(e: EntityDiff): string {
  return `${ENTITY_LABEL[e.collection]} ${e.id}${e.label ? ` „${e.label}“` : ''}`;
}

/** What an entity's status means in a sentence: `umbenannt (bisher M-09)`. */
function entityStatus(e: EntityDiff): string {
  if (e.status === 'renamed') {
    const was = `umbenannt (bisher ${e.oldId}${e.oldLabel ? ` „${e.oldLabel}“` : ''})`;
    return e.changes.length ? `${was} und geändert` : `${was}, Inhalt unverändert`;
  }
  if (e.status === 'changed' && !e.changes.length && e.oldPlace && e.place && e.oldPlace.file !== e.place.file) {
    return `in eine andere Datei verschoben (bisher ${e.oldPlace.file})`;
  }
  return STATUS_WORD[e.status];
}

/** Fields shown as short facts of an added or removed entity, labelled by their capitalised name. */
const FACTS: Partial<Record<CollectionName, string[]>> = { ziele: ['ebene', 'handlungsfeld', 'oberziel'], indikatoren: ['einheit', 'quelle'], akteure: ['art'], meilensteine: ['datum', 'status'] };

/** Short facts of an added or removed entity: Status, Kosten, Zeitraum … */
function entityFacts(e: EntityDiff): string[] {
  const v = e.value;
  if (!v || typeof v !== 'object' || Array.isArray(v)) return [];
  const fact = (k: string) => (v[k] === undefined || v[k] === null ? [] : [`${capitalize(k)}: ${formatJson(v[k])}`]);
  if (e.collection !== 'massnahmen') return (FACTS[e.collection] ?? []).flatMap(fact);
  const facts = ['handlungsfeld', 'ziele', 'status'].flatMap(fact);
  if (v.beginn || v.ende) facts.push(`Zeitraum: ${formatJson(v.beginn ?? null)} bis ${formatJson(v.ende ?? null)}`);
  if (kostenList(v.kosten).length) facts.push(`Kosten: ${formatMoney(kostenSumme(v.kosten))}`);
  return facts;
}

const FILE_STATUS: Record<FileChange['status'], string> = { added: 'neu', removed: 'entfernt', changed: 'ersetzt' };

/** `Vorlage 11/1702 „Betreff“` or `Kapitel „Einleitung“ (einleitung)`. */
function documentTitle(d: DiffReport['kapitel'][number]): string {
  return d.kind === 'vorlage' ? `Vorlage ${d.key}${d.title ? ` „${d.title}“` : ''}` : `Kapitel „${d.title}“`;
}

/** What a reader wants to know about an added or removed document: Art, Datum, length. */
function documentFacts(d: DiffReport['kapitel'][number]): string[] {
  const v = d.value as Record<string, unknown> | null;
  const facts: string[] = [];
  if (d.kind === 'vorlage' && v && typeof v.art === 'string') facts.push(`Art: ${v.art}`);
  if (d.kind === 'vorlage' && v && typeof v.datum === 'string') facts.push(`Datum: ${formatJson(v.datum)}`);
  if (d.paragraphs !== null) facts.push(`${d.paragraphs} ${d.paragraphs === 1 ? 'Absatz' : 'Absätze'}`);
  return facts;
}

/** The status of a document in words (`neu`, `Nummer geändert, bisher …`). */
function documentStatus(d: DiffReport['kapitel'][number]): string {
  if (d.status === 'renamed') return d.kind === 'vorlage' ? `Nummer geändert, bisher ${d.oldKey}` : `umbenannt, bisher ${d.oldKey}.md`;
  if (d.status === 'changed' && d.oldFile && !d.fields.length && !d.body.length) return `Datei umbenannt, bisher ${d.oldFile}`;
  return STATUS_WORD[d.status];
}

/** Text fields of a Vorlage front matter that have their own heading in the rendered Vorlage. */
const VORLAGE_FIELD_LABEL: Record<string, string> = { beschlussvorschlag: 'Beschlussvorschlag' };
// ------------------------------------------------------------------ the tree

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
        if (c.sum) out.rows.push([`${field} (Summe)`, ...change(formatMoney(c.sum.old), formatMoney(c.sum.new)), signedMoney(c.sum.delta)]);
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
  // ratsdoc.yaml and konzept.yaml: their key in the report, their heading, their table's caption.
  const yamlFiles = [['settings', 'Einstellungen (ratsdoc.yaml)', 'Geänderte Einstellungen'], ['konzept', 'Konzept (konzept.yaml)', 'Geänderte Angaben des Konzepts']] as const;
  const rows: Array<{ label: string; added: number; removed: number; changed: number; renamed: number }> = [];
  const none = { added: 0, removed: 0, changed: 0, renamed: 0 };
  for (const [key, title] of yamlFiles) if (s[key]) rows.push({ label: `${title}: Felder`, ...none, changed: s[key] });
  for (const [name, c] of Object.entries(s.entities) as Array<[CollectionName, typeof none]>) rows.push({ label: COLLECTION_WORDS[name].title, ...c });
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
    for (const [key, title, caption] of yamlFiles) {
      if (!report[key].length) continue;
      out.push(heading(2, title));
      fields(report[key], 3, caption);
    }
    report.kapitel.forEach(document);
    for (const g of groups.handlungsfelder) {
      out.push(heading(2, `Handlungsfeld ${g.id} „${g.titel}“`));
      if (g.kosten) out.push({ type: 'paragraph', children: [t('Kosten im Handlungsfeld: '), ...del(formatMoney(g.kosten.old)), t(' → '), ...ins(formatMoney(g.kosten.new)), t(` (${signedMoney(g.kosten.delta)})`)] });
      g.entities.forEach(entity);
    }
    for (const g of groups.others) {
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
      const costRows = dv.costs.map((k) => [[t(`${k.title} (${k.handlungsfeld})`)], del(formatMoney(k.old)), ins(formatMoney(k.new)), [t(signedMoney(k.delta))]]);
      if (dv.total) costRows.push([[t('Alle Maßnahmen')], del(formatMoney(dv.total.old)), ins(formatMoney(dv.total.new)), [t(signedMoney(dv.total.delta))]]);
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
