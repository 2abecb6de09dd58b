/**
 * The result of `ratsdoc diff` as data: what every formatter renders and what `--format json`
 * prints. Plain JSON values only (no Maps, no undefined that matters), so that identical input
 * gives identical output in every format. Entity values are the YAML values themselves; their
 * types are the schemas' (`model/schemas.ts`), here they are carried as JSON.
 */
import type { TextValueChange } from './values.js';
import type { CollectionName } from '../model/schemas.js';

/** What a side is, for the report. */
export interface RevisionInfo {
  /** The revision as given, or `null` for the working tree. */
  rev: string | null;
  hash: string | null;
  short: string | null;
  subject: string | null;
  date: string | null;
  /** How the report names it: `HEAD~1 (a1b2c3d)` or `Arbeitsverzeichnis`. */
  label: string;
}

/** A YAML value as read. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A key or list index below an entity, a front matter or konzept.yaml. */
export type PathSegment = string | number;

/** A piece of a word-level diff: kept, deleted or inserted text. */
export interface Segment {
  op: 'equal' | 'delete' | 'insert';
  text: string;
}

/** One paragraph (block) of a Markdown text that changed. */
export interface ParagraphChange {
  op: 'added' | 'removed' | 'changed' | 'moved';
  /** Number of the paragraph in the new text (1-based); null when removed. */
  index: number | null;
  /** Number in the old text; null when added. */
  oldIndex: number | null;
  /** Line in the new file (Markdown bodies only); null when removed or unknown. */
  line: number | null;
  /** Line in the old file (Markdown bodies only). */
  oldLine: number | null;
  /** Heading above the paragraph in the new text (old text when removed), or null. */
  section: string | null;
  /** Heading above it in the old text (for moved paragraphs). */
  oldSection: string | null;
  /** The paragraph's Markdown (new text; old text when removed). */
  text: string;
  /** Word-level changes, for `changed` and for `moved` paragraphs that were also edited. */
  segments: Segment[] | null;
}

/** A referenced entity, with its title for the reader. */
export interface RefItem {
  id: string;
  /** Title or name of the entity in the revision it is read from, or null when unknown there. */
  label: string | null;
}

/** A change of one field (or of a list or text) below an entity or document. */
export type FieldChange = ValueChange | ItemsChange | RowsChange | TextChange;

interface FieldBase {
  /** Path from the entity or document root (list indexes 0-based). */
  path: PathSegment[];
  /** The field as shown, relative to its parent change (`basis.wert`, `sitzung`). */
  field: string;
}

/** A value replaced, added (`old` absent) or removed (`new` absent). */
export interface ValueChange extends FieldBase {
  type: 'value';
  old?: Json;
  new?: Json;
  /** Word-level changes when both are longer texts. */
  segments?: Segment[];
  /** When the field is a reference: what it pointed to and points to now. */
  ref?: { collection: CollectionName; old: RefItem | null; new: RefItem | null; followsRename: boolean };
}

/** A list of plain values (usually IDs): items added and removed, renamed IDs, order. */
export interface ItemsChange extends FieldBase {
  type: 'items';
  /** The collection the IDs refer to, when the list is a reference list. */
  collection: CollectionName | null;
  added: RefItem[];
  removed: RefItem[];
  /** References that follow an ID's renaming. */
  renamed: Array<{ from: RefItem; to: RefItem }>;
  /** Same items, different order (order can matter, e.g. the Gliederung). */
  reordered: boolean;
  old: Json[];
  new: Json[];
}

/** A list of records (Beratungsfolge, Anlagen, Kosten, Messungen …) compared row by row. */
export interface RowsChange extends FieldBase {
  type: 'rows';
  rows: RowChange[];
  /** For `kosten`: the sum before and after, in euros, and the difference. */
  sum?: { old: number; new: number; delta: number };
}

export interface RowChange {
  op: 'added' | 'removed' | 'changed' | 'moved';
  /** Position in the new list (0-based); null when removed. */
  index: number | null;
  /** Position in the old list; null when added. */
  oldIndex: number | null;
  /** What the row is (its Gremium, Titel, Funktion, Stichtag …). */
  label: string;
  old?: Json;
  new?: Json;
  /** For `changed`: the fields of the row that changed. */
  changes?: FieldChange[];
}

/** A Markdown text (or a list of Markdown entries such as `befunde`) compared by paragraph. */
export interface TextChange extends FieldBase {
  type: 'text';
  paragraphs: ParagraphChange[];
}

/** Where an entity stands. */
export interface Place {
  file: string;
  line: number;
}

