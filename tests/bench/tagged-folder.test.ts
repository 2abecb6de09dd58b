/**
 * The tagged-PDF checker on every PDF of a build folder named by RATSDOC_TAGCHECK_DIR.
 * `npm run bench` runs it on its 10× build (201 PDFs, about 1.700 pages: about two minutes
 * on a shared two-core machine, too long for every `npm test`); without the variable there is
 * nothing to check and the file reports one skipped test.
 */
import { describe, it, expect } from 'vitest';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { checkTaggedPdf, hasQpdf } from '../helpers/tagged-pdf.js';

const DIR = process.env.RATSDOC_TAGCHECK_DIR;

describe.runIf(DIR !== undefined && hasQpdf())('every PDF of a build folder', () => {
  it('passes the tagged-PDF checker', async () => {
    const names = (await fs.readdir(DIR!, { recursive: true })).filter((f) => f.endsWith('.pdf')).sort();
    expect(names.length).toBeGreaterThan(0);
    const started = performance.now();
    const failed: string[] = [];
    for (const name of names) {
      const report = await checkTaggedPdf(await fs.readFile(path.join(DIR!, name)));
      if (report.problems.length > 0 || report.textItems === 0) failed.push(`${name}: ${report.problems.slice(0, 3).join('; ') || 'kein Text'}`);
    }
    // One line for the benchmark to read.
    console.log(`TAGCHECK ${JSON.stringify({ pdfs: names.length, failed: failed.length, ms: Math.round(performance.now() - started) })}`);
    expect(failed).toEqual([]);
  }, 1_800_000);
});
