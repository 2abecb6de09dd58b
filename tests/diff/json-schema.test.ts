/**
 * `diff --format json` against its published JSON Schema (`schemas/diff.schema.json`, the
 * committed file a program reading the JSON would use): real diffs of a real git repository,
 * one with every kind of change (field, list of IDs, rows with a cost sum, Markdown field,
 * paragraphs, added/removed/renamed entities and documents, replaced files, an unreadable file,
 * new and resolved diagnostics, inline values), validated with ajv in strict mode. The schema
 * is strict too: a stray key (the German `kosten` of before) or a missing version fails.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compareRevisions } from '../../src/diff/compare.js';
import { formatDiffJson } from '../../src/diff/similarity.js';
import { FIXTURES } from '../check/fixture.js';
import { cleanupTemp, Repo, ROOT } from './repo.js';

const cwd = process.cwd();
const schema = JSON.parse(readFileSync(path.join(ROOT, 'schemas/diff.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
const outputs: Record<string, any> = {};

async function jsonOf(repo: Repo, oldRev: string, newRev?: string): Promise<any> {
  process.chdir(repo.dir);
  try {
    return JSON.parse(formatDiffJson(await compareRevisions({ content: 'content', oldRev, ...(newRev ? { newRev } : {}) })));
  } finally {
    process.chdir(cwd);
  }
}

beforeAll(async () => {
  const repo = await Repo.withContent();
  const H = 'content/konzept/hf-arbeit.yaml';
  await repo.replace(H, '    status: abgeschlossen\n    prioritaet: hoch\n    kosten: { betrag: 2500', '    status: laufend\n    prioritaet: hoch\n    kosten: { betrag: 2500');
  await repo.replace(H, '{ betrag: 7500, finanzierung: Fördermittel', '{ betrag: 9000, finanzierung: Fördermittel');
  await repo.cut(H, '  - id: M-09\n', '  - id: M-10\n');
  await repo.replace(H, '  - id: M-08\n', '  - id: M-08a\n');
  const hf = await repo.read(H);
  await repo.write(H, hf.replace(/Z-ARB-1\.2\b/g, 'Z-ARB-AUSB'));
  await repo.replace(H, 'Nach der Auswertung entscheiden VHS und Jobcenter über', 'Nach der Auswertung im Herbst entscheiden VHS und Jobcenter über');
  await repo.replace('content/konzept/kapitel/einleitung.md', 'Aufgrund erhaltener Fördermittel', 'Aufgrund bewilligter Fördergelder');
  await repo.replace('content/konzept/konzept.yaml', 'stand: 2019-10-31', 'stand: 2019-11-15');
  await repo.replace('content/vorlagen/11-1702.md', '  - gremium: Rat der Stadt Bergkamen\n', '  - gremium: Haupt- und Finanzausschuss\n    sitzung: 2019-12-05\n    zustaendigkeit: Vorberatung\n  - gremium: Rat der Stadt Bergkamen\n');
  await repo.write('content/anlagen/zuwendungsbescheid.pdf', `${await repo.read('content/anlagen/zuwendungsbescheid.pdf')}\n% ersetzt\n`);
  await repo.write('content/vorlagen/11-1999.md', '---\nnummer: "11/1999"\nart: Mitteilungsvorlage\nbetreff: Sachstand\nbeschlussvorschlag: Kenntnisnahme\n---\nDer Integrationsrat wird unterrichtet.\n');
  repo.commit('Viele Änderungen');
  outputs.many = await jsonOf(repo, 'HEAD~1', 'HEAD');
  await repo.write('content/konzept/hf-bildung.yaml', 'handlungsfelder:\n  - id: HF-BIL\n   titel: kaputt\n');
  outputs.broken = await jsonOf(repo, 'HEAD');
  outputs.identical = await jsonOf(repo, 'HEAD', 'HEAD');

  const helpers = await Repo.withContent(path.join(FIXTURES, 'helpers'));
  await helpers.replace('content/konzept/daten.yaml', '{ stichtag: 2019-12-31, wert: 21.7 }', '{ stichtag: 2019-12-31, wert: 20.15 }');
  outputs.values = await jsonOf(helpers, 'HEAD');
}, 120_000);

afterAll(cleanupTemp);

/** Every value of `key` anywhere below `v`. */
function collect(v: unknown, key: string, out: unknown[] = []): unknown[] {
  if (Array.isArray(v)) v.forEach((x) => collect(x, key, out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) (k === key ? out.push(x) : 0, collect(x, key, out));
  return out;
}

describe('diff --format json and schemas/diff.schema.json', () => {
  test('the diffs exercise every part of the format', () => {
    const many = outputs.many;
    expect(new Set(collect(many, 'type'))).toEqual(new Set(['value', 'items', 'rows', 'text']));
    expect(new Set(many.entities.map((e: any) => e.status))).toEqual(new Set(['changed', 'removed', 'renamed']));
    expect(many.vorlagen.map((v: any) => v.status).sort()).toEqual(['added', 'changed']);
    expect(many.files).toEqual([{ file: 'content/anlagen/zuwendungsbescheid.pdf', status: 'changed' }]);
    expect(many.derived.costs.length).toBeGreaterThan(0);
    expect(many.derived.total).not.toBeNull();
    expect(many.derived.status.length).toBeGreaterThan(0);
    expect(many.derived.newDiagnostics.length).toBeGreaterThan(0);
    expect(outputs.broken.notCompared.length).toBeGreaterThan(0);
    expect(outputs.broken.derived.notes.length).toBeGreaterThan(0);
    expect(outputs.broken.new.errors.length).toBeGreaterThan(0);
    expect(outputs.values.derived.inlineValues.length).toBe(3);
    expect(outputs.identical.identical).toBe(true);
  });

  test.each(['many', 'broken', 'identical', 'values'])('real output (%s) validates against the committed schema', (name) => {
    const ok = validate(outputs[name]);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(outputs[name].format).toBe('ratsdoc-diff/1');
  });

  test('one vocabulary: English keys; German only for the content folder’s own parts', () => {
    const keys = new Set<string>();
    const walk = (v: unknown) => {
      if (Array.isArray(v)) return v.forEach(walk);
      if (!v || typeof v !== 'object') return;
      const content = 'type' in v || 'op' in v; // a field or row change: old/new are the content as written
      for (const [k, x] of Object.entries(v)) {
        keys.add(k);
        if (k !== 'value' && !(content && (k === 'old' || k === 'new'))) walk(x);
      }
    };
    for (const o of Object.values(outputs)) walk({ ...o, summary: { ...o.summary, entities: {} } });
    const german = [...keys].filter((k) => /kosten|gesamt|titel|werte|hinweise|dateien|dokument|stelle|aufruf/i.test(k));
    expect(german).toEqual([]);
    const domain = [...keys].filter((k) => ['konzept', 'kapitel', 'vorlagen', 'handlungsfeld', 'oldHandlungsfeld', 'handlungsfelder'].includes(k));
    expect(domain.sort()).toEqual(['handlungsfeld', 'handlungsfelder', 'kapitel', 'konzept', 'oldHandlungsfeld', 'vorlagen']);
  });

  test('the schema is strict: a stray key, a wrong version or a wrong status fails', () => {
    const bad = structuredClone(outputs.many);
    bad.derived.kosten = bad.derived.costs;
    expect(validate(bad)).toBe(false);
    expect(validate.errors!.map((e) => `${e.instancePath} ${e.keyword}`)).toContain('/derived additionalProperties');
    expect(validate({ ...outputs.many, format: 'ratsdoc-diff/2' })).toBe(false);
    const status = structuredClone(outputs.many);
    status.entities[0].status = 'geändert';
    expect(validate(status)).toBe(false);
  });
});
