/**
 * `diff` and inline values: a changed measurement is reported once at its source (the
 * indicator) and, as a derived effect, with every document and place whose sentence changes;
 * the chapters and Vorlagen themselves are not reported as changed text.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import path from 'node:path';
import { compareRevisions } from '../../src/diff/compare.js';
import { formats, nb, part, row, untypeset } from '../diff/formats.js';
import { cleanupTemp, Repo } from '../diff/repo.js';
import { FIXTURES } from '../check/fixture.js';

const cwd = process.cwd();
let repo: Repo;
beforeAll(async () => {
  repo = await Repo.withContent(path.join(FIXTURES, 'helpers'));
  process.chdir(repo.dir);
});
afterAll(async () => {
  process.chdir(cwd);
  await cleanupTemp();
});

describe('a changed measurement', () => {
  test('is reported at the indicator, and the sentences that change are listed per document', async () => {
    await repo.replace('content/konzept/daten.yaml', '{ stichtag: 2019-12-31, wert: 21.7 }', '{ stichtag: 2019-12-31, wert: 20.15 }');
    const report = await compareRevisions({ content: 'content', oldRev: 'HEAD' });
    expect(report.entities.map((e) => `${e.status} ${e.collection} ${e.id}`)).toEqual(['changed indikatoren I-01']);
    expect(report.kapitel).toEqual([]);
    expect(report.vorlagen).toEqual([]);
    expect(report.derived.inlineValues).toEqual([
      { document: 'Konzept', location: 'Kapitel „lage“', call: '{{wert "I-01"}}', old: '21,7\u00a0%', new: '20,15\u00a0%' },
      { document: 'Vorlage „11/1500“', location: 'Vorlage „11/1500“', call: '{{wert "I-01"}}', old: '21,7\u00a0%', new: '20,15\u00a0%' },
      { document: 'Konzept', location: 'Maßnahme „M-07“', call: '{{wert "I-01"}}', old: '21,7\u00a0%', new: '20,15\u00a0%' },
    ]);
    const f = await formats(report);
    expect(part(nb(f.text), 'Werte im Text')).toMatch(row('Konzept, Kapitel „lage“', '{{wert "I-01"}}', '[-21,7 %-]', '{+20,15 %+}'));
    expect(nb(f.markdown)).toContain('| Vorlage „11/1500“, Vorlage „11/1500“ | `{{wert "I-01"}}` | <del>21,7 %</del> | <ins>20,15 %</ins> |');
    expect(untypeset(f.html)).toContain('<h3 id="werte-im-text">Werte im Text</h3>');
  });
});
