import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Model, ModelIndex } from '../model/model.js';
import type { Theme } from '../theme/theme.js';
import type { BerichtStand } from '../evaluation/bericht.js';
import path from 'node:path';
import { sharedRead } from './tracking.js';

/** Entities that have a profile (an anchor) in the Konzept. */
export type EntityKind = 'massnahme' | 'ziel' | 'indikator' | 'akteur' | 'sozialraum' | 'handlungsfeld';

/** Where the Konzept is written below `out/`. */
export const KONZEPT_OUT_PATH = 'konzept/integrationskonzept';

/**
 * Anchors of the profiles the Konzept contains, from its `gliederung`: tables and helpers link
 * to them, from inside the Konzept and from the Vorlagen.
 */
export function konzeptProfiles(model: Model): ReadonlySet<string> {
  // Computed once per build, shared by every document (and its reads with each of them).
  return sharedRead(model, 'konzeptProfiles', profilesOf);
}

function profilesOf(model: Model): Set<string> {
  const out = new Set<string>();
  const gliederung = model.konzept?.value.gliederung;
  if (!gliederung) return out;
  const has = (part: string) => gliederung.some((g) => g === part);
  const appendix = gliederung.flatMap((g) => (typeof g === 'object' && 'anhang' in g ? g.anhang : []));
  const c = model.collections;
  const add = (kind: EntityKind, list: Array<{ value: { id: string } }>) => list.forEach((e) => out.add(BuildContext.entityAnchor(kind, e.value.id)));
  if (has('handlungsfelder')) {
    add('massnahme', c.massnahmen);
    add('ziel', c.ziele);
    add('handlungsfeld', c.handlungsfelder);
  }
  if (has('sozialraeume')) add('sozialraum', c.sozialraeume);
  if (appendix.includes('indikatoren')) add('indikator', c.indikatoren);
  if (appendix.includes('akteure')) add('akteur', c.akteure);
  return out;
}

/**
 * State shared while building one document: unique anchors, running footnote numbers,
 * which entities have a profile to link to, and the problems found.
 */
export class BuildContext {
  private readonly anchors = new Set<string>();
  /** Running number of the next footnote in this document. */
  footnoteCounter = 0;
  /** Entity anchors that exist in this document (profiles), for cross-links. */
  readonly profiles = new Set<string>();
  /** `outPath` of the document being built (set by its builder first), for links to other documents. */
  outPath = '';
  /**
   * While a Sachstandsbericht is built: its figures, and the generated parts its Markdown
   * placed itself (those are not appended again).
   */
  bericht?: { name: string; stand: BerichtStand; placed: Set<string> };
  /**
   * Depth of the heading the Markdown being built currently stands under (0: none yet), so a
   * block helper that brings headings of its own (a report part) nests below it.
   */
  headingDepth = 0;

  constructor(
    readonly model: Model,
    readonly index: ModelIndex,
    readonly theme: Theme,
    readonly diagnostics: Diagnostic[],
    /** Places already reported in this build (shared by every document's context). */
    readonly reported: Set<string> = new Set(),
    /** Sizes in bytes of the Anlage files the pipeline read, by absolute path. */
    readonly fileSizes: ReadonlyMap<string, number> = new Map(),
  ) {}

  /** Absolute path of a file named relative to the content folder (checked by the rules before). */
  resolveContentPath(rel: string): string {
    return path.join(this.model.root, rel);
  }

  /** A document-unique anchor from a text: lowercase, ASCII, `-` separated. */
  anchor(text: string): string {
    const base =
      text
        .toLowerCase()
        .replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss')
        .normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '') || 'abschnitt';
    let candidate = base;
    for (let n = 2; this.anchors.has(candidate); n++) candidate = `${base}-${n}`;
    this.anchors.add(candidate);
    return candidate;
  }

  /** Anchor of an entity's profile (`massnahme-m-07`); stable, so links can be made before the profile. */
  static entityAnchor(kind: EntityKind, id: string): string {
    return `${kind}-${id.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  }
}
