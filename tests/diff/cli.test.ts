/**
 * `ratsdoc diff` as a user runs it (`node bin/ratsdoc.js diff …`): exit codes (0 no
 * differences, 1 differences, 2 usage), the four formats on stdout, and the German messages for
 * an unknown revision, a folder outside git and a content folder missing at a revision.
 * Builds dist/ first when it is older than src/.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, promises as fs, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureDist } from '../helpers/dist.js';
import { cleanupTemp, Repo, ratsdoc, ROOT, tempDir } from './repo.js';
import { FIXTURE_CONTENT } from '../helpers/fixtures.js';

const NO_STACK = /\n\s+at |Error:|node:internal|\.js:\d+/;


let repo: Repo;
let m08 = 0;

beforeAll(async () => {
  ensureDist();
  repo = await Repo.withContent();
  m08 = await repo.lineOf('content/konzept/hf-arbeit.yaml', '  - id: M-08');
  await repo.replace('content/konzept/hf-arbeit.yaml', '{ betrag: 7500, finanzierung: Fördermittel', '{ betrag: 9000, finanzierung: Fördermittel');
  repo.commit('Kosten M-08');
}, 120_000);

afterAll(cleanupTemp);

describe('ratsdoc diff', () => {
  test('differences: exit 1 in every format; text is plain when piped', () => {
    for (const format of ['text', 'markdown', 'html', 'json']) {
      const r = ratsdoc(['diff', 'HEAD~1', 'HEAD', '--format', format], repo.dir);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(1);
      expect(r.stdout.replace(/\u00a0/g, ' ')).toContain(format === 'json' ? '"delta": 1500' : '+1.500,00 €');
    }
    const text = ratsdoc(['diff', 'HEAD~1', 'HEAD'], repo.dir);
    expect(text.stdout).not.toContain('\x1b[');
    expect(text.stdout.startsWith(`Änderungsbericht: HEAD~1 (`)).toBe(true);
  });

  test('no differences: exit 0; the working tree is the default second revision', () => {
    const r = ratsdoc(['diff', 'HEAD'], repo.dir);
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain('→ Arbeitsverzeichnis\n');
    expect(r.stdout).toContain('Keine Unterschiede.');
  });

  test('--content names the folder; a relative path from a subfolder works', async () => {
    await repo.write('unter/.keep', '');
    const r = ratsdoc(['diff', 'HEAD~1', '--content', '../content'], repo.abs('unter'));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Inhaltsordner: ../content');
    expect(r.stdout.replace(/\u00a0/g, ' ')).toContain(`../content/konzept/hf-arbeit.yaml:${m08}`);
  });

  test('an unknown revision: exit 2, German, no stack trace', () => {
    const r = ratsdoc(['diff', 'gibtsnicht'], repo.dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('ratsdoc: Revision „gibtsnicht“ gibt es in diesem git-Repository nicht (möglich sind z. B. HEAD, HEAD~1, ein Branch, ein Tag oder ein Commit-Hash)\n');
    expect(ratsdoc(['diff', 'HEAD~1', 'HEAD~99'], repo.dir).stderr).toContain('Revision „HEAD~99“ gibt es in diesem git-Repository nicht');
  });

  test('a content folder that is not in a git repository: exit 2', async () => {
    const dir = await tempDir();
    await fs.cp(FIXTURE_CONTENT, path.join(dir, 'content'), { recursive: true });
    const out = ratsdoc(['diff', 'HEAD'], dir, { GIT_CEILING_DIRECTORIES: path.dirname(dir) });
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toBe('ratsdoc: Der Inhaltsordner „content“ liegt in keinem git-Repository; „ratsdoc diff“ vergleicht Stände, die in git gespeichert sind\n');
  });

  test('a content folder missing at a revision: exit 2, naming the revision', async () => {
    const r2 = await Repo.init();
    await r2.write('README.md', 'Noch kein Inhalt\n');
    r2.commit('Anfang');
    await fs.cp(FIXTURE_CONTENT, r2.abs('content'), { recursive: true });
    const first = r2.git('rev-parse', '--short', 'HEAD').trim();
    r2.commit('Inhalt');
    const r = ratsdoc(['diff', 'HEAD~1'], r2.dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`ratsdoc: Den Inhaltsordner „content“ gibt es in Revision „HEAD~1“ (${first}) nicht\n`);
    // Missing in the working tree (deleted, not committed): both revisions from git still work.
    await fs.rm(r2.abs('content'), { recursive: true });
    expect(ratsdoc(['diff', 'HEAD'], r2.dir)).toMatchObject({ code: 2, stderr: 'ratsdoc: Den Inhaltsordner „content“ gibt es im Arbeitsverzeichnis nicht\n' });
    const both = ratsdoc(['diff', 'HEAD', 'HEAD'], r2.dir);
    expect(both).toMatchObject({ code: 0, stderr: '' });
  });

  test('wrong calls: exit 2 with a hint to --help', () => {
    expect(ratsdoc(['diff'], repo.dir)).toMatchObject({ code: 2, stdout: '', stderr: 'ratsdoc: diff braucht mindestens einen git-Stand, z. B. „npx ratsdoc diff HEAD“ oder „npx ratsdoc diff main HEAD“\nHilfe: npx ratsdoc --help\n' });
    expect(ratsdoc(['diff', 'HEAD', '--format', 'docx'], repo.dir)).toMatchObject({ code: 2, stderr: 'ratsdoc: unbekanntes Format „docx“ (erlaubt: text, markdown, html, json, pdf)\nHilfe: npx ratsdoc --help\n' });
    expect(ratsdoc(['diff', 'HEAD~1', 'HEAD', 'HEAD'], repo.dir).stderr).toBe('ratsdoc: unerwartete Angabe „HEAD“ (diff vergleicht zwei Stände)\nHilfe: npx ratsdoc --help\n');
    for (const args of [['diff', 'gibtsnicht'], ['diff', '--format', 'xml', 'HEAD'], ['diff', 'HEAD', '--content', 'fehlt']]) {
      const r = ratsdoc(args, repo.dir);
      expect(r.code).toBe(2);
      expect(r.stderr).not.toMatch(NO_STACK);
    }
  });

  test('the help names the command and its exit codes', () => {
    const r = ratsdoc(['--help'], repo.dir);
    expect(r.stdout).toContain('diff    REV-A [REV-B] [--content ORDNER] [--format text|markdown|html|json|pdf]');
    expect(r.stdout).toContain('diff: 0 keine Unterschiede, 1 Unterschiede gefunden');
  });
});
