/**
 * Documents: ratsdoc.yaml, konzept.yaml (Titel, Stand, Gliederung …), the chapters and the
 * Vorlagen. Chapters are matched by file name, Vorlagen by their number; a chapter or a
 * Vorlage that got a new name or number but kept its text is reported as renamed. Front
 * matter is compared field by field, the body (chapter text, Sachdarstellung) by paragraph.
 */
import type { RawMarkdownFile } from '../content/load.js';
import { compareNatural } from '../render/html/natural-sort.js';
import { diffFields } from './fields.js';
import { diffMarkdown, markdownBlocks } from './narrative.js';
import type { DocumentDiff, FieldChange, Json, NotCompared } from './report.js';
import type { Side } from './revision.js';
import { fieldContext, matchByKey, RENAME_THRESHOLD, type EntityComparison } from './entities.js';
import { isRecord, omit, similarity } from './similarity.js';

function yamlValue(side: Side, kind: 'config' | 'konzept'): unknown {
  return side.raw.yamlFiles.find((f) => f.kind === kind)?.value;
}

/** A Gliederung entry as one item: `Kapitel einleitung`, `handlungsfelder`, `Anhang indikatoren/akteure`. */
function gliederungLabel(entry: unknown): Json {
  if (typeof entry === 'string') return entry;
  if (isRecord(entry) && typeof entry.kapitel === 'string') return `Kapitel ${entry.kapitel}`;
  if (isRecord(entry) && Array.isArray(entry.anhang)) return `Anhang ${entry.anhang.join('/')}`;
  return JSON.stringify(entry) ?? '';
}

function konzeptValue(side: Side): unknown {
  const v = yamlValue(side, 'konzept');
  if (!isRecord(v) || !isRecord(v.konzept)) return undefined;
  const k = v.konzept;
  return Array.isArray(k.gliederung) ? { ...k, gliederung: k.gliederung.map(gliederungLabel) } : k;
}

/** Changes in ratsdoc.yaml and in konzept.yaml. */
export function diffSettings(a: Side, b: Side, ents: EntityComparison): { settings: FieldChange[]; konzept: FieldChange[] } {
  const ctx = fieldContext(null, ents);
  return {
    settings: diffFields(yamlValue(a, 'config'), yamlValue(b, 'config'), ctx),
    konzept: diffFields(konzeptValue(a), konzeptValue(b), ctx),
  };
}

interface Doc {
  key: string;
  title: string;
  file: RawMarkdownFile;
  frontMatter: Record<string, Json>;
}

function docs(side: Side, kind: 'kapitel' | 'vorlage'): Map<string, Doc> {
  const out = new Map<string, Doc>();
  for (const f of side.raw.markdownFiles) {
    if (f.kind !== kind || !f.frontMatterOk) continue;
    const fm = (isRecord(f.frontMatter) ? f.frontMatter : {}) as Record<string, Json>;
    const key = kind === 'kapitel' ? f.name : typeof fm.nummer === 'string' ? fm.nummer : `(${f.rel})`;
    if (out.has(key)) continue;
    const title = kind === 'kapitel' ? (typeof fm.titel === 'string' ? fm.titel : f.name) : typeof fm.betreff === 'string' ? fm.betreff : '';
    out.set(key, { key, title, file: f, frontMatter: fm });
  }
  return out;
}

/** Compares the chapters (`kapitel`) or the Vorlagen (`vorlage`) of two sides. */
export function diffDocuments(kind: 'kapitel' | 'vorlage', a: Side, b: Side, ents: EntityComparison): { documents: DocumentDiff[]; notCompared: NotCompared[] } {
  const da = docs(a, kind);
  const db = docs(b, kind);
  const ctx = fieldContext(null, ents);
  const noun = kind === 'kapitel' ? 'Kapitel' : 'Vorlage';
  const fields = (x: Doc) => (kind === 'vorlage' ? omit(x.frontMatter, ['nummer']) : x.frontMatter);
  const body = (x: Doc, y: Doc) => diffMarkdown(x.file.body, y.file.body, x.file.bodyLineOffset, y.file.bodyLineOffset);
  const whole = (x: Doc) => ({ ...fields(x), '': x.file.body });
  const m = matchByKey(a, b, da, db, { file: (x) => x.file.file, what: (key) => `${noun} „${key}“`, similarity: (x, y) => similarity(whole(x), whole(y)), threshold: RENAME_THRESHOLD });

  const out: DocumentDiff[] = [];
  const entry = (status: DocumentDiff['status'], x: Doc | null, y: Doc | null): DocumentDiff => ({
    kind,
    status,
    key: (y ?? x)!.key,
    oldKey: x && y && x.key !== y.key ? x.key : null,
    title: (y ?? x)!.title,
    file: (y ?? x)!.file.file,
    oldFile: x && y && x.file.file !== y.file.file ? x.file.file : null,
    value: x && y ? null : (y ?? x)!.frontMatter,
    fields: x && y ? diffFields(fields(x), fields(y), ctx) : [],
    body: x && y ? body(x, y) : [],
    paragraphs: x && y ? null : markdownBlocks((y ?? x)!.file.body, null).length,
  });
  for (const [x, y] of m.same) {
    const d = entry('changed', x, y);
    if (d.fields.length || d.body.length || d.oldFile) out.push(d);
  }
  for (const [x, y] of m.renamed) out.push(entry('renamed', x, y));
  for (const x of m.removed) out.push(entry('removed', x, null));
  for (const y of m.added) out.push(entry('added', null, y));
  if (kind === 'kapitel') {
    // Chapters in the order of the concept (new Gliederung, then the old one for removed chapters).
    const order = new Map<string, number>();
    for (const side of [b, a]) {
      for (const e of side.model.konzept?.value.gliederung ?? []) {
        if (typeof e === 'object' && 'kapitel' in e && !order.has(e.kapitel)) order.set(e.kapitel, order.size);
      }
    }
    const rank = (d: DocumentDiff) => order.get(d.key) ?? order.get(d.oldKey ?? '') ?? Number.MAX_SAFE_INTEGER;
    out.sort((p, q) => rank(p) - rank(q) || compareNatural(p.key, q.key));
  } else {
    out.sort((p, q) => compareNatural(p.key, q.key) || compareNatural(p.oldKey ?? '', q.oldKey ?? ''));
  }
  return { documents: out, notCompared: m.notCompared };
}
