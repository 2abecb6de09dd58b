/**
 * Reads a content folder as it was at a git revision, straight from the object database:
 * `git ls-tree -r -z` lists the folder, one `git cat-file --batch` process returns every text
 * blob into memory. Nothing is checked out and the working tree is not touched. The result is
 * a `ContentSource`, so the normal loader reads a revision exactly as it reads the disk.
 */
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ContentSource } from './load.js';
import { isInsideFolder, normaliseRelative } from './paths.js';

/** A problem with the call or the repository (not with the content): German message, exit 2. */
export class RevisionProblem extends Error {}

/** The repository that holds the content folder. */
export interface GitRepository {
  /** Absolute path of the working tree's top (as git reports it). */
  top: string;
  /** The content folder relative to `top`, with `/`; `''` when it is the top itself. */
  rel: string;
}

/** A resolved revision. */
export interface Commit {
  /** The revision as the user wrote it (`HEAD~1`, `main`, a hash). */
  rev: string;
  /** Full commit hash. */
  hash: string;
  /** Abbreviated hash as git abbreviates it in this repository. */
  short: string;
  /** First line of the commit message. */
  subject: string;
  /** Committer date, ISO (`2019-10-31`). */
  date: string;
}

interface GitResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

/** Runs git without a shell; `input` goes to stdin. */
function git(args: string[], cwd: string, input?: string): Promise<GitResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', args, {
      cwd,
      env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e: NodeJS.ErrnoException) => {
      reject(e.code === 'ENOENT' ? new RevisionProblem('git ist nicht installiert oder nicht im Suchpfad (PATH); „ratsdoc diff“ braucht git') : e);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') }));
    child.stdin.on('error', () => {}); // git may exit before reading all of stdin; the exit code tells
    child.stdin.end(input ?? '');
  });
}

/** Finds the repository holding `contentDir` (which need not exist in the working tree). */
export async function locateRepository(contentDir: string): Promise<GitRepository> {
  const abs = path.resolve(contentDir);
  // The folder may be missing from the working tree while it exists in the revisions compared:
  // ask git from the nearest folder that exists.
  let existing = abs;
  const tail: string[] = [];
  for (;;) {
    const st = await fs.stat(existing).catch(() => null);
    if (st?.isDirectory()) break;
    const parent = path.dirname(existing);
    if (parent === existing) throw new RevisionProblem(`Inhaltsordner „${contentDir}“ nicht gefunden`);
    tail.unshift(path.basename(existing));
    existing = parent;
  }
  const r = await git(['rev-parse', '--show-toplevel'], existing);
  const top = r.stdout.toString('utf8').trim();
  if (r.code !== 0 || !top) {
    throw new RevisionProblem(`Der Inhaltsordner „${contentDir}“ liegt in keinem git-Repository; „ratsdoc diff“ vergleicht Stände, die in git gespeichert sind`);
  }
  const realTop = await fs.realpath(top);
  const real = path.join(await fs.realpath(existing), ...tail);
  if (real !== realTop && !isInsideFolder(realTop, real)) {
    throw new RevisionProblem(`Der Inhaltsordner „${contentDir}“ liegt außerhalb des git-Repositorys ${top}`);
  }
  return { top: realTop, rel: path.relative(realTop, real).split(path.sep).join('/') };
}

/** Resolves a revision to a commit; an unknown revision is a `RevisionProblem`. */
export async function resolveCommit(repo: GitRepository, rev: string): Promise<Commit> {
  const unknown = () =>
    new RevisionProblem(`Revision „${rev}“ gibt es in diesem git-Repository nicht (möglich sind z. B. HEAD, HEAD~1, ein Branch, ein Tag oder ein Commit-Hash)`);
  if (!rev || rev.startsWith('-') || /[\u0000-\u001f]/.test(rev)) throw unknown();
  const r = await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], repo.top);
  const hash = r.stdout.toString('utf8').trim();
  if (r.code !== 0 || !/^[0-9a-f]{40,64}$/.test(hash)) throw unknown();
  const log = await git(['log', '-1', '--no-walk', '--format=%h%x00%s%x00%cs', hash, '--'], repo.top);
  const [short = hash.slice(0, 7), subject = '', date = ''] = log.stdout.toString('utf8').replace(/\n$/, '').split('\u0000');
  return { rev, hash, short, subject, date };
}

/** A followed path: the file it ends at, or why it ends nowhere. */
export type LinkTarget = { target: string } | { problem: 'outside' | 'missing' };

interface TreeEntry {
  mode: string;
  oid: string;
}

/** The content folder at one commit, in memory. */
export interface GitTreeSource extends ContentSource {
  /** The blob ID of every file, for comparing files ratsdoc does not read (Anlagen, images). */
  readonly blobIds: ReadonlyMap<string, string>;
  /** True when `rel` names a folder at that commit. */
  isFolder(rel: string): boolean;
  /** Where `rel` leads after following symbolic links inside the folder, as the disk would. */
  resolveLink(rel: string): Promise<LinkTarget>;
}

