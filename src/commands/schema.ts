/**
 * `ratsdoc schema`: JSON Schemas for every YAML file kind of a content folder, for the
 * front matter of chapters and Vorlagen, and for the JSON `ratsdoc diff` prints, generated from the zod schemas of the content model
 * (`model/schemas.ts`) – there is no second, hand-written schema. Editors use them for
 * completion, hover help (the German `.describe()` texts) and checks while typing.
 *
 * Target: JSON Schema draft-07. The generated schemas use no keyword newer than draft-07, and
 * draft-07 is what the YAML language server (VS Code's Red Hat YAML extension, Neovim, Helix,
 * Zed, Sublime …) supports fully; it shows warnings for 2020-12 schemas in many versions.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
  CollectionFileSchema,
  KapitelFrontMatterSchema,
  KonzeptFileSchema,
  RatsdocConfigSchema,
  VorlageFrontMatterSchema,
  BerichtFrontMatterSchema,
} from '../model/schemas.js';
import { vorlageSchemaFor } from '../model/validate.js';
import { DiffReportSchema } from '../diff/report.js';
import { BerichteDiffSchema } from '../diff/berichte.js';
import type { Form } from '../theme/form.js';
import { loadTemplates, resolveTemplatesDir } from '../theme/load.js';
import { formatText } from '../diagnostics/format.js';

/** One generated schema: its file name, the zod schema and the content files it describes. */
export interface SchemaKind {
  /** File name in the schema folder, e.g. `konzept.schema.json`. */
  file: string;
  /** German title shown by editors. */
  title: string;
  schema: z.ZodType;
  /**
   * Glob patterns relative to the content folder, in the syntax of `yaml.schemas` (the YAML
   * language server): `*` within one folder, a leading `!` excludes. Markdown entries describe
   * the front matter between the `---` lines; YAML editors do not check those by themselves.
   */
  files: string[];
  /** Whether the files are Markdown with front matter (not YAML files). */
  frontMatter: boolean;
}

/** Every file kind, in the order of the content model. */
export const SCHEMA_KINDS: readonly SchemaKind[] = [
  { file: 'ratsdoc.schema.json', title: 'ratsdoc.yaml', schema: RatsdocConfigSchema, files: ['ratsdoc.yaml'], frontMatter: false },
  { file: 'konzept.schema.json', title: 'konzept/konzept.yaml', schema: KonzeptFileSchema, files: ['konzept/konzept.yaml', 'konzept/konzept.yml'], frontMatter: false },
  {
    file: 'sammlung.schema.json',
    title: 'Sammlungsdatei unter konzept/',
    schema: CollectionFileSchema,
    files: ['konzept/*.yaml', 'konzept/*.yml', '!konzept/konzept.yaml', '!konzept/konzept.yml'],
    frontMatter: false,
  },
  { file: 'kapitel.schema.json', title: 'Kopfteil eines Kapitels', schema: KapitelFrontMatterSchema, files: ['konzept/kapitel/*.md'], frontMatter: true },
  { file: 'vorlage.schema.json', title: 'Kopfteil einer Vorlage', schema: VorlageFrontMatterSchema, files: ['vorlagen/*.md'], frontMatter: true },
  { file: 'bericht.schema.json', title: 'Kopfteil eines Sachstandsberichts', schema: BerichtFrontMatterSchema, files: ['berichte/*.md'], frontMatter: true },
];

/** The outputs of `ratsdoc diff --format json`: published beside the content schemas, for programs that read it. */
export const DIFF_SCHEMAS = [
  { file: 'diff.schema.json', title: 'ratsdoc diff --format json', schema: DiffReportSchema, source: 'src/diff/report.ts' },
  { file: 'diff-berichte.schema.json', title: 'ratsdoc diff --berichte --format json', schema: BerichteDiffSchema, source: 'src/diff/berichte.ts' },
] as const;

const generatedNote = (source = 'dem Inhaltsmodell von ratsdoc (src/model/schemas.ts)') => `Erzeugt mit „npx ratsdoc schema“ aus ${source}. Nicht von Hand ändern.`;

/** The JSON Schema of one kind, as an object. */
export function jsonSchemaOf(kind: Pick<SchemaKind, 'title' | 'schema'> & { source?: string }, io: 'input' | 'output' = 'input'): Record<string, unknown> {
  const generated = z.toJSONSchema(kind.schema, { io, target: 'draft-07', unrepresentable: 'throw' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  // A fixed key order at the top; the rest keeps zod's (deterministic) order.
  return { $schema, $comment: generatedNote(kind.source && `der Beschreibung des Vergleichsergebnisses (${kind.source})`), title: kind.title, ...rest };
}

/**
 * Every schema file: name → JSON text (two-space indent, final newline). Deterministic. With
 * a form, the Vorlage schema also knows the fields the city declares in templates/vorlage.yaml.
 */
export function generateSchemas(form?: Form): Map<string, string> {
  const out = new Map<string, string>();
  for (const kind of SCHEMA_KINDS) {
    const withForm = form && kind.file === 'vorlage.schema.json' ? { ...kind, schema: vorlageSchemaFor(form) } : kind;
    out.set(kind.file, JSON.stringify(jsonSchemaOf(withForm), null, 2) + '\n');
  }
  for (const d of DIFF_SCHEMAS) out.set(d.file, JSON.stringify(jsonSchemaOf(d, 'output'), null, 2) + '\n');
  return out;
}

/** Options of `schema`. */
export interface SchemaOptions {
  out: string;
  /** The templates folder whose form adds declared Vorlage fields (default as for build). */
  templates?: string;
  quiet?: boolean;
}

/** `ratsdoc schema`: writes the schema files into `out` (other files there stay). */
export async function schema(opts: SchemaOptions): Promise<number> {
  const tpl = await loadTemplates(resolveTemplatesDir(opts.templates));
  if (!tpl.templates) {
    process.stderr.write(formatText(tpl.diagnostics));
    return 1;
  }
  const files = generateSchemas(tpl.templates.theme.vorlage);
  try {
    await fs.mkdir(opts.out, { recursive: true });
    for (const [name, text] of files) {
      // Write beside and rename, so an editor never reads half a file.
      const target = path.join(opts.out, name);
      const tmp = `${target}.${process.pid}.tmp`;
      await fs.writeFile(tmp, text);
      await fs.rename(tmp, target);
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    process.stderr.write(`ratsdoc: Schema-Ordner „${opts.out}“ lässt sich nicht schreiben (Fehler ${code ?? String(err)}).\n`);
    return 1;
  }
  if (!opts.quiet) {
    process.stdout.write(`${files.size} JSON-Schemas in „${opts.out}“ geschrieben: ${[...files.keys()].join(', ')}.\n`);
  }
  return 0;
}
