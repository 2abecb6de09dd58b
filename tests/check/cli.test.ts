/**
 * `ratsdoc check` as a user runs it: `node bin/ratsdoc.js` (the compiled CLI in dist/),
 * its output formats, exit codes and German help. Builds dist/ first when it is older than src/.
 */
import { spawnSync } from 'node:child_process';
import { promises as fs, statSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureDist } from '../helpers/dist.js';
import { ROOT, cleanupTemp, example } from './fixture.js';
import { FIXTURE_PROJECT } from '../helpers/fixtures.js';

afterAll(cleanupTemp);

const BIN = path.join(ROOT, 'bin/ratsdoc.js');


beforeAll(() => {
  ensureDist();
}, 120_000);

function ratsdoc(args: string[], cwd = FIXTURE_PROJECT) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const NO_STACK = /\n\s+at |Error:|node:internal|\.js:\d+/;

describe('ratsdoc check', () => {
  test('the example: exit 0, its three warnings as the spec formats them, then the summary', () => {
    const r = ratsdoc(['check', '--content', 'content']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      'content/konzept/hf-arbeit.yaml:81:11: Warnung: Maßnahme „M-08“: Zeitraum 2019-03 bis 2020-07 liegt nicht ganz im Zeitraum des Konzepts (2019-01 bis 2019-10)\n' +
        'content/konzept/hf-miteinander.yaml:140:11: Warnung: Maßnahme „M-17“: Zeitraum 2019-02 bis 2020-12 liegt nicht ganz im Zeitraum des Konzepts (2019-01 bis 2019-10)\n' +
        'content/konzept/hf-wohnen.yaml:85:11: Warnung: Maßnahme „M-21“: Zeitraum 2019-07 bis 2021-06 liegt nicht ganz im Zeitraum des Konzepts (2019-01 bis 2019-10)\n' +
        '0 Fehler, 3 Warnungen\n',
    );
  });

  test('--content defaults to ./content', () => {
    const r = ratsdoc(['check']);
    expect(r.code).toBe(0);
    expect(r.stdout.endsWith('0 Fehler, 3 Warnungen\n')).toBe(true);
  });

  test('content errors: exit 1, every error of the run at once, sorted by file and line, path as given', async () => {
    const f = await example();
    await f.replace('konzept/hf-arbeit.yaml', '    ziele: [Z-ARB-1.1, Z-ARB-1.2]\n', '    ziele: [Z-ARB-1.1, Z-ARB-9]\n');
    await f.replace('konzept/hf-arbeit.yaml', '    beschreibung: >-\n      Viele Zugewanderte', '    beschreibnug: >-\n      Viele Zugewanderte');
    const r = ratsdoc(['check', '--content', 'content'], f.base);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').slice(0, 3)).toEqual([
      'content/konzept/hf-arbeit.yaml:7:5: Fehler: Handlungsfeld „HF-ARB“: unbekanntes Feld „beschreibnug“ (meinten Sie „beschreibung“?)',
      'content/konzept/hf-arbeit.yaml:54:24: Fehler: Maßnahme „M-07“: Ziel „Z-ARB-9“ ist nicht definiert (meinten Sie „Z-ARB-1“?) (ziele[1])',
      'content/konzept/hf-arbeit.yaml:81:11: Warnung: Maßnahme „M-08“: Zeitraum 2019-03 bis 2020-07 liegt nicht ganz im Zeitraum des Konzepts (2019-01 bis 2019-10)',
    ]);
    expect(r.stdout.endsWith('2 Fehler, 3 Warnungen\n')).toBe(true);
  });

  test('--format json prints an array of {file, line, column, severity, message, entity}', async () => {
    const f = await example();
    await f.replace('konzept/hf-arbeit.yaml', '    ziele: [Z-ARB-1.1, Z-ARB-1.2]\n', '    ziele: [Z-ARB-1.1, Z-NOPE]\n');
    await f.write('konzept/kaputt.yaml', 'handlungsfelder:\n  - id: HF-T\n   titel: Test\n');
    const r = ratsdoc(['check', '--content', 'content', '--format', 'json'], f.base);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const rows = JSON.parse(r.stdout) as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(5);
    for (const row of rows) {
      // `code` is ratsdoc's stable identifier of the rule, an addition to the spec's fields.
      expect(Object.keys(row).sort()).toEqual(['code', 'column', 'entity', 'file', 'line', 'message', 'severity']);
      expect(['error', 'warning']).toContain(row.severity);
    }
    expect(rows[0]).toEqual({
      file: 'content/konzept/hf-arbeit.yaml', line: 54, column: 24, severity: 'error', code: 'unresolved-reference',
      message: 'Ziel „Z-NOPE“ ist nicht definiert (ziele[1])', entity: 'Maßnahme „M-07“',
    });
    expect(rows[1]).toEqual({
      file: 'content/konzept/hf-arbeit.yaml', line: 81, column: 11, severity: 'warning', code: 'period-outside-konzept',
      message: 'Zeitraum 2019-03 bis 2020-07 liegt nicht ganz im Zeitraum des Konzepts (2019-01 bis 2019-10)', entity: 'Maßnahme „M-08“',
    });
    // A diagnostic without an entity has entity null (the key is always there).
    expect(rows[4]).toEqual({
      file: 'content/konzept/kaputt.yaml', line: 3, column: 4, severity: 'error', code: 'yaml-syntax',
      message: 'YAML-Syntaxfehler: Einrückung stimmt nicht', entity: null,
    });
  });

  test('--format json with no diagnostics is an empty array, exit 0', async () => {
    const r = ratsdoc(['check', '--content', path.join(ROOT, 'tests/fixtures/bom-crlf'), '--format', 'json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([]);
  });

  test('no stack trace for anything a user can put into the content folder', async () => {
    const f = await example();
    await f.write('konzept/bombe.yaml', 'a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n');
    await f.write('konzept/binaer.yaml', new Uint8Array([0, 1, 2, 0xff, 0xfe, 0xc3, 0x28, 10]));
    await f.write('konzept/leer.yaml', '');
    await f.write('konzept/liste.yaml', '- 1\n- 2\n');
    await f.write('konzept/tief.yaml', `x: ${'['.repeat(5000)}\n`);
    await f.write('vorlagen/kaputt.md', '---\n---\n{{#if}}{{/if}}{{> partial}}{{{raw}}}{{');
    await f.write('vorlagen/leer.md', '');
    await f.write('konzept/kapitel/leer.md', '---\ntitel:\n---\n');
    await fs.mkdir(f.abs('vorlagen/ordner.md'));
    const r = ratsdoc(['check', '--content', 'content'], f.base);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toMatch(NO_STACK);
    for (const line of r.stdout.trimEnd().split('\n').slice(0, -1)) expect(line).toMatch(/^content\/\S+:\d+:\d+: (Fehler|Warnung): \S/);
  });
});

