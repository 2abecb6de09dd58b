/**
 * The report's words for its document tree (`tree.ts`): German wording, value formatting
 * (dates, money, yes/no), and the grouping of the Konzept's changes by Handlungsfeld.
 */
import { formatDate, formatMoney, formatNumber } from '../format/german.js';
import { kostenList, kostenSumme } from '../model/kosten.js';
import { capitalize, display } from '../document/labels.js';
import { ENTITY_LABEL, type CollectionName } from '../model/schemas.js';
import type { CostRow, DiffReport, EntityDiff, FileChange, Json, ParagraphChange, RefItem, RevisionReport, ValueChange } from './report.js';

/** Plural titles of the collections. */
export const COLLECTION_TITLE: Record<CollectionName, string> = {
  handlungsfelder: 'Handlungsfelder',
  ziele: 'Ziele',
  indikatoren: 'Indikatoren',
  massnahmen: 'Maßnahmen',
  akteure: 'Akteure',
  sozialraeume: 'Sozialräume',
  interviews: 'Interviews',
  meilensteine: 'Meilensteine',
};

export const STATUS_WORD: Record<EntityDiff['status'], string> = {
  added: 'neu',
  removed: 'entfernt',
  changed: 'geändert',
  renamed: 'umbenannt',
};

/** `+1.500,00 €`, `−250,00 €`, `±0,00 €`. */
export function signedMoney(delta: number): string {
  if (delta === 0) return `±${formatMoney(0)}`;
  return delta > 0 ? `+${formatMoney(delta)}` : formatMoney(delta);
}

const ISO = /^\d{4}-\d{2}(-\d{2})?$/;

