/**
 * Rules beyond shape: references, uniqueness, the goal tree, dates, files, helper calls (in
 * every Markdown text, see `helpers/check.ts`) and
 * the warnings of spec section 4. Each rule is `(model, index) => Diagnostic[]` and reports at
 * every referring site.
 */
import { CODES } from '../diagnostics/codes.js';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { diag, type Diagnostic } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../diagnostics/suggest.js';
import { formatPath } from '../diagnostics/zod.js';
import type { UnparsedFile } from '../content/load.js';
import { at, indexModel, type Located, type Model, type ModelIndex } from './model.js';
import { COLLECTION_NAMES, ENTITY_LABEL, type CollectionName } from './schemas.js';
import { periodEnd, periodStart } from './dates.js';
import { markdownTexts } from './markdown-fields.js';
import { checkHelpers } from '../helpers/check.js';
import { helpers, loadHelpers } from '../helpers/registry.js';
import { checkImages, hasImageSignature } from './images.js';
import { REFERENCE_FIELDS, valuesAt } from './fields.js';
import { berichtRules } from './rules-bericht.js';
import { isInsideFolder, normaliseRelative } from '../content/paths.js';
import { FormSchema, type Form } from '../theme/form.js';
import { anlagenModeOf, appendsToPdf, isPdfName } from './anlagen.js';
import { appendProblem, looksLikePdf } from './pdf-file.js';

type Rule = (model: Model, index: ModelIndex) => Diagnostic[];

function entityOf(collection: CollectionName, id: string): string {
  return `${ENTITY_LABEL[collection]} „${id}“`;
}

const uniqueIds: Rule = (model) => {
  const out: Diagnostic[] = [];
  for (const name of COLLECTION_NAMES) {
    const seen = new Map<string, Located<{ id: string }>>();
    for (const item of model.collections[name] as Located<{ id: string }>[]) {
      const first = seen.get(item.value.id);
      if (first) {
        const p = at(first, 'id');
        out.push(diag('error', CODES.duplicateId, item.file, at(item, 'id'), `ID ist doppelt vergeben; zuerst definiert in ${first.file}:${p.line}:${p.column}`, entityOf(name, item.value.id)));
      } else seen.set(item.value.id, item);
    }
  }
  return out;
};

const references: Rule = (model, index) => {
  const out: Diagnostic[] = [];
  for (const spec of REFERENCE_FIELDS) {
    const targets = index[spec.to] as Map<string, unknown>;
    for (const item of model.collections[spec.from] as Located<{ id: string }>[]) {
      for (const { value: id, sub } of valuesAt(item.value, spec.path)) {
        if (typeof id !== 'string') continue;
        const ref = { id, sub };
        if (targets.has(ref.id) || model.brokenIds[spec.to].has(ref.id) || inUnparsedFile(model, index, spec.to, ref.id)) continue;
        out.push(diag('error', CODES.unresolvedReference, item.file, at(item, ...ref.sub),
          `${ENTITY_LABEL[spec.to]} „${ref.id}“ ist nicht definiert${didYouMean(ref.id, targets.keys())} (${formatPath(ref.sub)})`,
          entityOf(spec.from, item.value.id)));
      }
    }
  }
  return out;
};

