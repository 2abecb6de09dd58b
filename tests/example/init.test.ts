/**
 * `ratsdoc init ORDNER` as a new city uses it: the project it writes passes `check` and
 * `build` as it is, with ratsdoc installed from this repository as a local dependency
 * (`npm install <folder>`, as a city would from a release). The form it writes is the
 * built-in one spelled out: with it, the fixture's Vorlagen give the same trees as without.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTemplates } from '../../src/theme/load.js';
import type { Form } from '../../src/theme/form.js';
import { checkContent } from '../../src/model/check.js';
import { buildDocuments } from '../../src/document/build.js';
import { FIXTURE_CONTENT, FIXTURE_TEMPLATES } from '../helpers/fixtures.js';
import { BIN, ROOT, ensureDist } from '../helpers/dist.js';

let tmp: string;
beforeAll(async () => {
  ensureDist();
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'ratsdoc-init-'));
}, 180_000);
afterAll(() => fs.rm(tmp, { recursive: true, force: true }));

const run = (cmd: string, args: string[], cwd: string) => spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: 480_000 });

describe('ratsdoc init', () => {
  it('writes a project that passes check and build with ratsdoc as a local dependency', async () => {
    const made = run(process.execPath, [BIN, 'init', 'stadt'], tmp);
    expect(made.stderr).toBe('');
    expect(made.status).toBe(0);
    const dir = path.join(tmp, 'stadt');
    for (const f of ['content/ratsdoc.yaml', 'content/vorlagen/2025-001.md', 'templates/theme.yaml', 'templates/vorlage.yaml', 'package.json', '.gitignore', 'README.md']) {
      expect(existsSync(path.join(dir, f)), f).toBe(true);
    }
    expect(JSON.parse(await fs.readFile(path.join(dir, 'package.json'), 'utf8')).dependencies).toEqual({ ratsdoc: expect.stringMatching(/^\^\d+\.\d+\.\d+$/) });
    const installed = run('npm', ['install', '--no-audit', '--no-fund', '--offline', '--ignore-scripts', ROOT], dir);
    expect(installed.status, installed.stderr).toBe(0);
    const npx = (args: string[]) => run(path.join(dir, 'node_modules/.bin/ratsdoc'), args, dir);
    const checked = npx(['check']);
    expect(checked.stdout).toBe('Keine Fehler, keine Warnungen.\n');
    expect(checked.status).toBe(0);
    const built = npx(['build', '--no-cache']);
    // stderr carries the build's progress lines in a log (issue 20, point 9), nothing else: no warning, no error.
    expect(built.stderr).toBe('1 Dokument wird gesetzt …\n');
    expect(built.status).toBe(0);
    expect(existsSync(path.join(dir, 'out/vorlagen/1-2025.pdf'))).toBe(true);
    expect(existsSync(path.join(dir, 'out/vorlagen/1-2025.html'))).toBe(true);
  }, 600_000);

  it('refuses a folder that has files (exit 1, nothing overwritten)', async () => {
    const dir = path.join(tmp, 'voll');
    await fs.mkdir(dir);
    await fs.writeFile(path.join(dir, 'notiz.txt'), 'bleibt');
    const r = run(process.execPath, [BIN, 'init', 'voll'], tmp);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Der Ordner „voll“ ist nicht leer');
    expect(await fs.readdir(dir)).toEqual(['notiz.txt']);
  }, 120_000);

  it('the templates/vorlage.yaml it writes is the built-in form: the same Vorlage trees as without it', async () => {
    const dir = path.join(tmp, 'form');
    await fs.cp(FIXTURE_TEMPLATES, dir, { recursive: true });
    await fs.copyFile(path.join(ROOT, 'defaults/init/templates/vorlage.yaml'), path.join(dir, 'vorlage.yaml'));
    const spelled = await loadTemplates(dir);
    const builtin = await loadTemplates(FIXTURE_TEMPLATES);
    expect(spelled.diagnostics).toEqual([]);
    const trees = async (form: Form) => {
      const checked = await checkContent(FIXTURE_CONTENT, form);
      expect(checked.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      // Since the pipeline issue buildDocuments builds the Konzept too; the form concerns the Vorlagen.
      return buildDocuments(checked.model, checked.index, { ...builtin.templates!.theme, vorlage: form }).trees.filter((t) => t.kind === 'vorlage');
    };
    const a = await trees(spelled.templates!.theme.vorlage);
    const b = await trees(builtin.templates!.theme.vorlage);
    expect(a.length).toBe(4);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  }, 120_000);
});