/** Text files the loader reads; their blobs are fetched up front in one `git cat-file --batch`. */
const PRELOAD = /\.(ya?ml|md)$/i;
const SYMLINK = '120000';

/**
 * Lists the content folder at `commit` and reads its text files. Throws a `RevisionProblem`
 * when the folder does not exist at that commit.
 */
export async function gitTreeSource(repo: GitRepository, commit: Commit, contentDir: string): Promise<GitTreeSource> {
  const args = ['ls-tree', '-r', '-z', '--full-tree', commit.hash];
  if (repo.rel) args.push('--', repo.rel);
  const r = await git(args, repo.top);
  if (r.code !== 0) throw new RevisionProblem(`git ls-tree ist fehlgeschlagen: ${r.stderr.trim()}`);
  const prefix = repo.rel ? `${repo.rel}/` : '';
  const entries = new Map<string, TreeEntry>();
  for (const record of r.stdout.toString('utf8').split('\u0000')) {
    if (!record) continue;
    const tab = record.indexOf('\t');
    const [mode, type, oid] = record.slice(0, tab).split(' ');
    const full = record.slice(tab + 1);
    if (type !== 'blob' || !full.startsWith(prefix)) continue;
    entries.set(full.slice(prefix.length), { mode, oid });
  }
  if (entries.size === 0) {
    const named = commit.hash.startsWith(commit.rev) ? `„${commit.rev}“` : `„${commit.rev}“ (${commit.short})`;
    throw new RevisionProblem(`Den Inhaltsordner „${contentDir}“ gibt es in Revision ${named} nicht`);
  }

  const wanted = [...entries].filter(([rel, e]) => PRELOAD.test(rel) || e.mode === SYMLINK).map(([, e]) => e.oid);
  const blobs = await catFileBatch(repo, wanted);
  const folders = new Set<string>();
  for (const rel of entries.keys()) {
    for (let d = path.posix.dirname(rel); d !== '.'; d = path.posix.dirname(d)) folders.add(d);
  }

  async function blob(oid: string): Promise<Buffer> {
    const cached = blobs.get(oid);
    if (cached) return cached;
    const more = await catFileBatch(repo, [oid]);
    const b = more.get(oid);
    if (!b) throw Object.assign(new Error(`blob ${oid} missing`), { code: 'ENOENT' });
    blobs.set(oid, b);
    return b;
  }

  /** Follows symbolic links inside the folder (as the disk does). */
  async function resolve(rel: string, depth = 0): Promise<LinkTarget> {
    const e = entries.get(rel);
    if (!e) return { problem: 'missing' };
    if (e.mode !== SYMLINK) return { target: rel };
    if (depth > 8) return { problem: 'missing' };
    const target = (await blob(e.oid)).toString('utf8');
    if (path.posix.isAbsolute(target)) return { problem: 'outside' };
    const next = normaliseRelative(path.posix.join(path.posix.dirname(rel), target));
    return next.ok ? resolve(next.norm, depth + 1) : { problem: 'outside' };
  }

  return {
    blobIds: new Map([...entries].map(([rel, e]) => [rel, e.oid])),
    isFolder: (rel) => folders.has(path.posix.normalize(rel).replace(/\/$/, '')),
    resolveLink: (rel) => resolve(rel),
    async list(sub, pattern) {
      const out: string[] = [];
      for (const rel of entries.keys()) {
        if (path.posix.dirname(rel) !== sub) continue;
        const name = path.posix.basename(rel);
        if (pattern.test(name) && !name.startsWith('.')) out.push(rel);
      }
      return out.sort();
    },
    async read(rel) {
      // As on disk, `./anlagen//a.pdf` reads `anlagen/a.pdf`.
      const r = await resolve(path.posix.normalize(rel));
      if (!('target' in r)) throw Object.assign(new Error(`${rel} not found`), { code: 'ENOENT' });
      return blob(entries.get(r.target)!.oid);
    },
    async exists(rel) {
      return entries.has(rel) || folders.has(rel);
    },
  };
}

/** Reads blobs with one `git cat-file --batch` process; returns oid → bytes. */
async function catFileBatch(repo: GitRepository, oids: string[]): Promise<Map<string, Buffer>> {
  const unique = [...new Set(oids)];
  const out = new Map<string, Buffer>();
  if (!unique.length) return out;
  const r = await git(['cat-file', '--batch'], repo.top, unique.map((o) => `${o}\n`).join(''));
  if (r.code !== 0) throw new RevisionProblem(`git cat-file ist fehlgeschlagen: ${r.stderr.trim()}`);
  const buf = r.stdout;
  let pos = 0;
  while (pos < buf.length) {
    const nl = buf.indexOf(0x0a, pos);
    if (nl === -1) break;
    const header = buf.subarray(pos, nl).toString('utf8').split(' ');
    pos = nl + 1;
    if (header[1] === 'missing' || header.length < 3) continue;
    const size = Number(header[2]);
    out.set(header[0], buf.subarray(pos, pos + size));
    pos += size + 1; // contents, then LF
  }
  return out;
}