const goalTree: Rule = (model, index) => {
  const out: Diagnostic[] = [];
  for (const z of model.collections.ziele) {
    const ziel = z.value;
    if (!ziel.oberziel) {
      continue;
    }
    const ober = index.ziele.get(ziel.oberziel);
    if (!ober) continue; // reported by `references`
    if (ober.value.ebene !== 'Leitziel') {
      out.push(diag('error', CODES.oberzielNotLeitziel, z.file, at(z, 'oberziel'), `Oberziel „${ober.value.id}“ ist kein Leitziel, sondern ein ${ober.value.ebene}`, entityOf('ziele', ziel.id)));
    }
    if (ober.value.handlungsfeld !== ziel.handlungsfeld) {
      out.push(diag('error', CODES.oberzielOtherHandlungsfeld, z.file, at(z, 'oberziel'),
        `Oberziel „${ober.value.id}“ gehört zum Handlungsfeld „${ober.value.handlungsfeld}“, dieses Ziel zu „${ziel.handlungsfeld}“`, entityOf('ziele', ziel.id)));
    }
  }
  for (const z of model.collections.ziele) {
    if (z.value.ebene === 'Handlungsziel' && !z.value.oberziel) {
      out.push(diag('warning', CODES.handlungszielWithoutOberziel, z.file, at(z, 'ebene'), 'Handlungsziel ohne Oberziel (Leitziel); es erscheint ohne Einordnung', entityOf('ziele', z.value.id)));
    }
  }
  // Cycles: follow oberziel from every goal; a goal met twice closes a cycle.
  const reported = new Set<string>();
  for (const start of model.collections.ziele) {
    const chain: string[] = [];
    let cur: string | undefined = start.value.id;
    while (cur && !chain.includes(cur)) {
      chain.push(cur);
      cur = index.ziele.get(cur)?.value.oberziel;
    }
    if (cur && cur === start.value.id && !reported.has(start.value.id)) {
      const cycle = [...chain, cur];
      for (const id of chain) reported.add(id);
      for (const id of chain) {
        const z = index.ziele.get(id)!;
        out.push(diag('error', CODES.goalCycle, z.file, at(z, 'oberziel'), `Die Zielhierarchie enthält einen Kreis: ${cycle.join(' → ')}`, entityOf('ziele', id)));
      }
    }
  }
  return out;
};

const dates: Rule = (model) => {
  const out: Diagnostic[] = [];
  let zeitraum = model.konzept?.value.zeitraum;
  if (model.konzept && zeitraum && periodEnd(zeitraum.bis) < periodStart(zeitraum.von)) {
    out.push(diag('error', CODES.periodReversed, model.konzept.file, at(model.konzept, 'zeitraum', 'bis'), `Zeitraum endet (${zeitraum.bis}) vor seinem Beginn (${zeitraum.von})`, 'Konzept'));
    zeitraum = undefined; // no measure can lie within a reversed period: do not warn about each
  }
  for (const m of model.collections.massnahmen) {
    const { beginn, ende, id } = m.value;
    if (beginn && ende && periodEnd(ende) < periodStart(beginn)) {
      out.push(diag('error', CODES.periodReversed, m.file, at(m, 'ende'), `Ende (${ende}) liegt vor dem Beginn (${beginn})`, entityOf('massnahmen', id)));
      continue;
    }
    if (zeitraum && ((beginn && periodStart(beginn) < periodStart(zeitraum.von)) || (ende && periodEnd(ende) > periodEnd(zeitraum.bis)))) {
      out.push(diag('warning', CODES.periodOutsideKonzept, m.file, at(m, beginn && periodStart(beginn) < periodStart(zeitraum.von) ? 'beginn' : 'ende'),
        `Zeitraum ${beginn ?? '…'} bis ${ende ?? '…'} liegt nicht ganz im Zeitraum des Konzepts (${zeitraum.von} bis ${zeitraum.bis})`, entityOf('massnahmen', id)));
    }
  }
  for (const i of model.collections.interviews) {
    const z = i.value.zeitraum;
    if (z && periodEnd(z.bis) < periodStart(z.von)) out.push(diag('error', CODES.periodReversed, i.file, at(i, 'zeitraum', 'bis'), `Zeitraum endet (${z.bis}) vor seinem Beginn (${z.von})`, entityOf('interviews', i.value.id)));
  }
  return out;
};

