/**
 * One side of a comparison: the content folder at a git revision or in the working tree,
 * loaded and validated with the normal loader, schemas and rules. A side whose content does
 * not validate is still returned (with its diagnostics): the diff compares what it can.
 */
import path from 'node:path';
import { CODES } from '../diagnostics/codes.js';
import { loadContent, loadContentFrom, type RawContent } from '../content/load.js';
import { sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { normaliseRelative } from '../content/paths.js';
import type { Model, ModelIndex } from '../model/model.js';
import { FILE_PROBLEM, runRules, type NamedFiles } from '../model/rules.js';
import { validateShapes } from '../model/validate.js';
import type { Form } from '../theme/form.js';
import { gitTreeSource, type Commit, type GitRepository, type GitTreeSource } from '../content/git-source.js';
import type { RevisionInfo } from './report.js';
import { diskBlobIds } from './files.js';

/** A loaded side. */
export interface Side {
  info: RevisionInfo;
  raw: RawContent;
  model: Model;
  index: ModelIndex;
  /** Every error and warning of this side, sorted. */
  diagnostics: Diagnostic[];
  /** Files (as displayed) that exist but could not be read or parsed: their entities are not compared. */
  unreadable: ReadonlySet<string>;
  /** Git blob ID of every file of the content folder (relative path → ID). */
  blobIds: ReadonlyMap<string, string>;
}

/** Loader diagnostics that mean a file's content is unknown (not merely invalid). */
const UNREADABLE_CODES = new Set<string>([CODES.fileUnreadable, CODES.fileEncoding, CODES.yamlSyntax, CODES.frontmatterUnclosed]);

async function finish(info: RevisionInfo, raw: RawContent, tree: GitTreeSource | null, blobIds: ReadonlyMap<string, string>, form: Form | undefined): Promise<Side> {
  const { model, diagnostics } = validateShapes(raw, form);
  // At a revision the Wappen and Anlagen that count are those of the revision's tree.
  const rules = await runRules(model, undefined, tree ? treeFiles(tree) : undefined);
  const unreadable = new Set(raw.diagnostics.filter((d) => UNREADABLE_CODES.has(d.code)).map((d) => d.file));
  return { info, raw, model, index: rules.index, diagnostics: sortDiagnostics([...diagnostics, ...rules.diagnostics]), unreadable, blobIds };
}

/**
 * The content folder as it is on disk now, uncommitted changes included (untracked files too:
 * what `build` would read). `algorithm` is the repository's object hash, for comparing files.
 */
export async function loadWorkingTree(contentDir: string, algorithm: 'sha1' | 'sha256', form?: Form): Promise<Side> {
  const raw = await loadContent(contentDir);
  const blobIds = await diskBlobIds(raw.root, algorithm);
  return finish({ rev: null, hash: null, short: null, subject: null, date: null, label: 'Arbeitsverzeichnis' }, raw, null, blobIds, form);
}

/** The content folder at a commit, read from git into memory. */
export async function loadCommit(repo: GitRepository, commit: Commit, contentDir: string, form?: Form): Promise<Side> {
  const tree = await gitTreeSource(repo, commit, contentDir);
  const raw = await loadContentFrom(tree, path.resolve(contentDir), contentDir);
  const info: RevisionInfo = {
    rev: commit.rev, hash: commit.hash, short: commit.short, subject: commit.subject, date: commit.date,
    label: commit.hash.startsWith(commit.rev) ? commit.short : `${commit.rev} (${commit.short})`,
  };
  return finish(info, raw, tree, tree.blobIds, form);
}

/** The files a revision's content names, with the same messages as on disk (rules.ts `diskFiles`). */
function treeFiles(tree: GitTreeSource): NamedFiles {
  return {
    async problem(rel) {
      const relative = normaliseRelative(rel);
      if (!relative.ok) return FILE_PROBLEM[relative.reason];
      if (tree.isFolder(relative.norm)) return FILE_PROBLEM.notFile;
      // A path the commit does not have resolves to `missing`.
      const r = await tree.resolveLink(relative.norm);
      if ('problem' in r) return r.problem === 'outside' ? FILE_PROBLEM.link : FILE_PROBLEM.missing;
      return null;
    },
    read: async (rel, length) => (await tree.read(rel)).subarray(0, length),
  };
}
