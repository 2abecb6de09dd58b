/**
 * The source-level cache (issue 19, point 4): a document whose inputs read as before is
 * taken whole from `.ratsdoc-cache/` (tree, HTML, PDF, DOCX not rebuilt); an edit rebuilds
 * exactly the documents that read what changed, and the output stays byte for byte that of
 * a build without cache. Real CLI builds in a temporary project.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BIN, ROOT, ensureDist } from '../helpers/dist.js';
import { FIXTURE_CONTENT, FIXTURE_TEMPLATES } from '../helpers/fixtures.js';

let tmp: string;
let content: string;
let templates: string;

const KONZEPT = 'konzept/integrationskonzept';
const ALL = [KONZEPT, 'vorlagen/11-1481', 'vorlagen/11-1481-1', 'vorlagen/11-1702', 'vorlagen/11-1850'].sort();

/** Runs `build` from the test's folder (its `.ratsdoc-cache/`); returns the documents built anew. */
function build(out: string, extra: string[] = [], bin = BIN): string[] {
  const r = spawnSync(process.execPath, [bin, 'build', '--content', content, '--templates', templates, '--out', path.join(tmp, out), ...extra], {
    cwd: tmp, encoding: 'utf8', env: { ...process.env, RATSDOC_CACHE_REPORT: '1' },
  });
  expect(r.status, r.stderr).toBe(0);
  const line = /^Neu erzeugt: (.*)$/m.exec(r.stderr);
  expect(line, r.stderr).not.toBeNull();
  return line![1] === '–' ? [] : line![1].split(', ').sort();
}

async function readTree(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const entry of await fs.readdir(path.join(tmp, dir), { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out.set(path.relative(path.join(tmp, dir), path.join(entry.parentPath, entry.name)), await fs.readFile(path.join(entry.parentPath, entry.name)));
  }
  return out;
}

async function expectSame(a: string, b: string) {
  const [x, y] = [await readTree(a), await readTree(b)];
  expect([...y.keys()].sort()).toEqual([...x.keys()].sort());
  for (const [name, data] of x) expect(data.equals(y.get(name)!), `${a} vs ${b}: ${name}`).toBe(true);
}

async function edit(file: string, from: string | RegExp, to: string) {
  const text = await fs.readFile(file, 'utf8');
  const next = text.replace(from, to);
  expect(next, `${file}: ${String(from)}`).not.toBe(text);
  await fs.writeFile(file, next);
}

beforeAll(async () => {
  ensureDist();
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'ratsdoc-source-cache-'));
  content = path.join(tmp, 'content');
  templates = path.join(tmp, 'templates');
  await fs.cp(FIXTURE_CONTENT, content, { recursive: true });
  await fs.cp(FIXTURE_TEMPLATES, templates, { recursive: true });
});

describe('source-level cache', () => {
  it('rebuilds exactly the documents whose inputs changed, with the bytes of a build without cache', { timeout: 1_200_000 }, async () => {
    expect(build('cold')).toEqual(ALL);
    // Nothing changed: nothing rebuilt, same bytes.
    expect(build('warm')).toEqual([]);
    await expectSame('cold', 'warm');

    // A Vorlage's own file.
    await edit(path.join(content, 'vorlagen/11-1481.md'), 'Ziel ist es,', 'Ziel ist es ausdrücklich,');
    expect(build('vorlage')).toEqual(['vorlagen/11-1481']);
    build('vorlage-ref', ['--no-cache']);
    await expectSame('vorlage-ref', 'vorlage');

    // A measure the Konzept, 11/1702 (measures of HF-SOZ) and 11/1850 (time plan) show.
    await edit(path.join(content, 'konzept/hf-miteinander.yaml'), /titel: Interkulturelles Stadtteilfest/, 'titel: Großes Interkulturelles Stadtteilfest');
    expect(build('massnahme')).toEqual([KONZEPT, 'vorlagen/11-1702', 'vorlagen/11-1850'].sort());

    // A helper's value: indicator I-03's target, shown by {{indikator "I-03"}} in 11/1702 and in the Konzept.
    await edit(path.join(content, 'konzept/indikatoren.yaml'), 'zielwert: { wert: 60.0, stichtag: 2021-12-31 }', 'zielwert: { wert: 62.0, stichtag: 2021-12-31 }');
    expect(build('wert')).toEqual([KONZEPT, 'vorlagen/11-1702'].sort());

    // A template file: every document.
    await fs.appendFile(path.join(templates, 'html/style.css'), '\n/* geändert */\n');
    expect(build('template')).toEqual(ALL);
    expect(build('template-again')).toEqual([]);

    // The theme: every document.
    await edit(path.join(templates, 'theme.yaml'), /^(\s*primary:\s*)"?#?[0-9A-Fa-f]{6}"?/m, '$1"#123456"');
    expect(build('theme')).toEqual(ALL);

    build('final-ref', ['--no-cache']);
    await expectSame('final-ref', 'theme');
  });

  it('rebuilds every document under another ratsdoc version', { timeout: 600_000 }, async () => {
    // The same program installed with another version number in its package.json.
    const install = path.join(tmp, 'install');
    await fs.mkdir(install, { recursive: true });
    await fs.cp(path.join(ROOT, 'dist'), path.join(install, 'dist'), { recursive: true });
    await fs.cp(path.join(ROOT, 'bin'), path.join(install, 'bin'), { recursive: true });
    await fs.cp(path.join(ROOT, 'defaults'), path.join(install, 'defaults'), { recursive: true });
    await fs.symlink(path.join(ROOT, 'node_modules'), path.join(install, 'node_modules'));
    const pkg = JSON.parse(await fs.readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    await fs.writeFile(path.join(install, 'package.json'), JSON.stringify({ ...pkg, version: `${pkg.version}-test.1` }));
    expect(build('same-version')).toEqual([]);
    expect(build('other-version', [], path.join(install, 'bin/ratsdoc.js'))).toEqual(ALL);
  });
});
