/**
 * The DOCX package (a zip of XML parts), made byte-identical on every rebuild, and zipped
 * once: the parts come straight from `docx`'s compiler (see {@link compileParts}), not from
 * a zip `docx` wrote and we would have to inflate again. `docx`
 * writes random relationship ids for hyperlinks and watermark shape ids (nanoid), numbers bookmarks from counters
 * shared by the whole process (so a second document in `serve` gets other ids), stamps the
 * core properties with the clock and the zip entries with the current time. Here the ids
 * are renumbered in document order, the dates are the tree's, and the zip is written with
 * fixed entry times in a fixed order.
 */
import { Packer, type Document } from 'docx';
import { zipSync, type Zippable } from 'fflate';

/** The parts of a package by path: XML as text while it is being rewritten, media as bytes. */
export type Parts = Map<string, string | Uint8Array>;

/**
 * The package's parts as `docx` compiles them, before it zips them. `Packer.toBuffer` would
 * deflate every part, and the normalisation below would inflate them again and deflate them a
 * second time: at 200 documents that was a third of the Word renderer's time (the Konzept
 * carries 24 MB of chart and photo PNGs). `compiler` is `Packer`'s private static, so `docx`
 * is pinned to an exact version in package.json and the DOCX tests read every file back.
 */
export function compileParts(doc: Document): Parts {
  const compiler = (Packer as unknown as { compiler?: { compile(file: Document): Map<string, string | Uint8Array> } }).compiler;
  if (!compiler || typeof compiler.compile !== 'function') throw new Error('docx: Packer.compiler fehlt (andere docx-Version als die in package.json festgelegte?)');
  return new Map(compiler.compile(doc));
}

const utf8 = new TextDecoder('utf-8');
const encoder = new TextEncoder();

/** A part as text. */
export function partText(parts: ReadonlyMap<string, string | Uint8Array>, name: string): string | undefined {
  const data = parts.get(name);
  return data === undefined ? undefined : typeof data === 'string' ? data : utf8.decode(data);
}

/** Sets a part from text. */
export function setPart(parts: Parts, name: string, text: string): void {
  parts.set(name, text);
}

/** Makes `docx`'s output deterministic (in place): relationship ids, bookmark ids, dates. */
export function normalizePackage(parts: Parts, created: Date): void {
  for (const name of [...parts.keys()].sort()) {
    if (name.endsWith('.rels')) renumberRelationships(parts, name);
  }
  let watermarks = 0;
  for (const name of [...parts.keys()].sort()) {
    if (!/^word\/[^/]+\.xml$/.test(name)) continue;
    renumberBookmarks(parts, name);
    // Watermark shapes get a random id (`PowerPlusWaterMarkObject` + nanoid): number them.
    const text = partText(parts, name)!;
    if (text.includes('PowerPlusWaterMarkObject')) setPart(parts, name, text.replace(/PowerPlusWaterMarkObject[A-Za-z0-9_-]*/g, () => `PowerPlusWaterMarkObject${++watermarks}`));
  }
  const core = partText(parts, 'docProps/core.xml');
  if (core) {
    const stamp = created.toISOString().replace(/\.\d{3}Z$/, 'Z');
    setPart(parts, 'docProps/core.xml', core.replace(/(<dcterms:(?:created|modified)\b[^>]*>)[^<]*(<\/dcterms:)/g, `$1${stamp}$2`));
  }
}

/** The part a relationships file belongs to: `word/_rels/document.xml.rels` → `word/document.xml`. */
function sourceOf(relsName: string): string {
  const m = /^(.*?)_rels\/([^/]+)\.rels$/.exec(relsName);
  return m ? `${m[1]}${m[2]}` : '';
}

/** Renames relationship ids that are not `rIdN` to the next free `rIdN`, in the file's order, in the rels and its part. */
function renumberRelationships(parts: Parts, relsName: string): void {
  const rels = partText(parts, relsName)!;
  const ids = [...rels.matchAll(/\bId="([^"]+)"/g)].map((m) => m[1]);
  let next = Math.max(0, ...ids.map((id) => (/^rId\d+$/.test(id) ? Number(id.slice(3)) : 0))) + 1;
  const renamed = new Map<string, string>();
  for (const id of ids) if (!/^rId\d+$/.test(id)) renamed.set(id, `rId${next++}`);
  if (!renamed.size) return;
  const swap = (text: string) => text.replace(/="([^"]+)"/g, (all, value: string) => (renamed.has(value) ? `="${renamed.get(value)}"` : all));
  setPart(parts, relsName, swap(rels));
  const source = sourceOf(relsName);
  const part = partText(parts, source);
  if (part !== undefined) setPart(parts, source, swap(part));
}

/** Numbers bookmarks and `_Toc` bookmark names of a part in order of first appearance. */
function renumberBookmarks(parts: Parts, name: string): void {
  const text = partText(parts, name)!;
  if (!text.includes('w:bookmarkStart') && !text.includes('_Toc')) return;
  const ids = new Map<string, string>();
  const tocs = new Map<string, string>();
  const out = text
    .replace(/(<w:bookmark(?:Start|End)\b[^>]*?\bw:id=")(\d+)(")/g, (_, a: string, id: string, b: string) => {
      if (!ids.has(id)) ids.set(id, String(ids.size + 1));
      return `${a}${ids.get(id)}${b}`;
    })
    .replace(/_Toc(\d+)\b/g, (_, n: string) => {
      if (!tocs.has(n)) tocs.set(n, String(tocs.size + 1));
      return `_Toc${tocs.get(n)}`;
    });
  setPart(parts, name, out);
}

/**
 * Images are compressed in their own format (and charts recompressed once, media.ts): deflating
 * them again took three quarters of the zip's time for 0–2 % of their size.
 */
const IMAGE = /\.(png|jpe?g|gif)$/i;

/**
 * Writes the parts as a zip: `[Content_Types].xml` first (as Office does), then the rest
 * sorted by name, every entry dated 1980-01-01 00:00 (the earliest zip time; fflate reads the
 * date's local fields, so it is built from local fields and is the same in every time zone).
 * XML is deflated at level 6, images are stored.
 */
export function writePackage(parts: Parts): Buffer {
  const mtime = new Date(1980, 0, 1, 0, 0, 0);
  const names = [...parts.keys()].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  const files: Zippable = {};
  for (const name of names) {
    const data = parts.get(name)!;
    files[name] = [typeof data === 'string' ? encoder.encode(data) : data, { level: IMAGE.test(name) ? 0 : 6, mtime }];
  }
  return Buffer.from(zipSync(files));
}

function rank(name: string): number {
  return name === '[Content_Types].xml' ? 0 : name === '_rels/.rels' ? 1 : 2;
}
