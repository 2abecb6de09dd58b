/**
 * pdfmake, configured once per process: fonts handed over as bytes and registered through
 * pdfmake's in-memory file system (again only when they change), no URL fetched and no local
 * file read, ever. Turns a document definition into PDF bytes in memory, with well-formed
 * XMP metadata.
 */
import { createHash } from 'node:crypto';
// First: hooks pdfkit's font creation before pdfmake loads it (fonts parsed once per thread).
import './font-cache.js';
import pdfmake from 'pdfmake';
import type { TDocumentDefinitions, TFontDictionary } from 'pdfmake/interfaces.js';
import { escapeMarkup } from '../../format/escape.js';
import type { FontAsset } from '../renderer.js';
import { installHyphenationHook } from './hyphenation.js';
import { installTaggingHooks } from './tagging/hooks.js';
import { writeStructure } from './tagging/write.js';
import { installTextRuns } from './text-runs.js';
import { installWordMeasure } from './word-measure.js';

// Before the tagging hooks: they draw a line as parts of one structure element each, and
// each part's words of one style become one text object.
installTextRuns();
installTaggingHooks();
installWordMeasure();
installHyphenationHook();

/** Fonts: family name → the bytes of its four TTF files. */
export interface EngineOptions {
  fonts: Readonly<Record<string, FontAsset>>;
}

/** pdfmake's in-memory file system (missing from @types/pdfmake). */
const virtualfs = (pdfmake as unknown as { virtualfs: { writeFileSync(name: string, data: Buffer): void } }).virtualfs;

/** Family name → hashes of its bytes, as last registered with pdfmake. */
const registered = new Map<string, string>();
/** Hashes of font files already seen (the same bytes arrive with every render). */
const hashes = new WeakMap<Uint8Array, string>();
let policiesSet = false;

function fontHash(data: Uint8Array): string {
  let h = hashes.get(data);
  if (!h) hashes.set(data, (h = createHash('sha256').update(data).digest('hex')));
  return h;
}

/**
 * Registers fonts with pdfmake unless exactly these bytes are registered already. Each file
 * goes into pdfmake's virtual file system, so nothing is read from disk. Its name there is the
 * font's PostScript name: pdfkit keeps the fonts it opened under that name, and the charts'
 * SVG text (svg-to-pdfkit asks pdfkit for the font by the name in pdfmake's font table)
 * then finds the very font object the text of the page uses, as it did with file paths.
 */
function registerFonts(fonts: Readonly<Record<string, FontAsset>>): void {
  const changed: TFontDictionary = {};
  for (const [family, files] of Object.entries(fonts)) {
    const styles = Object.entries(files) as Array<[keyof FontAsset, Uint8Array]>;
    const key = styles.map(([, data]) => fontHash(data)).join(',');
    if (registered.get(family) === key) continue;
    const names = {} as Record<keyof FontAsset, string>;
    for (const [style, data] of styles) {
      names[style] = postscriptName(data) ?? `${fontHash(data)}.ttf`;
      virtualfs.writeFileSync(names[style], Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    }
    changed[family] = names;
    registered.set(family, key);
  }
  if (Object.keys(changed).length > 0) pdfmake.addFonts(changed);
}

/** The PostScript name (name ID 6) of a TrueType/OpenType font, or undefined. */
export function postscriptName(font: Uint8Array): string | undefined {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  try {
    const numTables = view.getUint16(4);
    for (let i = 0; i < numTables; i++) {
      const rec = 12 + i * 16;
      if (String.fromCharCode(font[rec], font[rec + 1], font[rec + 2], font[rec + 3]) !== 'name') continue;
      const table = view.getUint32(rec + 8);
      const count = view.getUint16(table + 2);
      const strings = table + view.getUint16(table + 4);
      for (let j = 0; j < count; j++) {
        const r = table + 6 + j * 12;
        if (view.getUint16(r + 6) !== 6) continue;
        const platform = view.getUint16(r);
        const length = view.getUint16(r + 8);
        const at = strings + view.getUint16(r + 10);
        const bytes = font.subarray(at, at + length);
        // Windows names are UTF-16BE, Macintosh names one byte per character.
        const name = platform === 3 ? String.fromCharCode(...Array.from({ length: length / 2 }, (_, k) => (bytes[2 * k] << 8) | bytes[2 * k + 1])) : String.fromCharCode(...bytes);
        if (name) return name;
      }
    }
  } catch {
    // Not a font we can read: the caller falls back to a hash name.
  }
  return undefined;
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
      if (typeof value === 'string') escaped[field] = escapeMarkup(value);
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
    // Fonts come from the virtual file system and images as data in the definition.
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy(() => false);
    policiesSet = true;
  }
  const output = pdfmake.createPdf(def);
  const doc = (await output.getStream()) as unknown as PdfKitInfoDocument;
  if (typeof doc._addInfo !== 'function') throw new Error('pdfkit: _addInfo fehlt (pdfkit-Version geändert?)');
  escapeXmpInfo(doc);
  writeStructure(doc);
  return output.getBuffer();
}
