/**
 * `ratsdoc check` on a content folder 10× the example. Prints the measured times; asserts only
 * that the generated folder is valid (no errors), never a time (machines differ).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { generateScaledContent } from '../helpers/scale-content.js';
import { checkContent } from '../../src/model/check.js';
import { formatDiagnosticLine } from '../../src/diagnostics/format.js';
import { cleanupTemp, tempDir } from './fixture.js';
import { BIN, ensureDist } from '../helpers/dist.js';

afterAll(cleanupTemp);

test('check on 10× the example: no errors; time measured', async () => {
  const dir = path.join(await tempDir('ratsdoc-scale-'), 'content');
  await generateScaledContent(10, dir);

  await checkContent(dir); // warm-up: module loading and JIT are not part of the measurement
  const runs: number[] = [];
  let result!: Awaited<ReturnType<typeof checkContent>>;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    result = await checkContent(dir);
    runs.push(performance.now() - t0);
  }
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  expect(errors.map(formatDiagnosticLine)).toEqual([]);
  const counts = Object.fromEntries(Object.entries(result.model.collections).map(([k, v]) => [k, v.length]));
  console.log(`10× content: ${JSON.stringify(counts)}, ${result.model.vorlagen.length} Vorlagen, ${result.model.kapitel.size} Kapitel`);
  console.log(`checkContent on 10×: ${runs.map((ms) => ms.toFixed(0)).join(' / ')} ms (${result.diagnostics.length} warnings)`);
  // Only the example's own warnings, once per copy.
  expect(result.diagnostics.every((d) => d.code === 'period-outside-konzept')).toBe(true);
  expect(result.diagnostics).toHaveLength(30);

  // End to end, as a user runs it (process start included): the CLI is compiled first when
  // dist/ is missing or stale, so this part never silently drops out.
  ensureDist();
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [BIN, 'check', '--content', dir], { encoding: 'utf8' });
  const ms = performance.now() - t0;
  console.log(`node bin/ratsdoc.js check on 10×: ${ms.toFixed(0)} ms wall clock, exit ${r.status}`);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('0 Fehler, 30 Warnungen');
}, 240_000);

test('the generator scales: 1× is the example, 3× has three times the entries', async () => {
  const one = path.join(await tempDir('ratsdoc-scale-'), 'content');
  await generateScaledContent(1, one);
  const three = path.join(await tempDir('ratsdoc-scale-'), 'content');
  await generateScaledContent(3, three);
  const a = await checkContent(one);
  const b = await checkContent(three);
  for (const [name, list] of Object.entries(a.model.collections)) {
    expect((b.model.collections as unknown as Record<string, unknown[]>)[name].length).toBe(3 * list.length);
  }
  expect(b.model.vorlagen.length).toBe(3 * a.model.vorlagen.length);
  expect(b.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
}, 60_000);
