import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { BIN, ensureDist, ROOT } from '../helpers/dist.js';
import { FIXTURE_CONTENT, FIXTURE_TEMPLATES } from '../helpers/fixtures.js';

const MUSTERSTADT = path.join(ROOT, 'tests/fixtures/musterstadt');

describe('the render worker pool', () => {
  it('a failing render rejects, and after close() the process exits (no worker left running)', () => {
    ensureDist();
    // A tree whose image is no image: the worker's render fails. Queue more jobs than workers.
    const script = `
      const { RenderPool } = await import(${JSON.stringify(path.join(ROOT, 'dist/src/render/pool.js'))});
      const { readAssets } = await import(${JSON.stringify(path.join(ROOT, 'dist/src/pipeline/assets.js'))});
      const { ThemeSchema } = await import(${JSON.stringify(path.join(ROOT, 'dist/src/theme/theme.js'))});
      const { loadTemplates } = await import(${JSON.stringify(path.join(ROOT, 'dist/src/theme/load.js'))});
      const { templates } = await loadTemplates(${JSON.stringify(FIXTURE_TEMPLATES)});
      const bad = ${JSON.stringify(path.join(FIXTURE_CONTENT, 'anlagen/zuwendungsbescheid.pdf'))};
      const tree = { kind: 'vorlage', outPath: 'x', header: 'x', meta: { title: 't', author: 'a', subject: 's', keywords: [], lang: 'de-DE', created: new Date(0) },
        blocks: [{ type: 'image', path: bad, src: 'x.png', alt: 'x' }] };
      const assets = await readAssets([tree], templates);
      const pool = new RenderPool(2);
      const results = await Promise.allSettled([1, 2, 3, 4, 5].map(() => pool.render('pdf', tree, ThemeSchema.parse({}), assets)));
      await pool.close();
      console.log(results.map((r) => r.status).join(','));
    `;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(r.error, 'the process did not exit by itself').toBeUndefined();
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('rejected,rejected,rejected,rejected,rejected');
  }, 90_000);

  it('starts its workers under V8 flags a worker refuses (node --max-semi-space-size=64 … build)', async () => {
    ensureDist();
    const out = mkdtempSync(path.join(tmpdir(), 'ratsdoc-v8flag-'));
    const r = spawnSync(process.execPath, ['--max-semi-space-size=64', '--stack-size=2000', BIN, 'build', '--no-cache', '--jobs', '2', '--content', MUSTERSTADT, '--out', path.join(out, 'out')], { cwd: out, encoding: 'utf8', timeout: 120_000 });
    expect(r.stderr).not.toContain('ERR_WORKER_INVALID_EXEC_ARGV');
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(path.join(out, 'out/vorlagen')).filter((f) => f.endsWith('.pdf')).length).toBeGreaterThan(0);
  }, 150_000);

  it('drops exactly the flags a worker refuses and keeps the others', () => {
    ensureDist();
    const script = `
      const { newWorker, workerExecArgv } = await import(${JSON.stringify(path.join(ROOT, 'dist/src/render/pool.js'))});
      const argv = ['--max-semi-space-size=64', '--no-warnings', '--input-type=module', '--title=x'];
      const w = newWorker(new URL('data:text/javascript,'), argv);
      await w.terminate();
      console.log(JSON.stringify(workerExecArgv(argv)));
    `;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout.trim())).toEqual(['--no-warnings']);
  }, 90_000);
});