const indicatorWarnings: Rule = (model) => {
  const out: Diagnostic[] = [];
  const used = new Set(model.collections.ziele.flatMap((z) => z.value.indikatoren ?? []));
  for (const ind of model.collections.indikatoren) {
    const v = ind.value;
    const entity = entityOf('indikatoren', v.id);
    if (v.zielwert && !v.basis) out.push(diag('warning', CODES.zielwertWithoutBasis, ind.file, at(ind, 'zielwert'), 'Zielwert ohne Ausgangswert (basis): die Entwicklung ist nicht messbar', entity));
    if (!used.has(v.id)) out.push(diag('warning', CODES.indicatorUnused, ind.file, at(ind, 'id'), 'Indikator wird von keinem Ziel verwendet', entity));
    if (v.richtung && v.basis && v.zielwert) {
      const up = v.zielwert.wert > v.basis.wert;
      const down = v.zielwert.wert < v.basis.wert;
      if ((v.richtung === 'steigend' && !up) || (v.richtung === 'fallend' && !down)) {
        out.push(diag('warning', CODES.richtungMismatch, ind.file, at(ind, 'richtung'),
          `Richtung „${v.richtung}“ passt nicht zu Ausgangswert ${v.basis.wert} und Zielwert ${v.zielwert.wert}`, entity));
      }
    }
  }
  return out;
};

const smartGoals: Rule = (model) => {
  const out: Diagnostic[] = [];
  const withMeasure = new Set(model.collections.massnahmen.flatMap((m) => m.value.ziele));
  for (const z of model.collections.ziele) {
    if (z.value.ebene !== 'Handlungsziel') continue;
    const entity = entityOf('ziele', z.value.id);
    if (!z.value.indikatoren?.length) out.push(diag('warning', CODES.goalWithoutIndicator, z.file, at(z, 'id'), 'Handlungsziel ohne Indikator: nicht messbar (SMART)', entity));
    if (!withMeasure.has(z.value.id)) out.push(diag('warning', CODES.goalWithoutMeasure, z.file, at(z, 'id'), 'Handlungsziel ohne Maßnahme: keine Maßnahme verfolgt es', entity));
  }
  return out;
};

const measureGoals: Rule = (model, index) => {
  const out: Diagnostic[] = [];
  for (const m of model.collections.massnahmen) {
    if (!index.handlungsfelder.has(m.value.handlungsfeld)) continue; // reported by `references`
    m.value.ziele.forEach((zid, i) => {
      const z = index.ziele.get(zid);
      if (z && z.value.handlungsfeld !== m.value.handlungsfeld) {
        out.push(diag('warning', CODES.measureGoalOtherHandlungsfeld, m.file, at(m, 'ziele', i),
          `Ziel „${zid}“ gehört zum Handlungsfeld „${z.value.handlungsfeld}“, die Maßnahme zu „${m.value.handlungsfeld}“`, entityOf('massnahmen', m.value.id)));
      }
    });
  }
  return out;
};

const gliederung: Rule = (model) => {
  const out: Diagnostic[] = [];
  const k = model.konzept;
  const hasCollections = COLLECTION_NAMES.some((n) => model.collections[n].length > 0);
  if (!k) {
    if (model.unusableFiles?.has('konzept/konzept.yaml')) return out; // exists, its errors are reported
    if ((hasCollections || model.kapitel.size > 0) && !out.length) {
      const first = model.collections.handlungsfelder[0] ?? model.collections.massnahmen[0];
      if (first) out.push(diag('error', CODES.konzeptMissing, first.file, { line: 1, column: 1 }, 'konzept/konzept.yaml fehlt: ohne sie hat das Konzept keinen Titel und keine Gliederung'));
    }
    return out;
  }
  const named = new Set<string>();
  k.value.gliederung.forEach((entry, i) => {
    if (typeof entry === 'object' && 'kapitel' in entry) {
      if (named.has(entry.kapitel)) out.push(diag('error', CODES.gliederungDuplicate, k.file, at(k, 'gliederung', i, 'kapitel'), `Kapitel „${entry.kapitel}“ steht mehrfach in der Gliederung`, 'Konzept'));
      named.add(entry.kapitel);
      if (!model.kapitel.has(entry.kapitel) && !model.unusableFiles?.has(`konzept/kapitel/${entry.kapitel}.md`)) {
        out.push(diag('error', CODES.kapitelMissing, k.file, at(k, 'gliederung', i, 'kapitel'),
          `Kapitel „${entry.kapitel}“ hat keine Datei konzept/kapitel/${entry.kapitel}.md${didYouMean(entry.kapitel, model.kapitel.keys())}`, 'Konzept'));
      }
    }
  });
  for (const kap of model.kapitel.values()) {
    if (!named.has(kap.name)) out.push(diag('warning', CODES.kapitelUnused, kap.file, { line: 1, column: 1 }, 'Kapitel steht nicht in der Gliederung von konzept.yaml und erscheint nicht im Konzept', `Kapitel „${kap.name}“`));
  }
  return out;
};

