/**
 * pdfmake, configured once per process: fonts registered (again only when they change),
 * no URL ever fetched, local files limited to the fonts and the allowed folders. Turns a
 * document definition into PDF bytes in memory, with well-formed XMP metadata.
 */
import path from 'node:path';
import pdfmake from 'pdfmake';
import type { TDocumentDefinitions, TFontDictionary } from 'pdfmake/interfaces.js';
import { isInside } from './image.js';

/** The four TTF files of one font family (absolute paths). */
export interface FontFiles { normal: string; bold: string; italics: string; bolditalics: string }

/** Fonts (family name → TTF files) and the folders images may be read from. */
export interface EngineOptions {
  fonts: Record<string, FontFiles>;
  allowedRoots: string[];
}

/** Family name → JSON of its files, as last registered with pdfmake. */
const registered = new Map<string, string>();
let policiesSet = false;

/** Registers fonts with pdfmake unless exactly these files are registered already. */
function registerFonts(fonts: Record<string, FontFiles>): void {
  const changed: TFontDictionary = {};
  for (const [family, files] of Object.entries(fonts)) {
    const key = JSON.stringify(files);
    if (registered.get(family) === key) continue;
    // A copy: pdfmake rewrites its font descriptors in place while resolving them.
    changed[family] = { ...files };
    registered.set(family, key);
  }
  if (Object.keys(changed).length > 0) pdfmake.addFonts(changed);
}

/**
 * The local access policy for one render: the registered font files and the allowed roots.
 * pdfmake's Printer captures the policy when `createPdf` is called, so setting it right
 * before each (synchronous) `createPdf` gives every render exactly its own folders, even
 * with renders running concurrently.
 */
function localPolicy(options: EngineOptions): (file: string) => boolean {
  const fontFiles = new Set(Object.values(options.fonts).flatMap((f) => Object.values(f).map((p) => path.resolve(p))));
  return (file) => fontFiles.has(path.resolve(file)) || isInside(file, options.allowedRoots);
}

const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escapes the five XML special characters. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ENTITIES[c]);
}

/** The part of pdfkit's document this module touches. */
interface PdfKitInfoDocument {
  info: Record<string, unknown>;
  _addInfo: () => void;
}

const XMP_FIELDS = ['Title', 'Author', 'Subject', 'Keywords', 'Creator', 'Producer'] as const;

/**
 * pdfkit 0.19 writes Title, Author, Subject, Keywords, Creator and Producer into the XMP
 * packet unescaped (`MetadataMixin._addInfo`), so `Schule & Beruf <2019>` breaks the XML,
 * while the Info dictionary (written earlier in `end()`, as PDF strings) is fine. This
 * wraps `_addInfo` on this one document instance: it sees XML-escaped copies of those
 * fields and the original `info` object is put back at once. No prototype is patched.
 */
function escapeXmpInfo(doc: PdfKitInfoDocument): void {
  const addInfo = doc._addInfo;
  doc._addInfo = function escapedAddInfo(this: PdfKitInfoDocument) {
    const original = this.info;
    const escaped: Record<string, unknown> = { ...original };
    for (const field of XMP_FIELDS) {
      const value = original[field];
      if (typeof value === 'string') escaped[field] = escapeXml(value);
    }
    this.info = escaped;
    try {
      addInfo.call(this);
    } finally {
      this.info = original;
    }
  };
}

/**
 * Renders a pdfmake document definition to PDF bytes (in memory; nothing is written).
 * pdfmake mutates the definition while laying it out: pass a fresh one each time.
 */
export async function pdfFromDefinition(def: TDocumentDefinitions, options: EngineOptions): Promise<Buffer> {
  registerFonts(options.fonts);
  if (!policiesSet) {
    pdfmake.setUrlAccessPolicy(() => false);
    policiesSet = true;
  }
  pdfmake.setLocalAccessPolicy(localPolicy(options));
  const output = pdfmake.createPdf(def);
  const doc = (await output.getStream()) as unknown as PdfKitInfoDocument;
  if (typeof doc._addInfo !== 'function') throw new Error('pdfkit: _addInfo fehlt (pdfkit-Version geändert?)');
  escapeXmpInfo(doc);
  return output.getBuffer();
}
