/**
 * Column widths a city declares in its form (issue 15, point 3): `spalten[].breite` of the
 * Beratungsfolge on every column is kept as relative widths in the document tree; on only
 * some columns it is a positioned German error; without any, the content decides (no widths
 * in the tree). Works on a temp copy of the suite's Neckarweil templates.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDiagnosticLine } from '../../src/diagnostics/format.js';
import { loadTemplates } from '../../src/theme/load.js';
import { NECKARWEIL_TEMPLATES } from '../helpers/fixtures.js';

let tmp: string;
beforeAll(async () => { tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'ratsdoc-form-widths-')); });
afterAll(() => fs.rm(tmp, { recursive: true, force: true }));

/** A copy of the templates with `from` replaced by `to` in vorlage.yaml. */
async function templates(from: string, to: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(tmp, 't-'));
  await fs.cp(NECKARWEIL_TEMPLATES, dir, { recursive: true });
  const file = path.join(dir, 'vorlage.yaml');
  const text = await fs.readFile(file, 'utf8');
  expect(text.includes(from)).toBe(true);
  await fs.writeFile(file, text.replace(from, to));
  return dir;
}

const FIRST = '      - { feld: gremium, label: Gremien, breite: 38 }\n      - { feld: sitzung, label: Termin, breite: 14 }';

describe('declared column widths in the form', () => {
  it('a column without „breite“ beside columns with one is an error with file, line and column', async () => {
    const dir = await templates(FIRST, '      - { feld: gremium, label: Gremien, breite: 38 }\n      - { feld: sitzung, label: Termin }');
    const { templates: loaded, diagnostics } = await loadTemplates(dir, 'templates');
    expect(loaded).toBeUndefined();
    const lines = diagnostics.map((d) => formatDiagnosticLine(d));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^templates\/vorlage\.yaml:35:\d+: .*Spalte „sitzung“ hat keine „breite“: entweder jede Spalte bekommt eine Breite oder keine/);
  });

  it('widths on every column are kept; none at all is fine (the content decides)', async () => {
    const declared = await loadTemplates(NECKARWEIL_TEMPLATES, 'templates');
    expect(declared.diagnostics).toEqual([]);
    const none = await loadTemplates(await templates(FIRST, '      - { feld: gremium, label: Gremien }\n      - { feld: sitzung, label: Termin }').then(async (dir) => {
      const file = path.join(dir, 'vorlage.yaml');
      const text = await fs.readFile(file, 'utf8');
      await fs.writeFile(file, text.replace(/, breite: \d+ \}/g, ' }'));
      return dir;
    }), 'templates');
    expect(none.diagnostics).toEqual([]);
    const spalten = (t: typeof none.templates) => (t!.theme.vorlage!.bloecke!.find((b) => 'block' in b && b.block === 'beratungsfolge') as { spalten: Array<{ breite?: number }> }).spalten;
    expect(spalten(declared.templates).map((c) => c.breite)).toEqual([38, 14, 7, 8, 18]);
    expect(spalten(none.templates).every((c) => c.breite === undefined)).toBe(true);
  });
});
