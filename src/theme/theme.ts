/**
 * The theme (`templates/theme.yaml`): what a city changes for its corporate design. One
 * schema, read by both renderers; every key has a default, so a city's theme only lists
 * what it changes. Lengths in mm, font sizes in pt, margins [top, right, bottom, left].
 */
import { z } from 'zod';
import { FormSchema } from './form.js';

const Color = z.string().regex(/^#[0-9a-fA-F]{6}$/, { error: 'muss eine Farbe wie "#003d6b" sein' });

export const DEFAULT_LABELS = {
  betreff: 'Betreff',
  nummer: 'Vorlage',
  aktenzeichen: 'Aktenzeichen',
  art: 'Art',
  datum: 'Datum',
  federfuehrung: 'federführend',
  bezug: 'Bezug',
  oeffentlich: 'Öffentlichkeit',
  beratungsfolge: 'Beratungsfolge',
  beschlussvorschlag: 'Beschlussvorschlag:',
  sachdarstellung: 'Sachdarstellung:',
  finanzen: 'Finanzielle Auswirkungen:',
  klimarelevanz: 'Klimarelevanz:',
  bestandteile: 'Bestandteile dieser Vorlage sind:',
  bestandteil_deckblatt: 'Das Deckblatt',
  bestandteil_sachdarstellung: 'Der Beschlussvorschlag und die Sachdarstellung',
  bestandteil_anlage: 'Anlage {nummer}: {titel}',
  inhaltsverzeichnis: 'Inhaltsverzeichnis',
  entwurf: 'ENTWURF',
};

/** The packaged font family every theme can use without declaring it (the default fallback). */
export const DEFAULT_FALLBACK_FONT = 'DejaVu Sans';
export const PACKAGED_DEJAVU_SANS = {
  normal: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
  bold: 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
  italics: 'dejavu-fonts-ttf/ttf/DejaVuSans-Oblique.ttf',
  bolditalics: 'dejavu-fonts-ttf/ttf/DejaVuSans-BoldOblique.ttf',
};

export const DECKBLATT_FIELDS = ['betreff', 'nummer', 'aktenzeichen', 'art', 'datum', 'federfuehrung', 'bezug', 'oeffentlich'] as const;

export const ThemeSchema = z.strictObject({
  page: z.strictObject({
    size: z.enum(['A4']).default('A4'),
    margin: z.tuple([z.number(), z.number(), z.number(), z.number()]).default([25, 20, 22, 25]).describe('mm: oben, rechts, unten, links'),
  }).prefault({}),
  base: z.strictObject({
    font_family: z.string().default('DejaVu Sans'),
    /** Family for the characters `font_family` lacks (☐ ☒ ✓ € …); the packaged DejaVu Sans unless a city names another of its `fonts`. */
    fallback_font_family: z.string().default(DEFAULT_FALLBACK_FONT).describe('Ersatzschrift für Zeichen, die der Grundschrift fehlen'),
    font_size: z.number().positive().default(10.5),
    line_height: z.number().positive().default(1.3),
    color: Color.default('#1a1a1a'),
  }).prefault({}),
  heading: z.strictObject({
    color: Color.default('#003d6b'),
    h1_size: z.number().positive().default(16),
    h2_size: z.number().positive().default(13),
    h3_size: z.number().positive().default(11.5),
    h4_size: z.number().positive().default(10.5),
  }).prefault({}),
  table: z.strictObject({
    font_size: z.number().positive().default(8.5).describe('pt, Schriftgröße in Datentabellen'),
  }).prefault({}),
  colors: z.strictObject({
    primary: Color.default('#003d6b'),
    accent: Color.default('#b3541e'),
    muted: Color.default('#555555'),
    table_header_background: Color.default('#e6edf4'),
    table_border: Color.default('#9aa7b4'),
    draft: Color.default('#c0392b'),
  }).prefault({}),
  fonts: z.record(z.string(), z.strictObject({ normal: z.string(), bold: z.string(), italics: z.string(), bolditalics: z.string() })).default({
    [DEFAULT_FALLBACK_FONT]: { ...PACKAGED_DEJAVU_SANS },
  }),
  logo: z.strictObject({ position: z.enum(['right', 'left', 'none']).default('right'), width: z.number().positive().default(22) }).prefault({}),
  header: z.strictObject({ vorlage: z.string().default('Vorlage {nummer}'), konzept: z.string().default('{titel}') }).prefault({}),
  footer: z.strictObject({ text: z.string().default('Seite {seite} von {seiten}') }).prefault({}),
  deckblatt: z.strictObject({ felder: z.array(z.enum(DECKBLATT_FIELDS)).default([...DECKBLATT_FIELDS]) }).prefault({}),
  labels: z.strictObject(Object.fromEntries(Object.entries(DEFAULT_LABELS).map(([k, v]) => [k, z.string().default(v)])) as {
    [K in keyof typeof DEFAULT_LABELS]: z.ZodDefault<z.ZodString>;
  }).prefault({}),
  unterschriften: z.strictObject({ layout: z.enum(['row', 'stack']).default('row') }).prefault({}),
  /** The Vorlage form; a city writes it in `templates/vorlage.yaml` (the loader puts it here). */
  vorlage: FormSchema.prefault({}),
});

/** The theme with every default filled in. */
export type Theme = z.infer<typeof ThemeSchema>;

/** Fills `{name}` placeholders from `values`; unknown names stay visible. */
export function fillPlaceholders(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}

const MM_TO_PT = 72 / 25.4;
/** Millimetres to PDF points. */
export function mm(value: number): number {
  return value * MM_TO_PT;
}
