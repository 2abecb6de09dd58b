/**
 * Property-based: random and mutated input never makes the loader, the schemas or the rules
 * throw; every problem is a diagnostic with a place (line, column ≥ 1, inside the file) and a
 * German message. Runs the real loader on files held in memory (no temp folders) so that a
 * few hundred cases take seconds.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { decodeSource } from '../../src/content/source.js';
import { parseYaml } from '../../src/content/yaml.js';
import { loadContentFrom, type ContentSource } from '../../src/content/load.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { validateShapes } from '../../src/model/validate.js';
import { runRules } from '../../src/model/rules.js';
import { buildDocuments } from '../../src/document/build.js';
import { ThemeSchema } from '../../src/theme/theme.js';
import { promises as fs } from 'node:fs';
import { sortDiagnostics } from '../../src/diagnostics/diagnostic.js';
import { EXAMPLE, cleanupTemp, fixture } from './fixture.js';

afterAll(cleanupTemp);

const NUM_RUNS = 200;
const TIMEOUT = 60_000;

// ------------------------------------------------------------------ an in-memory loader

interface SourceFile {
  rel: string;
  text: string | Uint8Array;
}

function exampleFiles(): SourceFile[] {
  const out: SourceFile[] = [{ rel: 'ratsdoc.yaml', text: readFileSync(path.join(EXAMPLE, 'ratsdoc.yaml'), 'utf8') }];
  for (const sub of ['konzept', 'konzept/kapitel', 'vorlagen']) {
    for (const name of readdirSync(path.join(EXAMPLE, sub)).sort()) {
      if (/\.(ya?ml|md)$/.test(name)) out.push({ rel: `${sub}/${name}`, text: readFileSync(path.join(EXAMPLE, sub, name), 'utf8') });
    }
  }
  return out;
}
const FILES = exampleFiles();
const YAML_FILES = FILES.filter((f) => f.rel.endsWith('.yaml'));
const MD_FILES = FILES.filter((f) => f.rel.endsWith('.md'));

/**
 * The files as a `ContentSource` in memory: the real loader (`loadContentFrom`, the one
 * `check`, `build` and `diff` use) reads them, so the fuzzing exercises its decode, parse,
 * split and salvage steps, not a copy of them.
 */
function memorySource(files: SourceFile[]): ContentSource {
  const byRel = new Map(files.map((f) => [f.rel, typeof f.text === 'string' ? new TextEncoder().encode(f.text) : f.text]));
  return {
    async list(sub, pattern) {
      return [...byRel.keys()].filter((rel) => path.posix.dirname(rel) === sub && pattern.test(path.posix.basename(rel)) && !path.posix.basename(rel).startsWith('.')).sort();
    },
    async read(rel) {
      const bytes = byRel.get(rel);
      if (!bytes) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
      return bytes;
    },
    async exists(rel) {
      return byRel.has(rel) || [...byRel.keys()].some((k) => k.startsWith(`${rel}/`));
    },
  };
}

/** The content folder's name in messages (the in-memory files have no folder on disk). */
const SHOWN_AS = 'content';

async function checkInMemory(files: SourceFile[], root = EXAMPLE): Promise<Diagnostic[]> {
  const { model, diagnostics } = validateShapes(await loadContentFrom(memorySource(files), root, SHOWN_AS));
  const rules = await runRules(model);
  const all = [...diagnostics, ...rules.diagnostics];
  // Content that passes the checks goes on to the document builder, which must not crash either.
  if (!all.some((d) => d.severity === 'error')) all.push(...buildDocuments(model, rules.index, THEME).diagnostics);
  return all;
}

const THEME = ThemeSchema.parse({});

// ------------------------------------------------------------------ what a good diagnostic is

/** English words that must not appear in a message outside quoted values. */
const ENGLISH = /\b(the|is|not|expected|unexpected|undefined|invalid|error|cannot|can not|missing|found|must|should|at line)\b/i;

function linesOf(files: SourceFile[], file: string): number {
  const f = files.find((x) => `content/${x.rel}` === file);
  if (!f) return Infinity; // e.g. ratsdoc.yaml missing
  const text = typeof f.text === 'string' ? f.text : Buffer.from(f.text).toString('latin1');
  return text.split(/\r\n|\r|\n/).length;
}

