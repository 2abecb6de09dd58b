/**
 * The one place the suite reads the repository's own example (`content/`, `templates/`):
 * the shipped Bergkamen example must build without errors and reproduce Vorlage 11/1481
 * word for word. Every other test uses its fixtures under `tests/fixtures/`, so a city that
 * replaces `content/` and `templates/` with its own only replaces this file's subject
 * (see tests/example/swap.test.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runPipeline } from '../../src/pipeline/pipeline.js';
import { pdfPages } from '../helpers/pdf-text.js';
import { htmlText, indexOfRun, longestPrefixRun, words } from '../helpers/html-text.js';

const ROOT = path.resolve(__dirname, '../..');
const SEED = readFileSync(path.join(ROOT, 'tests/fixtures/seed/vorlage-11-1481-bergkamen.txt'), 'utf8');
const seedBody = words(SEED.slice(SEED.indexOf('Beschlussvorschlag:')));

let files: Map<string, Buffer | string>;

beforeAll(async () => {
  const result = await runPipeline({ content: path.join(ROOT, 'content'), templates: path.join(ROOT, 'templates') });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  files = result.files!;
}, 180_000);

describe('the shipped example in content/ and templates/', () => {
  it('Vorlage 11/1481 as PDF equals the seed word for word from Beschlussvorschlag to the last signature', async () => {
    const doc = words((await pdfPages(files.get('vorlagen/11-1481.pdf') as Buffer)).map((p) => p.join(' ')).join(' '));
    const at = indexOfRun(doc, seedBody);
    expect(at, `longest matching prefix: ${longestPrefixRun(doc, seedBody)} of ${seedBody.length} words`).toBeGreaterThanOrEqual(0);
    expect(doc.slice(at + seedBody.length)).toEqual([]);
  });

  it('Vorlage 11/1481 as HTML contains the seed word for word', () => {
    const doc = words(htmlText(files.get('vorlagen/11-1481.html') as string));
    expect(indexOfRun(doc, seedBody), `longest matching prefix: ${longestPrefixRun(doc, seedBody)} of ${seedBody.length} words`).toBeGreaterThanOrEqual(0);
  });
});
