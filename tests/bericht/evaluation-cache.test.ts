/**
 * The report figures are evaluated once per build (issue 18): a Vorlage that places a report's
 * parts and cites its figures inline does not evaluate the report again for every part, nor an
 * indicator again for every mention; the cached figures equal freshly computed ones, and a new
 * load of the content gets new ones.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { buildDocuments } from '../../src/document/build.js';
import { assess, computeAssessment } from '../../src/evaluation/assessment.js';
import { computeBericht, evaluateBericht, toleranzOf } from '../../src/evaluation/bericht.js';
import { evaluationRuns } from '../../src/evaluation/memo.js';
import { checkContent } from '../../src/model/check.js';
import { loadTemplates } from '../../src/theme/load.js';
import { FIXTURE_TEMPLATES } from '../helpers/fixtures.js';
import { cleanupTemp, fixture } from '../check/fixture.js';

afterAll(cleanupTemp);

/** Every report part twice and inline figures of 2020-1, in a Vorlage. */
const VORLAGE = `---
nummer: "1/200"
art: Mitteilungsvorlage
betreff: Stand der Integrationsarbeit
datum: 2020-09-10
beschlussvorschlag: Kenntnisnahme
---
Abgeschlossen waren {{anzahl massnahmen status="abgeschlossen" bericht="2020-1"}} Maßnahmen; I-01 war {{bewertung "I-01" bericht="2020-1"}}, I-02 {{bewertung "I-02" bericht="2020-1"}}.

{{massnahmenstand bericht="2020-1"}}

{{indikatorenstand bericht="2020-1"}}

{{zielstand bericht="2020-1"}}

{{finanzstand bericht="2020-1"}}

{{veraenderungen bericht="2021-1"}}

Noch einmal: I-01 war {{bewertung "I-01" bericht="2020-1"}}.

{{indikatorenstand bericht="2020-1"}}

{{massnahmenstand bericht="2021-1"}}
`;

async function load() {
  const f = await fixture('bericht');
  await f.write('vorlagen/1-200.md', VORLAGE);
  const templates = (await loadTemplates(FIXTURE_TEMPLATES)).templates!;
  const checked = await checkContent(f.dir, templates.theme.vorlage);
  expect(checked.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return { checked, theme: templates.theme };
}

const runs = () => ({ ...evaluationRuns });
const since = (before: typeof evaluationRuns) => ({ bericht: evaluationRuns.bericht - before.bericht, assessment: evaluationRuns.assessment - before.assessment });

describe('per-build cache of the report figures', () => {
  it('evaluates each report once and each indicator once per Stichtag, however often the build asks', async () => {
    const { checked, theme } = await load();
    const { model } = checked;
    expect(model.berichte.map((b) => b.name).sort()).toEqual(['2020-1', '2021-1']);
    const indikatoren = model.collections.indikatoren.length;
    expect(indikatoren).toBeGreaterThanOrEqual(5);

    const before = runs();
    const built = buildDocuments(model, checked.index, theme);
    expect(built.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const vorlage = JSON.stringify(built.trees.find((t) => t.outPath === 'vorlagen/1-200')!.blocks);
    // The Vorlage really shows the parts (two reports' worth of tables), so the cache was asked.
    expect(vorlage).toContain('Maßnahmen');
    // Two reports: two evaluations (without the cache: one more for each of the seven parts the Vorlage places).
    // Two Stichtage (30.06.2020, 30.06.2021): at most two assessments per indicator, the inline ones included.
    expect(since(before)).toEqual({ bericht: 2, assessment: expect.any(Number) });
    expect(since(before).assessment).toBeLessThanOrEqual(indikatoren * 2);
    expect(since(before).assessment).toBeGreaterThanOrEqual(indikatoren);

    // A second build of the same content asks again and evaluates nothing; the trees are the same.
    const again = runs();
    const rebuilt = buildDocuments(model, checked.index, theme);
    expect(since(again)).toEqual({ bericht: 0, assessment: 0 });
    expect(JSON.stringify(rebuilt.trees)).toBe(JSON.stringify(built.trees));
  });

  it('the cached figures equal freshly computed ones, and cannot be changed by a caller', async () => {
    const { checked } = await load();
    const { model, index } = checked;
    for (const b of model.berichte) {
      const cached = evaluateBericht(b, model, index);
      expect(evaluateBericht(b, model, index)).toBe(cached);
      expect(cached).toEqual(computeBericht(b, model, index));
      expect(Object.isFrozen(cached)).toBe(true);
      expect(() => ((cached as { stichtag: string }).stichtag = '1999-01-01')).toThrow(TypeError);
    }
    const toleranz = toleranzOf(model);
    for (const ind of model.collections.indikatoren) {
      for (const stichtag of ['2020-06-30', '2021-06-30']) {
        const a = assess(ind.value, stichtag, toleranz);
        expect(a).toEqual(computeAssessment(ind.value, stichtag, toleranz));
        expect(assess(ind.value, stichtag, toleranz)).toBe(a);
        expect(Object.isFrozen(a)).toBe(true);
      }
    }
  });

  it('a new load of the content is evaluated anew: a changed measurement changes the figures', async () => {
    const first = await load();
    const bewertung = (c: typeof first.checked) => {
      const b = c.model.berichte.find((x) => x.name === '2020-1')!;
      return evaluateBericht(b, c.model, c.index).indikatoren.find((i) => i.indikator.value.id === 'I-01')!.assessment.bewertung;
    };
    expect(bewertung(first.checked)).not.toBe('erreicht');
    // I-01 (Zielwert 2.5) measured at 2.6 before the Stichtag: reached, in the next load's figures.
    const f = await fixture('bericht');
    await f.replace('konzept/daten.yaml', '      - { stichtag: 2019-12-31, wert: 1.8 }\n', '      - { stichtag: 2019-12-31, wert: 2.6 }\n');
    const before = runs();
    const changed = await checkContent(f.dir, first.theme.vorlage);
    expect(bewertung(changed)).toBe('erreicht');
    expect(since(before).bericht).toBe(1);
    // The first load keeps its own figures.
    expect(bewertung(first.checked)).not.toBe('erreicht');
  });
});