function assertGood(d: Diagnostic, files: SourceFile[]): void {
  const where = `${d.file}:${d.line}:${d.column} ${d.message}`;
  expect(Number.isInteger(d.line) && d.line >= 1, where).toBe(true);
  expect(Number.isInteger(d.column) && d.column >= 1, where).toBe(true);
  expect(d.line <= linesOf(files, d.file), `${where} (line beyond the end of the file)`).toBe(true);
  expect(['error', 'warning']).toContain(d.severity);
  expect(typeof d.message === 'string' && d.message.trim().length > 0, where).toBe(true);
  expect(typeof d.code === 'string' && d.code.length > 0, where).toBe(true);
  const unquoted = d.message.replace(/„[^“]*“/g, '').replace(/\{\{[\s\S]*?\}\}/g, '').replace(/\([a-z]+(\[\d+\]|\.[a-z]+)*\)/gi, '');
  expect(ENGLISH.test(unquoted), `${where} (English in the message)`).toBe(false);
}

// ------------------------------------------------------------------ mutations

const RANDOM_SCALARS = [
  '', '~', 'null', '-1', '1e400', '0x1F', '.nan', '"x"', "'", '"', '[', ']', '{', '}', '[]', '{}', 'ja', 'true', '2021-13-45', '2019-02-30',
  '&a', '*a', '&a x', '!tag x', '!!binary x', '|', '>-', '- x', ': x', '#', '%', '@', '`', '{{', '}}', 'ä', '\u202e', '\uFEFF', '\t', 'a: b: c',
];

type Mutation = (lines: string[]) => string[];

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map((i) => (l: string[]) => l.filter((_, j) => j !== i % Math.max(1, l.length))),
  fc.nat().map((i) => (l: string[]) => { const k = i % Math.max(1, l.length); return [...l.slice(0, k + 1), l[k] ?? '', ...l.slice(k + 1)]; }),
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => (l: string[]) => {
    const c = [...l];
    const i = a % Math.max(1, c.length);
    const j = b % Math.max(1, c.length);
    [c[i], c[j]] = [c[j], c[i]];
    return c;
  }),
  fc.tuple(fc.nat(), fc.integer({ min: -4, max: 4 })).map(([i, d]) => (l: string[]) =>
    l.map((line, j) => (j === i % Math.max(1, l.length) ? (d >= 0 ? ' '.repeat(d) + line : line.replace(new RegExp(`^ {0,${-d}}`), '')) : line)),
  ),
  fc.tuple(fc.nat(), fc.nat(), fc.string({ minLength: 1, maxLength: 5, unit: 'binary' })).map(([i, p, s]) => (l: string[]) =>
    l.map((line, j) => (j === i % Math.max(1, l.length) ? line.slice(0, p % (line.length + 1)) + s + line.slice(p % (line.length + 1)) : line)),
  ),
  fc.tuple(fc.nat(), fc.oneof(fc.constantFrom(...RANDOM_SCALARS), fc.string({ maxLength: 8 }))).map(([i, v]) => (l: string[]) => {
    const withValue = l.map((line, j) => ({ line, j })).filter(({ line }) => /^\s*(- )?[A-Za-zäöü_]+:\s+\S/.test(line));
    if (!withValue.length) return l;
    const { j } = withValue[i % withValue.length];
    return l.map((line, k) => (k === j ? line.replace(/:\s+.*$/, `: ${v}`) : line));
  }),
  fc.constant((l: string[]) => l.map((line) => line.replace(/\n?$/, '\r'))),
);

/** A file of the example with 1–4 mutations applied. */
function mutatedFile(pool: SourceFile[]): fc.Arbitrary<SourceFile> {
  return fc.tuple(fc.constantFrom(...pool), fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([f, ms]) => {
    let lines = (f.text as string).split('\n');
    for (const m of ms) lines = m(lines);
    return { rel: f.rel, text: lines.join('\n') };
  });
}

function replaced(file: SourceFile): SourceFile[] {
  return FILES.map((f) => (f.rel === file.rel ? file : f));
}

// ------------------------------------------------------------------ properties

