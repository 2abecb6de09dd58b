/**
 * The Vorlage form in templates/vorlage.yaml as a user meets its checks: declared fields in
 * `check` (position, „meinten Sie …?“, wrong values, missing required fields, an unknown
 * pinned version), mistakes in the form itself (unknown placeholder, undeclared field, wrong
 * type) as positioned German diagnostics, the declared fields in the JSON Schema (ajv) and in
 * `diff`. Works on a temp copy of examples/neckarweil.
 */
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkContent } from '../../src/model/check.js';
import { loadTemplates } from '../../src/theme/load.js';
import { generateSchemas } from '../../src/commands/schema.js';
import { compareRevisions } from '../../src/diff/compare.js';
import { formats } from '../diff/formats.js';
import { formatDiagnosticLine } from '../../src/diagnostics/format.js';
import { BIN, ensureDist } from '../helpers/dist.js';

const ROOT = path.resolve(__dirname, '../..');
const NECKARWEIL = path.join(ROOT, 'examples/neckarweil');
const VORLAGE = 'content/vorlagen/2024-117.md';

let tmp: string;
beforeAll(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'ratsdoc-form-'));
}, 60_000);
afterAll(() => fs.rm(tmp, { recursive: true, force: true }));

/** A fresh copy of the example, changed by `edit`, as a project folder. */
async function project(edit: (dir: string) => Promise<void> = async () => {}): Promise<string> {
  const dir = await fs.mkdtemp(path.join(tmp, 'p-'));
  await fs.cp(NECKARWEIL, dir, { recursive: true });
  await edit(dir);
  return dir;
}

async function replace(file: string, from: string, to: string): Promise<void> {
  const text = await fs.readFile(file, 'utf8');
  expect(text.includes(from), `${from} in ${file}`).toBe(true);
  await fs.writeFile(file, text.replace(from, to));
}

/** check's diagnostics as printed lines, paths relative to the project. */
async function check(dir: string): Promise<string[]> {
  const tpl = await loadTemplates(path.join(dir, 'templates'), 'templates');
  // As `ratsdoc check`: content is judged only against a valid form.
  const checked = tpl.templates ? await checkContent(path.join(dir, 'content'), tpl.templates.theme.vorlage) : { diagnostics: [] };
  return [...tpl.diagnostics, ...checked.diagnostics].map((d) => formatDiagnosticLine({ ...d, file: d.file.replace(`${dir.split(path.sep).join('/')}/`, '') }));
}

async function lineOf(file: string, text: string): Promise<number> {
  return (await fs.readFile(file, 'utf8')).split('\n').findIndex((l) => l.includes(text)) + 1;
}

describe('declared fields in check', () => {
  it('the example checks without a message', async () => {
    expect(await check(await project())).toEqual([]);
  });

  it('a misspelt declared key: position and „meinten Sie …?“', async () => {
    const dir = await project((d) => replace(path.join(d, VORLAGE), 'dienststelle: Amt', 'dienststele: Amt'));
    const line = await lineOf(path.join(dir, VORLAGE), 'dienststele:');
    expect(await check(dir)).toEqual(expect.arrayContaining([
      expect.stringContaining(`${VORLAGE}:${line}:1: Fehler: Vorlage „117/2024“: unbekanntes Feld „dienststele“ (meinten Sie „dienststelle“?)`),
    ]));
  });

  it('a value outside the declared choices, a wrong amount, a missing required field', async () => {
    const dir = await project(async (d) => {
      await replace(path.join(d, VORLAGE), 'co2_relevanz: positiv', 'co2_relevanz: vielleicht');
      await replace(path.join(d, VORLAGE), 'gesamtkosten: 2480000', 'gesamtkosten: viel');
      await replace(path.join(d, VORLAGE), 'verantwortlich: Bürgermeisterin Dr. Hanna Beck\n', '');
    });
    const out = await check(dir);
    const co2 = await lineOf(path.join(dir, VORLAGE), 'co2_relevanz:');
    const kosten = await lineOf(path.join(dir, VORLAGE), 'gesamtkosten:');
    expect(out.find((l) => l.startsWith(`${VORLAGE}:${co2}:15: Fehler`))).toMatch(/„co2_relevanz“ hat den unzulässigen Wert „vielleicht“.*positiv.*nicht bewertet/);
    expect(out.find((l) => l.startsWith(`${VORLAGE}:${kosten}:15: Fehler`))).toContain('muss ein Betrag in Euro sein');
    expect(out.some((l) => l.includes('Pflichtfeld „verantwortlich“ fehlt'))).toBe(true);
  });

  it('an unknown pinned form version names the declared ones', async () => {
    const file = 'content/vorlagen/2023-088.md';
    const dir = await project((d) => replace(path.join(d, file), 'formular: 2023', 'formular: 2022'));
    const line = await lineOf(path.join(dir, file), 'formular:');
    expect(await check(dir)).toEqual([`${file}:${line}:11: Fehler: Vorlage „88/2023“: Formularstand „2022“ gibt es nicht; erklärt sind „2023“ (meinten Sie „2023“?)`]);
  });
});

