/**
 * Helpers for the `serve` tests: the compiled CLI (built when older than src/), a copy of the
 * example content, a running `ratsdoc serve` as a child process with its output, and a real
 * Chromium (the one `@sparticuz/chromium` ships in npm; Debian's `/usr/bin/chromium` only when
 * that one cannot be unpacked or started).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, promises as fs, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';

export { ROOT, BIN, ensureDist } from '../helpers/dist.js';
import { ROOT, BIN } from '../helpers/dist.js';
import { FIXTURE_CONTENT } from '../helpers/fixtures.js';

/** A fresh temp folder with a copy of the example content in `content/`. */
export async function copyExample(): Promise<{ base: string; content: string; out: string; remove: () => Promise<void> }> {
  const base = await fs.mkdtemp(path.join(os.tmpdir(), 'ratsdoc-serve-'));
  const content = path.join(base, 'content');
  await fs.cp(FIXTURE_CONTENT, content, { recursive: true });
  return { base, content, out: path.join(base, 'out'), remove: () => fs.rm(base, { recursive: true, force: true }) };
}

/** A running `ratsdoc serve`. */
export interface Serving {
  proc: ChildProcess;
  port: number;
  url: string;
  /** Everything printed so far. */
  stdout(): string;
  stderr(): string;
  /** Waits until stdout (from `from` on) matches; returns the match. */
  waitForOutput(re: RegExp, timeoutMs?: number, from?: number): Promise<RegExpMatchArray>;
  /** Ctrl+C; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Starts `ratsdoc serve --port 0` and waits for the address line. */
export async function startServe(args: string[], cwd = ROOT): Promise<Serving> {
  const proc = spawn(process.execPath, [BIN, 'serve', '--port', '0', ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const listeners = new Set<() => void>();
  proc.stdout!.setEncoding('utf8').on('data', (d: string) => { out += d; listeners.forEach((l) => l()); });
  proc.stderr!.setEncoding('utf8').on('data', (d: string) => { err += d; listeners.forEach((l) => l()); });
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => { listeners.forEach((l) => l()); resolve(code); }));

  const waitForOutput = (re: RegExp, timeoutMs = 60_000, from = 0) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const m = out.slice(from).match(re);
        if (m) { done(); resolve(m); return true; }
        if (proc.exitCode !== null) { done(); reject(new Error(`serve ended (${proc.exitCode}) before ${re}:\n${out}\n${err}`)); return true; }
        return false;
      };
      const timer = setTimeout(() => { done(); reject(new Error(`timeout waiting for ${re}:\n${out}\n${err}`)); }, timeoutMs);
      const done = () => { clearTimeout(timer); listeners.delete(listener); };
      const listener = () => void check();
      listeners.add(listener);
      check();
    });

  const m = await waitForOutput(/Vorschau: http:\/\/127\.0\.0\.1:(\d+)\//);
  const port = Number(m[1]);
  return {
    proc,
    port,
    url: `http://127.0.0.1:${port}/`,
    stdout: () => out,
    stderr: () => err,
    waitForOutput,
    async stop() {
      if (proc.exitCode === null) proc.kill('SIGINT');
      const killer = setTimeout(() => proc.kill('SIGKILL'), 15_000);
      const code = await exited;
      clearTimeout(killer);
      return code;
    },
  };
}

/**
 * Launches headless Chromium: `@sparticuz/chromium` (unpacked into /tmp on first use), or
 * Debian's `/usr/bin/chromium` if that fails. Returns which one ran.
 */
export async function launchChromium(): Promise<{ browser: Browser; which: string }> {
  const { chromium } = await import('playwright-core');
  const first: string[] = [];
  try {
    const sparticuz = (await import('@sparticuz/chromium')).default;
    const executablePath = await sparticuz.executablePath();
    // `--single-process` (meant for AWS Lambda) closes the whole browser when one of several
    // pages closes; the tests open more than one page, so it is left out.
    const args = [...sparticuz.args, '--no-sandbox'].filter((a) => a !== '--single-process');
    const browser = await chromium.launch({ executablePath, args, headless: true, timeout: 60_000 });
    return { browser, which: `@sparticuz/chromium ${browser.version()}` };
  } catch (err) {
    first.push(String((err as Error)?.message ?? err).split('\n')[0]);
  }
  const debian = '/usr/bin/chromium';
  if (!existsSync(debian)) throw new Error(`Kein Chromium: @sparticuz/chromium scheiterte (${first[0]}), ${debian} fehlt`);
  const browser = await chromium.launch({ executablePath: debian, args: ['--headless', '--no-sandbox', '--disable-gpu'], headless: true, timeout: 60_000 });
  return { browser, which: `${debian} ${browser.version()} (Rückfall: ${first[0]})` };
}

/** Replaces the one occurrence of `from` in a file (fails if it is not exactly once there). */
export async function replaceOnce(file: string, from: string, to: string): Promise<{ line: number; column: number }> {
  const text = await fs.readFile(file, 'utf8');
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`„${from}“ steht nicht genau einmal in ${file}`);
  await fs.writeFile(file, text.slice(0, at) + to + text.slice(at + from.length));
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}