/** One entity that was added, removed, renamed or changed. */
export interface EntityDiff {
  status: 'added' | 'removed' | 'changed' | 'renamed';
  collection: CollectionName;
  /** ID in the new revision (the old one when removed). */
  id: string;
  /** Previous ID when renamed. */
  oldId: string | null;
  /** Title or name (new; old when removed). */
  label: string;
  oldLabel: string | null;
  /** The Handlungsfeld it belongs to (new; old when removed), for grouping. */
  handlungsfeld: string | null;
  oldHandlungsfeld: string | null;
  place: Place | null;
  oldPlace: Place | null;
  /** The whole entity, for added and removed ones. */
  value: Json | null;
  changes: FieldChange[];
  /** For renamed entities: how alike old and new content are (1 = equal apart from the ID). */
  similarity: number | null;
  /** True when the entity failed its schema in that revision (compared as written). */
  invalidOld: boolean;
  invalidNew: boolean;
}

/** A chapter or a Vorlage. */
export interface DocumentDiff {
  kind: 'kapitel' | 'vorlage';
  status: 'added' | 'removed' | 'changed' | 'renamed';
  /** Chapter name or Vorlage number (new; old when removed). */
  key: string;
  oldKey: string | null;
  /** Chapter title or Vorlage Betreff. */
  title: string;
  file: string;
  oldFile: string | null;
  /** Front matter for added and removed documents. */
  value: Json | null;
  /** Changed front-matter fields. */
  fields: FieldChange[];
  /** Changed paragraphs of the body (chapter text, Sachdarstellung). */
  body: ParagraphChange[];
  /** Number of paragraphs of an added or removed document. */
  paragraphs: number | null;
}

/** A file ratsdoc does not read as content (an Anlage, an image) that was added, removed or replaced. */
export interface FileChange {
  file: string;
  status: 'added' | 'removed' | 'changed';
}

/** Something that could not be compared, and why. */
export interface NotCompared {
  what: string;
  reason: string;
}

/** A diagnostic as JSON (the same fields as `check --format json`). */
export interface DiagnosticJson {
  file: string;
  line: number;
  column: number;
  severity: 'error' | 'warning';
  code: string;
  message: string;
  entity: string | null;
}

export interface CostRow {
  handlungsfeld: string;
  titel: string;
  old: number;
  new: number;
  delta: number;
}

/** What the changes do to the rendered documents at summary level. */
export interface DerivedEffects {
  /** Cost totals per Handlungsfeld that changed (document order). */
  kosten: CostRow[];
  /** Total of all measures' costs, when any Handlungsfeld's total changed. */
  gesamt: { old: number; new: number; delta: number } | null;
  /** Measures whose status changed. */
  status: Array<{ id: string; oldId: string | null; titel: string; old: string | null; new: string | null }>;
  /**
   * Values printed inside sentences (`{{wert "I-01"}}`) that change although the text around
   * them does not, per document and place; the change itself is reported at its source.
   */
  werte: TextValueChange[];
  /** Errors and warnings of the new revision that the old one did not have. */
  newDiagnostics: DiagnosticJson[];
  /** Errors and warnings of the old revision that are gone. */
  resolvedDiagnostics: DiagnosticJson[];
  /** What could not be derived, and why (e.g. a Handlungsfeld whose file is unreadable in one revision). */
  hinweise: string[];
}

export interface RevisionReport extends RevisionInfo {
  errors: DiagnosticJson[];
  errorCount: number;
  warningCount: number;
}

export interface Counts {
  added: number;
  removed: number;
  changed: number;
  renamed: number;
}

/** The whole comparison. */
export interface DiffReport {
  /** Format version of this JSON. */
  format: 'ratsdoc-diff/1';
  content: string;
  old: RevisionReport;
  new: RevisionReport;
  identical: boolean;
  summary: {
    settings: number;
    konzept: number;
    entities: Partial<Record<CollectionName, Counts>>;
    kapitel: Counts;
    vorlagen: Counts;
    dateien: number;
  };
  /** ratsdoc.yaml. */
  settings: FieldChange[];
  /** konzept.yaml (Titel, Stand, Gliederung …). */
  konzept: FieldChange[];
  /** Entities of every collection, collection order of the spec, then IDs in natural order. */
  entities: EntityDiff[];
  kapitel: DocumentDiff[];
  vorlagen: DocumentDiff[];
  /** Other files of the content folder (Anlagen, images): added, removed, replaced. */
  dateien: FileChange[];
  derived: DerivedEffects;
  notCompared: NotCompared[];
  /** Titles of the Handlungsfelder (new revision's order, then removed ones), for grouping. */
  handlungsfelder: Array<{ id: string; titel: string }>;
}