describe('mistakes in templates/vorlage.yaml', () => {
  const FORM = 'templates/vorlage.yaml';

  it('an unknown placeholder in the page furniture is an error at its place', async () => {
    const dir = await project((d) => replace(path.join(d, FORM), 'kopf: { mitte: "– {seite} –" }', 'kopf: { mitte: "– {seitenzahl} –" }'));
    const line = await lineOf(path.join(dir, FORM), '{seitenzahl}');
    const out = await check(dir);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(new RegExp(`^${FORM}:${line}:18: Fehler: Formular: „mitte“ enthält den unbekannten Platzhalter „\\{seitenzahl\\}“; erlaubt sind \\{seite\\}, \\{seiten\\}, \\{nummer\\}.* \\(seiten\\.kopf\\.mitte\\)$`));
  });

  it('a block naming an undeclared field', async () => {
    const dir = await project((d) => replace(path.join(d, FORM), '{ feld: kurzfassung, titel: Kurzfassung }', '{ feld: kurzfasung, titel: Kurzfassung }'));
    const line = await lineOf(path.join(dir, FORM), 'kurzfasung');
    expect(await check(dir)).toEqual([`${FORM}:${line}:13: Fehler: Formular: „feld“ nennt das Feld „kurzfasung“, das weder eingebaut noch unter „felder“ erklärt ist (bloecke[4].feld)`]);
  });

  it('an unknown field type and a misspelt key', async () => {
    const dir = await project(async (d) => {
      await replace(path.join(d, FORM), 'gesamtkosten: { label: Gesamtkosten der Maßnahme, typ: betrag }', 'gesamtkosten: { label: Gesamtkosten der Maßnahme, typ: euro }');
      await replace(path.join(d, FORM), 'dienststelle: { label: Dienststelle, typ: text, pflicht: true }', 'dienststelle: { label: Dienststelle, typ: text, pflict: true }');
    });
    const out = (await check(dir)).join('\n');
    expect(out).toMatch(/templates\/vorlage\.yaml:\d+:\d+: Fehler: Formular: „typ“ hat den unzulässigen Wert „euro“/);
    expect(out).toMatch(/templates\/vorlage\.yaml:\d+:\d+: Fehler: Formular: unbekanntes Feld „pflict“ \(meinten Sie „pflicht“\?\)/);
  });

  it('`ratsdoc check --templates` reports form mistakes with exit 1, as build does', async () => {
    ensureDist();
    const dir = await project((d) => replace(path.join(d, FORM), '"– {seite} –"', '"– {sete} –"'));
    for (const command of ['check', 'build']) {
      const r = spawnSync(process.execPath, [BIN, command, '--content', 'content', '--templates', 'templates', ...(command === 'build' ? ['--out', 'out'] : [])], { cwd: dir, encoding: 'utf8', timeout: 240_000 });
      expect(r.status, command).toBe(1);
      expect(r.stdout + r.stderr, command).toMatch(/templates\/vorlage\.yaml:\d+:\d+: Fehler: Formular: „mitte“ enthält den unbekannten Platzhalter „\{sete\}“/);
    }
  }, 300_000);
});

describe('declared fields in the JSON Schema and in diff', () => {
  it('the Vorlage schema lists the declared fields; ajv accepts the example and rejects a wrong value', async () => {
    const tpl = await loadTemplates(path.join(NECKARWEIL, 'templates'));
    const schema = JSON.parse(generateSchemas(tpl.templates!.theme.vorlage).get('vorlage.schema.json')!);
    expect(schema.properties.co2_relevanz).toEqual({ description: 'CO₂-Relevanz', type: 'string', enum: ['positiv', 'negativ', 'keine', 'nicht bewertet'] });
    expect(schema.required).toEqual(expect.arrayContaining(['verantwortlich', 'dienststelle']));
    const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
    const good = { nummer: '1/2024', art: 'Beschlussvorlage', betreff: 'X', beschlussvorschlag: 'Y', verantwortlich: 'A', dienststelle: 'B', co2_relevanz: 'nicht bewertet', iq_relevant: { wert: 'ja', text: 'Korridor' }, gesamtkosten: 12.5 };
    expect(validate(good), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...good, co2_relevanz: 'vielleicht' })).toBe(false);
    expect(validate.errors!.map((e) => e.keyword)).toContain('enum');
    expect(validate({ ...good, gesamtkosten: 'viel' })).toBe(false);
    const { verantwortlich: _, ...missing } = good;
    expect(validate(missing)).toBe(false);
  });

  it('diff shows a changed declared field of a Vorlage', async () => {
    const dir = await project();
    const git = (...args: string[]) => spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
    git('init', '-q');
    git('-c', 'user.name=Test', '-c', 'user.email=t@example.org', 'add', '.');
    git('-c', 'user.name=Test', '-c', 'user.email=t@example.org', 'commit', '-qm', 'Stand');
    await replace(path.join(dir, VORLAGE), 'co2_relevanz: positiv', 'co2_relevanz: nicht bewertet');
    const tpl = await loadTemplates(path.join(dir, 'templates'));
    const report = await compareRevisions({ content: path.join(dir, 'content'), oldRev: 'HEAD', form: tpl.templates!.theme.vorlage });
    const { text } = await formats(report);
    expect(text).toContain('co2_relevanz');
    expect(text).toMatch(/positiv.*nicht bewertet/s);
    expect(report.identical).toBe(false);
  });
});
