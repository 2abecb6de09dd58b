/**
 * `build` shows its progress (issue 20, point 9): on a terminal one updating line, in a log a
 * few plain lines, with `--quiet` only errors; the summary line stays on stdout. Runs the
 * compiled CLI as a user does, on a real pseudo-terminal (`script` from util-linux) and with
 * pipes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { progressReporter } from '../../src/commands/progress.js';
import { BIN, ensureDist } from '../helpers/dist.js';
import { cleanupTemp, fixture } from '../check/fixture.js';

afterAll(cleanupTemp);
beforeAll(() => ensureDist(), 120_000);

/** The environment of a user's shell: no CI variable (the suite itself may run in CI). */
function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { CI: _ci, ...rest } = process.env;
  return { ...rest, ...extra };
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** `ratsdoc build` on a pseudo-terminal: everything the terminal received. */
function onTerminal(cwd: string, args: string[], extra: Record<string, string> = {}): { code: number | null; screen: string } {
  const command = `stty cols 100; ${[process.execPath, BIN, 'build', ...args].map(quote).join(' ')}`;
  const r = spawnSync('script', ['-qec', command, '/dev/null'], { cwd, env: env(extra), encoding: 'utf8', timeout: 180_000 });
  return { code: r.status, screen: r.stdout };
}

function withPipes(cwd: string, args: string[], extra: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, 'build', ...args], { cwd, env: env(extra), encoding: 'utf8', timeout: 180_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// The formats are the renderer list's (PDF, HTML, Word …): not this test's business.
const SUMMARY = /^4 Dokumente \(\d+ Seiten\) als [^„]+ in „out“ geschrieben, in \d+,\d s\.$/;
const FRAME = /^(\d) von 4 Dokumenten gesetzt(?: – gerade: ((?:konzept|vorlagen)\/[\w-]+))?\x1b\[K$/;

describe('build progress', () => {
  test('on a terminal: one line updated in place (set / total, the document being set), cleared before the summary', async () => {
    const f = await fixture('musterstadt');
    const r = onTerminal(f.base, ['--content', 'content', '--no-cache']);
    expect(r.code, r.screen).toBe(0);
    // Updates return to the line's start and clear its rest; nothing else ends a line before the summary.
    const [before, ...after] = r.screen.split('\r\x1b[K');
    expect(after.length, r.screen).toBe(1);
    expect(after[0]!.replace(/\r?\n$/, '').replace(/\r/g, '')).toMatch(SUMMARY);
    expect(before).not.toContain('\n');
    const frames = before!.split('\r').slice(1);
    expect(frames[0]).toBe('Inhalt wird geprüft …\x1b[K');
    const parsed = frames.slice(1).map((frame) => {
      const m = FRAME.exec(frame);
      expect(m, JSON.stringify(frame)).not.toBeNull();
      return { done: Number(m![1]), current: m![2] };
    });
    const done = parsed.map((p) => p.done);
    expect(done).toEqual([...done].sort());
    expect([...new Set(done)]).toEqual([0, 1, 2, 3, 4]);
    // While documents remain, the line names one being set; at the end, none.
    expect(parsed.filter((p) => p.done < 4).every((p) => p.current !== undefined)).toBe(true);
    expect(parsed.at(-1)).toEqual({ done: 4, current: undefined });
    const named = new Set(parsed.map((p) => p.current).filter(Boolean));
    expect(named.has('konzept/integrationskonzept')).toBe(true);
    expect([...named].filter((n) => n!.startsWith('vorlagen/')).length).toBeGreaterThanOrEqual(2);
    expect(existsSync(path.join(f.base, 'out/vorlagen/1-2024.pdf'))).toBe(true);
  }, 200_000);

  test('in a log (stderr a pipe): the start and 25/50/75 % on stderr, only the summary on stdout', async () => {
    const f = await fixture('musterstadt');
    const r = withPipes(f.base, ['--content', 'content', '--no-cache']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(SUMMARY.source.replace('$', '\n$')));
    expect(r.stderr).toBe('4 Dokumente werden gesetzt …\n1 von 4 Dokumenten gesetzt (25 %)\n2 von 4 Dokumenten gesetzt (50 %)\n3 von 4 Dokumenten gesetzt (75 %)\n');
  }, 200_000);

  test('CI=true on a terminal: plain lines, no updating line', async () => {
    const f = await fixture('musterstadt');
    const r = onTerminal(f.base, ['--content', 'content'], { CI: 'true' });
    expect(r.code, r.screen).toBe(0);
    expect(r.screen).not.toContain('\x1b[K');
    const lines = r.screen.split('\r\n').filter(Boolean);
    expect(lines.slice(0, 4)).toEqual(['4 Dokumente werden gesetzt …', '1 von 4 Dokumenten gesetzt (25 %)', '2 von 4 Dokumenten gesetzt (50 %)', '3 von 4 Dokumenten gesetzt (75 %)']);
    expect(lines[4]).toMatch(SUMMARY);
    expect(lines.length).toBe(5);
  }, 200_000);

  test('--quiet: a warning and the summary are not shown, the files are written; errors are', async () => {
    const f = await fixture('musterstadt');
    await f.replace('konzept/bildung.yaml', '    ende: 2025-06\n', '    ende: 2026-06\n');
    const loud = withPipes(f.base, ['--content', 'content']);
    expect(loud.stderr).toContain('Warnung: Maßnahme „M-LESE“');
    const quiet = withPipes(f.base, ['--content', 'content', '--quiet', '--out', 'still']);
    expect(quiet).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(existsSync(path.join(f.base, 'still/vorlagen/1-2024.pdf'))).toBe(true);
    const tty = onTerminal(f.base, ['--content', 'content', '--quiet', '--out', 'still']);
    expect(tty).toEqual({ code: 0, screen: '' });

    await f.replace('konzept/bildung.yaml', '    status: laufend\n', '    status: läuft\n');
    const broken = withPipes(f.base, ['--content', 'content', '--quiet', '--out', 'nie']);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toBe('');
    expect(broken.stderr).toMatch(/^content\/konzept\/bildung\.yaml:\d+:\d+: Fehler: .*status/m);
    expect(broken.stderr).not.toContain('Warnung');
    expect(broken.stderr.endsWith('Nichts geschrieben: „nie“ bleibt unverändert.\n')).toBe(true);
    expect(broken.stderr).not.toContain('gesetzt');
    expect(existsSync(path.join(f.base, 'nie'))).toBe(false);
  }, 300_000);

  test('a log of a large build stays a few lines: 200 documents give four', () => {
    const written: string[] = [];
    const log = progressReporter({ write: (t: string) => written.push(t), isTTY: false }, 'log');
    log.start();
    for (let done = 0; done <= 200; done++) log.update({ done, total: 200, current: `vorlagen/${done}` });
    log.finish();
    expect(written).toEqual(['200 Dokumente werden gesetzt …\n', '50 von 200 Dokumenten gesetzt (25 %)\n', '100 von 200 Dokumenten gesetzt (50 %)\n', '150 von 200 Dokumenten gesetzt (75 %)\n']);
  });
});
