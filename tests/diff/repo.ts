/**
 * A real git repository in a temp folder for the diff tests: `git init`, a local user, the
 * example content copied in and committed; then edits and commits as an author would make
 * them. Commit dates are fixed so that hashes (and reports) are the same on every run.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIXTURE_CONTENT } from '../helpers/fixtures.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const EXAMPLE = FIXTURE_CONTENT;

const temps: string[] = [];

export async function tempDir(prefix = 'ratsdoc-diff-'): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

export async function cleanupTemp(): Promise<void> {
  await Promise.all(temps.splice(0).map((d) => fs.rm(d, { recursive: true, force: true })));
}

export class Repo {
  private commits = 0;

  private constructor(readonly dir: string) {}

  /** An empty repository with a local user. */
  static async init(): Promise<Repo> {
    const repo = new Repo(await tempDir());
    repo.git('init', '-q', '-b', 'main');
    repo.git('config', 'user.name', 'Testautorin');
    repo.git('config', 'user.email', 'test@example.org');
    repo.git('config', 'commit.gpgsign', 'false');
    return repo;
  }

  /** A repository holding a copy of the example content (or `source`) as `content/`, committed. */
  static async withContent(source = EXAMPLE): Promise<Repo> {
    const repo = await Repo.init();
    await fs.cp(source, repo.abs('content'), { recursive: true });
    repo.commit('Beispielinhalt');
    return repo;
  }

  abs(rel: string): string {
    return path.join(this.dir, rel);
  }

  git(...args: string[]): string {
    const n = this.commits;
    const date = `2019-11-${String(1 + n).padStart(2, '0')}T10:00:00+01:00`;
    return execFileSync('git', args, {
      cwd: this.dir,
      encoding: 'utf8',
      env: { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_CONFIG_NOSYSTEM: '1', HOME: this.dir },
    });
  }

  /** Stages everything and commits; returns the short hash. */
  commit(message: string): string {
    this.git('add', '-A');
    this.git('commit', '-q', '-m', message);
    this.commits++;
    return this.git('rev-parse', '--short', 'HEAD').trim();
  }

  async read(rel: string): Promise<string> {
    return fs.readFile(this.abs(rel), 'utf8');
  }

  async write(rel: string, text: string): Promise<void> {
    await fs.mkdir(path.dirname(this.abs(rel)), { recursive: true });
    await fs.writeFile(this.abs(rel), text);
  }

  /** Replaces the one occurrence of `from`; fails when it is not there exactly once. */
  async replace(rel: string, from: string, to: string): Promise<void> {
    const text = await this.read(rel);
    const first = text.indexOf(from);
    if (first === -1 || text.indexOf(from, first + 1) !== -1) throw new Error(`repo: „${from.slice(0, 60)}“ steht nicht genau einmal in ${rel}`);
    await this.write(rel, text.slice(0, first) + to + text.slice(first + from.length));
  }

  /** 1-based line of the first line that starts with `prefix` (so that tests follow edits of the example). */
  async lineOf(rel: string, prefix: string): Promise<number> {
    const i = (await this.read(rel)).split('\n').findIndex((l) => l.startsWith(prefix));
    if (i === -1) throw new Error(`repo: keine Zeile „${prefix}“ in ${rel}`);
    return i + 1;
  }

  /** Cuts the text between `from` (inclusive) and `until` (exclusive) out of a file and returns it. */
  async cut(rel: string, from: string, until: string): Promise<string> {
    const text = await this.read(rel);
    const i = text.indexOf(from);
    const j = text.indexOf(until, i + 1);
    if (i === -1 || j === -1) throw new Error(`repo: Ausschnitt ${from} … ${until} nicht in ${rel}`);
    await this.write(rel, text.slice(0, i) + text.slice(j));
    return text.slice(i, j);
  }
}

/** Runs the compiled CLI (`node bin/ratsdoc.js`) in `cwd`. */
export function ratsdoc(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/ratsdoc.js'), ...args], { cwd, encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
