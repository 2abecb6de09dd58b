/**
 * Command-line entry: parses argv, dispatches to a command, maps outcomes to exit codes
 * (0 ok, 1 content errors, 2 usage). The only place besides `commands/` that touches process.
 */
import { parseArgs } from 'node:util';
import { VERSION } from './version.js';
import { ContentFolderMissing } from './content/load.js';
import { closest, didYouMean } from './diagnostics/suggest.js';
import type { Renderer } from './render/renderer.js';

const HELP = `ratsdoc – Integrationskonzept und Ratsvorlagen aus Daten erzeugen

Aufruf: npx ratsdoc <Befehl> [Optionen]

Befehle:
  build   [--content ORDNER] [--out ORDNER] [--templates ORDNER] [--formats LISTE] [--jobs N] [--no-cache] [--quiet]
                                                prüft den Inhalt und erzeugt alle Dokumente als PDF, HTML und DOCX (Word)
  check   [--content ORDNER] [--templates ORDNER] [--format text|json]
                                                prüft den Inhalt und listet alle Fehler und Warnungen
  diff    REV-A [REV-B] [--content ORDNER] [--format text|markdown|html|json|pdf]
                                                zeigt, was sich zwischen zwei git-Ständen geändert hat (REV-B: Vorgabe Arbeitsverzeichnis)
  diff    --berichte BERICHT-A [BERICHT-B] [--content ORDNER] [--format …]
                                                vergleicht zwei Sachstandsberichte (oder Stichtage JJJJ-MM-TT): Stand der Maßnahmen, Werte, Bewertungen
  serve   [--content ORDNER] [--out ORDNER] [--port N] [--templates ORDNER] [--formats LISTE]
                                                Vorschau unter http://127.0.0.1:4321/, lädt bei jeder gespeicherten Änderung neu
  schema  [--out ORDNER] [--templates ORDNER]   schreibt JSON-Schemas für die Eingabehilfe im Editor (Vorgabe: ./schemas)
  init    ORDNER                                legt ein neues Projekt für Ihre Kommune an (content/, templates/, package.json)
  help                                          zeigt diese Hilfe

Optionen:
  --content ORDNER   Inhaltsordner (Vorgabe: ./content)
  --out ORDNER       Ausgabeordner (Vorgabe: ./out)
  --format FORMAT    Ausgabe der Meldungen: text (Vorgabe) oder json; bei diff auch markdown oder html
  --port N           Port der Vorschau (Vorgabe: 4321; 0 wählt einen freien)
  --templates ORDNER Gestaltungsordner mit Formular (Vorgabe: ./templates, sonst der eingebaute); auch bei diff
  --formats LISTE    nur diese Ausgabeformate erzeugen, mit Komma getrennt, z. B. pdf,html
                     (Vorgabe: alle – pdf, html, docx)
  --jobs N           PDF- und Word-Dateien parallel in N Threads setzen (Vorgabe: ein Thread je Prozessorkern)
  --no-cache         alle PDF- und Word-Dateien neu setzen, ohne den Zwischenspeicher .ratsdoc-cache/
  --quiet            nur Fehler ausgeben (kein Fortschritt, keine Warnungen, keine Zusammenfassung)
  -h, --help         Hilfe
  -v, --version      Version

Rückgabewerte: 0 in Ordnung, 1 Fehler im Inhalt, 2 falscher Aufruf.
  diff: 0 keine Unterschiede, 1 Unterschiede gefunden, 2 falscher Aufruf, kein git-Repository oder unbekannter Stand.
`;

/** Thrown for a wrong call: printed with a hint to --help, exit 2. */
export class UsageError extends Error {}


/** Runs the CLI and sets process.exitCode. */
export async function main(argv: string[]): Promise<void> {
  try {
    process.exitCode = await run(argv);
  } catch (err) {
    if (err instanceof UsageError || err instanceof ContentFolderMissing) {
      process.stderr.write(`ratsdoc: ${err.message}\n${err instanceof UsageError ? 'Hilfe: npx ratsdoc --help\n' : ''}`);
      process.exitCode = 2;
      return;
    }
    process.stderr.write(
      `ratsdoc: interner Fehler – das ist ein Fehler im Programm, nicht in Ihrem Inhalt.\n` +
        `Bitte melden Sie ihn mit dieser Ausgabe und dem verwendeten Inhalt:\n${(err as Error)?.stack ?? String(err)}\n`,
    );
    process.exitCode = 70;
  }
}

