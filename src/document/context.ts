import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Model, ModelIndex } from '../model/model.js';
import type { Theme } from '../theme/theme.js';
import type { BerichtStand } from '../evaluation/bericht.js';
import path from 'node:path';

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
  /**
   * While a Sachstandsbericht is built: its figures, and the generated parts its Markdown
   * placed itself (those are not appended again).
   */
  bericht?: { name: string; stand: BerichtStand; placed: Set<string> };

  constructor(
    readonly model: Model,
    readonly index: ModelIndex,
    readonly theme: Theme,
    readonly diagnostics: Diagnostic[],
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
  static entityAnchor(kind: 'massnahme' | 'ziel' | 'indikator' | 'akteur' | 'sozialraum' | 'handlungsfeld', id: string): string {
    return `${kind}-${id.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  }
}
