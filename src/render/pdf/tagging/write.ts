/**
 * Writes a rendered document's structure tree into the pdfkit document, after the pages
 * and before `end()`: one StructElem per element (in the tree's order, which is the reading
 * order), `K` with the MCIDs of its slots and OBJRs of its link annotations, the ParentTree
 * entries for every MCID and annotation, an IDTree for the notes. Elements that received no
 * content (nothing of them was drawn) are left out.
 *
 * The tree is complete when no text was drawn without a tag and every slot was drawn; only
 * then does the XMP claim PDF/UA-1 (`pdfuaid:part 1`) and PDF/A-2 level A (tagged).
 */
import type { Marker, PdfKitDoc } from './hooks.js';
import { ContentSlot, StructElement } from './structure.js';

interface PdfRef { data: Record<string, unknown>; end: () => void }

/** The parts of pdfkit's document used here, beyond the hooks'. */
interface StructureDoc extends PdfKitDoc {
  ref: (data: Record<string, unknown>) => PdfRef;
  getStructTreeRoot: () => PdfRef;
  getStructParentTree: () => { get: (key: number) => unknown[]; add: (key: number, value: unknown) => void };
  appendXML: (xml: string) => void;
  subset_conformance?: string;
}

/** What was written, for the caller's checks and the tests. */
export interface StructureSummary {
  complete: boolean;
  elements: number;
  untaggedText: number;
  undrawnSlots: number;
}

const PDFUA_XMP = `
        <rdf:Description xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" rdf:about="">
            <pdfuaid:part>1</pdfuaid:part>
        </rdf:Description>
        `;

/** Writes the structure of the render `marks` belongs to into `pdfDoc`. */
export function writeStructure(pdfDoc: unknown): StructureSummary {
  const doc = pdfDoc as StructureDoc;
  const marks: Marker | undefined = doc._ratsdocMarks;
  if (!marks) throw new Error('PDF ohne Strukturbaum: keine getaggten Inhalte gezeichnet');
  const parentTree = doc.getStructParentTree();
  const ids: Array<[string, PdfRef]> = [];
  let elements = 0;
  let undrawnSlots = 0;

  const hasContent = (element: StructElement): boolean =>
    element.annotations.length > 0 || element.children.some((c) => (c instanceof ContentSlot ? c.refs.length > 0 : hasContent(c)));

  const write = (element: StructElement, parent: PdfRef): PdfRef => {
    const ref = doc.ref({ Type: 'StructElem', S: element.role, P: parent });
    elements++;
    const data = ref.data;
    const { alt, lang, actualText, scope, colSpan, id } = element.options;
    if (alt !== undefined) data.Alt = new String(alt);
    if (lang !== undefined) data.Lang = new String(lang);
    if (actualText !== undefined) data.ActualText = new String(actualText);
    if (id !== undefined) {
      data.ID = new String(id);
      ids.push([id, ref]);
    }
    if (scope !== undefined || (colSpan ?? 1) > 1) {
      data.A = { O: 'Table', ...(scope ? { Scope: scope } : {}), ...((colSpan ?? 1) > 1 ? { ColSpan: colSpan } : {}) };
    }
    const kids: unknown[] = [];
    for (const child of element.children) {
      if (child instanceof ContentSlot) {
        if (child.refs.length === 0) undrawnSlots++;
        for (const { pageRef, mcid } of child.refs) {
          data.Pg ??= pageRef;
          kids.push(data.Pg === pageRef ? mcid : { Type: 'MCR', Pg: pageRef, MCID: mcid });
          const key = (pageRef as PdfRef).data.StructParents as number;
          parentTree.get(key)[mcid] = ref;
        }
      } else if (hasContent(child)) {
        kids.push(write(child, ref));
      }
    }
    for (const annotation of element.annotations) {
      kids.push({ Type: 'OBJR', Obj: annotation.ref, Pg: annotation.pageRef });
      parentTree.add(annotation.key, ref);
    }
    data.K = kids;
    ref.end();
    return ref;
  };

  const root = doc.getStructTreeRoot();
  root.data.K = [write(marks.tree.root, root)];
  if (ids.length > 0) {
    ids.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    root.data.IDTree = { Names: ids.flatMap(([id, ref]) => [new String(id), ref]) };
  }
  const complete = marks.untaggedText === 0 && undrawnSlots === 0;
  // PDF/A-2a is PDF/A-2b plus a complete logical structure; without it the file stays 2b.
  doc.subset_conformance = complete ? 'A' : 'B';
  if (complete) doc.appendXML(PDFUA_XMP);
  return { complete, elements, untaggedText: marks.untaggedText, undrawnSlots };
}