async function run(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(HELP);
    return command ? 0 : 2;
  }
  if (command === '--version' || command === '-v') {
    process.stdout.write(`ratsdoc ${VERSION}\n`);
    return 0;
  }
  const spec = COMMAND_OPTIONS[command];
  if (!spec) throw new UsageError(`unbekannter Befehl „${command}“${didYouMean(command, Object.keys(COMMAND_OPTIONS))}`);
  const { values, positionals } = commandOptions(command, rest, spec);
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const text = (name: string, fallback: string): string => (typeof values[name] === 'string' ? (values[name] as string) : fallback);
  const noPositionals = () => {
    if (positionals.length) throw new UsageError(`unerwartete Angabe „${positionals[0]}“`);
  };
  switch (command) {
    case 'check': {
      const { check } = await import('./commands/check.js');
      const format = text('format', 'text');
      if (!['text', 'json'].includes(format)) throw new UsageError(`unbekanntes Format „${format}“ (erlaubt: text, json)`);
      noPositionals();
      return check({ content: text('content', 'content'), format: format as 'text' | 'json', ...(values.templates ? { templates: values.templates as string } : {}) });
    }
    case 'build': {
      const { build } = await import('./commands/build.js');
      noPositionals();
      const given = values.jobs as string | undefined;
      const jobs = given === undefined ? undefined : /^[1-9]\d?$/.test(given) ? Number(given) : NaN;
      if (Number.isNaN(jobs)) throw new UsageError(`ungültige Anzahl „${given}“ für --jobs (erlaubt: 1 bis 99)`);
      const renderers = await outputFormats(values.formats as string | undefined);
      return build({
        content: text('content', 'content'),
        out: text('out', 'out'),
        ...(values.templates ? { templates: values.templates as string } : {}),
        ...(renderers ? { renderers } : {}),
        ...(jobs ? { jobs } : {}),
        ...(values['no-cache'] ? {} : { cacheDir: '.ratsdoc-cache' }),
        ...(values.quiet ? { quiet: true } : {}),
      });
    }
    case 'diff': {
      const { diff, DIFF_FORMATS } = await import('./commands/diff.js');
      const format = text('format', 'text') as (typeof DIFF_FORMATS)[number];
      if (!DIFF_FORMATS.includes(format)) throw new UsageError(`unbekanntes Format „${format}“ (erlaubt: ${DIFF_FORMATS.join(', ')})`);
      const [oldRev, newRev, extra] = positionals;
      const berichte = values.berichte === true;
      if (oldRev === undefined) {
        throw new UsageError(berichte ? 'diff --berichte braucht einen oder zwei Berichte, z. B. „npx ratsdoc diff --berichte 2020-1 2021-1“' : 'diff braucht mindestens einen git-Stand, z. B. „npx ratsdoc diff HEAD“ oder „npx ratsdoc diff main HEAD“');
      }
      if (extra !== undefined) throw new UsageError(`unerwartete Angabe „${extra}“ (diff vergleicht zwei ${berichte ? 'Berichte' : 'Stände'})`);
      return diff({ content: text('content', 'content'), oldRev, ...(newRev !== undefined ? { newRev } : {}), format, berichte, ...(values.templates ? { templates: values.templates as string } : {}) });
    }
    case 'serve': {
      const { serve, DEFAULT_PORT } = await import('./commands/serve.js');
      noPositionals();
      const given = values.port as string | undefined;
      const port = given === undefined ? DEFAULT_PORT : /^\d{1,5}$/.test(given) && Number(given) <= 65535 ? Number(given) : NaN;
      if (Number.isNaN(port)) throw new UsageError(`ungültiger Port „${given}“ (erlaubt: 0 bis 65535; 0 wählt einen freien)`);
      const renderers = await outputFormats(values.formats as string | undefined);
      return serve({ content: text('content', 'content'), out: text('out', 'out'), port, ...(values.templates ? { templates: values.templates as string } : {}), ...(renderers ? { renderers } : {}) });
    }
    case 'init': {
      const { init } = await import('./commands/init.js');
      const [dir, extra] = positionals;
      if (dir === undefined) throw new UsageError('init braucht einen Ordner, z. B. „npx ratsdoc init meine-stadt“');
      if (extra !== undefined) throw new UsageError(`unerwartete Angabe „${extra}“`);
      return init({ dir });
    }
    case 'schema': {
      const { schema } = await import('./commands/schema.js');
      noPositionals();
      return schema({ out: text('out', 'schemas'), ...(values.templates ? { templates: values.templates as string } : {}) });
    }
    default:
      // Unreachable: COMMAND_OPTIONS refused every other command above.
      throw new UsageError(`unbekannter Befehl „${command}“`);
  }
}

