/**
 * Finds and reads `templates/`: theme.yaml (validated with positions like content files),
 * the HTML layout and stylesheet, and the font files the theme names.
 */
import { CODES, type DiagnosticCode } from '../diagnostics/codes.js';
import { promises as fs, existsSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { decodeSource } from '../content/source.js';
import { parseYaml } from '../content/yaml.js';
import { translateIssues } from '../diagnostics/zod.js';
import { DEFAULT_FALLBACK_FONT, PACKAGED_DEJAVU_SANS, ThemeSchema, type Theme } from './theme.js';
import { defaultBlocks, FormSchema } from './form.js';
import { REFERENCE_NAMES, referenceProblem } from './reference-document.js';

/** ratsdoc's built-in templates (HTML layout and stylesheet; the theme's defaults live in its schema), used where the project has none. */
export const BUILTIN_TEMPLATES = builtinTemplatesDir();

/** `defaults/` of the ratsdoc package: two folders up from src/theme, three from dist/src/theme. */
function builtinTemplatesDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const fromSource = path.resolve(here, '../../defaults');
  return existsSync(path.join(fromSource, 'html')) ? fromSource : path.resolve(here, '../../../defaults');
}

/** Everything the renderers need from `templates/`. */
export interface Templates {
  dir: string;
  theme: Theme;
  /** Absolute TTF paths per font family. */
  fonts: Record<string, { normal: string; bold: string; italics: string; bolditalics: string }>;
  htmlLayout: string;
  htmlCss: string;
  /** Binary files by name in templates/: the reference document for DOCX (`vorlage.docx`), if there is one. */
  files: Record<string, Uint8Array>;
}

/** `--templates` if given, else `./templates` when it exists, else ratsdoc's own. */
export function resolveTemplatesDir(given?: string): string {
  if (given) return path.resolve(given);
  const local = path.resolve('templates');
  return existsSync(path.join(local, 'theme.yaml')) ? local : BUILTIN_TEMPLATES;
}

/**
 * `vorlage.yaml`: the Vorlage form, validated with positions. Returns the raw form (parsed
 * again as part of the theme), undefined when there is none, null after an error.
 */
async function readForm(dir: string, display: string, rawTheme: unknown, diagnostics: Diagnostic[]): Promise<unknown> {
  const formFile = path.posix.join(display.split(path.sep).join('/'), 'vorlage.yaml');
  const bytes = await fs.readFile(path.join(dir, 'vorlage.yaml')).catch(() => null);
  if (!bytes) return undefined;
  const at = (position: { line: number; column: number }, message: string, code: DiagnosticCode = CODES.form): null => {
    diagnostics.push({ severity: 'error', code, file: formFile, ...position, message, entity: 'Formular' });
    return null;
  };
  if (rawTheme && typeof rawTheme === 'object' && 'vorlage' in rawTheme) return at({ line: 1, column: 1 }, 'Das Formular steht schon unter „vorlage:“ in theme.yaml; bitte nur an einer Stelle erklären');
  const decoded = decodeSource(bytes);
  if (!decoded.ok) return at(decoded.position, decoded.reason, CODES.fileEncoding);
  const parsed = parseYaml(decoded.source);
  if (!parsed.ok) return at(parsed.position, parsed.reason, CODES.yamlSyntax);
  const value = parsed.value ?? {};
  const r = FormSchema.safeParse(value, { reportInput: true });
  if (r.success) return value;
  for (const t of translateIssues(FormSchema, r.error.issues, parsed.locations, value)) at(t.position, t.message);
  return null;
}

