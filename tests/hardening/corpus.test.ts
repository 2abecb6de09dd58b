/**
 * A corpus of bad inputs across YAML, front matter, Markdown, helpers, templates and the
 * file system. Each case changes a copy of the example, runs the real CLI and asserts the
 * German diagnostic (file:line:column and wording) and the exit code — never a stack trace.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FIXTURE_CONTENT, FIXTURE_TEMPLATES } from '../helpers/fixtures.js';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'bin/ratsdoc.js');
let base: string;

interface Case {
  name: string;
  /** Changes the copy (content in `dir/content`, templates in `dir/templates`). */
  setup: (dir: string) => Promise<void>;
  /** `check` for content, `build` for templates and output. */
  command?: 'check' | 'build';
  /** Every pattern must appear in the output. */
  expect: RegExp[];
  exit: number;
}

const c = (dir: string, rel: string) => path.join(dir, 'content', rel);
const write = (rel: string, text: string | Buffer) => async (dir: string) => fs.writeFile(c(dir, rel), text);
const replace = (rel: string, from: string, to: string) => async (dir: string) => {
  const text = await fs.readFile(c(dir, rel), 'utf8');
  if (!text.includes(from)) throw new Error(`${rel}: "${from}" not found`);
  await fs.writeFile(c(dir, rel), text.replace(from, to));
};
const vorlage = (front: string, body = 'Text.\n') => `---\nnummer: "9/1"\nart: Mitteilungsvorlage\nbetreff: Test\nbeschlussvorschlag: Kenntnisnahme\n${front}---\n${body}`;
const E = (file: string, pos: string, words: string) => new RegExp(`${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:${pos}: Fehler: .*${words}`);

