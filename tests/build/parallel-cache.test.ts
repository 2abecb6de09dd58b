import { describe, it, expect, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FIXTURE_CONTENT, FIXTURE_TEMPLATES } from '../helpers/fixtures.js';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'bin/ratsdoc.js');
let tmp: string;
let content: string;

/** Runs `build` from a working folder of its own, so `.ratsdoc-cache/` is the test's. */
function build(out: string, ...extra: string[]) {
  const r = spawnSync(process.execPath, [CLI, 'build', '--content', content, '--templates', FIXTURE_TEMPLATES, '--out', out, ...extra], { cwd: tmp, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r;
}

async function readTree(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const entry of await fs.readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out.set(path.relative(dir, path.join(entry.parentPath, entry.name)), await fs.readFile(path.join(entry.parentPath, entry.name)));
  }
  return out;
}

function expectSame(a: Map<string, Buffer>, b: Map<string, Buffer>) {
  expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
  for (const [name, data] of a) expect(data.equals(b.get(name)!), name).toBe(true);
}

const cacheEntries = async () => (await fs.readdir(path.join(tmp, '.ratsdoc-cache')).catch(() => [] as string[])).filter((n) => n.endsWith('.pdf')).sort();

beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'ratsdoc-parallel-'));
  content = path.join(tmp, 'content');
  await fs.cp(FIXTURE_CONTENT, content, { recursive: true });
});

describe('parallel and incremental builds', () => {
  it('give byte-identical output with one worker, two workers and from the cache', async () => {
    build(path.join(tmp, 'one'), '--jobs', '1', '--no-cache');
    build(path.join(tmp, 'two'), '--jobs', '2', '--no-cache');
    expect(await cacheEntries()).toEqual([]);
    build(path.join(tmp, 'cold'), '--jobs', '2');
    expect(await cacheEntries()).toHaveLength(5);
    build(path.join(tmp, 'warm'), '--jobs', '2');
    const one = await readTree(path.join(tmp, 'one'));
    expectSame(one, await readTree(path.join(tmp, 'two')));
    expectSame(one, await readTree(path.join(tmp, 'cold')));
    expectSame(one, await readTree(path.join(tmp, 'warm')));
  });

  it('re-renders only the documents an edit touches', async () => {
    build(path.join(tmp, 'base'));
    const before = await cacheEntries();
    // A Vorlage's own text: only that Vorlage.
    const vorlage = path.join(content, 'vorlagen/11-1481.md');
    await fs.writeFile(vorlage, (await fs.readFile(vorlage, 'utf8')).replace('Ziel ist es,', 'Ziel ist es ausdrücklich,'));
    build(path.join(tmp, 'after-vorlage'));
    const afterVorlage = await cacheEntries();
    expect(afterVorlage.filter((k) => !before.includes(k))).toHaveLength(1);
    // A measure's title: the Konzept and the Vorlagen whose tables or time plan show it.
    const hf = path.join(content, 'konzept/hf-miteinander.yaml');
    const text = await fs.readFile(hf, 'utf8');
    const title = /titel: (Interkulturelles Stadtteilfest[^\n]*)/.exec(text)![1];
    await fs.writeFile(hf, text.replace(title, `${title} 2019`));
    build(path.join(tmp, 'after-measure'));
    const fresh = (await cacheEntries()).filter((k) => !afterVorlage.includes(k));
    // Konzept, 11/1702 (measures of HF-SOZ) and 11/1850 (time plan) show the measure; 11/1481 and 11/1481-1 do not.
    expect(fresh).toHaveLength(3);
    const out = await readTree(path.join(tmp, 'after-measure'));
    const base = await readTree(path.join(tmp, 'after-vorlage'));
    expect(out.get('vorlagen/11-1481.pdf')!.equals(base.get('vorlagen/11-1481.pdf')!)).toBe(true);
    expect(out.get('vorlagen/11-1702.pdf')!.equals(base.get('vorlagen/11-1702.pdf')!)).toBe(false);
  });
});
