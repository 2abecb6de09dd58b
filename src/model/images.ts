/**
 * Images in Markdown: where they may come from (PNG/JPEG inside the content folder) and
 * the check that `check` and the document builder share, so both report the same.
 */
import { CODES, type DiagnosticCode } from '../diagnostics/codes.js';
import fs from 'node:fs';
import path from 'node:path';
import { parseMarkdown } from '../content/markdown.js';
import { plainBlocks, TextLines } from '../content/plain-blocks.js';
import { isInsideFolder, normaliseRelative } from '../content/paths.js';
import type * as md from 'mdast';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { sourcePosition, type MarkdownSource, type Model } from './model.js';

/** Whether a file's first bytes are those of a PNG or a JPEG (pdfmake reads nothing else). */
export function isPngOrJpeg(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(8);
    return hasImageSignature(head.subarray(0, fs.readSync(fd, head, 0, 8, 0)));
  } finally {
    fs.closeSync(fd);
  }
}

/** Whether `head` (at least a file's first 8 bytes, or all of it) starts as a PNG or a JPEG. */
export function hasImageSignature(head: Uint8Array): boolean {
  const png = head.length >= 8 && Buffer.from(head.subarray(0, 8)).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return png || (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff);
}

/** The result of resolving an image reference: an absolute path, or a German problem. */
export type ImageResolution = { ok: true; path: string } | { ok: false; code: DiagnosticCode; message: string };

/** Resolves `url` (as written in Markdown) against the content folder and checks it. */
export function resolveImage(root: string, url: string): ImageResolution {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) {
    return { ok: false, code: CODES.imageExternal, message: `Bild „${url}“: nur Dateien im Inhaltsordner sind erlaubt (z. B. anlagen/karte.png), keine Adressen im Netz` };
  }
  let rel: string;
  try {
    rel = decodeURI(url.split('#')[0].split('?')[0]);
  } catch {
    rel = url;
  }
  const relative = normaliseRelative(rel);
  if (!relative.ok) {
    return { ok: false, code: CODES.imageOutside, message: `Bild „${url}“ liegt außerhalb des Inhaltsordners; erlaubt sind Pfade wie anlagen/karte.png` };
  }
  const norm = relative.norm;
  if (!/\.(png|jpe?g)$/i.test(norm)) return { ok: false, code: CODES.imageFormat, message: `Bild „${url}“: nur PNG- und JPEG-Bilder sind erlaubt` };
  try {
    const real = fs.realpathSync(path.join(root, norm));
    const rootReal = fs.realpathSync(root);
    if (!isInsideFolder(rootReal, real)) return { ok: false, code: CODES.imageOutside, message: `Bild „${url}“ ist ein Verweis (Symlink) aus dem Inhaltsordner heraus` };
    if (!fs.statSync(real).isFile()) return { ok: false, code: CODES.imageMissing, message: `Bild „${url}“ ist keine Datei` };
    if (!isPngOrJpeg(real)) return { ok: false, code: CODES.imageFormat, message: `Bild „${url}“ ist kein PNG- oder JPEG-Bild (der Inhalt passt nicht zur Endung)` };
    return { ok: true, path: real };
  } catch {
    return { ok: false, code: CODES.imageMissing, message: `Bild „${url}“ gibt es nicht (Pfade gelten ab dem Inhaltsordner, z. B. anlagen/karte.png)` };
  }
}

/** German warning for an image without alternative text. */
export function missingAltMessage(url: string): string {
  return `Bild „${url}“ hat keinen Alternativtext (![Beschreibung](…)); für Barrierefreiheit bitte ergänzen`;
}

/**
 * An inline image as the parser reads it when neither its text nor its address holds anything
 * the parser would turn into something else (emphasis, escapes, references, brackets, a title).
 */
const PLAIN_IMAGE = /!\[([^[\]\n*_~&\\`<>]{0,999})\]\(([^\s()<>\\&"'`[\]]+)\)/g;

/**
 * The images of a Markdown text without the parser (see content/plain-blocks.ts): exactly the
 * parser's url, alt and start of each, or undefined when the text needs the parser.
 */
export function scanImages(text: string): Array<Pick<md.Image, 'url' | 'alt' | 'position'>> | undefined {
  const lines = new TextLines(text);
  const blocks = plainBlocks(text, '![', lines, PLAIN_IMAGE);
  // A helper call may hold `![…]` in its string: then it is no image.
  if (!blocks || blocks.some((b) => b.kind !== 'paragraph' || b.text.includes('{{'))) return undefined;
  return blocks.flatMap(({ text: block, from }) =>
    [...block.matchAll(PLAIN_IMAGE)].map((m) => ({ url: m[2], alt: m[1], position: { start: lines.point(from + m.index), end: lines.point(from + m.index + m[0].length) } })));
}

/** Every image node of a parsed text, in document order. */
function imagesOf(root: md.Root): md.Image[] {
  const out: md.Image[] = [];
  const visit = (node: md.Node) => {
    if (node.type === 'image') out.push(node as md.Image);
    for (const child of (node as md.Parent).children ?? []) visit(child);
  };
  visit(root);
  return out;
}

/** Checks every image of a Markdown body; only bodies that contain `![` are read. */
export function checkImages(src: MarkdownSource, entity: string, model: Model): Diagnostic[] {
  if (!src.body.includes('![')) return [];
  const out: Diagnostic[] = [];
  for (const img of scanImages(src.body) ?? imagesOf(parseMarkdown(src.body))) {
    const { line, column } = sourcePosition(src, { line: img.position?.start.line ?? 1, column: img.position?.start.column ?? 1 });
    const r = resolveImage(model.root, img.url);
    if (!r.ok) out.push({ severity: 'error', code: r.code, file: src.file, line, column, entity, message: r.message });
    else if (!img.alt) out.push({ severity: 'warning', code: CODES.imageAltMissing, file: src.file, line, column, entity, message: missingAltMessage(img.url) });
  }
  return out;
}
