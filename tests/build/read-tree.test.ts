/**
 * A document's reads as the source cache stores them (document/tracking.ts `readTree`): after
 * the round trip through JSON they hold for the model they were read from, and each single
 * change to what was read makes them fail, as the list of reads did.
 */
import { describe, expect, it } from 'vitest';
import { ReadTracker, readsStillHold, readTree, type ReadTree } from '../../src/document/tracking.js';

interface Model {
  massnahmen: Array<{ id: string; titel: string; kosten?: number }>;
  byId: Map<string, { titel: string }>;
  tags: Set<string>;
  felder: Record<string, string>;
}

function model(): Model {
  return {
    massnahmen: [{ id: 'M-01', titel: 'Sprachkurse', kosten: 1200 }, { id: 'M-02', titel: 'Lotsen' }],
    byId: new Map([['M-01', { titel: 'Sprachkurse' }], ['M-02', { titel: 'Lotsen' }]]),
    tags: new Set(['bildung']),
    felder: Object.assign(Object.create(null), { __proto__: 'Sonderfeld', bildung: 'Bildung' }) as Record<string, string>,
  };
}

/** What a builder might read: values, a length, keys, whether a key exists, Map and Set entries. */
function readAll(m: Model): void {
  for (const x of m.massnahmen) void x.titel;
  void m.massnahmen[0].kosten;
  void ('kosten' in m.massnahmen[1]);
  void m.byId.get('M-02')?.titel;
  void m.byId.has('M-03');
  void m.tags.has('bildung');
  void m.felder['__proto__'];
  void Object.keys(m.felder);
}

function recorded(m: Model): ReadTree {
  const tracker = new ReadTracker();
  readAll(tracker.wrap('model', m));
  return JSON.parse(JSON.stringify(readTree(tracker.recorded()))) as ReadTree;
}

describe('the read tree of the source cache', () => {
  const tree = recorded(model());

  it('holds for the model it was read from, after a round trip through JSON', () => {
    expect(Object.keys(tree)).toEqual(['model']);
    expect(readsStillHold(tree, { model: model() })).toBe(true);
  });

  const changes: Array<[string, (m: Model) => void]> = [
    ['a title', (m) => (m.massnahmen[1].titel = 'Integrationslotsen')],
    ['the list length', (m) => m.massnahmen.push({ id: 'M-03', titel: 'Neu' })],
    ['a read value', (m) => (m.massnahmen[0].kosten = 1300)],
    ['whether a key exists', (m) => (m.massnahmen[1].kosten = 0)],
    ['a Map entry', (m) => m.byId.set('M-02', { titel: 'Andere' })],
    ['a Map entry that did not exist', (m) => m.byId.set('M-03', { titel: 'Neu' })],
    ['Set membership', (m) => m.tags.delete('bildung')],
    ['a key named __proto__', (m) => (m.felder['__proto__'] = 'anders')],
    ['the keys of an object', (m) => (m.felder.arbeit = 'Arbeit')],
  ];
  for (const [what, change] of changes) {
    it(`fails when ${what} changed`, () => {
      const m = model();
      change(m);
      expect(readsStillHold(tree, { model: m })).toBe(false);
    });
  }

  it('fails when a root is gone and ignores what was not read', () => {
    expect(readsStillHold(tree, {})).toBe(false);
    const m = model();
    m.massnahmen[1].id = 'M-99';
    expect(readsStillHold(tree, { model: m })).toBe(true);
  });
});
