/**
 * Where an Anlage's file goes in `out/` and how it is named, declared once for the builder
 * (links, sizes), the pipeline (which copies the bytes) and the rules (which check what is to
 * be appended). Nothing here reads a file.
 */
import path from 'node:path';
import type { Vorlage } from './model.js';
import type { AnlagenMode, Form } from '../theme/form.js';
import { effectiveForm } from '../theme/form.js';

type Anlage = NonNullable<Vorlage['meta']['value']['anlagen']>[number];

/**
 * The stable output path of Anlage number `nummer` (1-based, as printed): a folder named like
 * the Vorlage's files, the number and the source file's own name, e.g.
 * `vorlagen/11-1702/anlage-2-zuwendungsbescheid.pdf`. The same content gives the same name on
 * every build, so links into `out/` stay valid.
 */
export function anlageOutFile(vorlageOutPath: string, nummer: number, datei: string): string {
  const ext = path.posix.extname(datei).toLowerCase();
  const stem = path.posix.basename(datei.replace(/\\/g, '/'), path.posix.extname(datei));
  const slug = stem
    .toLowerCase()
    .replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss')
    .normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${vorlageOutPath}/anlage-${nummer}${slug ? `-${slug}` : ''}${/^\.[a-z0-9]{1,8}$/.test(ext) ? ext : ''}`;
}

/** The kind of file as a reader names it: `PDF`, `DOCX`, `PNG`; `Datei` without an extension. */
export function fileTypeLabel(datei: string): string {
  const ext = path.posix.extname(datei).slice(1);
  if (!ext) return 'Datei';
  return /^jpe?g$/i.test(ext) ? 'JPEG' : ext.toUpperCase();
}

/** Whether a file name says PDF (the bytes are checked by the rules). */
export function isPdfName(datei: string): boolean {
  return /\.pdf$/i.test(datei);
}

/**
 * Whether this Anlage's pages are appended to the Vorlage's PDF: its own `anhaengen` wins,
 * else the form's `anlagen` for the Vorlage's art and version. Only PDF files are appended.
 */
export function appendsToPdf(a: Anlage, mode: AnlagenMode): boolean {
  if (!a.datei || !isPdfName(a.datei)) return false;
  return a.anhaengen ?? mode === 'anhaengen';
}

/** The form's `anlagen` for one Vorlage (its art and pinned version). */
export function anlagenModeOf(form: Form, v: Vorlage): AnlagenMode {
  const meta = v.meta.value;
  return effectiveForm(form, meta.art, meta.formular === undefined ? undefined : String(meta.formular), { header: '', footer: '' }).anlagen;
}

/** Absolute paths of every Anlage file of the Vorlagen (what the pipeline reads). */
export function anlageSources(root: string, vorlagen: readonly Vorlage[]): string[] {
  return [...new Set(vorlagen.flatMap((v) => (v.meta.value.anlagen ?? []).flatMap((a) => (a.datei ? [path.join(root, a.datei)] : []))))].sort();
}
