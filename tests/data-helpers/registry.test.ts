/**
 * One registry: a helper is one module. A new helper is registered from its module and used
 * in content without touching any other source file; its references are checked by the same
 * rules as the built-in ones. The README documents every registered helper with its examples.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runPipeline } from '../../src/pipeline/pipeline.js';
import { helpers, loadHelpers } from '../../src/helpers/registry.js';
import { checkArguments, parseCall } from '../../src/helpers/call.js';
import { CODES } from '../../src/diagnostics/codes.js';
import { htmlText, words } from '../helpers/html-text.js';
import { cleanupTemp, fixture, ROOT } from '../check/fixture.js';
import ampel from './ampel-helper.js';
import { FIXTURE_TEMPLATES } from '../helpers/fixtures.js';

afterAll(() => {
  helpers.unregister('ampel');
  return cleanupTemp();
});

describe('a helper from one module', () => {
  test('registered by a test, used in a chapter, rendered in HTML; an unknown ID in it is reported like any other', async () => {
    await loadHelpers();
    helpers.register(ampel);
    const f = await fixture('helpers');
    await f.append('konzept/kapitel/lage.md', '\nDas Ziel ist {{ampel "I-01"}}.\n');
    const ok = await runPipeline({ content: f.dir, templates: FIXTURE_TEMPLATES });
    expect(ok.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const html = ok.files!.get('konzept/integrationskonzept.html') as string;
    expect(html).toContain('Das Ziel ist <strong>offen</strong>.');

    await f.append('konzept/kapitel/lage.md', '\nUnd {{ampel "X-NONE"}}.\n');
    const bad = await f.check();
    expect(bad.filter((d) => d.severity === 'error').map((d) => [d.code, d.message])).toEqual([[CODES.helperUnknownId, '{{ampel "X-NONE"}}: Indikator „X-NONE“ ist nicht definiert']]);
  });
});

describe('the registry and the README', () => {
  test('the built-in helpers, each loaded from its own file in src/helpers/builtin/', async () => {
    await loadHelpers();
    expect(helpers.names().filter((n) => n !== 'ampel')).toEqual(['anzahl', 'bewertung', 'datum', 'finanzstand', 'frist', 'indikator', 'indikatorenstand', 'kosten', 'massnahmen', 'massnahmenstand', 'meilensteine', 'name', 'stand', 'summe', 'titel', 'veraenderungen', 'vorlage', 'wert', 'zeitplan', 'zeitraum', 'ziele', 'zielstand']);
  });

  test('every example of every helper is a valid call of that helper', async () => {
    await loadHelpers();
    for (const def of helpers.all()) {
      for (const example of def.examples) {
        const parsed = parseCall(example.slice(2, -2));
        expect('problem' in parsed ? parsed.problem : parsed.name, example).toBe(def.name);
        if (!('problem' in parsed)) expect(checkArguments(def, parsed), example).toMatchObject({ ok: true });
      }
    }
  });

  test('every „ergibt z. B.“ row of the README is what the helper gives for the test content', async () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Datenbausteine'), readme.indexOf('\n## ', readme.indexOf('## Datenbausteine') + 5));
    const rows = [...section.matchAll(/^\| `(\{\{[^`]+\}\})` \| ([^|]+) \|$/gm)].map((m) => ({ call: m[1], value: m[2].trim() }));
    expect(rows.length).toBeGreaterThanOrEqual(15);
    const f = await fixture('helpers');
    await f.append('konzept/kapitel/lage.md', rows.map((r, i) => `\nREADME${i}: ${r.call} :ENDE\n`).join(''));
    const built = await runPipeline({ content: f.dir, templates: FIXTURE_TEMPLATES });
    expect(built.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const text = words(htmlText((built.files!.get('konzept/integrationskonzept.html') as string).replace(/<\/?(a|strong)\b[^>]*>/g, ''))).join(' ');
    for (const [i, r] of rows.entries()) {
      const got = new RegExp(`README${i}: (.*?) :ENDE`).exec(text)?.[1];
      expect(got, r.call).toBe(words(r.value).join(' '));
    }
  });

  test('the README documents every built-in helper with all its examples, and no other', async () => {
    await loadHelpers();
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Datenbausteine'), readme.indexOf('\n## ', readme.indexOf('## Datenbausteine') + 5));
    const documented = [...section.matchAll(/^#### `\{\{([a-zäöüß]+)/gm)].map((m) => m[1]);
    const builtin = helpers.all().filter((h) => h.name !== 'ampel');
    expect([...documented].sort()).toEqual(builtin.map((h) => h.name));
    for (const def of builtin) {
      const own = section.slice(section.indexOf(`#### \`{{${def.name}`), section.indexOf('\n#### ', section.indexOf(`#### \`{{${def.name}`) + 5) >>> 0);
      for (const example of def.examples) expect(own, `README: example ${example}`).toContain(example);
      expect(words(htmlText(own)).join(' '), `README: summary of ${def.name}`).toContain(words(def.summary).slice(0, 4).join(' '));
    }
  });
});