/**
 * The renderers `--formats` names (`pdf,html`), in the renderer list's order; undefined
 * without the option (every format). An unknown or empty name is a wrong call.
 */
async function outputFormats(given: string | undefined): Promise<readonly Renderer[] | undefined> {
  if (given === undefined) return undefined;
  const { RENDERERS } = await import('./render/renderers.js');
  const known = RENDERERS.map((r) => r.format);
  const names = given.split(',').map((n) => n.trim().toLowerCase());
  for (const name of names) {
    if (name === '') throw new UsageError(`leere Angabe in --formats „${given}“ (erlaubt: ${known.join(', ')}, mit Komma getrennt)`);
    if (!known.includes(name)) throw new UsageError(`unbekanntes Ausgabeformat „${name}“ für --formats ${closest(name, known) ? `(meinten Sie „${closest(name, known)}“?)` : `(erlaubt: ${known.join(', ')})`}`);
  }
  return RENDERERS.filter((r) => names.includes(r.format));
}

type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

const CONTENT = { content: { type: 'string' } } as const;
const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;

/**
 * The options each command knows, in the order the error message lists them. Every command
 * is parsed strictly against its own list: an option of another command is a wrong call
 * (exit 2), never silently ignored.
 */
const COMMAND_OPTIONS: Record<string, OptionSpec> = {
  build: { ...CONTENT, out: { type: 'string' }, templates: { type: 'string' }, formats: { type: 'string' }, jobs: { type: 'string' }, 'no-cache': { type: 'boolean' }, quiet: { type: 'boolean' }, ...HELP_OPTION },
  check: { ...CONTENT, templates: { type: 'string' }, format: { type: 'string' }, ...HELP_OPTION },
  diff: { ...CONTENT, templates: { type: 'string' }, format: { type: 'string' }, berichte: { type: 'boolean' }, ...HELP_OPTION },
  serve: { ...CONTENT, out: { type: 'string' }, port: { type: 'string' }, templates: { type: 'string' }, formats: { type: 'string' }, ...HELP_OPTION },
  schema: { out: { type: 'string' }, templates: { type: 'string' }, ...HELP_OPTION },
  init: { ...HELP_OPTION },
};

/** Parses the options of one command strictly; an unknown option gets one message for all commands. */
function commandOptions(command: string, args: string[], options: OptionSpec): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  const known = Object.keys(options).map((k) => `--${k}`);
  const unknown = (name: string) => {
    const bare = closest(name.replace(/^-+/, ''), Object.keys(options));
    const hint = bare === undefined ? undefined : `--${bare}`;
    return new UsageError(`unbekannte Option „${name}“ für „${command}“ ${hint ? `(meinten Sie „${hint}“?)` : `(erlaubt: ${known.join(', ')})`}`);
  };
  // Before parsing: parseArgs stops at the first problem, and an unknown option must win over
  // a missing value of a known one that happens to come first.
  for (const arg of args) {
    if (arg === '--') break;
    const name = /^(--[^=]+)/.exec(arg)?.[1];
    if (name && !known.includes(name)) throw unknown(name);
  }
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    const short = /Unknown option '([^']+)'/.exec((err as Error).message);
    if (short) throw unknown(short[1]);
    throw new UsageError(translateParseError((err as Error).message));
  }
}

function translateParseError(message: string): string {
  const missing = /Option '([^' ]+)[^']*' argument missing/.exec(message);
  if (missing) return `Option „${missing[1]}“ braucht einen Wert`;
  return `falscher Aufruf (${message})`;
}