describe('usage', () => {
  test('an unknown option: exit 2, German, a hint to --help', () => {
    const r = ratsdoc(['check', '--contnet', 'content']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('ratsdoc: unbekannte Option „--contnet“ für „check“ (meinten Sie „--content“?)\nHilfe: npx ratsdoc --help\n');
  });

  test('a missing content folder: exit 2', () => {
    const r = ratsdoc(['check', '--content', 'gibt-es-nicht']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('ratsdoc: Inhaltsordner „gibt-es-nicht“ nicht gefunden\n');
  });

  test('an unknown format, an unknown command, a stray argument, an option without value: exit 2', () => {
    expect(ratsdoc(['check', '--format', 'xml'])).toEqual({ code: 2, stdout: '', stderr: 'ratsdoc: unbekanntes Format „xml“ (erlaubt: text, json)\nHilfe: npx ratsdoc --help\n' });
    expect(ratsdoc(['pruefen'])).toEqual({ code: 2, stdout: '', stderr: 'ratsdoc: unbekannter Befehl „pruefen“\nHilfe: npx ratsdoc --help\n' });
    expect(ratsdoc(['check', 'content'])).toEqual({ code: 2, stdout: '', stderr: 'ratsdoc: unerwartete Angabe „content“\nHilfe: npx ratsdoc --help\n' });
    const noValue = ratsdoc(['check', '--content']);
    expect(noValue.code).toBe(2);
    expect(noValue.stderr).toMatch(/^ratsdoc: Option „--content.*“ braucht einen Wert\nHilfe: npx ratsdoc --help\n$/);
  });

  // Known bug in src/cli.ts (translateParseError): Node's "Option '--content <value>' argument missing"
  // is shown as „--content <value>“. Flip to `test` when fixed.
  test('an option without value names just the option', () => {
    expect(ratsdoc(['check', '--content']).stderr).toBe('ratsdoc: Option „--content“ braucht einen Wert\nHilfe: npx ratsdoc --help\n');
  });

  test('--help answers in German with exit 0; no command shows the help with exit 2', () => {
    for (const args of [['--help'], ['-h'], ['help'], ['check', '--help']]) {
      const r = ratsdoc(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Aufruf: npx ratsdoc <Befehl> [Optionen]');
      expect(r.stdout).toContain('prüft den Inhalt und listet alle Fehler und Warnungen');
      expect(r.stdout).toContain('Rückgabewerte: 0 in Ordnung, 1 Fehler im Inhalt, 2 falscher Aufruf.');
    }
    const none = ratsdoc([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toContain('Aufruf: npx ratsdoc');
  });
});
