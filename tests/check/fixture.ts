/**
 * Test fixtures for `ratsdoc check`: a copy of the example content in a temp folder, changed
 * by a few edits, then checked. Diagnostics come back with `file` relative to the copy so
 * that tests can assert exact places (`konzept/hf-arbeit.yaml:7:5`).
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkContent } from '../../src/model/check.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import type { Form } from '../../src/theme/form.js';
import { formatDiagnosticLine } from '../../src/diagnostics/format.js';
import { FIXTURE_CONTENT } from '../helpers/fixtures.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const EXAMPLE = FIXTURE_CONTENT;
export const FIXTURES = path.join(ROOT, 'tests/fixtures');

/** A diagnostic with its file relative to the content folder. */
export type Found = Diagnostic;

/** Makes a fresh temp folder (removed by `cleanupTemp`). */
const temps: string[] = [];
export async function tempDir(prefix = 'ratsdoc-test-'): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

export async function cleanupTemp(): Promise<void> {
  await Promise.all(temps.splice(0).map((d) => fs.rm(d, { recursive: true, force: true })));
}

/** A content folder under test. */
export class Fixture {
  constructor(
    /** Parent temp folder (for files outside the content folder). */
    readonly base: string,
    /** The content folder. */
    readonly dir: string,
  ) {}

  abs(rel: string): string {
    return path.join(this.dir, rel);
  }

  async read(rel: string): Promise<string> {
    return fs.readFile(this.abs(rel), 'utf8');
  }

  async write(rel: string, content: string | Uint8Array): Promise<this> {
    await fs.mkdir(path.dirname(this.abs(rel)), { recursive: true });
    await fs.writeFile(this.abs(rel), content);
    return this;
  }

  /** Replaces the one occurrence of `from` in a file; fails the test if it is not exactly once there. */
  async replace(rel: string, from: string, to: string): Promise<this> {
    const text = await this.read(rel);
    const first = text.indexOf(from);
    if (first === -1 || text.indexOf(from, first + 1) !== -1) {
      throw new Error(`fixture: „${from}“ steht nicht genau einmal in ${rel}`);
    }
    await fs.writeFile(this.abs(rel), text.slice(0, first) + to + text.slice(first + from.length));
    return this;
  }

  async append(rel: string, text: string): Promise<this> {
    await fs.appendFile(this.abs(rel), text);
    return this;
  }

  async remove(rel: string): Promise<this> {
    await fs.rm(this.abs(rel), { recursive: true, force: true });
    return this;
  }

  async symlink(target: string, rel: string): Promise<this> {
    await fs.symlink(target, this.abs(rel));
    return this;
  }

  /** Runs the checker (with the city form `form`, if given); files in the result are relative to the content folder. */
  async check(form?: Form): Promise<Found[]> {
    const { diagnostics } = await checkContent(this.dir, form);
    return diagnostics.map((d) => ({ ...d, file: this.rel(d.file) }));
  }

  /** Diagnostics that the unchanged example does not have (its three intended warnings are removed). */
  async newDiagnostics(): Promise<Found[]> {
    const base = new Set((await exampleBaseline()).map(formatDiagnosticLine));
    return (await this.check()).filter((d) => !base.has(formatDiagnosticLine(d)));
  }

  rel(file: string): string {
    const prefix = this.dir.split(path.sep).join('/') + '/';
    return file.startsWith(prefix) ? file.slice(prefix.length) : file;
  }
}

let baseline: Promise<Found[]> | undefined;
/** The example's own diagnostics, relative file names. */
export function exampleBaseline(): Promise<Found[]> {
  const prefix = EXAMPLE.split(path.sep).join('/') + '/';
  baseline ??= checkContent(EXAMPLE).then((r) => r.diagnostics.map((d) => ({ ...d, file: d.file.startsWith(prefix) ? d.file.slice(prefix.length) : d.file })));
  return baseline;
}

/** A copy of the example content (`content/`) in a temp folder. */
export async function example(): Promise<Fixture> {
  const base = await tempDir();
  const dir = path.join(base, 'content');
  await fs.cp(EXAMPLE, dir, { recursive: true });
  return new Fixture(base, dir);
}

/** A copy of `tests/fixtures/<name>/` in a temp folder. */
export async function fixture(name: string): Promise<Fixture> {
  const base = await tempDir();
  const dir = path.join(base, 'content');
  await fs.cp(path.join(FIXTURES, name), dir, { recursive: true });
  return new Fixture(base, dir);
}

/** Compact form for exact assertions: `file:line:column code severity entity: message`. */
export function brief(d: Found): string {
  return `${d.file}:${d.line}:${d.column} ${d.code} ${d.severity} ${d.entity ?? '-'}: ${d.message}`;
}

/** Line and column (1-based) of the first occurrence of `needle` in `text`, plus `shift` characters. */
export function locate(text: string, needle: string, shift = 0): { line: number; column: number } {
  const norm = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const i = norm.indexOf(needle);
  if (i === -1) throw new Error(`locate: „${needle}“ nicht gefunden`);
  const before = norm.slice(0, i + shift);
  const line = before.split('\n').length;
  return { line, column: i + shift - before.lastIndexOf('\n') };
}
