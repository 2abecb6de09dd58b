/**
 * Command-line entry: parses argv, dispatches to a command, maps outcomes to exit codes
 * (0 ok, 1 content errors, 2 usage). The only place besides `commands/` that touches process.
 */
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';
import { ContentFolderMissing } from './content/load.js';

const HELP = `ratsdoc – Integrationskonzept und Ratsvorlagen aus Daten erzeugen

Aufruf: npx ratsdoc <Befehl> [Optionen]

Befehle:
  build   [--content ORDNER] [--out ORDNER]     prüft den Inhalt und erzeugt alle Dokumente als PDF und HTML
  check   [--content ORDNER] [--format text|json]
                                                prüft den Inhalt und listet alle Fehler und Warnungen
  help                                          zeigt diese Hilfe

Optionen:
  --content ORDNER   Inhaltsordner (Vorgabe: ./content)
  --out ORDNER       Ausgabeordner (Vorgabe: ./out)
  --format FORMAT    Ausgabe der Meldungen: text (Vorgabe) oder json
  -h, --help         Hilfe
  -v, --version      Version

Rückgabewerte: 0 in Ordnung, 1 Fehler im Inhalt, 2 falscher Aufruf.
`;

/** Thrown for a wrong call: printed with a hint to --help, exit 2. */
export class UsageError extends Error {}

function version(): string {
  const require = createRequire(import.meta.url);
  return (require('../../package.json') as { version: string }).version;
}

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
    process.stdout.write(`ratsdoc ${version()}\n`);
    return 0;
  }
  const options = {
    content: { type: 'string', default: 'content' },
    out: { type: 'string', default: 'out' },
    format: { type: 'string', default: 'text' },
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
      return check({ content: parsed.values.content, format: parsed.values.format as 'text' | 'json' });
    }
    case 'build': {
      const { build } = await import('./commands/build.js');
      if (parsed.positionals.length) throw new UsageError(`unerwartete Angabe „${parsed.positionals[0]}“`);
      return build({ content: parsed.values.content, out: parsed.values.out });
    }
    default:
      throw new UsageError(`unbekannter Befehl „${command}“`);
  }
}

function translateParseError(message: string): string {
  const unknown = /Unknown option '([^']+)'/.exec(message);
  if (unknown) return `unbekannte Option „${unknown[1]}“`;
  const missing = /Option '([^' ]+)[^']*' argument missing/.exec(message);
  if (missing) return `Option „${missing[1]}“ braucht einen Wert`;
  return `falscher Aufruf (${message})`;
}
