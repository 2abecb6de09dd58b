/**
 * The result of `ratsdoc diff` as data: what every formatter renders and what `--format json`
 * prints, declared once as zod schemas. The types are inferred from them and the published
 * JSON Schema (`schemas/diff.schema.json`, `ratsdoc schema`) is generated from them.
 *
 * Vocabulary of the keys: English (`status`, `changes`, `old`, `new`, `derived` …); only the
 * names of the content folder's parts stay German, spelled as in the content folder
 * (`konzept`, `kapitel`, `vorlagen`, `berichte`, the collection names, `handlungsfeld`).
 * Values (IDs, titles, field names, messages) are the content's own, German.
 * The `.describe()` texts are German: they are the JSON Schema's descriptions.
 */
import { z } from 'zod';
import { COLLECTION_NAMES } from '../model/schemas.js';

/** A YAML value as read. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export const JsonSchema: z.ZodType<Json> = z
  .lazy(() => z.union([z.null(), z.boolean(), z.number(), z.string(), z.array(JsonSchema), z.record(z.string(), JsonSchema)]))
  .meta({ id: 'Wert', description: 'Ein Wert, wie er im YAML steht' });

const Collection = z.enum(COLLECTION_NAMES).describe('Sammlung (massnahmen, ziele …)');
const Status = z.enum(['added', 'removed', 'changed', 'renamed']).describe('added: neu, removed: entfernt, changed: geändert, renamed: umbenannt');
const Op = z.enum(['added', 'removed', 'changed', 'moved']).describe('added: neu, removed: entfernt, changed: geändert, moved: verschoben');
const Index = z.number().int().nullable();

export const RevisionInfoSchema = z.object({
  rev: z.string().nullable().describe('Die Revision wie angegeben; null für das Arbeitsverzeichnis'),
  hash: z.string().nullable(),
  short: z.string().nullable(),
  subject: z.string().nullable().describe('Erste Zeile der Commit-Nachricht'),
  date: z.string().nullable(),
  label: z.string().describe('So nennt der Bericht den Stand: „HEAD~1 (a1b2c3d)“ oder „Arbeitsverzeichnis“'),
});

const PathSegment = z.union([z.string(), z.number().int()]);
export const SegmentSchema = z.object({ op: z.enum(['equal', 'delete', 'insert']), text: z.string() }).describe('Ein Stück eines wortweisen Vergleichs: gleich, gestrichen, eingefügt');

export const ParagraphChangeSchema = z
  .object({
    op: Op,
    index: Index.describe('Nummer des Absatzes im neuen Text (ab 1); null wenn entfernt'),
    oldIndex: Index.describe('Nummer im alten Text; null wenn neu'),
    line: Index.describe('Zeile in der neuen Datei (nur Markdown-Texte)'),
    oldLine: Index,
    section: z.string().nullable().describe('Überschrift über dem Absatz'),
    oldSection: z.string().nullable(),
    text: z.string().describe('Der Absatz als Markdown (neuer Text; alter, wenn entfernt)'),
    segments: z.array(SegmentSchema).nullable().describe('Wortweise Änderungen'),
  })
  .meta({ id: 'Absatzaenderung' });

export const RefItemSchema = z.object({ id: z.string(), label: z.string().nullable().describe('Titel oder Name; null, wenn unbekannt') });

const FieldBase = { path: z.array(PathSegment).describe('Pfad ab dem Eintrag (Listenindex ab 0)'), field: z.string().describe('Das Feld, wie es angezeigt wird („basis.wert“)') };

export const ValueChangeSchema = z.object({
  type: z.literal('value'),
  ...FieldBase,
  old: JsonSchema.optional().describe('Bisheriger Wert; fehlt, wenn neu'),
  new: JsonSchema.optional().describe('Neuer Wert; fehlt, wenn entfernt'),
  segments: z.array(SegmentSchema).optional(),
  ref: z.object({ collection: Collection, old: RefItemSchema.nullable(), new: RefItemSchema.nullable(), followsRename: z.boolean() }).optional().describe('Bei einem Verweis: worauf er zeigte und zeigt'),
});

export const ItemsChangeSchema = z.object({
  type: z.literal('items'),
  ...FieldBase,
  collection: Collection.nullable(),
  added: z.array(RefItemSchema),
  removed: z.array(RefItemSchema),
  renamed: z.array(z.object({ from: RefItemSchema, to: RefItemSchema })).describe('Verweise, die einer Umbenennung folgen'),
  reordered: z.boolean(),
  old: z.array(JsonSchema),
  new: z.array(JsonSchema),
});

const Money = z.object({ old: z.number(), new: z.number(), delta: z.number() });

export const RowChangeSchema = z.object({
  op: Op,
  index: Index,
  oldIndex: Index,
  label: z.string().describe('Was die Zeile ist (Gremium, Titel, Stichtag …)'),
  old: JsonSchema.optional(),
  new: JsonSchema.optional(),
  get changes(): z.ZodOptional<z.ZodArray<typeof FieldChangeSchema>> {
    return z.array(FieldChangeSchema).optional();
  },
});

export const RowsChangeSchema = z.object({
  type: z.literal('rows'),
  ...FieldBase,
  rows: z.array(RowChangeSchema),
  sum: Money.optional().describe('Bei kosten: Summe vorher, nachher, Differenz in Euro'),
});

export const TextChangeSchema = z.object({ type: z.literal('text'), ...FieldBase, paragraphs: z.array(ParagraphChangeSchema) });

export const FieldChangeSchema = z
  .discriminatedUnion('type', [ValueChangeSchema, ItemsChangeSchema, RowsChangeSchema, TextChangeSchema])
  .meta({ id: 'Feldaenderung', description: 'Ein geändertes Feld, eine Liste oder ein Text' });

export const PlaceSchema = z.object({ file: z.string(), line: z.number().int() });

export const EntityDiffSchema = z.object({
  status: Status,
  collection: Collection,
  id: z.string().describe('ID im neuen Stand (im alten, wenn entfernt)'),
  oldId: z.string().nullable(),
  label: z.string(),
  oldLabel: z.string().nullable(),
  handlungsfeld: z.string().nullable().describe('ID des Handlungsfelds, zu dem der Eintrag gehört'),
  oldHandlungsfeld: z.string().nullable(),
  place: PlaceSchema.nullable(),
  oldPlace: PlaceSchema.nullable(),
  value: JsonSchema.nullable().describe('Der ganze Eintrag, wenn neu oder entfernt'),
  changes: z.array(FieldChangeSchema),
  similarity: z.number().nullable().describe('Bei Umbenennung: Ähnlichkeit alt/neu (1 = gleich bis auf die ID)'),
  invalidOld: z.boolean(),
  invalidNew: z.boolean(),
});

export const DocumentDiffSchema = z.object({
  kind: z.enum(['kapitel', 'vorlage']),
  status: Status,
  key: z.string().describe('Kapitelname oder Vorlagennummer'),
  oldKey: z.string().nullable(),
  title: z.string().describe('Titel des Kapitels oder Betreff der Vorlage'),
  file: z.string(),
  oldFile: z.string().nullable(),
  value: JsonSchema.nullable().describe('Kopfteil eines neuen oder entfernten Dokuments'),
  fields: z.array(FieldChangeSchema),
  body: z.array(ParagraphChangeSchema).describe('Geänderte Absätze des Textes'),
  paragraphs: Index.describe('Zahl der Absätze eines neuen oder entfernten Dokuments'),
});

export const FileChangeSchema = z.object({ file: z.string(), status: z.enum(['added', 'removed', 'changed']) });
export const NotComparedSchema = z.object({ what: z.string(), reason: z.string() });

export const DiagnosticJsonSchema = z.object({
  file: z.string(),
  line: z.number().int(),
  column: z.number().int(),
  severity: z.enum(['error', 'warning']),
  code: z.string(),
  message: z.string(),
  entity: z.string().nullable(),
});

export const CostRowSchema = z.object({ handlungsfeld: z.string(), title: z.string(), ...Money.shape });

export const InlineValueChangeSchema = z.object({
  document: z.string().describe('Das Dokument, in dem der Satz steht: „Konzept“, „Vorlage „11/1850““'),
  location: z.string().describe('Der Text, in dem er steht: „Kapitel „ausgangslage““, „Maßnahme „M-07““'),
  call: z.string().describe('Der Baustein, wie er geschrieben ist'),
  old: z.string(),
  new: z.string(),
});

export const DerivedEffectsSchema = z
  .object({
    costs: z.array(CostRowSchema).describe('Kosten je Handlungsfeld, die sich ändern'),
    total: Money.nullable().describe('Kosten aller Maßnahmen, wenn sich eine Summe ändert'),
    status: z.array(z.object({ id: z.string(), oldId: z.string().nullable(), title: z.string(), old: z.string().nullable(), new: z.string().nullable() })).describe('Maßnahmen mit geändertem Status'),
    inlineValues: z.array(InlineValueChangeSchema).describe('Werte in Sätzen ({{wert "I-01"}}), die sich ändern, obwohl der Satz gleich bleibt'),
    newDiagnostics: z.array(DiagnosticJsonSchema).describe('Fehler und Warnungen, die neu sind'),
    resolvedDiagnostics: z.array(DiagnosticJsonSchema).describe('Fehler und Warnungen, die behoben sind'),
    notes: z.array(z.string()).describe('Was sich nicht ableiten ließ, und warum'),
  })
  .describe('Auswirkungen auf die Dokumente');

export const RevisionReportSchema = RevisionInfoSchema.extend({ errors: z.array(DiagnosticJsonSchema), errorCount: z.number().int(), warningCount: z.number().int() });

export const CountsSchema = z.object({ added: z.number().int(), removed: z.number().int(), changed: z.number().int(), renamed: z.number().int() });

export const DIFF_FORMAT = 'ratsdoc-diff/1';

export const DiffReportSchema = z
  .object({
    format: z.literal(DIFF_FORMAT).describe('Version dieses Formats'),
    content: z.string().describe('Der Inhaltsordner, wie angegeben'),
    old: RevisionReportSchema,
    new: RevisionReportSchema,
    identical: z.boolean(),
    summary: z.object({
      settings: z.number().int(),
      konzept: z.number().int(),
      entities: z.partialRecord(Collection, CountsSchema),
      kapitel: CountsSchema,
      vorlagen: CountsSchema,
      files: z.number().int(),
    }),
    settings: z.array(FieldChangeSchema).describe('ratsdoc.yaml'),
    konzept: z.array(FieldChangeSchema).describe('konzept.yaml (Titel, Stand, Gliederung …)'),
    entities: z.array(EntityDiffSchema).describe('Einträge aller Sammlungen'),
    kapitel: z.array(DocumentDiffSchema),
    vorlagen: z.array(DocumentDiffSchema),
    files: z.array(FileChangeSchema).describe('Andere Dateien des Inhaltsordners (Anlagen, Bilder)'),
    derived: DerivedEffectsSchema,
    notCompared: z.array(NotComparedSchema).describe('Was nicht verglichen werden konnte, und warum'),
    handlungsfelder: z.array(z.object({ id: z.string(), title: z.string() })).describe('Die Handlungsfelder zum Gruppieren'),
  })
  .describe('Ergebnis von „ratsdoc diff --format json“');

export type RevisionInfo = z.infer<typeof RevisionInfoSchema>;
export type PathSegment = z.infer<typeof PathSegment>;
export type Segment = z.infer<typeof SegmentSchema>;
export type ParagraphChange = z.infer<typeof ParagraphChangeSchema>;
export type RefItem = z.infer<typeof RefItemSchema>;
export type ValueChange = z.infer<typeof ValueChangeSchema>;
export type ItemsChange = z.infer<typeof ItemsChangeSchema>;
export type RowChange = z.infer<typeof RowChangeSchema>;
export type RowsChange = z.infer<typeof RowsChangeSchema>;
export type FieldChange = z.infer<typeof FieldChangeSchema>;
export type Place = z.infer<typeof PlaceSchema>;
export type EntityDiff = z.infer<typeof EntityDiffSchema>;
export type DocumentDiff = z.infer<typeof DocumentDiffSchema>;
export type FileChange = z.infer<typeof FileChangeSchema>;
export type NotCompared = z.infer<typeof NotComparedSchema>;
export type DiagnosticJson = z.infer<typeof DiagnosticJsonSchema>;
export type CostRow = z.infer<typeof CostRowSchema>;
export type InlineValueChange = z.infer<typeof InlineValueChangeSchema>;
export type DerivedEffects = z.infer<typeof DerivedEffectsSchema>;
export type RevisionReport = z.infer<typeof RevisionReportSchema>;
export type Counts = z.infer<typeof CountsSchema>;
export type DiffReport = z.infer<typeof DiffReportSchema>;