describe('never throws, only diagnostics', () => {
  test('random strings as YAML', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.string({ maxLength: 200, unit: 'grapheme' }), fc.string({ maxLength: 200, unit: 'binary' })), (text) => {
        const decoded = decodeSource(new TextEncoder().encode(text));
        if (!decoded.ok) return;
        const r = parseYaml(decoded.source);
        if (!r.ok) assertGood({ severity: 'error', code: 'yaml-syntax', file: 'content/konzept/x.yaml', ...r.position, message: r.reason }, [{ rel: 'konzept/x.yaml', text }]);
      }),
      { numRuns: NUM_RUNS * 5 },
    );
  }, TIMEOUT);

  test('random bytes: UTF-8 or an encoding diagnostic with a place', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const d = decodeSource(bytes);
        if (!d.ok) assertGood({ severity: 'error', code: 'file-encoding', file: 'content/x.yaml', ...d.position, message: d.reason }, [{ rel: 'x.yaml', text: bytes }]);
      }),
      { numRuns: NUM_RUNS * 5 },
    );
  }, TIMEOUT);

  test('random YAML-ish text as a collection file goes through schemas and rules', async () => {
    const token = fc.constantFrom('handlungsfelder:', 'ziele:', 'massnahmen:', '  - id: X', '    titel: T', '    ziele: [Z-ARB-1.1', '    handlungsfeld: HF-ARB', '  -', ':', ' ', '\n', '&a', '*a', '[', ']', '{', '}', '"', '#', ...RANDOM_SCALARS);
    await fc.assert(
      fc.asyncProperty(fc.array(token, { maxLength: 40 }), async (tokens) => {
        const file = { rel: 'konzept/zufall.yaml', text: tokens.join('') };
        const files = [...FILES, file];
        for (const d of await checkInMemory(files)) assertGood(d, files);
      }),
      { numRuns: NUM_RUNS, interruptAfterTimeLimit: TIMEOUT - 10_000 },
    );
  }, TIMEOUT);

  test('mutated YAML files of the example', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedFile(YAML_FILES), async (file) => {
        const files = replaced(file);
        for (const d of await checkInMemory(files)) assertGood(d, files);
      }),
      { numRuns: NUM_RUNS, interruptAfterTimeLimit: TIMEOUT - 10_000 },
    );
  }, TIMEOUT);

  test('mutated Vorlagen and chapters of the example (front matter and helper calls)', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedFile(MD_FILES), async (file) => {
        const files = replaced(file);
        for (const d of await checkInMemory(files)) assertGood(d, files);
      }),
      { numRuns: NUM_RUNS, interruptAfterTimeLimit: TIMEOUT - 10_000 },
    );
  }, TIMEOUT);

  test('the in-memory loader agrees with the example check (sanity)', async () => {
    const found = await checkInMemory(FILES);
    expect(found.map((d) => d.code).sort()).toEqual(['period-outside-konzept', 'period-outside-konzept', 'period-outside-konzept']);
  });

  test('in memory and on disk give the same diagnostics, also for a file that does not parse', async () => {
    const f = await fixture('musterstadt');
    await f.replace('konzept/akteure.yaml', '    name: Volkshochschule Musterstadt\n', '    name: [Volkshochschule\n');
    await f.write('vorlagen/3-2024.md', '\uFEFF---\r\nnummer: "3/2024"\r\nart: Mitteilungsvorlage\r\nbetreff: x\r\nbeschlussvorschlag: Kenntnisnahme\r\n---\r\nText\r\n');
    const files: SourceFile[] = [];
    const walk = async (sub: string): Promise<void> => {
      for (const e of await fs.readdir(f.abs(sub), { withFileTypes: true })) {
        const rel = sub ? `${sub}/${e.name}` : e.name;
        if (e.isDirectory()) await walk(rel);
        else files.push({ rel, text: new Uint8Array(await fs.readFile(f.abs(rel))) });
      }
    };
    await walk('');
    const onDisk = (await f.check()).map((d) => `${d.file}:${d.line}:${d.column} ${d.code} ${d.message}`);
    const inMemory = sortDiagnostics((await checkInMemory(files, f.dir)).map((d) => ({ ...d, file: d.file.replace(/^content\//, '') })))
      .map((d) => `${d.file}:${d.line}:${d.column} ${d.code} ${d.message}`);
    expect(onDisk.length).toBeGreaterThan(0);
    expect(inMemory).toEqual(onDisk);
  });
});
