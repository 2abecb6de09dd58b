/**
 * `compareRevisions`: reads both sides (git revision or working tree), runs the entity,
 * document and narrative diffs and the derived effects, and returns the report that every
 * formatter renders. Usage problems (no repository, unknown revision, missing folder) are
 * thrown as `RevisionProblem`; content errors are part of the report.
 */
import { ContentFolderMissing } from '../content/load.js';
import { COLLECTION_NAMES, type CollectionName } from '../model/schemas.js';
import { deriveEffects } from './derived.js';
import { diffDocuments, diffSettings } from './documents.js';
import { diffEntities } from './entities.js';
import { diffFiles } from './files.js';
import { locateRepository, resolveCommit, RevisionProblem } from '../content/git-source.js';
import { DIFF_FORMAT, type Counts, type DiffReport, type DocumentDiff, type EntityDiff, type RevisionReport } from './report.js';
import { diagnosticJson } from '../diagnostics/format.js';
import { loadCommit, loadWorkingTree, type Side } from './revision.js';
import type { Form } from '../theme/form.js';

export interface CompareOptions {
  /** The content folder as the user gave it. */
  content: string;
  /** Old revision. */
  oldRev: string;
  /** New revision; undefined: the working tree (uncommitted changes included). */
  newRev?: string;
  /** The Vorlage form whose declared fields both sides may use (from the current templates/). */
  form?: Form;
}

function count(list: Array<EntityDiff | DocumentDiff>): Counts {
  const c: Counts = { added: 0, removed: 0, changed: 0, renamed: 0 };
  for (const x of list) c[x.status]++;
  return c;
}

function revisionReport(side: Side): RevisionReport {
  const errors = side.diagnostics.filter((d) => d.severity === 'error');
  return { ...side.info, errors: errors.map(diagnosticJson), errorCount: errors.length, warningCount: side.diagnostics.length - errors.length };
}

/** Compares the content folder at two revisions. */
export async function compareRevisions(opts: CompareOptions): Promise<DiffReport> {
  const repo = await locateRepository(opts.content);
  const oldCommit = await resolveCommit(repo, opts.oldRev);
  const newCommit = opts.newRev === undefined ? null : await resolveCommit(repo, opts.newRev);
  const loadNew = newCommit
    ? loadCommit(repo, newCommit, opts.content, opts.form)
    : loadWorkingTree(opts.content, oldCommit.hash.length === 64 ? 'sha256' : 'sha1', opts.form).catch((err: unknown) => {
        if (err instanceof ContentFolderMissing) throw new RevisionProblem(`Den Inhaltsordner „${opts.content}“ gibt es im Arbeitsverzeichnis nicht`);
        throw err;
      });
  const [a, b] = await Promise.all([loadCommit(repo, oldCommit, opts.content, opts.form), loadNew]);
  const ents = diffEntities(a, b);
  const { settings, konzept } = diffSettings(a, b, ents);
  const kapitel = diffDocuments('kapitel', a, b, ents);
  const vorlagen = diffDocuments('vorlage', a, b, ents);
  const derived = deriveEffects(a, b, ents);
  const files = diffFiles(a.blobIds, b.blobIds, a.raw.display);

  const entities: Partial<Record<CollectionName, Counts>> = {};
  for (const name of COLLECTION_NAMES) {
    const list = ents.entities.filter((e) => e.collection === name);
    if (list.length) entities[name] = count(list);
  }
  const notCompared = [...ents.notCompared, ...kapitel.notCompared, ...vorlagen.notCompared];
  const identical =
    !settings.length && !konzept.length && !ents.entities.length && !kapitel.documents.length && !vorlagen.documents.length &&
    !files.length && !notCompared.length && !derived.newDiagnostics.length && !derived.resolvedDiagnostics.length;

  // The Handlungsfelder of the new side, then those only the old one has.
  const titles = new Map<string, string>();
  for (const hf of [...b.index.handlungsfelder.values(), ...a.index.handlungsfelder.values()]) if (!titles.has(hf.value.id)) titles.set(hf.value.id, hf.value.titel);

  return {
    format: DIFF_FORMAT,
    content: opts.content,
    old: revisionReport(a),
    new: revisionReport(b),
    identical,
    summary: { settings: settings.length, konzept: konzept.length, entities, kapitel: count(kapitel.documents), vorlagen: count(vorlagen.documents), files: files.length },
    settings,
    konzept,
    entities: ents.entities,
    kapitel: kapitel.documents,
    vorlagen: vorlagen.documents,
    files,
    derived,
    notCompared,
    handlungsfelder: [...titles].map(([id, title]) => ({ id, title })),
  };
}