/** Output file name of a Vorlage: its number with `/` replaced by `-`. */
export function vorlageFileName(nummer: string): string {
  return nummer.replace(/[\/\\]/g, '-').replace(/[^A-Za-z0-9ÄÖÜäöüß._-]/g, '_');
}

const vorlagen: Rule = (model, index) => {
  const out: Diagnostic[] = [];
  const byNumber = new Map<string, (typeof model.vorlagen)[number]>();
  const byFileName = new Map<string, (typeof model.vorlagen)[number]>();
  for (const v of model.vorlagen) {
    const meta = v.meta.value;
    const entity = `Vorlage „${meta.nummer}“`;
    const first = byNumber.get(meta.nummer);
    if (first) {
      out.push(diag('error', CODES.duplicateVorlage, v.file, at(v.meta, 'nummer'), `Vorlagen-Nummer ist doppelt vergeben; zuerst in ${first.file}`, entity));
    } else {
      byNumber.set(meta.nummer, v);
      const fname = vorlageFileName(meta.nummer);
      const clash = byFileName.get(fname);
      if (clash) out.push(diag('error', CODES.vorlageFilenameClash, v.file, at(v.meta, 'nummer'), `ergibt denselben Dateinamen „${fname}“ wie Vorlage „${clash.meta.value.nummer}“ (${clash.file})`, entity));
      else byFileName.set(fname, v);
    }
    if (meta.klimarelevanz?.umfang && meta.klimarelevanz.auswirkung === 'keine') {
      out.push(diag('error', CODES.klimaUmfang, v.file, at(v.meta, 'klimarelevanz', 'umfang'), '„umfang“ ist nur bei auswirkung „positiv“ oder „negativ“ erlaubt', entity));
    }
    (meta.anlagen ?? []).forEach((a, i) => {
      const label = a.titel ?? a.bericht ?? a.datei ?? `Nr. ${i + 1}`;
      const kinds = (['konzept', 'bericht', 'datei'] as const).filter((k) => a[k] !== undefined && a[k] !== false);
      const named = (k: (typeof kinds)[number]) => (k === 'konzept' ? '„konzept: true“' : `„${k}“`);
      if (!kinds.length) out.push(diag('error', CODES.anlageEmpty, v.file, at(v.meta, 'anlagen', i), `Anlage „${label}“ braucht „datei: …“, „konzept: true“ oder „bericht: …“`, entity));
      if (kinds.length > 1) {
        const last = kinds[kinds.length - 1];
        out.push(diag('error', CODES.anlageBoth, v.file, at(v.meta, 'anlagen', i, last), `Anlage „${label}“ nennt sowohl ${named(last)} als auch ${named(kinds[0])}; bitte nur eines`, entity));
      }
      if (a.titel === undefined && a.bericht === undefined) out.push(diag('error', CODES.schema, v.file, at(v.meta, 'anlagen', i), `Anlage „${label}“: „titel“ fehlt`, entity));
      if (a.bericht !== undefined && !model.berichte.some((b) => b.name === a.bericht) && !model.unusableFiles?.has(`berichte/${a.bericht}.md`)) {
        out.push(diag('error', CODES.anlageBerichtMissing, v.file, at(v.meta, 'anlagen', i, 'bericht'),
          `Bericht „${a.bericht}“ gibt es nicht (erwartet: berichte/${a.bericht}.md)${didYouMean(a.bericht, model.berichte.map((b) => b.name))}`, entity));
      }
      if (a.konzept && !model.konzept && !model.unusableFiles?.has('konzept/konzept.yaml')) out.push(diag('error', CODES.anlageKonzeptMissing, v.file, at(v.meta, 'anlagen', i, 'konzept'), 'Das Konzept ist als Anlage genannt, es gibt aber kein konzept/konzept.yaml', entity));
    });
  }
  for (const v of model.vorlagen) {
    const meta = v.meta.value;
    const entity = `Vorlage „${meta.nummer}“`;
    if (meta.art === 'Ergänzungsvorlage' && !meta.bezug) {
      out.push(diag('error', CODES.bezugMissing, v.file, at(v.meta, 'art'), 'Eine Ergänzungsvorlage braucht „bezug“: die Nummer der Vorlage, die sie ergänzt', entity));
    }
    if (meta.bezug !== undefined) {
      if (meta.bezug === meta.nummer) out.push(diag('error', CODES.bezugSelf, v.file, at(v.meta, 'bezug'), 'Eine Vorlage kann sich nicht auf sich selbst beziehen', entity));
      else if (!byNumber.has(meta.bezug) && !model.brokenVorlagen?.has(meta.bezug) && !inUnparsedFile(model, index, 'vorlagen', meta.bezug)) out.push(diag('error', CODES.bezugUnresolved, v.file, at(v.meta, 'bezug'), `Bezug: Vorlage „${meta.bezug}“ gibt es nicht${didYouMean(meta.bezug, [...byNumber.keys()].filter((n) => n !== meta.nummer))}`, entity));
    }
  }
  return out;
};

