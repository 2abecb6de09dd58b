/**
 * Command-line entry: parses argv, dispatches to a command, maps outcomes to exit codes
 * (0 ok, 1 content errors, 2 usage). The only place besides `commands/` that touches process.
 */
import { parseArgs } from 'node:util';
import { VERSION } from './version.js';
import { ContentFolderMissing } from './content/load.js';

const HELP = `ratsdoc – Integrationskonzept und Ratsvorlagen aus Daten erzeugen

Aufruf: npx ratsdoc <Befehl> [Optionen]

Befehle:
  build   [--content ORDNER] [--out ORDNER] [--templates ORDNER] [--jobs N] [--no-cache]
                                                prüft den Inhalt und erzeugt alle Dokumente als PDF und HTML
  check   [--content ORDNER] [--templates ORDNER] [--format text|json]
                                                prüft den Inhalt und listet alle Fehler und Warnungen
  diff    REV-A [REV-B] [--content ORDNER] [--format text|markdown|html|json]
                                                zeigt, was sich zwischen zwei git-Ständen geändert hat (REV-B: Vorgabe Arbeitsverzeichnis)
  serve   [--content ORDNER] [--out ORDNER] [--port N] [--templates ORDNER]
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
  --jobs N           PDFs parallel in N Threads setzen (Vorgabe: ein Thread je Prozessorkern)
  --no-cache         alle PDFs neu setzen, ohne den Zwischenspeicher .ratsdoc-cache/
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
  const options = {
    content: { type: 'string', default: 'content' },
    out: { type: 'string', default: 'out' },
    format: { type: 'string', default: 'text' },
    port: { type: 'string' },
    templates: { type: 'string' },
    jobs: { type: 'string' },
    'no-cache': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  } as const;
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(translateParseError((err as Error).message));
  }
  if (parsed.values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  switch (command) {
    case 'check': {
      const { check } = await import('./commands/check.js');
      if (!['text', 'json'].includes(parsed.values.format)) throw new UsageError(`unbekanntes Format „${parsed.values.format}“ (erlaubt: text, json)`);
      if (parsed.positionals.length) throw new UsageError(`unerwartete Angabe „${parsed.positionals[0]}“`);
      return check({ content: parsed.values.content, format: parsed.values.format as 'text' | 'json', ...(parsed.values.templates ? { templates: parsed.values.templates } : {}) });
    }
    case 'build': {
      const { build } = await import('./commands/build.js');
      if (parsed.positionals.length) throw new UsageError(`unerwartete Angabe „${parsed.positionals[0]}“`);
      const jobs = parsed.values.jobs === undefined ? undefined : /^[1-9]\d?$/.test(parsed.values.jobs) ? Number(parsed.values.jobs) : NaN;
      if (Number.isNaN(jobs)) throw new UsageError(`ungültige Anzahl „${parsed.values.jobs}“ für --jobs (erlaubt: 1 bis 99)`);
      return build({
        content: parsed.values.content,
        out: parsed.values.out,
        ...(parsed.values.templates ? { templates: parsed.values.templates } : {}),
        ...(jobs ? { jobs } : {}),
        ...(parsed.values['no-cache'] ? {} : { cacheDir: '.ratsdoc-cache' }),
      });
    }
    case 'diff': {
      const { diff, DIFF_FORMATS } = await import('./commands/diff.js');
      const format = parsed.values.format as (typeof DIFF_FORMATS)[number];
      if (!DIFF_FORMATS.includes(format)) throw new UsageError(`unbekanntes Format „${format}“ (erlaubt: ${DIFF_FORMATS.join(', ')})`);
      const [oldRev, newRev, extra] = parsed.positionals;
      if (oldRev === undefined) throw new UsageError('diff braucht mindestens einen git-Stand, z. B. „npx ratsdoc diff HEAD“ oder „npx ratsdoc diff main HEAD“');
      if (extra !== undefined) throw new UsageError(`unerwartete Angabe „${extra}“ (diff vergleicht zwei Stände)`);
      return diff({ content: parsed.values.content, oldRev, ...(newRev !== undefined ? { newRev } : {}), format, ...(parsed.values.templates ? { templates: parsed.values.templates } : {}) });
    }
    case 'serve': {
      const { serve, DEFAULT_PORT } = await import('./commands/serve.js');
      const own = commandOptions(rest, { content: { type: 'string', default: 'content' }, out: { type: 'string', default: 'out' }, port: { type: 'string' }, templates: { type: 'string' } });
      const port = own.port === undefined ? DEFAULT_PORT : /^\d{1,5}$/.test(own.port) && Number(own.port) <= 65535 ? Number(own.port) : NaN;
      if (Number.isNaN(port)) throw new UsageError(`ungültiger Port „${own.port}“ (erlaubt: 0 bis 65535; 0 wählt einen freien)`);
      return serve({ content: own.content as string, out: own.out as string, port, ...(own.templates ? { templates: own.templates as string } : {}) });
    }
    case 'init': {
      const { init } = await import('./commands/init.js');
      const [dir, extra] = parsed.positionals;
      if (dir === undefined) throw new UsageError('init braucht einen Ordner, z. B. „npx ratsdoc init meine-stadt“');
      if (extra !== undefined) throw new UsageError(`unerwartete Angabe „${extra}“`);
      return init({ dir });
    }
    case 'schema': {
      const { schema } = await import('./commands/schema.js');
      const own = commandOptions(rest, { out: { type: 'string', default: 'schemas' }, templates: { type: 'string' } });
      return schema({ out: own.out as string, ...(own.templates ? { templates: own.templates as string } : {}) });
    }
    default:
      throw new UsageError(`unbekannter Befehl „${command}“`);
  }
}

/** The options of one command (serve, schema), parsed strictly: options of other commands are refused. */
function commandOptions(args: string[], options: Record<string, { type: 'string'; default?: string }>): Record<string, string | undefined> {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    if (positionals.length) throw new UsageError(`unerwartete Angabe „${positionals[0]}“`);
    return values as Record<string, string | undefined>;
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(translateParseError((err as Error).message));
  }
}

function translateParseError(message: string): string {
  const unknown = /Unknown option '([^']+)'/.exec(message);
  if (unknown) return `unbekannte Option „${unknown[1]}“`;
  const missing = /Option '([^' ]+)[^']*' argument missing/.exec(message);
  if (missing) return `Option „${missing[1]}“ braucht einen Wert`;
  return `falscher Aufruf (${message})`;
}
