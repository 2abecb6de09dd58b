/**
 * A city's reference document in `templates/` (`vorlage.docx` or `vorlage.dotx`, as pandoc's
 * `--reference-doc`): found and read here, and checked for what the DOCX renderer relies on
 * (a zip with a main document part and its styles), so `check` and `build` reject a file that
 * is no Word document with the same message. `render/docx/reference.ts` applies it.
 */
import { unzipSync } from 'fflate';

/** The parts of a zip package by path. */
export type PackageParts = Map<string, Uint8Array>;

/** The parts of a reference document ratsdoc uses. */
export interface ReferencePackage {
  parts: PackageParts;
  /** Path of the main document part (`word/document.xml`). */
  main: string;
  styles: string;
  /** The body's last section properties. */
  sectPr?: string;
  /** Relationships of the main part by id: type (last path segment) and target path. */
  rels: Map<string, { type: string; target: string; external: boolean }>;
}

/** Names a reference document may have in `templates/`, in the order they are looked for. */
export const REFERENCE_NAMES = ['vorlage.docx', 'vorlage.dotx'] as const;

const utf8 = new TextDecoder('utf-8');

/** A part as text. */
function text(parts: PackageParts, name: string): string | undefined {
  const data = parts.get(name);
  return data ? utf8.decode(data) : undefined;
}

/** A reference document that cannot be used; the message is German, for the user. */
export class ReferenceDocumentError extends Error {}

const NOT_WORD = 'ist keine Word-Datei (kein gültiges ZIP-Archiv); bitte in Word als .docx oder .dotx speichern';

/**
 * Why the bytes are not a usable reference document (German, for the user), or null.
 */
export function referenceProblem(bytes: Uint8Array): string | null {
  try {
    readReferencePackage(bytes);
    return null;
  } catch (err) {
    return err instanceof ReferenceDocumentError ? err.message : NOT_WORD;
  }
}

/** Reads a reference document; throws {@link ReferenceDocumentError} when it is unusable. */
export function readReferencePackage(bytes: Uint8Array): ReferencePackage {
  let parts: PackageParts;
  try {
    parts = new Map(Object.entries(unzipSync(bytes)));
  } catch {
    throw new ReferenceDocumentError(NOT_WORD);
  }
  const root = text(parts, '_rels/.rels');
  const mainTarget = root ? /<Relationship\b[^>]*Type="[^"]*\/officeDocument"[^>]*Target="\/?([^"]+)"/.exec(root)?.[1] ?? /<Relationship\b[^>]*Target="\/?([^"]+)"[^>]*Type="[^"]*\/officeDocument"/.exec(root)?.[1] : undefined;
  const main = mainTarget ?? 'word/document.xml';
  const document = text(parts, main);
  if (!document) throw new ReferenceDocumentError('enthält kein Word-Dokument (word/document.xml fehlt); bitte in Word als .docx oder .dotx speichern');
  const rels = packageRelationships(parts, main);
  const stylesRel = [...rels.values()].find((r) => r.type === 'styles');
  const styles = stylesRel ? text(parts, stylesRel.target) : undefined;
  if (!styles) throw new ReferenceDocumentError('enthält keine Formatvorlagen (word/styles.xml fehlt)');
  const sections = document.match(/<w:sectPr\b[\s\S]*?<\/w:sectPr>/g);
  return { parts, main, styles, ...(sections ? { sectPr: sections[sections.length - 1] } : {}), rels };
}

/** The folder of a part, for resolving relative targets (`word/`). */
function folderOf(part: string): string {
  const i = part.lastIndexOf('/');
  return i < 0 ? '' : part.slice(0, i + 1);
}

/** Resolves a relationship target relative to its part (`media/x.png` from `word/` → `word/media/x.png`). */
export function resolveTarget(part: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const segments = (folderOf(part) + target).split('/');
  const out: string[] = [];
  for (const s of segments) {
    if (s === '..') out.pop();
    else if (s !== '.') out.push(s);
  }
  return out.join('/');
}

/** The relationships file of a part: `word/document.xml` → `word/_rels/document.xml.rels`. */
export function relsPathOf(part: string): string {
  return `${folderOf(part)}_rels/${part.slice(folderOf(part).length)}.rels`;
}

/** The relationships of a part by id. */
export function packageRelationships(parts: PackageParts, part: string): ReferencePackage['rels'] {
  const rels = new Map<string, { type: string; target: string; external: boolean }>();
  const xml = text(parts, relsPathOf(part)) ?? '';
  for (const m of xml.matchAll(/<Relationship\b[^>]*\/?>/g)) {
    const attr = (name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(m[0])?.[1];
    const id = attr('Id');
    const type = attr('Type');
    const target = attr('Target');
    if (!id || !type || !target) continue;
    const external = attr('TargetMode') === 'External';
    rels.set(id, { type: type.split('/').pop()!, target: external ? target : resolveTarget(part, target), external });
  }
  return rels;
}