/** Reads the templates; problems come back as diagnostics (file as shown to the user). */
export async function loadTemplates(dir: string, display = path.relative(process.cwd(), dir) || '.'): Promise<{ templates?: Templates; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const themeFile = path.posix.join(display.split(path.sep).join('/'), 'theme.yaml');
  let raw: unknown = {};
  /** Where a theme value stands (line 1 without a theme.yaml). */
  let at = (_path: Array<string | number>) => ({ line: 1, column: 1 });
  const bytes = await fs.readFile(path.join(dir, 'theme.yaml')).catch(() => null);
  if (bytes) {
    const decoded = decodeSource(bytes);
    if (!decoded.ok) return { diagnostics: [{ severity: 'error', code: CODES.fileEncoding, file: themeFile, ...decoded.position, message: decoded.reason }] };
    const parsed = parseYaml(decoded.source);
    if (!parsed.ok) return { diagnostics: [{ severity: 'error', code: CODES.yamlSyntax, file: themeFile, ...parsed.position, message: parsed.reason }] };
    raw = parsed.value ?? {};
    const locations = parsed.locations;
    at = (p) => locations.valueAt(p);
    const r = ThemeSchema.safeParse(raw, { reportInput: true });
    if (!r.success) {
      for (const t of translateIssues(ThemeSchema, r.error.issues, parsed.locations, raw)) {
        diagnostics.push({ severity: 'error', code: CODES.theme, file: themeFile, ...t.position, message: t.message, entity: 'Gestaltung' });
      }
      return { diagnostics };
    }
  }
  const form = await readForm(dir, display, raw, diagnostics);
  if (form === null) return { diagnostics };
  if (form !== undefined) raw = { ...(raw as object), vorlage: form };
  const theme = ThemeSchema.parse(raw);
  // Without vorlage.yaml the built-in form applies; its cover table keeps the field order a
  // city set in theme.yaml (`deckblatt.felder`), as before the form was declarable.
  if (form === undefined && !theme.vorlage.bloecke) {
    const order = [...theme.deckblatt.felder];
    theme.vorlage.bloecke = defaultBlocks().map((b) => ('block' in b && b.block === 'deckblatt' ? { ...b, felder: order } : b));
  }
  if (!theme.fonts[theme.base.font_family]) {
    diagnostics.push({ severity: 'error', code: CODES.themeFont, file: themeFile, ...at(['base', 'font_family']), entity: 'Gestaltung', message: `Schrift „${theme.base.font_family}“ steht nicht unter „fonts“` });
    return { diagnostics };
  }
  const fallback = theme.base.fallback_font_family;
  // The packaged DejaVu Sans is there for every theme as the fallback, declared or not.
  if (!theme.fonts[fallback] && fallback === DEFAULT_FALLBACK_FONT) theme.fonts[fallback] = { ...PACKAGED_DEJAVU_SANS };
  if (!theme.fonts[fallback]) {
    diagnostics.push({ severity: 'error', code: CODES.themeFont, file: themeFile, ...at(['base', 'fallback_font_family']), entity: 'Gestaltung', message: `Ersatzschrift „${fallback}“ (base.fallback_font_family) steht nicht unter „fonts“` });
    return { diagnostics };
  }
  const fonts: Templates['fonts'] = {};
  const require = createRequire(import.meta.url);
  for (const [family, files] of Object.entries(theme.fonts)) {
    const resolved = {} as Templates['fonts'][string];
    for (const [style, file] of Object.entries(files) as Array<[keyof typeof files, string]>) {
      const local = path.resolve(dir, file);
      let abs: string | null = existsSync(local) ? local : null;
      if (!abs) {
        try {
          abs = require.resolve(file);
        } catch {
          abs = null;
        }
      }
      if (!abs) {
        diagnostics.push({ severity: 'error', code: CODES.themeFont, file: themeFile, ...at(['fonts', family, style]), entity: 'Gestaltung', message: `Schriftdatei „${file}“ (${family}, ${style}) nicht gefunden: weder in templates/ noch als npm-Paket` });
        continue;
      }
      resolved[style] = abs;
    }
    fonts[family] = resolved;
  }
  const readTemplate = async (rel: string) => (await fs.readFile(path.join(dir, rel)).catch(() => fs.readFile(path.join(BUILTIN_TEMPLATES, rel)))).toString('utf8');
  const [htmlLayout, htmlCss] = await Promise.all([readTemplate('html/layout.hbs'), readTemplate('html/style.css')]);
  const files = await readReferenceDocument(dir, display, diagnostics);
  if (diagnostics.length) return { diagnostics };
  return { templates: { dir, theme, fonts, htmlLayout, htmlCss, files }, diagnostics };
}

/**
 * The reference document for Word output (`vorlage.docx` or `vorlage.dotx`), checked to be a
 * Word file with styles; only one of the two may be there (which one counts would be a guess).
 */
async function readReferenceDocument(dir: string, display: string, diagnostics: Diagnostic[]): Promise<Record<string, Uint8Array>> {
  const shown = (name: string) => path.posix.join(display.split(path.sep).join('/'), name);
  const found: Array<[string, Uint8Array]> = [];
  for (const name of REFERENCE_NAMES) {
    const bytes = await fs.readFile(path.join(dir, name)).catch(() => null);
    if (bytes) found.push([name, bytes]);
  }
  const report = (name: string, message: string) => diagnostics.push({ severity: 'error', code: CODES.referenceDocument, file: shown(name), line: 1, column: 1, entity: 'Word-Vorlage', message });
  if (found.length > 1) {
    report(found[1][0], `Es gibt zwei Word-Vorlagen: „${shown(found[0][0])}“ und „${shown(found[1][0])}“; bitte nur eine behalten`);
    return {};
  }
  const [entry] = found;
  if (!entry) return {};
  const problem = referenceProblem(entry[1]);
  if (problem) {
    report(entry[0], `Die Word-Vorlage ${problem}`);
    return {};
  }
  return { [entry[0]]: entry[1] };
}
