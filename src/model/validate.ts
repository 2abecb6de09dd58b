/**
 * Applies the zod schemas to what the loader read and merges the collections. Each entry of
 * a collection is checked on its own, so one broken entry neither hides the errors of the
 * others nor makes every reference to the rest fail.
 */
import { CODES } from '../diagnostics/codes.js';
import path from 'node:path';
import type { z } from 'zod';
import { displayPath, type RawContent, type RawYamlFile, type UnparsedFile } from '../content/load.js';
import type { YamlLocations, ValuePath } from '../content/yaml.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { translateIssues } from '../diagnostics/zod.js';
import { didYouMean, suggestOrList } from '../diagnostics/suggest.js';
import { mergeCsvMessungen } from './messungen-csv.js';
import {
  BerichtFrontMatterSchema, COLLECTION_NAMES, COLLECTION_SCHEMAS, ENTITY_LABEL, KapitelFrontMatterSchema, KonzeptFileSchema,
  RatsdocConfigSchema, VorlageFrontMatterSchema, type CollectionName,
} from './schemas.js';
import type { Collections, Located, Model } from './model.js';
import type { VorlageFrontMatter } from './schemas.js';
import { FormSchema, declaredShape, type Form } from '../theme/form.js';

/** Validates shapes; returns the model of everything valid plus the diagnostics. */
export function validateShapes(raw: RawContent, form: Form = FormSchema.parse({})): { model: Model; diagnostics: Diagnostic[] } {
  const vorlageSchema = vorlageSchemaFor(form);
  const diagnostics: Diagnostic[] = [...raw.diagnostics];
  const collections = Object.fromEntries(COLLECTION_NAMES.map((n) => [n, []])) as unknown as Collections;
  const brokenIds = Object.fromEntries(COLLECTION_NAMES.map((n) => [n, new Set<string>()])) as Model['brokenIds'];
  const model: Model = { root: raw.root, display: raw.display, collections, brokenIds, kapitel: new Map(), vorlagen: [], berichte: [],
    vorlageMarkdownFields: Object.entries(form.felder).filter(([, f]) => f.typ === 'markdown').map(([k]) => k) };

  for (const f of raw.yamlFiles) {
    if (f.kind === 'config') {
      const v = check(RatsdocConfigSchema, f.value, f, [], diagnostics, undefined);
      if (v) model.config = { value: v, file: f.file, path: [], locations: f.locations };
    } else if (f.kind === 'konzept') {
      const v = check(KonzeptFileSchema, f.value, f, [], diagnostics, 'Konzept');
      if (v) model.konzept = { value: v.konzept, file: f.file, path: ['konzept'], locations: f.locations };
    } else {
      validateCollectionFile(f, model, diagnostics);
    }
  }

  const brokenVorlagen = new Set<string>();
  for (const m of raw.markdownFiles) {
    if (!m.frontMatterOk) continue;
    const entity = m.kind === 'kapitel' ? `Kapitel „${m.name}“` : m.kind === 'bericht' ? `Bericht „${m.name}“` : `Vorlage „${m.name}“`;
    if (m.frontMatter === undefined || m.frontMatter === null) {
      diagnostics.push({
        severity: 'error', code: CODES.frontmatterMissing, file: m.file, line: 1, column: 1, entity,
        message: m.kind === 'kapitel'
          ? 'Der Kopfteil fehlt: die Datei muss mit „---“, „titel: …“ und „---“ beginnen'
          : m.kind === 'bericht'
            ? 'Der Kopfteil fehlt: die Datei muss mit „---“ beginnen und titel, stichtag und berichtszeitraum nennen'
            : 'Der Kopfteil fehlt: die Datei muss mit „---“ beginnen und nummer, art, betreff und beschlussvorschlag nennen',
      });
      continue;
    }
    const locations = m.frontMatterLocations!;
    const source = { rel: m.rel, file: m.file, locations } as Pick<RawYamlFile, 'file' | 'locations'>;
    if (m.kind === 'kapitel') {
      const v = check(KapitelFrontMatterSchema, m.frontMatter, source, [], diagnostics, entity);
      if (v) model.kapitel.set(m.name, { name: m.name, file: m.file, body: m.body, bodyLineOffset: m.bodyLineOffset, meta: { value: v, file: m.file, path: [], locations } });
    } else if (m.kind === 'bericht') {
      const v = check(BerichtFrontMatterSchema, m.frontMatter, source, [], diagnostics, entity);
      if (v) model.berichte.push({ name: m.name, file: m.file, body: m.body, bodyLineOffset: m.bodyLineOffset, meta: { value: v, file: m.file, path: [], locations } });
    } else {
      const nummer = (m.frontMatter as { nummer?: unknown }).nummer;
      const vEntity = typeof nummer === 'string' ? `Vorlage „${nummer}“` : entity;
      const v = checkFormVersion(m.frontMatter, form, source, diagnostics, vEntity) ? check(vorlageSchema, m.frontMatter, source, [], diagnostics, vEntity) : undefined;
      if (v) model.vorlagen.push({ name: m.name, file: m.file, body: m.body, bodyLineOffset: m.bodyLineOffset, meta: { value: v, file: m.file, path: [], locations } });
      else if (typeof nummer === 'string') brokenVorlagen.add(nummer);
    }
  }
  mergeCsvMessungen(raw.csvFiles ?? [], model, diagnostics);
  model.unparsed = collectUnparsed(raw);
  const folder = displayPath(raw.display, '');
  model.unusableFiles = new Set(diagnostics.filter((d) => d.severity === 'error').map((d) => path.posix.relative(folder, d.file)));
  model.brokenVorlagen = brokenVorlagen;
  return { model, diagnostics };
}

