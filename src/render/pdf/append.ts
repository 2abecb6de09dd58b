/**
 * Appends the pages of PDF Anlagen to a rendered Vorlage (`anlagen: anhaengen`), with
 * pdf-lib: each Anlage gets a bookmark at its first page, its own bookmarks below it.
 *
 * The appended pages come as they are: ratsdoc cannot tag a file it did not set. A PDF with
 * untagged pages is neither PDF/UA-1 nor PDF/A-2a (and an arbitrary PDF may not even meet
 * PDF/A-2b), so the XMP loses both claims; the Vorlage's own pages keep their structure tree.
 *
 * Pure like the renderers: bytes in, bytes out, no clock (`updateMetadata: false` keeps
 * pdf-lib from stamping a modification date), so a rebuild gives the same bytes.
 */
import {
  PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFString, decodePDFRawStream,
  type PDFObject,
} from 'pdf-lib';

/** One PDF to append: its bookmark title and its bytes. */
export interface AppendedPdf { title: string; data: Uint8Array }

/** `pdf` with the pages of every part appended, in order. */
export async function appendPdfs(pdf: Uint8Array, parts: readonly AppendedPdf[]): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  for (const part of parts) {
    const source = await PDFDocument.load(part.data, { updateMetadata: false });
    const copied = await doc.copyPages(source, source.getPageIndices());
    for (const page of copied) doc.addPage(page);
    const pageMap = new Map(source.getPages().map((p, i) => [p.ref.toString(), copied[i].ref]));
    const item = addOutlineItem(doc, outlineRoot(doc), part.title, [copied[0].ref, PDFName.of('Fit')]);
    copyOutline(source, doc, pageMap, item);
  }
  dropConformanceClaims(doc);
  return doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false });
}

/** The document's outline dictionary (created when the Vorlage had no bookmarks). */
function outlineRoot(doc: PDFDocument): PDFRef {
  const existing = doc.catalog.get(PDFName.of('Outlines'));
  if (existing instanceof PDFRef) return existing;
  const ref = doc.context.register(doc.context.obj({ Type: 'Outlines' }));
  doc.catalog.set(PDFName.of('Outlines'), ref);
  return ref;
}

/** Adds a closed outline item as the last child of `parent`; returns it. */
function addOutlineItem(doc: PDFDocument, parent: PDFRef, title: string, dest: PDFObject[]): PDFRef {
  const parentDict = doc.context.lookup(parent, PDFDict);
  const ref = doc.context.register(doc.context.obj({ Title: PDFHexString.fromText(title), Parent: parent, Dest: doc.context.obj(dest) }));
  const last = parentDict.get(PDFName.of('Last'));
  if (last instanceof PDFRef) {
    doc.context.lookup(last, PDFDict).set(PDFName.of('Next'), ref);
    doc.context.lookup(ref, PDFDict).set(PDFName.of('Prev'), last);
  } else {
    parentDict.set(PDFName.of('First'), ref);
  }
  parentDict.set(PDFName.of('Last'), ref);
  // Count: open items visible below the outline root; a closed item counts its children negative.
  const count = parentDict.lookupMaybe(PDFName.of('Count'), PDFNumber)?.asNumber() ?? 0;
  const isRoot = parentDict.lookupMaybe(PDFName.of('Type'), PDFName) === PDFName.of('Outlines');
  parentDict.set(PDFName.of('Count'), PDFNumber.of(isRoot ? Math.abs(count) + 1 : -(Math.abs(count) + 1)));
  return ref;
}

/** Copies the bookmarks of `source` below `parent`, pointing at the copied pages. */
function copyOutline(source: PDFDocument, doc: PDFDocument, pageMap: Map<string, PDFRef>, parent: PDFRef): void {
  const root = source.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  const walk = (first: PDFObject | undefined, into: PDFRef, depth: number) => {
    const seen = new Set<PDFDict>();
    for (let item = lookupDict(source, first); item && !seen.has(item) && depth < 16; item = lookupDict(source, item.get(PDFName.of('Next')))) {
      seen.add(item);
      const title = item.lookupMaybe(PDFName.of('Title'), PDFString, PDFHexString)?.decodeText() ?? '';
      const dest = destinationOf(source, item);
      const target = dest ? pageMap.get(dest.page.toString()) : undefined;
      // A bookmark into nothing that was copied (or to another file) is left out.
      const added = target ? addOutlineItem(doc, into, title, [target, ...dest!.view]) : into;
      walk(item.get(PDFName.of('First')), added, depth + 1);
    }
  };
  if (root) walk(root.get(PDFName.of('First')), parent, 0);
}