const helperCalls: Rule = (model, index) => {
  const out: Diagnostic[] = [];
  for (const { src, entity, bericht } of markdownTexts(model)) out.push(...checkHelpers(src, entity, model, index, helpers, { bericht }), ...checkImages(src, entity, model));
  return out;
};

/** Why a file an author named may not be used, in the words of `check` and `diff` (`absolute`, `outside`: `normaliseRelative`). */
export const FILE_PROBLEM = {
  absolute: 'ist ein absoluter Pfad; erlaubt sind nur Pfade im Inhaltsordner (z. B. anlagen/datei.pdf)',
  outside: 'zeigt aus dem Inhaltsordner heraus; erlaubt sind nur Pfade im Inhaltsordner',
  link: 'ist ein Verweis (Symlink) aus dem Inhaltsordner heraus',
  missing: 'gibt es nicht',
  notFile: 'ist keine Datei',
} as const;

/**
 * The files the content names (the Wappen, the Anlagen), where `check` finds them: in the
 * content folder on disk, or in a commit's tree when `diff` loads a revision.
 */
export interface NamedFiles {
  /** Why `rel` cannot be used (outside the folder, missing, not a file), in `check`'s words; null if it can. */
  problem(rel: string): Promise<string | null>;
  /** The file's first `length` bytes, or all of them. */
  read(rel: string, length?: number): Promise<Uint8Array>;
}

