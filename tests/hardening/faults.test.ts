import { describe, it, expect, beforeAll } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FIXTURE_PROJECT } from '../helpers/fixtures.js';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'bin/ratsdoc.js');

function build(out: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'build', '--no-cache', '--content', 'content', '--out', out], { cwd: FIXTURE_PROJECT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

async function readTree(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const entry of await fs.readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out.set(path.relative(dir, path.join(entry.parentPath, entry.name)), await fs.readFile(path.join(entry.parentPath, entry.name)));
  }
  return out;
}

let tmp: string;
let reference: Map<string, Buffer>;

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'ratsdoc-faults-'));
  const r = await build(path.join(tmp, 'reference'));
  expect(r.status, r.stderr).toBe(0);
  reference = await readTree(path.join(tmp, 'reference'));
});

describe('faults while writing out/', () => {
  it('two builds started at once both succeed and leave a complete, correct out/', async () => {
    const out = path.join(tmp, 'concurrent');
    const [a, b] = await Promise.all([build(out), build(out)]);
    expect(a.status, a.stderr).toBe(0);
    expect(b.status, b.stderr).toBe(0);
    const result = await readTree(out);
    expect([...result.keys()].sort()).toEqual([...reference.keys()].sort());
    for (const [name, data] of reference) expect(data.equals(result.get(name)!), name).toBe(true);
    expect((await fs.readdir(tmp)).filter((n) => n.startsWith('.ratsdoc-'))).toEqual([]);
  });

  it('a build killed mid-way leaves the previous out/ intact, and the next build leaves no stray folders', async () => {
    const out = path.join(tmp, 'killed');
    expect((await build(out)).status).toBe(0);
    const before = await readTree(out);
    // Kill repeatedly at different moments of the build (rendering, writing, swapping).
    for (const delay of [300, 900, 1500, 2100]) {
      // --no-cache: a cached build could finish before the kill.
      const child = spawn(process.execPath, [CLI, 'build', '--no-cache', '--content', 'content', '--out', out], { cwd: FIXTURE_PROJECT, stdio: 'ignore' });
      const closed = new Promise((r) => child.on('close', r));
      await new Promise((r) => setTimeout(r, delay));
      child.kill('SIGKILL');
      await closed;
      const now = await readTree(out);
      expect([...now.keys()].sort()).toEqual([...before.keys()].sort());
      for (const [name, data] of before) expect(data.equals(now.get(name)!), name).toBe(true);
    }
    const next = await build(out);
    expect(next.status, next.stderr).toBe(0);
    expect((await fs.readdir(tmp)).filter((n) => n.startsWith('.ratsdoc-'))).toEqual([]);
  });

  it('an out/ that cannot be written gives a German error, exit 1, no stack trace', async () => {
    const blocker = path.join(tmp, 'a-file');
    await fs.writeFile(blocker, 'kein Ordner');
    const r = await build(path.join(blocker, 'out'));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Ausgabeordner');
    expect(r.stderr).toContain('lässt sich nicht schreiben');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('the lock of a killed build does not block the next one', async () => {
    const out = path.join(tmp, 'stale-lock');
    // A lock file naming a process that does not exist.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    await fs.writeFile(path.join(tmp, '.ratsdoc-lock-stale-lock'), dead);
    const r = await build(out);
    expect(r.status, r.stderr).toBe(0);
    expect((await fs.readdir(tmp)).filter((n) => n.startsWith('.ratsdoc-'))).toEqual([]);
  });
});

describe('writeOutput under contention', () => {
  it('concurrent writers each swap in a complete set; none fails, none mixes', async () => {
    const { writeOutput } = await import('../../src/output/write.js');
    const out = path.join(tmp, 'contended');
    const sets = Array.from({ length: 6 }, (_, i) => {
      const files = new Map<string, string>();
      for (let f = 0; f < 300; f++) files.set(`d${f % 10}/f${f}.txt`, `writer ${i} file ${f}`);
      return files;
    });
    const results = await Promise.allSettled(sets.map((files) => writeOutput(out, files)));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const written = await readTree(out);
    expect(written.size).toBe(300);
    const writers = new Set([...written.values()].map((b) => b.toString().split(' ')[1]));
    expect(writers.size).toBe(1);
    expect((await fs.readdir(tmp)).filter((n) => n.startsWith('.ratsdoc-'))).toEqual([]);
  });
});
