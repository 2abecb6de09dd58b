/**
 * Guard: no test outside tests/example/ reads the repository's `content/` or `templates/`
 * (a city replaces those; the suite must stay green). Paths to the example are spelled
 * `path.join(ROOT, 'content')`, `new URL('../templates/…', import.meta.url)` or `path.resolve('content')`.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const TESTS = path.resolve(__dirname, '..');
const EXAMPLE_PATH = /(ROOT|root|__dirname)\s*,\s*['"`](\.\.\/)*(content|templates)\b|new URL\(\s*['"`](\.\.\/)+(content|templates)\/|path\.resolve\(\s*['"`](content|templates)['"`]\s*\)/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'fixtures' || p === __dirname ? [] : sources(p);
    return /\.ts$/.test(e.name) ? [p] : [];
  });
}

describe('the suite is independent of the shipped example', () => {
  it('no test file outside tests/example/ names the repository’s content/ or templates/', () => {
    const offenders = sources(TESTS).filter((f) => EXAMPLE_PATH.test(readFileSync(f, 'utf8'))).map((f) => path.relative(TESTS, f));
    expect(offenders).toEqual([]);
  });
});
