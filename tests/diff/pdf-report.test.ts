/**
 * `diff --format pdf`: the redline a council member can print, set by the PDF renderer from
 * the report's document tree. A real git repository with an edited paragraph, a changed cost
 * and a changed status; the PDF read back with pdf.js: deleted and inserted words are in the
 * text, drawn in their colours (style), and announced as „gestrichen: …“ / „eingefügt: …“ by
 * the structure (Span with /Alt); the changed paragraph stands old beside new (Synopse); the
 * tagged-PDF check stays green. Also `diff --berichte … --format pdf` through the CLI.
 */
import { OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compareRevisions } from '../../src/diff/compare.js';
import { diffTree } from '../../src/diff/tree.js';
import { readAssets } from '../../src/pipeline/assets.js';
import { pdfRenderer } from '../../src/render/pdf/renderer.js';
import { loadTemplates } from '../../src/theme/load.js';
import { FIXTURE_TEMPLATES } from '../helpers/fixtures.js';
import { checkTaggedPdf, hasQpdf, type CheckedElement } from '../helpers/tagged-pdf.js';
import { loadPdf, pdfText } from '../helpers/pdf-text.js';
import { FIXTURES } from '../check/fixture.js';
import { ensureDist } from '../helpers/dist.js';
import { cleanupTemp, Repo, ratsdoc, ROOT } from './repo.js';

let pdf: Uint8Array;
let text = '';

beforeAll(async () => {
  const repo = await Repo.withContent();
  await repo.replace('content/konzept/kapitel/einleitung.md', 'Aufgrund erhaltener Fördermittel', 'Aufgrund bewilligter Fördergelder');
  await repo.replace('content/konzept/hf-arbeit.yaml', '{ betrag: 7500, finanzierung: Fördermittel', '{ betrag: 9000, finanzierung: Fördermittel');
  await repo.replace('content/konzept/hf-arbeit.yaml', '    status: abgeschlossen\n    prioritaet: hoch\n    kosten: { betrag: 2500', '    status: laufend\n    prioritaet: hoch\n    kosten: { betrag: 2500');
  const cwd = process.cwd();
  process.chdir(repo.dir);
  let report;
  try {
    report = await compareRevisions({ content: 'content', oldRev: 'HEAD' });
  } finally {
    process.chdir(cwd);
  }
  const { templates } = await loadTemplates(FIXTURE_TEMPLATES);
  const tree = diffTree(report);
  pdf = (await pdfRenderer.render(tree, templates!.theme, await readAssets([tree], templates!))) as Uint8Array;
  text = (await pdfText(pdf)).replace(/\u00a0/g, ' ');
}, 120_000);

afterAll(cleanupTemp);

/**
 * Fill colour of each drawn run containing `word`; consecutive text of one colour counts as one
 * run (the typesetter draws a hyphenated word syllable by syllable).
 */
async function colourOf(word: string): Promise<string[]> {
  const doc = await loadPdf(pdf);
  const runs: Array<{ fill: string; text: string }> = [];
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const ops = await (await doc.getPage(n)).getOperatorList();
      let fill = '';
      ops.fnArray.forEach((fn, i) => {
        const args = ops.argsArray[i];
        if (fn === OPS.setFillRGBColor) fill = typeof args[0] === 'string' ? args[0] : `#${args.slice(0, 3).map((x: number) => Math.round(x).toString(16).padStart(2, '0')).join('')}`;
        if (fn !== OPS.showText) return;
        const text = (args[0] as Array<{ unicode?: string } | number>).map((g) => (typeof g === 'object' && g ? g.unicode ?? '' : '')).join('').replace(/\u00ad/g, '');
        const last = runs[runs.length - 1];
        if (last && last.fill === fill) last.text += text;
        else runs.push({ fill, text });
      });
    }
  } finally {
    await doc.destroy();
  }
  return runs.filter((r) => r.text.replace(/\s+/g, ' ').includes(word)).map((r) => r.fill);
}

function spans(e: CheckedElement | undefined, out: string[] = []): string[] {
  if (!e) return out;
  if (e.role === 'Span' && e.alt) out.push(e.alt);
  e.children.forEach((c) => spans(c, out));
  return out;
}

describe('diff --format pdf', () => {
  test('deleted and inserted words are in the text, the changed paragraph old beside new', () => {
    expect(text).toContain('Änderungsbericht: HEAD (');
    expect(text).toContain('Bisherige Fassung');
    expect(text).toContain('Neue Fassung');
    expect(text).toMatch(/Aufgrund\s+erhaltener\s+Fördermittel[\s\S]*Aufgrund\s+bewilligter\s+Fördergelder/);
    expect(text).toMatch(/13\.500,00 €\s+15\.000,00 €/);
    expect(text).toMatch(/abgeschlossen\s+laufend/);
    expect(text).toContain('Legende:');
  });

  test('marked by style: deletions in dark red, insertions in dark green', async () => {
    expect(await colourOf('erhaltener')).toContain('#8a1111');
    expect(await colourOf('bewilligter')).toContain('#0b5a1f');
    // The unchanged words around them are not coloured as a change.
    expect((await colourOf('Zuweisungen')).some((c) => c === '#8a1111' || c === '#0b5a1f')).toBe(false);
  });

  test.runIf(hasQpdf())('marked for screen readers: „gestrichen“ / „eingefügt“ in the structure; the tag check is green', async () => {
    const report = await checkTaggedPdf(pdf);
    expect(report.problems).toEqual([]);
    const alts = spans(report.root);
    expect(alts).toContain('gestrichen: erhaltener Fördermittel');
    expect(alts).toContain('eingefügt: bewilligter Fördergelder');
    expect(alts).toContain('gestrichen: 13.500,00\u00a0€');
    expect(report.tableHeaders.some((h) => h.join('|') === 'Bisherige Fassung|Neue Fassung')).toBe(true);
  });

  test('the CLI writes the PDF to stdout; diff --berichte too', () => {
    ensureDist();
    const r = ratsdoc(['diff', '--berichte', '2020-1', '2021-1', '--content', path.join(FIXTURES, 'bericht'), '--templates', FIXTURE_TEMPLATES, '--format', 'pdf'], ROOT);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout.startsWith('%PDF-')).toBe(true);
  }, 120_000);
});
