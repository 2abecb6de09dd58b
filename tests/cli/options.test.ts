/**
 * Every command refuses the options it does not know, with one German message and exit 2,
 * and writes nothing (issue 20, point 6). Runs the compiled CLI as a user does.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BIN, ROOT, ensureDist } from '../helpers/dist.js';
import { cleanupTemp, fixture } from '../check/fixture.js';

afterAll(cleanupTemp);
beforeAll(() => ensureDist(), 120_000);

function ratsdoc(args: string[], cwd = ROOT) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const ALLOWED: Record<string, string> = {
  build: '--content, --out, --templates, --formats, --jobs, --no-cache, --quiet, --help',
  check: '--content, --templates, --format, --help',
  diff: '--content, --templates, --format, --berichte, --help',
  serve: '--content, --out, --port, --templates, --formats, --help',
  schema: '--out, --templates, --help',
  init: '--help',
};

describe('options a command does not know', () => {
  // A fourth entry: the option suggested instead of the list (one is close to the unknown one).
  const cases: Array<[string, string[], string, string?]> = [
    ['check', ['check', '--jobs', '3', '--port', '9', '--out', 'x'], '--jobs'],
    ['check', ['check', '--out', 'x'], '--out'],
    ['build', ['build', '--format', 'json'], '--format', '--formats'],
    ['build', ['build', '--verbose'], '--verbose'],
    ['build', ['build', '--port', '9'], '--port'],
    ['diff', ['diff', 'HEAD', '--out', 'x'], '--out'],
    ['diff', ['diff', 'HEAD', '--jobs', '2'], '--jobs'],
    ['serve', ['serve', '--format', 'json'], '--format', '--formats'],
    ['serve', ['serve', '--no-cache'], '--no-cache'],
    ['schema', ['schema', '--jobs', '3'], '--jobs'],
    ['schema', ['schema', '--content', 'c'], '--content'],
    ['init', ['init', 'neu', '--content', 'c'], '--content'],
  ];
  for (const [command, args, option, hint] of cases) {
    test(`${args.join(' ')}: exit 2, the same message, nothing written`, async () => {
      const f = await fixture('musterstadt');
      const r = ratsdoc(args, f.base);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`ratsdoc: unbekannte Option „${option}“ für „${command}“ ${hint ? `(meinten Sie „${hint}“?)` : `(erlaubt: ${ALLOWED[command]})`}\nHilfe: npx ratsdoc --help\n`);
      expect(existsSync(path.join(f.base, 'x'))).toBe(false);
      expect(existsSync(path.join(f.base, 'out'))).toBe(false);
      expect(existsSync(path.join(f.base, 'schemas'))).toBe(false);
      expect(existsSync(path.join(f.base, 'neu'))).toBe(false);
    });
  }

  test('a typo gets a suggestion', () => {
    expect(ratsdoc(['check', '--contnet', 'c']).stderr).toBe('ratsdoc: unbekannte Option „--contnet“ für „check“ (meinten Sie „--content“?)\nHilfe: npx ratsdoc --help\n');
  });

  test('the options a command knows still work', async () => {
    const f = await fixture('musterstadt');
    expect(ratsdoc(['check', '--content', f.dir, '--format', 'json']).code).toBe(0);
    expect(ratsdoc(['schema', '--out', path.join(f.base, 'schemas')]).code).toBe(0);
    expect(existsSync(path.join(f.base, 'schemas/vorlage.schema.json'))).toBe(true);
  });
});
