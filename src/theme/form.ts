/**
 * The Vorlage form (`templates/vorlage.yaml`): which fields a city's Vorlagen have beyond the
 * built-in ones, which blocks the printed Vorlage shows in which order, the Beratungsfolge
 * columns, the checklists, the page furniture, and variants per `art` and per pinned form
 * version. The builder (`document/vorlage.ts`) turns it into document-tree nodes; renderers
 * see only the tree, so no layout fact of the form lives in the PDF code or the CSS.
 *
 * Every key has a default: the defaults spell out Bergkamen's form, which reproduces its
 * Vorlage 11/1481 word for word.
 */
import { z } from 'zod';
import { IsoDate } from '../model/schemas.js';

/** Field types a city can declare. */
export const FIELD_TYPES = ['text', 'markdown', 'datum', 'ja-nein', 'auswahl', 'checkliste', 'betrag', 'zahl'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** Built-in front-matter keys; a declared field must not reuse one. */
export const BUILTIN_KEYS = [
  'nummer', 'art', 'bezug', 'betreff', 'aktenzeichen', 'datum', 'federfuehrung', 'oeffentlich', 'beratungsfolge',
  'beschlussvorschlag', 'finanzen', 'klimarelevanz', 'abschnitte', 'anlagen', 'unterschriften', 'formular',
] as const;

/** Placeholders page furniture and fixed texts may use. */
export const FURNITURE_PLACEHOLDERS = ['seite', 'seiten', 'nummer', 'betreff', 'kommune', 'datum', 'art'] as const;

const placeholderText = (allowed: readonly string[]) =>
  z.string().superRefine((s, ctx) => {
    for (const m of s.matchAll(/\{([^{}]*)\}/g)) {
      if (!allowed.includes(m[1])) {
        ctx.addIssue({ code: 'custom', message: `enthält den unbekannten Platzhalter „{${m[1]}}“; erlaubt sind ${allowed.map((a) => `{${a}}`).join(', ')}` });
      }
    }
  });
const FurnitureText = placeholderText(FURNITURE_PLACEHOLDERS);

const FieldKey = z.string().regex(/^[a-z][a-z0-9_]*$/, { error: 'muss aus Kleinbuchstaben, Ziffern und „_“ bestehen und mit einem Buchstaben beginnen, z. B. verantwortlich' });

/** One declared front-matter field. */
export const FieldDeclarationSchema = z.strictObject({
  label: z.string().min(1).describe('Beschriftung auf der Vorlage'),
  typ: z.enum(FIELD_TYPES).describe('text, markdown, datum, ja-nein, auswahl, checkliste, betrag oder zahl'),
  pflicht: z.boolean().default(false).describe('Muss jede Vorlage das Feld angeben?'),
  werte: z.array(z.string().min(1)).min(1).optional().describe('Mögliche Werte (auswahl, checkliste)'),
  text: z.boolean().default(false).describe('ja-nein: darf zusätzlich einen Text haben'),
  beschreibung: z.string().optional().describe('Hilfetext für Editoren'),
}).superRefine((f, ctx) => {
  if ((f.typ === 'auswahl' || f.typ === 'checkliste') && !f.werte) ctx.addIssue({ code: 'custom', path: ['werte'], message: `Ein Feld vom Typ „${f.typ}“ braucht „werte“ (Liste der möglichen Werte)`, input: f });
  if (f.werte && f.typ !== 'auswahl' && f.typ !== 'checkliste') ctx.addIssue({ code: 'custom', path: ['werte'], message: `„werte“ gibt es nur bei den Typen auswahl und checkliste, nicht bei „${f.typ}“`, input: f });
});
export type FieldDeclaration = z.infer<typeof FieldDeclarationSchema>;

// ------------------------------------------------------------------ blocks

/** Built-in blocks with no options of their own, written as a bare name. */
export const SIMPLE_BLOCKS = ['art', 'kommune', 'logo', 'betreff', 'seitenumbruch'] as const;

const Titel = z.string().describe('Überschrift, wie gedruckt (ein Doppelpunkt wird nicht angehängt)');

const ArtBlock = z.strictObject({ block: z.literal('art') });
const KommuneBlock = z.strictObject({ block: z.literal('kommune') });
const LogoBlock = z.strictObject({ block: z.literal('logo') });
const BetreffBlock = z.strictObject({ block: z.literal('betreff') });
const PageBreakBlock = z.strictObject({ block: z.literal('seitenumbruch') });
const DeckblattBlock = z.strictObject({
  block: z.literal('deckblatt'),
  felder: z.array(z.string()).default(['betreff', 'nummer', 'aktenzeichen', 'art', 'datum', 'federfuehrung', 'bezug', 'oeffentlich']).describe('Felder der Tabelle, eingebaute und erklärte, in Reihenfolge'),
  label_breite: z.number().positive().default(35).describe('Breite der Beschriftungsspalte in mm'),
});
export const BERATUNG_COLUMNS = ['gremium', 'sitzung', 'top', 'zustaendigkeit', 'oeffentlich'] as const;
const BeratungsfolgeBlock = z.strictObject({
  block: z.literal('beratungsfolge'),
  titel: Titel.optional().describe('Überschrift (Vorgabe: labels.beratungsfolge der Gestaltung)'),
  spalten: z.array(z.strictObject({
    feld: z.enum(BERATUNG_COLUMNS).describe('gremium, sitzung, top, zustaendigkeit oder oeffentlich'),
    label: z.string(),
    breite: z.number().positive().optional().describe('relative Breite (bei allen Spalten oder bei keiner; ohne: aus dem Inhalt)'),
  })).min(1).default([
    { feld: 'gremium', label: 'Gremium' },
    { feld: 'sitzung', label: 'Sitzung' },
    { feld: 'top', label: 'TOP' },
    { feld: 'zustaendigkeit', label: 'Zuständigkeit' },
    { feld: 'oeffentlich', label: 'Ö/N' },
  ]),
  oeffentlich: z.strictObject({ ja: z.string().default('Ö'), nein: z.string().default('N') }).prefault({}).describe('Schreibweise von öffentlich / nichtöffentlich'),
  leer: z.string().default('–').describe('Inhalt einer leeren Zelle ("" für leer)'),
}).superRefine((b, ctx) => {
  // Relative widths mean something only against each other: all columns have one, or none.
  if (!b.spalten.some((c) => c.breite !== undefined)) return;
  b.spalten.forEach((c, i) => {
    if (c.breite === undefined) ctx.addIssue({ code: 'custom', path: ['spalten', i], message: `Spalte „${c.feld}“ hat keine „breite“: entweder jede Spalte bekommt eine Breite oder keine (dann richtet sich die Breite nach dem Inhalt)`, input: c });
  });
});
const BeschlussvorschlagBlock = z.strictObject({ block: z.literal('beschlussvorschlag'), titel: Titel.optional() });
const SachdarstellungBlock = z.strictObject({ block: z.literal('sachdarstellung'), titel: Titel.optional() });
const FinanzenBlock = z.strictObject({
  block: z.literal('finanzen'),
  titel: Titel.optional(),
  ja: z.string().default('Ja'),
  nein: z.string().default('Nein'),
});
const KlimaBlock = z.strictObject({
  block: z.literal('klimarelevanz'),
  titel: Titel.optional(),
  zeile: placeholderText(['auswirkung', 'umfang']).default('Auswirkung auf den Klimaschutz: {auswirkung}').describe('Satz ohne Umfang'),
  zeile_mit_umfang: placeholderText(['auswirkung', 'umfang']).default('Auswirkung auf den Klimaschutz: {auswirkung}, {umfang}').describe('Satz mit Umfang'),
});
const AbschnitteBlock = z.strictObject({ block: z.literal('abschnitte'), doppelpunkt: z.boolean().default(true).describe('Doppelpunkt an jeden Titel anhängen') });
const AnlagenBlock = z.strictObject({ block: z.literal('anlagen'), titel: Titel.default('Anlagen:'), eintrag: placeholderText(['nummer', 'titel']).default('Anlage {nummer}: {titel}') });
const BestandteileBlock = z.strictObject({ block: z.literal('bestandteile') });
const UnterschriftenBlock = z.strictObject({ block: z.literal('unterschriften') });
const FeldBlock = z.strictObject({ feld: FieldKey.describe('Schlüssel eines erklärten Feldes'), titel: Titel.optional().describe('Überschrift (Vorgabe: die Beschriftung des Feldes)') });
const ChecklisteBlock = z.strictObject({
  checkliste: Titel.describe('Überschrift der Checkliste'),
  felder: z.array(FieldKey).min(1).describe('Erklärte Felder, Zeile für Zeile'),
  spalten: z.union([z.literal(1), z.literal(2)]).default(1).describe('1 oder 2 Felder nebeneinander'),
  breiten: z.array(z.number().positive()).optional().describe('Relative Spaltenbreiten: Beschriftung, Wert (bei 2 Spalten vier Zahlen)'),
}).superRefine((b, ctx) => {
  if (b.breiten && b.breiten.length !== b.spalten * 2) ctx.addIssue({ code: 'custom', path: ['breiten'], message: `„breiten“ braucht ${b.spalten * 2} Zahlen (Beschriftung und Wert je Spalte)`, input: b.breiten });
});
const TextBlock = z.strictObject({ text: FurnitureText.describe('Fester Text; Platzhalter wie in Kopf- und Fußzeile'), stil: z.enum(['normal', 'klein', 'fett']).default('normal') });

const BlockObject = z.union([
  ArtBlock, KommuneBlock, LogoBlock, BetreffBlock, PageBreakBlock, DeckblattBlock, BeratungsfolgeBlock, BeschlussvorschlagBlock,
  SachdarstellungBlock, FinanzenBlock, KlimaBlock, AbschnitteBlock, AnlagenBlock, BestandteileBlock, UnterschriftenBlock,
  FeldBlock, ChecklisteBlock, TextBlock,
]);
const BLOCK_NAMES = ['art', 'kommune', 'logo', 'betreff', 'seitenumbruch', 'deckblatt', 'beratungsfolge', 'beschlussvorschlag', 'sachdarstellung', 'finanzen', 'klimarelevanz', 'abschnitte', 'anlagen', 'bestandteile', 'unterschriften'] as const;

/** A block: its bare name (`- beschlussvorschlag`) or an object with options. */
export const BlockSchema = z.preprocess(
  (v) => (typeof v === 'string' && (BLOCK_NAMES as readonly string[]).includes(v) ? { block: v } : v),
  BlockObject,
);
export type FormBlock = z.infer<typeof BlockObject>;

/** Bergkamen's block order (spec section 5). */
const DEFAULT_BLOCKS = ['logo', 'kommune', 'deckblatt', 'beratungsfolge', 'beschlussvorschlag', 'sachdarstellung', 'finanzen', 'klimarelevanz', 'abschnitte', 'bestandteile', 'unterschriften'];

// ------------------------------------------------------------------ page furniture

const FurnitureLineSchema = z.strictObject({ links: FurnitureText.optional(), mitte: FurnitureText.optional(), rechts: FurnitureText.optional() });
export type FurnitureLine = z.infer<typeof FurnitureLineSchema>;
const PagesSchema = z.strictObject({
  kopf: FurnitureLineSchema.optional().describe('Kopfzeile: links, mitte, rechts'),
  fuss: FurnitureLineSchema.optional().describe('Fußzeile: links, mitte, rechts'),
  erste_seite: z.strictObject({ kopf: FurnitureLineSchema.optional(), fuss: FurnitureLineSchema.optional() }).optional().describe('Abweichende erste Seite'),
});

// ------------------------------------------------------------------ the form

/**
 * What happens to an Anlage's file: `beilegen` copies it beside the Vorlage and links it;
 * `anhaengen` does that too and appends a PDF's pages to the Vorlage's PDF.
 */
export const ANLAGEN_MODES = ['beilegen', 'anhaengen'] as const;
export type AnlagenMode = (typeof ANLAGEN_MODES)[number];

/** What a variant (an `art`, a form version) may change. */
const FormPartShape = {
  labels: z.record(z.string(), z.string()).optional().describe('Beschriftungen eingebauter Felder, z. B. nummer: Vorlage-Nr.'),
  bloecke: z.array(BlockSchema).min(1).optional().describe('Blöcke der Vorlage in Druckreihenfolge'),
  seiten: PagesSchema.optional().describe('Kopf- und Fußzeilen'),
  anlagen: z.enum(ANLAGEN_MODES).optional().describe('Was mit Anlagen-Dateien geschieht: beilegen (Vorgabe: als eigene Dateien neben der Vorlage, verlinkt) oder anhaengen (PDF-Anlagen zusätzlich als weitere Seiten an das PDF der Vorlage)'),
};
const FormPartSchema = z.strictObject(FormPartShape);
type FormPart = z.infer<typeof FormPartSchema>;

export const FormSchema = z.strictObject({
  felder: z.record(FieldKey, FieldDeclarationSchema).default({}).describe('Zusätzliche Felder im Kopfteil der Vorlagen'),
  ...FormPartShape,
  kaestchen: z.strictObject({
    an: z.string().default('☒').describe('Zeichen für ein angekreuztes Kästchen'),
    aus: z.string().default('☐').describe('Zeichen für ein leeres Kästchen'),
    ja: z.string().default('ja'),
    nein: z.string().default('nein'),
  }).prefault({}).describe('Ankreuzfelder: Zeichen und die Wörter für ja/nein'),
  arten: z.record(z.string(), FormPartSchema).default({}).describe('Abweichungen je Art der Vorlage'),
  versionen: z.record(z.string(), z.strictObject({ ...FormPartShape, arten: z.record(z.string(), FormPartSchema).default({}) })).default({}).describe('Frühere Formularstände, die eine Vorlage mit „formular:“ wählt'),
}).superRefine((form, ctx) => {
  for (const key of Object.keys(form.felder)) {
    if ((BUILTIN_KEYS as readonly string[]).includes(key)) ctx.addIssue({ code: 'custom', path: ['felder', key], message: `„${key}“ ist ein eingebautes Feld und kann nicht neu erklärt werden` });
  }
  const check = (part: FormPart, at: Array<string | number>) => {
    part.bloecke?.forEach((b, i) => {
      const keys = 'feld' in b ? [b.feld] : 'checkliste' in b ? b.felder : 'block' in b && b.block === 'deckblatt' ? b.felder.filter((k) => !(BUILTIN_KEYS as readonly string[]).includes(k)) : [];
      keys.forEach((k, j) => {
        if (!(k in form.felder)) {
          const where = 'feld' in b ? [...at, 'bloecke', i, 'feld'] : [...at, 'bloecke', i, 'felder', j];
          ctx.addIssue({ code: 'custom', path: where, message: `nennt das Feld „${k}“, das weder eingebaut noch unter „felder“ erklärt ist` });
        }
      });
    });
  };
  check(form, []);
  for (const [art, part] of Object.entries(form.arten)) check(part, ['arten', art]);
  for (const [v, part] of Object.entries(form.versionen)) {
    check(part, ['versionen', v]);
    for (const [art, p] of Object.entries(part.arten)) check(p, ['versionen', v, 'arten', art]);
  }
});
export type Form = z.infer<typeof FormSchema>;

/** The form one Vorlage is printed with: the base, its pinned version, then its `art`. */
export interface EffectiveForm {
  felder: Record<string, FieldDeclaration>;
  kaestchen: Form['kaestchen'];
  labels: Record<string, string>;
  bloecke: FormBlock[];
  seiten: { kopf: FurnitureLine; fuss: FurnitureLine; erste_seite: { kopf: FurnitureLine; fuss: FurnitureLine } };
  anlagen: AnlagenMode;
}

/** Defaults of the theme's own header/footer keys, used when the form names no furniture. */
export interface FurnitureDefaults { header: string; footer: string }

/** The form for one Vorlage (`version` must exist: validation checks it first). */
export function effectiveForm(form: Form, art: string, version: string | undefined, defaults: FurnitureDefaults): EffectiveForm {
  const layers: FormPart[] = [form];
  if (version !== undefined && form.versionen[version]) {
    const v = form.versionen[version];
    layers.push(v);
    if (v.arten[art]) layers.push(v.arten[art]);
  } else if (form.arten[art]) {
    layers.push(form.arten[art]);
  }
  const labels: Record<string, string> = {};
  let bloecke: FormBlock[] | undefined;
  let seiten: z.infer<typeof PagesSchema> | undefined;
  let anlagen: AnlagenMode = 'beilegen';
  for (const l of layers) {
    Object.assign(labels, l.labels ?? {});
    if (l.bloecke) bloecke = l.bloecke;
    if (l.seiten) seiten = l.seiten;
    if (l.anlagen) anlagen = l.anlagen;
  }
  const kopf = seiten?.kopf ?? { links: defaults.header };
  const fuss = seiten?.fuss ?? { rechts: defaults.footer };
  return {
    felder: form.felder,
    kaestchen: form.kaestchen,
    labels,
    bloecke: bloecke ?? defaultBlocks(),
    anlagen,
    seiten: {
      kopf,
      fuss,
      // Without a declared header, page 1 has none (Bergkamen: the cover sheet is the header).
      erste_seite: { kopf: seiten?.erste_seite?.kopf ?? (seiten?.kopf ? kopf : {}), fuss: seiten?.erste_seite?.fuss ?? fuss },
    },
  };
}

/** Zod schema of one declared field's value in the front matter. */
export function fieldValueSchema(f: FieldDeclaration): z.ZodType {
  const describe = (s: z.ZodType) => s.describe(f.beschreibung ?? f.label);
  switch (f.typ) {
    case 'text': return describe(z.string().min(1, { error: 'darf nicht leer sein' }));
    case 'markdown': return describe(z.string().min(1, { error: 'darf nicht leer sein' }));
    case 'datum': return describe(IsoDate);
    case 'betrag': return describe(z.number({ error: 'muss ein Betrag in Euro sein, z. B. 12500 oder 1234.56' }));
    case 'zahl': return describe(z.number({ error: 'muss eine Zahl sein' }));
    case 'auswahl': return describe(z.enum(f.werte as [string, ...string[]]));
    case 'checkliste': return describe(z.array(z.enum(f.werte as [string, ...string[]])));
    case 'ja-nein': {
      const yesNo = z.union([z.boolean(), z.enum(['ja', 'nein'])], { error: 'muss ja oder nein sein' });
      return describe(f.text ? z.union([yesNo, z.strictObject({ wert: yesNo, text: z.string().optional() })], { error: 'muss ja oder nein sein, oder { wert: ja, text: "…" }' }) : yesNo);
    }
  }
}

/** A ja-nein value as boolean plus its optional text. */
export function yesNo(value: unknown): { wert: boolean; text?: string } {
  if (value && typeof value === 'object') {
    const o = value as { wert: unknown; text?: string };
    return { wert: o.wert === true || o.wert === 'ja', ...(o.text ? { text: o.text } : {}) };
  }
  return { wert: value === true || value === 'ja' };
}

/** Every field key declared anywhere (for the JSON Schema: a Vorlage may use any). */
export function declaredShape(form: Form, only?: Record<string, FieldDeclaration>): Record<string, z.ZodType> {
  const fields = only ?? form.felder;
  return Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, f.pflicht ? fieldValueSchema(f) : fieldValueSchema(f).optional()]));
}

/** The blocks of the built-in form (Bergkamen's order). */
export function defaultBlocks(): FormBlock[] {
  return DEFAULT_BLOCKS.map((b) => BlockSchema.parse(b) as FormBlock);
}