function lookupDict(doc: PDFDocument, obj: PDFObject | undefined): PDFDict | undefined {
  const value = obj instanceof PDFRef ? doc.context.lookup(obj) : obj;
  return value instanceof PDFDict ? value : undefined;
}

/** An outline item's target page and view (`/XYZ left top zoom`, `/Fit` …), from `Dest` or a GoTo action. */
function destinationOf(doc: PDFDocument, item: PDFDict): { page: PDFRef; view: PDFObject[] } | undefined {
  let dest: PDFObject | undefined = item.get(PDFName.of('Dest'));
  if (!dest) {
    const action = lookupDict(doc, item.get(PDFName.of('A')));
    if (action?.lookupMaybe(PDFName.of('S'), PDFName) === PDFName.of('GoTo')) dest = action.get(PDFName.of('D'));
  }
  if (dest instanceof PDFRef) dest = doc.context.lookup(dest);
  if (dest instanceof PDFName || dest instanceof PDFString || dest instanceof PDFHexString) dest = namedDestination(doc, dest);
  if (dest instanceof PDFDict) dest = lookupArray(doc, dest.get(PDFName.of('D')));
  if (!(dest instanceof PDFArray) || !(dest.get(0) instanceof PDFRef)) return undefined;
  const view = dest.asArray().slice(1).filter((o) => !(o instanceof PDFRef));
  return { page: dest.get(0) as PDFRef, view: view.length ? view : [PDFName.of('Fit')] };
}

function lookupArray(doc: PDFDocument, obj: PDFObject | undefined): PDFArray | undefined {
  const value = obj instanceof PDFRef ? doc.context.lookup(obj) : obj;
  return value instanceof PDFArray ? value : undefined;
}

/** A named destination from the catalog's `Dests` (names) or its `Names` → `Dests` name tree (strings). */
function namedDestination(doc: PDFDocument, name: PDFName | PDFString | PDFHexString): PDFObject | undefined {
  if (name instanceof PDFName) {
    const value = doc.catalog.lookupMaybe(PDFName.of('Dests'), PDFDict)?.get(name);
    return value instanceof PDFRef ? doc.context.lookup(value) : value;
  }
  const key = name.decodeText();
  const tree = doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict)?.lookupMaybe(PDFName.of('Dests'), PDFDict);
  const search = (node: PDFDict | undefined, depth: number): PDFObject | undefined => {
    if (!node || depth > 32) return undefined;
    const names = lookupArray(doc, node.get(PDFName.of('Names')));
    if (names) {
      for (let i = 0; i + 1 < names.size(); i += 2) {
        const k = names.lookup(i);
        if ((k instanceof PDFString || k instanceof PDFHexString) && k.decodeText() === key) {
          const v = names.get(i + 1);
          return v instanceof PDFRef ? doc.context.lookup(v) : v;
        }
      }
    }
    const kids = lookupArray(doc, node.get(PDFName.of('Kids')));
    for (const kid of kids?.asArray() ?? []) {
      const found = search(lookupDict(doc, kid), depth + 1);
      if (found) return found;
    }
    return undefined;
  };
  return search(tree, 0);
}

/** Removes the PDF/A and PDF/UA identification from the XMP (the file no longer meets either). */
function dropConformanceClaims(doc: PDFDocument): void {
  const ref = doc.catalog.get(PDFName.of('Metadata'));
  if (!(ref instanceof PDFRef)) return;
  const stream = doc.context.lookup(ref);
  if (!(stream instanceof PDFRawStream)) return;
  const xml = Buffer.from(decodePDFRawStream(stream).decode()).toString('utf8');
  const cleaned = xml
    .replace(/<rdf:Description\b[^>]*xmlns:pdfuaid=[^>]*>[\s\S]*?<\/rdf:Description>\s*/g, '')
    .replace(/<rdf:Description\b[^>]*xmlns:pdfaid=[^>]*>[\s\S]*?<\/rdf:Description>\s*/g, '')
    .replace(/<(pdfaid|pdfuaid):(part|conformance|amd)>[^<]*<\/\1:\2>\s*/g, '')
    .replace(/\s+(?:pdfaid|pdfuaid):(?:part|conformance|amd)="[^"]*"/g, '');
  if (cleaned === xml) return;
  // As bytes: a string would be written as one byte per UTF-16 unit, breaking the UTF-8 packet.
  doc.context.assign(ref, doc.context.stream(new Uint8Array(Buffer.from(cleaned, 'utf8')), { Type: 'Metadata', Subtype: 'XML' }));
}