/** The named files of the content folder at `root` on disk. */
export function diskFiles(root: string): NamedFiles {
  return {
    async problem(rel) {
      const relative = normaliseRelative(rel);
      if (!relative.ok) return FILE_PROBLEM[relative.reason];
      let real: string;
      try {
        real = await fs.realpath(path.join(root, relative.norm));
      } catch {
        return FILE_PROBLEM.missing;
      }
      const rootReal = await fs.realpath(root);
      if (real !== rootReal && !isInsideFolder(rootReal, real)) return FILE_PROBLEM.link;
      return (await fs.stat(real)).isFile() ? null : FILE_PROBLEM.notFile;
    },
    async read(rel, length) {
      if (length === undefined) return fs.readFile(path.join(root, rel));
      const handle = await fs.open(path.join(root, rel), 'r');
      try {
        const { buffer, bytesRead } = await handle.read(Buffer.alloc(length), 0, length, 0);
        return buffer.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    },
  };
}

async function files(model: Model, form: Form, named: NamedFiles): Promise<Diagnostic[]> {
  const out: Diagnostic[] = [];
  const jobs: Array<Promise<void>> = [];
  const wappen = model.config?.value.kommune.wappen;
  if (model.config && wappen) {
    jobs.push(named.problem(wappen).then(async (p) => {
      const problem = p ?? (hasImageSignature(await named.read(wappen, 8)) ? null : 'ist kein PNG- oder JPEG-Bild');
      if (problem) out.push(diag('error', CODES.fileInvalid, model.config!.file, at(model.config!, 'kommune', 'wappen'), `Wappen „${wappen}“ ${problem}`, 'Kommune'));
    }));
  }
  for (const v of model.vorlagen) {
    const entity = `Vorlage „${v.meta.value.nummer}“`;
    const mode = anlagenModeOf(form, v);
    (v.meta.value.anlagen ?? []).forEach((a, i) => {
      if (a.anhaengen && (!a.datei || !isPdfName(a.datei))) {
        const what = a.datei ? `„${a.datei}“ ist keine PDF-Datei` : 'nennt keine Datei';
        out.push(diag('error', CODES.anlageAppendNotPdf, v.file, at(v.meta, 'anlagen', i, 'anhaengen'), `Anlage ${i + 1} ${what}; angehängt werden nur PDF-Dateien („datei: ….pdf“)`, entity));
      }
      const datei = a.datei;
      if (!datei) return;
      jobs.push(named.problem(datei).then(async (p) => {
        const where = at(v.meta, 'anlagen', i, 'datei');
        if (p) return void out.push(diag('error', CODES.fileInvalid, v.file, where, `Anlage „${datei}“ ${p}`, entity));
        if (!isPdfName(datei)) return;
        const appends = appendsToPdf(a, mode);
        // The whole file only when it is to be appended; otherwise its first bytes suffice.
        const bytes = await named.read(datei, appends ? undefined : 1024);
        if (!looksLikePdf(bytes)) return void out.push(diag('error', CODES.fileInvalid, v.file, where, `Anlage „${datei}“ ist keine PDF-Datei, obwohl sie auf .pdf endet`, entity));
        const problem = appends ? await appendProblem(bytes) : null;
        if (problem) out.push(diag('error', CODES.anlageAppendUnreadable, v.file, where, `Anlage „${datei}“ ${problem}`, entity));
      }));
    });
  }
  await Promise.all(jobs);
  return out;
}

const RULES: Rule[] = [uniqueIds, references, goalTree, dates, indicatorWarnings, smartGoals, measureGoals, gliederung, vorlagen, helperCalls, ...berichtRules];

/** Runs every rule over a shape-valid model. */
/** Per run (keyed by its fresh index): the unparsed files whose IDs some reference named. */
const quietedFiles = new WeakMap<ModelIndex, Set<UnparsedFile>>();

/**
 * True when `id` stands in a file with a YAML syntax error: the reference is not reported as
 * missing (that would be a follow-on error), and the file is noted for one summary line.
 */
function inUnparsedFile(model: Model, index: ModelIndex, to: CollectionName | 'vorlagen', id: string): boolean {
  const file = to === 'vorlagen' ? model.unparsed?.vorlagen.get(id) : model.unparsed?.ids.get(`${to}\u0000${id}`);
  if (file) quietedFiles.get(index)?.add(file);
  return file !== undefined;
}

/** One line per unparsed file whose IDs were referenced: those references went unchecked. */
function referencesNotChecked(index: ModelIndex): Diagnostic[] {
  return [...(quietedFiles.get(index) ?? [])].map((u) =>
    diag('warning', CODES.referencesNotChecked, u.file, u,
      u.kind === 'vorlage'
        ? `Verweise (bezug) auf die Vorlage „${u.nummer}“ werden nicht geprüft, solange ihr Kopfteil nicht gelesen werden kann`
        : 'Verweise auf die IDs dieser Datei werden nicht geprüft, solange sie nicht gelesen werden kann'));
}

/**
 * Runs every rule; `form` says which Anlagen are appended (their PDFs must be readable), `named`
 * where the files the content names are read (default: the content folder on disk).
 */
export async function runRules(model: Model, form: Form = FormSchema.parse({}), named = diskFiles(model.root)): Promise<{ diagnostics: Diagnostic[]; index: ModelIndex }> {
  await loadHelpers();
  const index = indexModel(model);
  quietedFiles.set(index, new Set());
  const diagnostics = RULES.flatMap((rule) => rule(model, index));
  diagnostics.push(...referencesNotChecked(index));
  diagnostics.push(...(await files(model, form, named)));
  return { diagnostics, index };
}