const CASES: Case[] = [
  // ---- YAML
  { name: 'YAML: bad indentation', setup: write('konzept/x.yaml', 'akteure:\n  - id: A-X\n     name: X\n'), expect: [E('konzept/x.yaml', '3:\\d+', 'YAML-Syntaxfehler')], exit: 1 },
  { name: 'YAML: missing colon', setup: write('konzept/x.yaml', 'akteure:\n  - id A-X\n'), expect: [E('konzept/x.yaml', '2:5', 'Akteur Nr. 1: Der Eintrag muss ein Abschnitt mit Feldern sein, ist aber „id A-X“; fehlt ein Doppelpunkt')], exit: 1 },
  { name: 'YAML: duplicate key', setup: write('konzept/x.yaml', 'akteure:\n  - id: A-X\n    name: X\n    name: Y\n    art: Sonstige\n'), expect: [E('konzept/x.yaml', '4:\\d+', 'Schlüssel doppelt')], exit: 1 },
  { name: 'YAML: tab indentation', setup: write('konzept/x.yaml', 'akteure:\n\t- id: A-X\n'), expect: [/konzept\/x\.yaml:2:\d+: Fehler: YAML-Syntaxfehler/], exit: 1 },
  { name: 'YAML: unclosed flow list', setup: write('konzept/x.yaml', 'akteure: [\n'), expect: [/konzept\/x\.yaml:\d+:\d+: Fehler: YAML-Syntaxfehler/], exit: 1 },
  { name: 'YAML: unclosed quote', setup: write('konzept/x.yaml', 'akteure:\n  - id: "A-X\n'), expect: [/konzept\/x\.yaml:\d+:\d+: Fehler: YAML-Syntaxfehler/], exit: 1 },
  { name: 'YAML: alias bomb', setup: write('konzept/x.yaml', 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n'), expect: [E('konzept/x.yaml', '2:\\d+', 'Anker und Aliase')], exit: 1 },
  { name: 'YAML: nesting too deep', setup: write('konzept/x.yaml', `x: ${'['.repeat(60)}${']'.repeat(60)}\n`), expect: [/konzept\/x\.yaml:1:\d+: Fehler: YAML-Syntaxfehler: Verschachtelung tiefer/], exit: 1 },
  { name: 'YAML: two documents', setup: write('konzept/x.yaml', 'akteure: []\n---\nakteure: []\n'), expect: [/konzept\/x\.yaml:\d+:\d+: Fehler: .*mehrere YAML-Dokumente/], exit: 1 },
  { name: 'YAML: unknown collection with suggestion', setup: write('konzept/x.yaml', 'massnahme: []\n'), expect: [E('konzept/x.yaml', '1:1', 'unbekannte Sammlung „massnahme“ \\(meinten Sie „massnahmen“\\?\\)')], exit: 1 },
  { name: 'YAML: unknown field with suggestion', setup: replace('konzept/hf-arbeit.yaml', '    beschreibung: >-\n      Viele', '    beschreibnug: >-\n      Viele'), expect: [E('konzept/hf-arbeit.yaml', '7:5', 'unbekanntes Feld „beschreibnug“ \\(meinten Sie „beschreibung“\\?\\)')], exit: 1 },
  { name: 'YAML: wrong enum', setup: replace('konzept/hf-arbeit.yaml', 'ebene: Leitziel', 'ebene: Oberziel'), expect: [E('konzept/hf-arbeit.yaml', '17:12', '„ebene“ hat den unzulässigen Wert „Oberziel“')], exit: 1 },
  { name: 'YAML: wrong type', setup: replace('konzept/hf-arbeit.yaml', 'indikatoren: [I-05, I-08]', 'indikatoren: I-05'), expect: [E('konzept/hf-arbeit.yaml', '25:18', '„indikatoren“ muss eine Liste sein')], exit: 1 },
  { name: 'YAML: impossible date', setup: replace('konzept/hf-arbeit.yaml', 'frist: 2021-12', 'frist: 2021-13-45'), expect: [E('konzept/hf-arbeit.yaml', '24:12', '2021-13-45')], exit: 1 },
  { name: 'YAML: missing required field', setup: write('konzept/x.yaml', 'akteure:\n  - id: A-X\n    art: Sonstige\n'), expect: [E('konzept/x.yaml', '2:\\d+', 'Pflichtfeld „name“ fehlt')], exit: 1 },
  { name: 'YAML: duplicate ID across files', setup: write('konzept/x.yaml', 'akteure:\n  - id: A-INTEG\n    name: Doppelt\n    art: Sonstige\n'), expect: [E('konzept/x.yaml', '2:9', 'doppelt vergeben')], exit: 1 },
  { name: 'YAML: unresolved reference with suggestion', setup: replace('konzept/hf-arbeit.yaml', 'indikatoren: [I-05, I-08]', 'indikatoren: [I-05, I-80]'), expect: [E('konzept/hf-arbeit.yaml', '25:25', 'Indikator „I-80“ ist nicht definiert \\(meinten Sie')], exit: 1 },
  { name: 'YAML: goal cycle', setup: write('konzept/x.yaml', 'ziele:\n  - id: Z-X1\n    titel: A\n    handlungsfeld: HF-ARB\n    ebene: Leitziel\n    oberziel: Z-X2\n  - id: Z-X2\n    titel: B\n    handlungsfeld: HF-ARB\n    ebene: Leitziel\n    oberziel: Z-X1\n'), expect: [E('konzept/x.yaml', '6:15', 'Kreis')], exit: 1 },
  { name: 'YAML: invalid UTF-8', setup: write('konzept/x.yaml', Buffer.from([0x61, 0x3a, 0x20, 0xc3, 0x28, 0x0a])), expect: [E('konzept/x.yaml', '1:4', 'nicht in UTF-8')], exit: 1 },
  { name: 'YAML: file larger than 5 MB', setup: write('konzept/x.yaml', `# ${'x'.repeat(5 * 1024 * 1024)}\n`), expect: [E('konzept/x.yaml', '1:1', 'größer als 5 MB')], exit: 1 },
  { name: 'YAML: ratsdoc.yaml missing', setup: async (dir) => fs.rm(c(dir, 'ratsdoc.yaml')), expect: [E('ratsdoc.yaml', '1:1', 'ratsdoc.yaml fehlt')], exit: 1 },
  // ---- front matter
  { name: 'front matter: not closed', setup: write('vorlagen/9-1.md', '---\nnummer: "9/1"\n'), expect: [E('vorlagen/9-1.md', '1:1', 'nicht mit einer Zeile „---“ geschlossen')], exit: 1 },
  { name: 'front matter: missing', setup: write('vorlagen/9-1.md', 'Nur Text.\n'), expect: [E('vorlagen/9-1.md', '1:1', 'Kopfteil fehlt')], exit: 1 },
  { name: 'front matter: number not quoted', setup: write('vorlagen/9-1.md', vorlage('').replace('"9/1"', '2021')), expect: [E('vorlagen/9-1.md', '2:9', 'Anführungszeichen')], exit: 1 },
  { name: 'front matter: duplicate Vorlage number', setup: write('vorlagen/9-1.md', vorlage('').replace('"9/1"', '"11/1481"')), expect: [E('vorlagen/9-1.md', '2:9', 'doppelt vergeben')], exit: 1 },
  { name: 'front matter: Ergänzungsvorlage without bezug', setup: write('vorlagen/9-1.md', vorlage('').replace('Mitteilungsvorlage', 'Ergänzungsvorlage')), expect: [E('vorlagen/9-1.md', '3:6', 'braucht „bezug“')], exit: 1 },
  { name: 'front matter: unknown bezug', setup: write('vorlagen/9-1.md', vorlage('bezug: "11/9999"\n')), expect: [E('vorlagen/9-1.md', '6:8', 'Vorlage „11/9999“ gibt es nicht')], exit: 1 },
  { name: 'front matter: wrong Zuständigkeit', setup: write('vorlagen/9-1.md', vorlage('beratungsfolge:\n  - gremium: Rat\n    zustaendigkeit: Beschluss\n')), expect: [E('vorlagen/9-1.md', '8:21', 'unzulässigen Wert „Beschluss“')], exit: 1 },
  { name: 'front matter: chapter without titel', setup: write('konzept/kapitel/einleitung.md', '---\nkurztitel: X\n---\nText\n'), expect: [E('konzept/kapitel/einleitung.md', '\\d+:\\d+', 'Pflichtfeld „titel“ fehlt')], exit: 1 },
  // ---- Markdown
  { name: 'Markdown: missing image', setup: write('vorlagen/9-1.md', vorlage('', '![Karte](anlagen/fehlt.png)\n')), expect: [E('vorlagen/9-1.md', '7:1', 'gibt es nicht')], exit: 1 },
  { name: 'Markdown: image outside the content folder', setup: write('vorlagen/9-1.md', vorlage('', '![Karte](../../etc/passwd.png)\n')), expect: [E('vorlagen/9-1.md', '7:1', 'außerhalb des Inhaltsordners')], exit: 1 },
  { name: 'Markdown: image from the net', setup: write('vorlagen/9-1.md', vorlage('', '![Karte](https://example.org/x.png)\n')), expect: [E('vorlagen/9-1.md', '7:1', 'keine Adressen im Netz')], exit: 1 },
  { name: 'Markdown: SVG image', setup: write('vorlagen/9-1.md', vorlage('', '![Karte](anlagen/karte.svg)\n')), expect: [E('vorlagen/9-1.md', '7:1', 'nur PNG- und JPEG')], exit: 1 },
  { name: 'Markdown: image without alt text is a warning only', setup: write('vorlagen/9-1.md', vorlage('', '![](anlagen/wappen.png)\n')), expect: [/vorlagen\/9-1\.md:7:1: Warnung: .*keinen Alternativtext/], exit: 0 },
  { name: 'Markdown: chapter in gliederung without file', setup: async (dir) => fs.rm(c(dir, 'konzept/kapitel/umsetzung.md')), expect: [E('konzept/konzept.yaml', '\\d+:\\d+', 'keine Datei konzept/kapitel/umsetzung.md')], exit: 1 },
  // ---- helpers
  { name: 'helper: unknown helper with suggestion', setup: write('vorlagen/9-1.md', vorlage('', '{{massnahme handlungsfeld="HF-ARB"}}\n')), expect: [E('vorlagen/9-1.md', '7:1', 'unbekannter Datenbaustein „massnahme“ \\(meinten Sie „massnahmen“\\?\\)')], exit: 1 },
  { name: 'helper: unknown ID', setup: write('vorlagen/9-1.md', vorlage('', '{{indikator "I-99"}}\n')), expect: [E('vorlagen/9-1.md', '7:1', 'Indikator „I-99“ ist nicht definiert')], exit: 1 },
  { name: 'helper: unknown argument', setup: write('vorlagen/9-1.md', vorlage('', '{{ziele feld="HF-ARB"}}\n')), expect: [E('vorlagen/9-1.md', '7:1', 'unbekannte Angabe „feld“')], exit: 1 },
  { name: 'helper: ID without quotes', setup: write('vorlagen/9-1.md', vorlage('', '{{indikator I-01}}\n')), expect: [E('vorlagen/9-1.md', '7:1', 'in Anführungszeichen')], exit: 1 },
  { name: 'helper: not closed', setup: write('vorlagen/9-1.md', vorlage('', 'Text {{zeitplan\n')), expect: [E('vorlagen/9-1.md', '7:6', 'nicht mit „}}“ geschlossen')], exit: 1 },
  { name: 'helper: prototype access attempt', setup: write('vorlagen/9-1.md', vorlage('', '{{constructor.constructor "return process"}}\n')), expect: [E('vorlagen/9-1.md', '7:1', 'unbekannter Datenbaustein')], exit: 1 },
  { name: 'helper: partial from content', setup: write('vorlagen/9-1.md', vorlage('', '{{> layout}}\n')), expect: [E('vorlagen/9-1.md', '7:1', 'kein Datenbaustein')], exit: 1 },
  { name: 'helper: inside running text', setup: write('vorlagen/9-1.md', vorlage('', 'Siehe {{zeitplan}} oben.\n')), expect: [E('vorlagen/9-1.md', '7:7', 'allein in einem eigenen Absatz')], exit: 1 },
  // ---- templates
  { name: 'templates: colour not a colour', command: 'build', setup: async (dir) => fs.writeFile(path.join(dir, 'templates/theme.yaml'), 'colors:\n  primary: blau\n'), expect: [/templates\/theme\.yaml:2:12: Fehler: Gestaltung: „primary“ muss eine Farbe/], exit: 1 },
  { name: 'templates: unknown key', command: 'build', setup: async (dir) => fs.writeFile(path.join(dir, 'templates/theme.yaml'), 'labels:\n  betref: Gegenstand\n'), expect: [/templates\/theme\.yaml:2:3: Fehler: Gestaltung: unbekanntes Feld „betref“ \(meinten Sie „betreff“\?\)/], exit: 1 },
  { name: 'templates: font file missing', command: 'build', setup: async (dir) => fs.writeFile(path.join(dir, 'templates/theme.yaml'), 'fonts:\n  DejaVu Sans:\n    normal: fonts/fehlt.ttf\n    bold: fonts/fehlt.ttf\n    italics: fonts/fehlt.ttf\n    bolditalics: fonts/fehlt.ttf\n'), expect: [/templates\/theme\.yaml:\d+:\d+: Fehler: Gestaltung: Schriftdatei „fonts\/fehlt\.ttf“/], exit: 1 },
  { name: 'templates: YAML syntax error', command: 'build', setup: async (dir) => fs.writeFile(path.join(dir, 'templates/theme.yaml'), 'page: [\n'), expect: [/templates\/theme\.yaml:\d+:\d+: Fehler: YAML-Syntaxfehler/], exit: 1 },
  { name: 'templates: wrong signature layout', command: 'build', setup: async (dir) => fs.writeFile(path.join(dir, 'templates/theme.yaml'), 'unterschriften:\n  layout: quer\n'), expect: [/templates\/theme\.yaml:2:11: Fehler: Gestaltung: „layout“ hat den unzulässigen Wert „quer“/], exit: 1 },
  // ---- file system
  { name: 'files: attachment outside the content folder', setup: write('vorlagen/9-1.md', vorlage('anlagen:\n  - titel: Geheim\n    datei: ../../etc/passwd\n')), expect: [E('vorlagen/9-1.md', '8:12', 'zeigt aus dem Inhaltsordner heraus')], exit: 1 },
  { name: 'files: absolute attachment path', setup: write('vorlagen/9-1.md', vorlage('anlagen:\n  - titel: Geheim\n    datei: /etc/passwd\n')), expect: [E('vorlagen/9-1.md', '8:12', 'absoluter Pfad')], exit: 1 },
  { name: 'files: symlink pointing outside', setup: async (dir) => { await fs.symlink('/etc/hostname', c(dir, 'anlagen/link.pdf')); await fs.writeFile(c(dir, 'vorlagen/9-1.md'), vorlage('anlagen:\n  - titel: Link\n    datei: anlagen/link.pdf\n')); }, expect: [E('vorlagen/9-1.md', '8:12', 'Symlink')], exit: 1 },
  { name: 'files: chapter is a symlink pointing outside', setup: async (dir) => { await fs.writeFile(path.join(dir, 'geheim.md'), '---\ntitel: Geheim\n---\nGEHEIM\n'); await fs.rm(c(dir, 'konzept/kapitel/umsetzung.md')); await fs.symlink(path.join(dir, 'geheim.md'), c(dir, 'konzept/kapitel/umsetzung.md')); }, expect: [E('konzept/kapitel/umsetzung.md', '1:1', 'Verweis \\(Symlink\\) aus dem Inhaltsordner heraus')], exit: 1 },
  { name: 'files: Wappen that is no image', command: 'build', setup: async (dir) => { await fs.copyFile(c(dir, 'anlagen/zuwendungsbescheid.pdf'), c(dir, 'anlagen/falsch.png')); await fs.writeFile(c(dir, 'ratsdoc.yaml'), (await fs.readFile(c(dir, 'ratsdoc.yaml'), 'utf8')).replace('anlagen/wappen.png', 'anlagen/falsch.png')); }, expect: [E('ratsdoc.yaml', '3:11', 'Wappen „anlagen/falsch.png“ ist kein PNG- oder JPEG-Bild')], exit: 1 },
  { name: 'Markdown: image that is no image', setup: async (dir) => { await fs.copyFile(c(dir, 'anlagen/zuwendungsbescheid.pdf'), c(dir, 'anlagen/falsch.png')); await fs.writeFile(c(dir, 'vorlagen/9-1.md'), vorlage('', '![Karte](anlagen/falsch.png)\n')); }, expect: [E('vorlagen/9-1.md', '7:1', 'kein PNG- oder JPEG-Bild')], exit: 1 },
  { name: 'files: missing attachment', setup: write('vorlagen/9-1.md', vorlage('anlagen:\n  - titel: Fehlt\n    datei: anlagen/fehlt.pdf\n')), expect: [E('vorlagen/9-1.md', '8:12', 'gibt es nicht')], exit: 1 },
  { name: 'files: missing Wappen', setup: replace('ratsdoc.yaml', 'anlagen/wappen.png', 'anlagen/fehlt.png'), expect: [E('ratsdoc.yaml', '3:11', 'Wappen „anlagen/fehlt.png“ gibt es nicht')], exit: 1 },
  { name: 'files: output folder below a file', command: 'build', setup: async (dir) => fs.writeFile(path.join(dir, 'blocker'), 'x'), expect: [/Ausgabeordner „[^“]*blocker\/out“ lässt sich nicht schreiben/], exit: 1 },
];

beforeAll(async () => {
  base = await fs.mkdtemp(path.join(os.tmpdir(), 'ratsdoc-corpus-'));
});

function run(args: string[]): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, output });
    });
  });
}