/** A YAML value in German: dates, money (`betrag`), numbers, ja/nein, enum spellings. */
export function formatJson(value: Json | undefined, field = ''): string {
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
export function refText(item: RefItem): string {
  return item.label ? `${item.id} „${item.label}“` : item.id;
}

/** The revision with its commit message and date, for the report's head. */
export function revisionLine(r: RevisionReport): string {
  if (!r.hash) return `${r.label} (mit nicht übernommenen Änderungen)`;
  const parts = [r.date ? formatDate(r.date) : '', r.subject ? `„${r.subject}“` : ''].filter(Boolean);
  return parts.length ? `${r.label}, ${parts.join(', ')}` : r.label;
}

/** „verweist jetzt auf …“ with the right article. */
const ANOTHER: Record<CollectionName, string> = {
  handlungsfelder: 'ein anderes Handlungsfeld',
  ziele: 'ein anderes Ziel',
  indikatoren: 'einen anderen Indikator',
  massnahmen: 'eine andere Maßnahme',
  akteure: 'einen anderen Akteur',
  sozialraeume: 'einen anderen Sozialraum',
  interviews: 'ein anderes Interview',
  meilensteine: 'einen anderen Meilenstein',
};

/** The note on a reference that points elsewhere: it followed a rename, or it names another entity. */
export function refNote(ref: NonNullable<ValueChange['ref']>): string {
  return ref.followsRename ? 'folgt der Umbenennung' : `verweist jetzt auf ${ANOTHER[ref.collection]}`;
}

/** Where a paragraph stands, in words: `Zeile 12, Abschnitt „Vorgehen“`. */
export function paragraphPlace(p: ParagraphChange, old = false): string {
  const line = old ? p.oldLine : p.line;
  const section = old ? p.oldSection : p.section;
  const index = old ? p.oldIndex : p.index;
  const parts = [line !== null ? `Zeile ${line}` : index !== null ? `Absatz ${index}` : '', section ? `Abschnitt „${section}“` : ''].filter(Boolean);
  return parts.join(', ');
}

/** A one-line description of a paragraph change, without the text. */
export function paragraphHeading(p: ParagraphChange): string {
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

/** The Konzept's entity changes grouped as the concept is: per Handlungsfeld, then the other collections. */
export interface KonzeptGroups {
  handlungsfelder: Array<{ id: string; titel: string; entities: EntityDiff[]; kosten: CostRow | null }>;
  /** Goals and measures whose Handlungsfeld is unknown. */
  ohneHandlungsfeld: EntityDiff[];
  /** Indikatoren, Akteure, Sozialräume, Interviews, Meilensteine, per collection. */
  weitere: Array<{ collection: CollectionName; entities: EntityDiff[] }>;
}

const BY_HANDLUNGSFELD: CollectionName[] = ['handlungsfelder', 'ziele', 'massnahmen'];

export function groupKonzept(report: DiffReport): KonzeptGroups {
  const titles = new Map(report.handlungsfelder.map((h) => [h.id, h.title]));
  const groups = new Map<string, { id: string; titel: string; entities: EntityDiff[]; kosten: CostRow | null }>();
  for (const h of report.handlungsfelder) groups.set(h.id, { id: h.id, titel: h.title, entities: [], kosten: null });
  const ohne: EntityDiff[] = [];
  for (const e of report.entities) {
    if (!BY_HANDLUNGSFELD.includes(e.collection)) continue;
    const hf = e.handlungsfeld;
    if (hf && !groups.has(hf) && e.collection === 'handlungsfelder') groups.set(hf, { id: hf, titel: e.label || titles.get(hf) || hf, entities: [], kosten: null });
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
  const weitere = (['indikatoren', 'akteure', 'sozialraeume', 'interviews', 'meilensteine'] as CollectionName[])
    .map((collection) => ({ collection, entities: report.entities.filter((e) => e.collection === collection) }))
    .filter((g) => g.entities.length);
  return { handlungsfelder, ohneHandlungsfeld: ohne, weitere };
}

/** `Maßnahme M-07 „Job-Speeddating …“`, with the old ID for renamed ones. */
export function entityTitle(e: EntityDiff): string {
  const label = e.label ? ` „${e.label}“` : '';
  return `${ENTITY_LABEL[e.collection]} ${e.id}${label}`;
}

/** What an entity's status means in a sentence: `umbenannt (bisher M-09)`. */
export function entityStatus(e: EntityDiff): string {
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
export function entityFacts(e: EntityDiff): string[] {
  const v = e.value;
  if (!v || typeof v !== 'object' || Array.isArray(v)) return [];
  const fact = (k: string) => (v[k] === undefined || v[k] === null ? [] : [`${capitalize(k)}: ${formatJson(v[k])}`]);
  if (e.collection !== 'massnahmen') return (FACTS[e.collection] ?? []).flatMap(fact);
  const facts = ['handlungsfeld', 'ziele', 'status'].flatMap(fact);
  if (v.beginn || v.ende) facts.push(`Zeitraum: ${formatJson(v.beginn ?? null)} bis ${formatJson(v.ende ?? null)}`);
  if (kostenList(v.kosten).length) facts.push(`Kosten: ${formatMoney(kostenSumme(v.kosten))}`);
  return facts;
}

export const FILE_STATUS: Record<FileChange['status'], string> = { added: 'neu', removed: 'entfernt', changed: 'ersetzt' };

/** `Vorlage 11/1702 „Betreff“` or `Kapitel „Einleitung“ (einleitung)`. */
export function documentTitle(d: DiffReport['kapitel'][number]): string {
  return d.kind === 'vorlage' ? `Vorlage ${d.key}${d.title ? ` „${d.title}“` : ''}` : `Kapitel „${d.title}“`;
}

/** What a reader wants to know about an added or removed document: Art, Datum, length. */
export function documentFacts(d: DiffReport['kapitel'][number]): string[] {
  const v = d.value as Record<string, unknown> | null;
  const facts: string[] = [];
  if (d.kind === 'vorlage' && v && typeof v.art === 'string') facts.push(`Art: ${v.art}`);
  if (d.kind === 'vorlage' && v && typeof v.datum === 'string') facts.push(`Datum: ${formatJson(v.datum)}`);
  if (d.paragraphs !== null) facts.push(`${d.paragraphs} ${d.paragraphs === 1 ? 'Absatz' : 'Absätze'}`);
  return facts;
}

/** The status of a document in words (`neu`, `Nummer geändert, bisher …`). */
export function documentStatus(d: DiffReport['kapitel'][number]): string {
  if (d.status === 'renamed') return d.kind === 'vorlage' ? `Nummer geändert, bisher ${d.oldKey}` : `umbenannt, bisher ${d.oldKey}.md`;
  if (d.status === 'changed' && d.oldFile && !d.fields.length && !d.body.length) return `Datei umbenannt, bisher ${d.oldFile}`;
  return STATUS_WORD[d.status];
}

/** Text fields of a Vorlage front matter that have their own heading in the rendered Vorlage. */
export const VORLAGE_FIELD_LABEL: Record<string, string> = { beschlussvorschlag: 'Beschlussvorschlag' };
