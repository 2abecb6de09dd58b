/**
 * `ratsdoc schema`: JSON Schemas generated from the zod schemas of the content model.
 * Checks that the committed `schemas/` folder is what the zod schemas give today, that every
 * field has a German description and every enum lists its values, that the example content
 * validates with a JSON Schema validator (ajv) and a wrong enum value does not, and that
 * `content/.vscode/settings.json` maps each YAML file of the example to exactly its schema.
 */
import { promises as fs, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_KINDS, generateSchemas, jsonSchemaOf, schema as schemaCommand } from '../../src/commands/schema.js';
import { loadContent, type RawContent } from '../../src/content/load.js';
import { VORLAGE_ARTEN } from '../../src/model/schemas.js';
import { FIXTURE_CONTENT, FIXTURE_TEMPLATES } from '../helpers/fixtures.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const EXAMPLE = FIXTURE_CONTENT;
const COMMITTED = path.join(ROOT, 'schemas');

type Json = Record<string, any>;
const byFile = (file: string): Json => JSON.parse(generateSchemas().get(file)!);

/** The schema file for each kind the loader gives a file. */
const FOR_KIND: Record<string, string> = {
  config: 'ratsdoc.schema.json',
  konzept: 'konzept.schema.json',
  collection: 'sammlung.schema.json',
  kapitel: 'kapitel.schema.json',
  vorlage: 'vorlage.schema.json',
  bericht: 'bericht.schema.json',
};

let content: RawContent;
const validators = new Map<string, ValidateFunction>();
const temps: string[] = [];

beforeAll(async () => {
  content = await loadContent(EXAMPLE);
  // Draft-07 is ajv's default dialect; strict mode also refuses unknown keywords and formats.
  const ajv = new Ajv({ allErrors: true, strict: true });
  for (const kind of SCHEMA_KINDS) validators.set(kind.file, ajv.compile(byFile(kind.file)));
});

afterAll(async () => {
  await Promise.all(temps.map((d) => fs.rm(d, { recursive: true, force: true })));
});

/** Every `properties` entry below `schema`, with its path. */
function properties(schema: Json, at = '', out: Array<{ path: string; schema: Json }> = []) {
  if (!schema || typeof schema !== 'object') return out;
  for (const [key, sub] of Object.entries<Json>(schema.properties ?? {})) {
    out.push({ path: `${at}.${key}`, schema: sub });
    properties(sub, `${at}.${key}`, out);
  }
  if (schema.items) properties(schema.items, `${at}[]`, out);
  for (const k of ['anyOf', 'oneOf', 'allOf']) (schema[k] ?? []).forEach((s: Json, i: number) => properties(s, `${at}|${i}`, out));
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') properties(schema.additionalProperties, `${at}.*`, out);
  return out;
}

function enums(schema: Json, at = '', out: Array<{ path: string; values: unknown[] }> = []) {
  if (!schema || typeof schema !== 'object') return out;
  if (Array.isArray(schema.enum)) out.push({ path: at, values: schema.enum });
  for (const [key, sub] of Object.entries<Json>(schema)) {
    if (key === 'enum') continue;
    if (sub && typeof sub === 'object') enums(sub, Array.isArray(schema) ? `${at}[${key}]` : `${at}/${key}`, out);
  }
  return out;
}

/** The values of every z.enum reachable in a zod schema. */
function zodEnums(schema: z.ZodType): unknown[][] {
  const def = (schema as any)._zod.def;
  switch (def.type) {
    case 'enum': return [Object.values(def.entries)];
    case 'object': return Object.values<z.ZodType>(def.shape).flatMap(zodEnums);
    case 'array': return zodEnums(def.element);
    case 'record': return zodEnums(def.valueType);
    case 'union': return (def.options as z.ZodType[]).flatMap(zodEnums);
    case 'optional': case 'default': case 'prefault': case 'nullable': return zodEnums(def.innerType);
    case 'pipe': return zodEnums(def.in);
    default: return [];
  }
}