/**
 * The front-matter schema of Vorlagen under a form: the built-in fields plus every field the
 * form declares (so „meinten Sie …?“ knows the declared keys too).
 */
export function vorlageSchemaFor(form: Form): z.ZodType<VorlageFrontMatter> {
  return Object.keys(form.felder).length ? (VorlageFrontMatterSchema.extend(declaredShape(form)) as unknown as z.ZodType<VorlageFrontMatter>) : VorlageFrontMatterSchema;
}

/** A pinned `formular:` must name a version of the form. */
function checkFormVersion(frontMatter: unknown, form: Form, f: { file: string; locations: YamlLocations }, diagnostics: Diagnostic[], entity: string): boolean {
  const pinned = (frontMatter as { formular?: unknown }).formular;
  if (pinned === undefined || (typeof pinned !== 'string' && typeof pinned !== 'number')) return true;
  const versions = Object.keys(form.versionen);
  if (versions.includes(String(pinned))) return true;
  const known = versions.length ? `; erklärt sind ${versions.map((v) => `„${v}“`).join(', ')}${didYouMean(String(pinned), versions)}` : '; templates/vorlage.yaml erklärt keine „versionen“';
  diagnostics.push({ severity: 'error', code: CODES.formVersion, file: f.file, ...f.locations.valueAt(['formular']), entity, message: `Formularstand „${pinned}“ gibt es nicht${known}` });
  return false;
}

/**
 * IDs (and Vorlage numbers) still legible in files with a YAML syntax error: the rules do not
 * call a reference to them „nicht definiert“ – the syntax error is the one to fix – and say
 * once per file that such references went unchecked.
 */
function collectUnparsed(raw: RawContent): NonNullable<Model['unparsed']> {
  const ids = new Map<string, UnparsedFile>();
  const vorlagen = new Map<string, UnparsedFile>();
  for (const u of raw.unparsed) {
    if (u.kind === 'collection') {
      for (const [key, list] of Object.entries(u.ids)) {
        if ((COLLECTION_NAMES as readonly string[]).includes(key)) for (const id of list) if (!ids.has(`${key}\u0000${id}`)) ids.set(`${key}\u0000${id}`, u);
      }
    } else if (u.kind === 'vorlage' && u.nummer !== undefined && !vorlagen.has(u.nummer)) vorlagen.set(u.nummer, u);
  }
  return { ids, vorlagen };
}

function validateCollectionFile(f: RawYamlFile, model: Model, diagnostics: Diagnostic[]): void {
  const value = f.value;
  if (value === null || value === undefined) return; // an empty file is allowed
  if (typeof value !== 'object' || Array.isArray(value)) {
    diagnostics.push({
      severity: 'error', code: CODES.collectionFileShape, file: f.file, line: 1, column: 1,
      message: `Die Datei muss Sammlungen als oberste Schlüssel enthalten (${COLLECTION_NAMES.join(', ')})`,
    });
    return;
  }
  for (const [key, list] of Object.entries(value as Record<string, unknown>)) {
    if (!(COLLECTION_NAMES as readonly string[]).includes(key)) {
      const pos = f.locations.keyAt([key]);
      const hint = key === 'konzept' ? ' (der Abschnitt „konzept:“ gehört in konzept/konzept.yaml)' : suggestOrList(key, COLLECTION_NAMES);
      diagnostics.push({ severity: 'error', code: CODES.unknownCollection, file: f.file, ...pos, message: `unbekannte Sammlung „${key}“${hint}` });
      continue;
    }
    const name = key as CollectionName;
    if (list === null) continue;
    if (!Array.isArray(list)) {
      diagnostics.push({ severity: 'error', code: CODES.schema, file: f.file, ...f.locations.valueAt([key]), message: `„${key}“ muss eine Liste sein (Einträge mit „- id: …“)` });
      continue;
    }
    list.forEach((item, i) => {
      const path = [name, i];
      const id = item && typeof item === 'object' && typeof (item as { id?: unknown }).id === 'string' ? (item as { id: string }).id : undefined;
      const entity = `${ENTITY_LABEL[name]} ${id ? `„${id}“` : `Nr. ${i + 1}`}`;
      const v = check(COLLECTION_SCHEMAS[name] as z.ZodType, item, f, path, diagnostics, entity);
      if (v) (model.collections[name] as Located<unknown>[]).push({ value: v, file: f.file, path, locations: f.locations });
      else if (id) model.brokenIds[name].add(id);
    });
  }
}

/** Runs one schema on the value at `basePath`; pushes German diagnostics and returns the value if valid. */
function check<S extends z.ZodType>(
  schema: S,
  value: unknown,
  f: { file: string; locations: YamlLocations },
  basePath: ValuePath,
  diagnostics: Diagnostic[],
  entity: string | undefined,
): z.infer<S> | undefined {
  const r = schema.safeParse(value, { reportInput: true });
  if (r.success) return r.data;
  const locator = {
    valueAt: (p: ReadonlyArray<string | number>) => f.locations.valueAt([...basePath, ...p]),
    keyAt: (p: ReadonlyArray<string | number>) => f.locations.keyAt([...basePath, ...p]),
  };
  for (const t of translateIssues(schema, r.error.issues, locator, value)) {
    diagnostics.push({ severity: 'error', code: CODES.schema, file: f.file, ...t.position, message: t.message, ...(entity ? { entity } : {}) });
  }
  return undefined;
}
