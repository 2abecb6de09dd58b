/**
 * `ratsdoc diff` on two revisions of a content folder 10× the example. Prints the measured
 * times (target: under 2 s); asserts only that the changes are found, never a time.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { generateScaledContent } from '../helpers/scale-content.js';
import { compareRevisions } from '../../src/diff/compare.js';
import { formats } from './formats.js';
import { cleanupTemp, ratsdoc, Repo } from './repo.js';
import { ensureDist } from '../helpers/dist.js';

afterAll(cleanupTemp);

/** Replaces every match of `re` in every file below `dir` whose name matches `name`; returns the count. */
async function replaceAll(dir: string, name: RegExp, re: RegExp, to: string): Promise<number> {
  let n = 0;
  for (const e of await fs.readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile() || !name.test(e.name)) continue;
    const p = path.join(e.parentPath, e.name);
    const text = await fs.readFile(p, 'utf8');
    const next = text.replace(re, () => {
      n++;
      return to;
    });
    if (next !== text) await fs.writeFile(p, next);
  }
  return n;
}

test('diff of two revisions of 10× the example: changes found; time measured', async () => {
  const repo = await Repo.init();
  const content = repo.abs('content');
  await generateScaledContent(10, content);
  repo.commit('10× Beispielinhalt');

  // Changes in every copy: a cost, a status, a paragraph, a Beratungsfolge date.
  const costs = await replaceAll(content, /^hf-arbeit.*\.yaml$/, /betrag: 2500\b/g, 'betrag: 2750');
  const statuses = await replaceAll(content, /^hf-arbeit.*\.yaml$/, /status: abgeschlossen/g, 'status: laufend');
  const words = await replaceAll(content, /^einleitung.*\.md$/, /Oberstes Ziel ist es, weiterer Segregation/g, 'Oberstes Ziel ist es, jeder Form von Segregation');
  const dates = await replaceAll(content, /1702\.md$/, /sitzung: 2019-12-12/g, 'sitzung: 2019-12-19');
  repo.commit('Änderungen in allen Kopien');
  expect(costs).toBe(10);
  expect(dates).toBe(10);

  const cwd = process.cwd();
  process.chdir(repo.dir);
  try {
    await compareRevisions({ content: 'content', oldRev: 'HEAD~1', newRev: 'HEAD' }); // warm-up: module loading and JIT
    const runs: number[] = [];
    let report!: Awaited<ReturnType<typeof compareRevisions>>;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      report = await compareRevisions({ content: 'content', oldRev: 'HEAD~1', newRev: 'HEAD' });
      runs.push(performance.now() - t0);
    }
    const t1 = performance.now();
    const outputs = Object.values(await formats(report));
    const formatMs = performance.now() - t1;
    const t2 = performance.now();
    await compareRevisions({ content: 'content', oldRev: 'HEAD~1' });
    const worktreeMs = performance.now() - t2;

    const m = report.summary.entities.massnahmen!;
    // Two finished measures per copy change their status; one of them (M-07) also its cost.
    expect(statuses).toBe(20);
    expect(m.changed).toBe(statuses);
    expect(report.derived.status).toHaveLength(statuses);
    expect(m.added + m.removed + m.renamed).toBe(0);
    expect(report.kapitel.length).toBe(words);
    expect(report.vorlagen.length).toBe(dates);
    expect(report.derived.costs.length).toBe(10);
    console.log(`10× diff: ${report.entities.length} entities, ${report.kapitel.length} chapters, ${report.vorlagen.length} Vorlagen changed; output ${outputs.map((o) => o.length).join(' / ')} chars`);
    console.log(`compareRevisions HEAD~1 HEAD on 10×: ${runs.map((ms) => ms.toFixed(0)).join(' / ')} ms; four formats ${formatMs.toFixed(0)} ms; HEAD~1 vs working tree ${worktreeMs.toFixed(0)} ms`);

    // The CLI end to end; compiled first when dist/ is missing or stale, never skipped.
    ensureDist();
    const t3 = performance.now();
    const r = ratsdoc(['diff', 'HEAD~1', 'HEAD', '--format', 'html'], repo.dir);
    console.log(`node bin/ratsdoc.js diff HEAD~1 HEAD --format html on 10×: ${(performance.now() - t3).toFixed(0)} ms wall clock, exit ${r.code}`);
    expect(r.code).toBe(1);
  } finally {
    process.chdir(cwd);
  }
}, 180_000);