describe('generated schemas', () => {
  it('the committed schemas/ folder is up to date with the zod schemas (run „npx ratsdoc schema“ after changing src/model/schemas.ts)', async () => {
    const committed = (await fs.readdir(COMMITTED)).filter((f) => f.endsWith('.schema.json')).sort();
    const generated = generateSchemas();
    expect(committed).toEqual([...generated.keys()].sort());
    for (const [file, text] of generated) expect(await fs.readFile(path.join(COMMITTED, file), 'utf8'), file).toBe(text);
  });

  it('is deterministic and the command writes exactly that', async () => {
    expect([...generateSchemas()]).toEqual([...generateSchemas()]);
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'ratsdoc-schema-'));
    temps.push(dir);
    // The fixture's templates (no declared fields), not whatever templates/ the checkout has.
    expect(await schemaCommand({ out: path.join(dir, 'schemas'), quiet: true, templates: FIXTURE_TEMPLATES })).toBe(0);
    for (const [file, text] of generateSchemas()) expect(await fs.readFile(path.join(dir, 'schemas', file), 'utf8')).toBe(text);
  });

  it('one schema per file kind, draft-07, each with a title and a German description', () => {
    expect(SCHEMA_KINDS.map((k) => k.file)).toEqual(['ratsdoc.schema.json', 'konzept.schema.json', 'sammlung.schema.json', 'kapitel.schema.json', 'vorlage.schema.json', 'bericht.schema.json']);
    for (const kind of SCHEMA_KINDS) {
      const s = byFile(kind.file);
      expect(s.$schema).toBe('http://json-schema.org/draft-07/schema#');
      expect(s.title).toBeTruthy();
      expect(s.description, kind.file).toMatch(/[a-zäöüß]{3}/);
      expect(s.type).toBe('object');
    }
  });

  it('every field has a German description', () => {
    const missing: string[] = [];
    let count = 0;
    for (const kind of SCHEMA_KINDS) {
      for (const p of properties(byFile(kind.file))) {
        count++;
        const d = p.schema.description;
        if (typeof d !== 'string' || d.trim().length < 4) missing.push(`${kind.file}${p.path}`);
      }
    }
    expect(missing).toEqual([]);
    expect(count).toBeGreaterThan(120);
    // German, not English: a few words only German texts have.
    const all = SCHEMA_KINDS.flatMap((k) => properties(byFile(k.file)).map((p) => p.schema.description as string)).join(' ');
    expect(all).toMatch(/Datum/);
    expect(all).toMatch(/Markdown ist erlaubt/);
    expect(all).not.toMatch(/\b(the|of|must|date)\b/i);
  });

  it('lists the allowed values of every enum', () => {
    const vorlage = byFile('vorlage.schema.json');
    expect(vorlage.properties.art.enum).toEqual([...VORLAGE_ARTEN]);
    expect(vorlage.properties.beratungsfolge.items.properties.zustaendigkeit.enum).toEqual(['Vorberatung', 'Entscheidung', 'Kenntnisnahme', 'Anhörung']);
    const sammlung = byFile('sammlung.schema.json');
    expect(sammlung.properties.massnahmen.items.properties.status.enum).toEqual(['geplant', 'laufend', 'abgeschlossen', 'zurueckgestellt']);
    expect(sammlung.properties.akteure.items.properties.art.enum).toContain('Migrantenorganisation');
    const konzept = byFile('konzept.schema.json');
    expect(konzept.properties.konzept.properties.status.enum).toEqual(['Entwurf', 'Abstimmung', 'Final']);
    // Every z.enum of the zod schemas arrives as a JSON Schema `enum` with the same values.
    let total = 0;
    for (const kind of SCHEMA_KINDS) {
      const fromJson = enums(byFile(kind.file)).map((e) => JSON.stringify(e.values)).sort();
      expect(fromJson, kind.file).toEqual(zodEnums(kind.schema).map((v) => JSON.stringify(v)).sort());
      total += fromJson.length;
    }
    expect(total).toBeGreaterThanOrEqual(18);
  });

  it('uses nothing newer than draft-07: generated for 2020-12 it is the same schema', () => {
    for (const kind of SCHEMA_KINDS) {
      const { $schema: a, $comment: _c, title: _t, ...draft7 } = jsonSchemaOf(kind);
      const { $schema: b, ...draft2020 } = z.toJSONSchema(kind.schema, { io: 'input', target: 'draft-2020-12' }) as Json;
      expect(a).not.toBe(b);
      expect(draft7).toEqual(draft2020);
    }
  });
});