describe('bad inputs: German diagnostic with place, exit code, no stack trace', () => {
  it('has at least 40 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
    expect(new Set(CASES.map((k) => k.name)).size).toBe(CASES.length);
  });

  for (const [i, k] of CASES.entries()) {
    it.concurrent(k.name, async () => {
      const dir = path.join(base, `case-${i}`);
      await fs.mkdir(dir, { recursive: true });
      await fs.cp(FIXTURE_CONTENT, path.join(dir, 'content'), { recursive: true });
      await fs.cp(FIXTURE_TEMPLATES, path.join(dir, 'templates'), { recursive: true });
      await k.setup(dir);
      const content = path.join(dir, 'content');
      const args = k.command === 'build'
        ? ['build', '--content', content, '--templates', path.join(dir, 'templates'), '--out', k.name.startsWith('files: output') ? path.join(dir, 'blocker/out') : path.join(dir, 'out')]
        : ['check', '--content', content];
      const r = await run(args);
      const output = r.output.split(content + '/').join('').split(dir + '/').join('');
      for (const pattern of k.expect) expect(output, output).toMatch(pattern);
      expect(r.status, output).toBe(k.exit);
      expect(output).not.toMatch(/\n\s+at .*\.(js|ts):\d+/);
      expect(output).not.toContain('interner Fehler');
    });
  }
});
