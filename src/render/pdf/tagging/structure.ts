/**
 * The logical structure of one PDF, built from the document tree while the pdfmake
 * definition is made (not guessed from the layout afterwards). Every piece of text, image
 * or chart in the definition carries a `_tag`: either a content slot of a structure element
 * or an artifact kind. The render hooks (`hooks.ts`) open one marked-content sequence per
 * run of drawn items with the same tag and record its MCID in the slot; `write.ts` then
 * writes the elements, in this tree's order (the reading order), into the PDF.
 */

/** The standard structure types ratsdoc uses (ISO 32000-1, 14.8.4). */
export type StructRole =
  | 'Document' | 'Sect' | 'Div' | 'H1' | 'H2' | 'H3' | 'H4' | 'H5' | 'H6' | 'P' | 'BlockQuote' | 'Code'
  | 'L' | 'LI' | 'Lbl' | 'LBody' | 'Table' | 'THead' | 'TBody' | 'TFoot' | 'TR' | 'TH' | 'TD'
  | 'Figure' | 'Caption' | 'Link' | 'TOC' | 'TOCI' | 'Note' | 'Reference' | 'Span';

/** Attributes and entries of a structure element. */
export interface ElementOptions {
  /** Alternate description (`/Alt`): figures. */
  alt?: string;
  /** `/Lang` where the content is in another language than the document. */
  lang?: string;
  /** `/ActualText`: what a graphic stands for (a list bullet). */
  actualText?: string;
  /** Table header scope. */
  scope?: 'Row' | 'Column';
  colSpan?: number;
  /** Element identifier (`/ID`), required for notes. */
  id?: string;
  /** A link's text, the `/Contents` of its annotations. */
  linkText?: string;
}

/** Where one marked-content sequence was drawn: page dictionary and MCID. */
export interface MarkedRef {
  pageRef: unknown;
  mcid: number;
}

/** A link annotation drawn for a Link element. */
export interface AnnotationRef {
  ref: unknown;
  pageRef: unknown;
  /** Its `/StructParent` key in the ParentTree. */
  key: number;
}

/** A run of content of one element; its marked-content sequences are filled in while rendering. */
export class ContentSlot {
  readonly refs: MarkedRef[] = [];
  constructor(readonly tree: StructureTree, readonly owner: StructElement) {}
}

export class StructElement {
  readonly children: Array<StructElement | ContentSlot> = [];
  /** Link annotations (only Link elements get them). */
  readonly annotations: AnnotationRef[] = [];
  constructor(readonly role: StructRole, readonly options: ElementOptions = {}) {}
}

/** Content that is not part of the logical structure (ISO 32000-1, 14.8.2.2). */
export interface ArtifactTag {
  artifact: 'Pagination' | 'Layout';
}

/** What a drawn item is: content of a structure element, or an artifact. */
export type ContentTag = ContentSlot | ArtifactTag;

export const PAGINATION: ArtifactTag = { artifact: 'Pagination' };
export const LAYOUT: ArtifactTag = { artifact: 'Layout' };

/** Whether a `_tag` value is a content slot. */
export function isSlot(tag: unknown): tag is ContentSlot {
  return tag instanceof ContentSlot;
}

/**
 * The structure tree of one document under construction. `within` nests elements the way
 * the definition functions nest their calls; `content` gives the slot that the next piece
 * of text of the current element belongs to.
 */
export class StructureTree {
  readonly root = new StructElement('Document');
  private current: StructElement = this.root;

  /** Creates `role` under the current element and builds its content inside it. */
  within<T>(role: StructRole, options: ElementOptions, build: (element: StructElement) => T): T {
    const element = new StructElement(role, options);
    this.current.children.push(element);
    const outer = this.current;
    this.current = element;
    try {
      return build(element);
    } finally {
      this.current = outer;
    }
  }

  /** The slot for the current element's next content (a new one after a child element). */
  content(): ContentSlot {
    const last = this.current.children[this.current.children.length - 1];
    if (last instanceof ContentSlot) return last;
    const slot = new ContentSlot(this, this.current);
    this.current.children.push(slot);
    return slot;
  }

  /** An element that holds just content: `leaf('P')` → the P's slot. */
  leaf(role: StructRole, options: ElementOptions = {}): ContentSlot {
    return this.within(role, options, () => this.content());
  }
}

/** Sets `_tag` on a pdfmake node (typed definitions have no field for it). */
export function tagged<T extends object>(node: T, tag: ContentTag): T {
  return Object.assign(node, { _tag: tag });
}

/** The heading role of a level (1–6; deeper levels stay H6). */
export function headingRole(level: number): StructRole {
  return `H${Math.min(6, Math.max(1, level))}` as StructRole;
}