describe('validating content with ajv', () => {
  const validate = (file: string, value: unknown): ErrorObject[] => {
    const v = validators.get(file)!;
    return v(value) ? [] : (v.errors ?? []);
  };

  it('the example content: every YAML file and every front matter is valid against its schema', () => {
    expect(content.diagnostics).toEqual([]);
    const checked: string[] = [];
    for (const f of content.yamlFiles) {
      expect(validate(FOR_KIND[f.kind], f.value), f.rel).toEqual([]);
      checked.push(f.rel);
    }
    for (const f of content.markdownFiles) {
      expect(f.frontMatterOk, f.rel).toBe(true);
      expect(validate(FOR_KIND[f.kind], f.frontMatter), f.rel).toEqual([]);
      checked.push(f.rel);
    }
    expect(checked).toContain('ratsdoc.yaml');
    expect(checked).toContain('konzept/konzept.yaml');
    expect(checked).toContain('konzept/indikatoren.yaml');
    expect(checked).toContain('konzept/kapitel/einleitung.md');
    expect(checked).toContain('vorlagen/11-1481.md');
    expect(checked.length).toBe(content.yamlFiles.length + content.markdownFiles.length);
  });

  it('rejects a wrong enum value and names the allowed ones', () => {
    const vorlage = content.markdownFiles.find((f) => f.rel === 'vorlagen/11-1481.md')!;
    const errors = validate('vorlage.schema.json', { ...(vorlage.frontMatter as Json), art: 'Beschlußvorlage' });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ keyword: 'enum', instancePath: '/art', params: { allowedValues: [...VORLAGE_ARTEN] } });

    const massnahmen = content.yamlFiles.find((f) => f.rel === 'konzept/hf-arbeit.yaml')!;
    const value = structuredClone(massnahmen.value) as Json;
    value.massnahmen[0].status = 'erledigt';
    const e2 = validate('sammlung.schema.json', value);
    expect(e2.map((e) => [e.keyword, e.instancePath])).toEqual([['enum', '/massnahmen/0/status']]);
  });

  it('rejects unknown fields, wrong types and missing required fields', () => {
    const config = content.yamlFiles.find((f) => f.kind === 'config')!.value as Json;
    expect(validate('ratsdoc.schema.json', { ...config, kommmune: {} }).map((e) => e.keyword)).toContain('additionalProperties');
    expect(validate('ratsdoc.schema.json', { ...config, kommune: { name: 42 } }).map((e) => e.keyword)).toContain('type');
    expect(validate('konzept.schema.json', { konzept: { titel: 'X' } }).map((e) => e.params)).toContainEqual({ missingProperty: 'stand' });
  });
});

describe('content/.vscode/settings.json (YAML extension)', () => {
  const settings = JSON.parse(readFileSync(path.join(EXAMPLE, '.vscode/settings.json'), 'utf8').replace(/^\s*\/\/.*$/gm, '')) as Json;
  const mapping = settings['yaml.schemas'] as Record<string, string[]>;

  /**
   * Which schemas the YAML language server applies to a file, with its glob rules: each pattern
   * may match anywhere below the workspace (`**\/` in front), `*` stays within one folder, and a
   * pattern with `!` excludes; within one schema the last matching pattern decides.
   */
  function schemasFor(rel: string): string[] {
    const hits: string[] = [];
    for (const [schema, patterns] of Object.entries(mapping)) {
      let match = false;
      for (const p of patterns) {
        const include = !p.startsWith('!');
        const glob = (include ? p : p.slice(1)).replace(/^\//, '');
        const re = new RegExp(`(^|/)${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);
        if (re.test(`/workspace/content/${rel}`)) match = include;
      }
      if (match) hits.push(schema);
    }
    return hits;
  }

  it('points at the generated schemas, relative to the content folder', async () => {
    const yamlKinds = SCHEMA_KINDS.filter((k) => !k.frontMatter);
    expect(Object.keys(mapping).sort()).toEqual(yamlKinds.map((k) => `../schemas/${k.file}`).sort());
    // The fixture sits elsewhere than content/; what ../schemas/ names from content/ is the committed folder.
    for (const schemaPath of Object.keys(mapping)) await expect(fs.access(path.join(COMMITTED, path.posix.relative('../schemas', schemaPath)))).resolves.toBeUndefined();
    for (const kind of yamlKinds) expect(mapping[`../schemas/${kind.file}`]).toEqual(kind.files.map((f) => (f.startsWith('!') ? `!/${f.slice(1)}` : `/${f}`)));
  });

  it('gives each YAML file of the example exactly the schema of its kind', () => {
    for (const f of content.yamlFiles) expect(schemasFor(f.rel), f.rel).toEqual([`../schemas/${FOR_KIND[f.kind]}`]);
    expect(schemasFor('konzept/massnahmen-neu.yml')).toEqual(['../schemas/sammlung.schema.json']);
    expect(schemasFor('vorlagen/11-1481.md')).toEqual([]);
  });
});
