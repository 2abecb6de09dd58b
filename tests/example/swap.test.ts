/**
 * A city replaces `content/` and `templates/` with its own: the suite's tests keep passing,
 * because they use their own fixtures. In a temp copy of the repository, content/ and
 * templates/ become the second example city's (examples/neckarweil), then test files that
 * used to read the example run there: green. (tests/example/ is about the shipped example
 * itself and is left out; independence.test.ts guards every other file statically.)
 */
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
let tmp: string | undefined;
afterAll(() => (tmp ? fs.rm(tmp, { recursive: true, force: true }) : undefined));

describe('another city in content/ and templates/', () => {
  it('the suite’s fixture-based tests pass in a copy whose content/ and templates/ are Neckarweil’s', async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'ratsdoc-swap-'));
    const copy = path.join(tmp, 'ratsdoc');
    const skip = new Set(['.git', 'node_modules', 'out', '.ratsdoc-cache', 'content', 'templates']);
    await fs.cp(ROOT, copy, { recursive: true, filter: (src) => !(path.dirname(src) === ROOT && skip.has(path.basename(src))) });
    await fs.symlink(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'));
    await fs.cp(path.join(ROOT, 'examples/neckarweil/content'), path.join(copy, 'content'), { recursive: true });
    await fs.cp(path.join(ROOT, 'examples/neckarweil/templates'), path.join(copy, 'templates'), { recursive: true });
    const files = ['tests/example/independence.test.ts', 'tests/schema/schema.test.ts', 'tests/check/cli.test.ts', 'tests/check/rules.test.ts', 'tests/serve/units.test.ts'];
    const r = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', ...files], { cwd: copy, encoding: 'utf8', timeout: 900_000, env: { ...process.env, CI: 'true' } });
    expect(r.status, r.stdout.slice(-3000) + r.stderr.slice(-2000)).toBe(0);
    expect(r.stdout).toMatch(/Test Files\s+.*5 passed/);
  }, 960_000);
});
