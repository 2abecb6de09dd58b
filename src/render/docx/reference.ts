/**
 * A city's reference document (`templates/vorlage.docx` or `.dotx`), used as pandoc's
 * `--reference-doc` is: its styles replace ratsdoc's (ratsdoc's own are kept only where the
 * reference has no style of that id or built-in name), its page size and margins replace
 * the theme's, and its header and footer replace ratsdoc's running header and footer
 * (together with their images). Its body text is ignored.
 *
 * Word names the built-in styles by English names (`heading 1`) but gives them localised
 * ids (a German Word writes `berschrift1`), so styles are matched by id and by built-in name.
 * `theme/reference-document.ts` finds, reads and checks the file.
 */
import { readReferencePackage, relsPathOf, resolveTarget, type ReferencePackage as Reference } from '../../theme/reference-document.js';
import type { ReferenceDocument } from './assets.js';
import { partText, setPart, type Parts } from './package.js';
import type { PageGeometry } from './page.js';

export { referenceProblem } from '../../theme/reference-document.js';

const REL_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const HEADER_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml';
const FOOTER_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml';

/**
 * The page size and margins of the reference document in twips, if it sets them: the text
 * width of tables, images and tab stops is taken from these, since its page replaces the theme's.
 */
export function referencePage(ref: ReferenceDocument): PageGeometry | undefined {
  const sect = readReferencePackage(ref.bytes).sectPr;
  const size = sect && /<w:pgSz\b[^>]*\/>/.exec(sect)?.[0];
  const margin = sect && /<w:pgMar\b[^>]*\/>/.exec(sect)?.[0];
  if (!size || !margin) return undefined;
  const attr = (xml: string, name: string) => Number(new RegExp(`\\bw:${name}="(-?\\d+)"`).exec(xml)?.[1]);
  const page = { width: attr(size, 'w'), height: attr(size, 'h'), top: Math.abs(attr(margin, 'top')), right: attr(margin, 'right'), bottom: Math.abs(attr(margin, 'bottom')), left: attr(margin, 'left') };
  return Object.values(page).every((n) => Number.isFinite(n) && n >= 0) && page.width > page.left + page.right && page.height > page.top + page.bottom ? page : undefined;
}

/** Applies the reference document to ratsdoc's package (in place). */
export function applyReference(parts: Parts, ref: ReferenceDocument): void {
  const reference = readReferencePackage(ref.bytes);
  const renamed = mergeStyles(parts, reference);
  const theme = [...reference.rels.values()].find((r) => r.type === 'theme');
  const themeXml = theme ? reference.parts.get(theme.target) : undefined;
  if (themeXml && parts.has('word/theme/theme1.xml')) parts.set('word/theme/theme1.xml', themeXml);
  let document = partText(parts, 'word/document.xml')!;
  if (reference.sectPr) document = applySection(parts, document, reference);
  setPart(parts, 'word/document.xml', document);
  if (renamed.size) {
    for (const name of parts.keys()) {
      if (/^word\/(document|footnotes|endnotes|header\d*|footer\d*|numbering)\.xml$/.test(name)) setPart(parts, name, renameStyleRefs(partText(parts, name)!, renamed));
    }
  }
}

/** `<w:style …>…</w:style>` elements of a styles part with their id and lower-case name. */
function stylesOf(xml: string): Array<{ id: string; name: string; type: string; xml: string }> {
  return [...xml.matchAll(/<w:style\b[^>]*>[\s\S]*?<\/w:style>/g)].map((m) => ({
    id: /\bw:styleId="([^"]*)"/.exec(m[0])?.[1] ?? '',
    type: /\bw:type="([^"]*)"/.exec(m[0])?.[1] ?? '',
    name: (/<w:name w:val="([^"]*)"/.exec(m[0])?.[1] ?? '').toLowerCase(),
    xml: m[0],
  }));
}

/**
 * The reference's styles part, plus ratsdoc's styles it lacks. Returns ratsdoc style ids that
 * the reference has under another id (same built-in name), to rename in the parts.
 */
function mergeStyles(parts: Parts, reference: Reference): Map<string, string> {
  const ours = stylesOf(partText(parts, 'word/styles.xml') ?? '');
  const theirs = stylesOf(reference.styles);
  const theirIds = new Set(theirs.map((s) => s.id));
  const theirByName = new Map(theirs.filter((s) => s.name).map((s) => [`${s.type}:${s.name}`, s.id]));
  const renamed = new Map<string, string>();
  const added: string[] = [];
  for (const s of ours) {
    if (theirIds.has(s.id)) continue;
    const same = theirByName.get(`${s.type}:${s.name}`);
    if (same) renamed.set(s.id, same);
    else added.push(s.xml);
  }
  const merged = reference.styles.replace(/<\/w:styles>\s*$/, `${added.map((x) => renameStyleRefs(x, renamed)).join('')}</w:styles>`);
  setPart(parts, 'word/styles.xml', merged);
  return renamed;
}

/** Renames style references (`w:pStyle`, `w:rStyle`, `w:tblStyle`, `w:basedOn`, `w:next`, `w:link`). */
function renameStyleRefs(xml: string, renamed: Map<string, string>): string {
  return xml.replace(/(<w:(?:pStyle|rStyle|tblStyle|basedOn|next|link) w:val=")([^"]*)(")/g, (all, a: string, id: string, b: string) => (renamed.has(id) ? `${a}${renamed.get(id)}${b}` : all));
}

/**
 * The reference's page size and margins in ratsdoc's section; its header and footer (if it
 * has any) instead of ratsdoc's, copied with their relationships and images.
 */
function applySection(parts: Parts, document: string, reference: Reference): string {
  const refSect = reference.sectPr!;
  const element = (name: string, xml: string) => new RegExp(`<w:${name}\\b[^>]*?(?:/>|>[\\s\\S]*?</w:${name}>)`).exec(xml)?.[0];
  const refRefs = [...refSect.matchAll(/<w:(header|footer)Reference\b[^>]*\/>/g)].map((m) => m[0]);
  const copied = refRefs.length ? copyHeadersFooters(parts, reference, refRefs) : undefined;
  return document.replace(/<w:sectPr\b[\s\S]*?<\/w:sectPr>/g, (ours) => {
    let out = ours;
    for (const name of ['pgSz', 'pgMar']) {
      const theirs = element(name, refSect);
      const mine = element(name, out);
      if (theirs && mine) out = out.replace(mine, theirs);
    }
    if (copied) {
      out = out.replace(/<w:(header|footer)Reference\b[^>]*\/>/g, '');
      out = out.replace(/^(<w:sectPr\b[^>]*>)/, `$1${copied.join('')}`);
      out = out.replace(/<w:titlePg\b[^>]*\/>/, '');
      const titlePg = element('titlePg', refSect);
      if (titlePg) out = out.replace(/(<w:pgNumType\b[^>]*\/>|<w:docGrid\b[^>]*\/>|<\/w:sectPr>)/, `${titlePg}$1`);
    }
    return out;
  });
}

/** Copies the reference's header and footer parts; returns the section's new references to them. */
function copyHeadersFooters(parts: Parts, reference: Reference, refRefs: string[]): string[] {
  removeOwnHeadersFooters(parts);
  let rels = partText(parts, 'word/_rels/document.xml.rels')!;
  let types = partText(parts, '[Content_Types].xml')!;
  const out: string[] = [];
  refRefs.forEach((refXml, i) => {
    const rid = /\br:id="([^"]*)"/.exec(refXml)?.[1];
    const rel = rid ? reference.rels.get(rid) : undefined;
    const source = rel && reference.parts.get(rel.target);
    if (!rel || !source) return;
    const kind = refXml.startsWith('<w:header') ? 'header' : 'footer';
    const name = `word/reference-${kind}${i + 1}.xml`;
    parts.set(name, source);
    copyPartRelationships(parts, reference, rel.target, name);
    const newId = `rIdReference${i + 1}`;
    rels = rels.replace('</Relationships>', `<Relationship Id="${newId}" Type="${REL_TYPE}/${kind}" Target="${name.slice('word/'.length)}"/></Relationships>`);
    types = types.replace('</Types>', `<Override PartName="/${name}" ContentType="${kind === 'header' ? HEADER_TYPE : FOOTER_TYPE}"/></Types>`);
    out.push(refXml.replace(/\br:id="[^"]*"/, `r:id="${newId}"`));
  });
  setPart(parts, 'word/_rels/document.xml.rels', rels);
  setPart(parts, '[Content_Types].xml', withImageDefaults(types, parts));
  return out;
}

/** Removes ratsdoc's own header and footer parts, their relationships and content types. */
function removeOwnHeadersFooters(parts: Parts): void {
  const relsName = 'word/_rels/document.xml.rels';
  let rels = partText(parts, relsName)!;
  let types = partText(parts, '[Content_Types].xml')!;
  for (const m of [...rels.matchAll(/<Relationship\b[^>]*Type="[^"]*\/(header|footer)"[^>]*\/>/g)]) {
    const target = /\bTarget="([^"]*)"/.exec(m[0])![1];
    const part = resolveTarget('word/document.xml', target);
    parts.delete(part);
    parts.delete(relsPathOf(part));
    rels = rels.replace(m[0], '');
    types = types.replace(new RegExp(`<Override PartName="/${part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*/>`), '');
  }
  setPart(parts, relsName, rels);
  setPart(parts, '[Content_Types].xml', types);
}

/** Copies a reference part's relationships file and the media it points to (renamed `reference-…`). */
function copyPartRelationships(parts: Parts, reference: Reference, from: string, to: string): void {
  const relsText = partText(reference.parts, relsPathOf(from));
  if (!relsText) return;
  const rewritten = relsText.replace(/<Relationship\b[^>]*\/>/g, (rel) => {
    if (/TargetMode="External"/.test(rel)) return rel;
    const target = /\bTarget="([^"]*)"/.exec(rel)?.[1];
    if (!target) return rel;
    const data = reference.parts.get(resolveTarget(from, target));
    if (!data) return '';
    const copy = `word/media/reference-${resolveTarget(from, target).split('/').pop()}`;
    parts.set(copy, data);
    return rel.replace(/\bTarget="[^"]*"/, `Target="${copy.slice('word/'.length)}"`);
  });
  setPart(parts, relsPathOf(to), rewritten);
}

const IMAGE_TYPES: Record<string, string> = { png: 'image/png', jpeg: 'image/jpeg', jpg: 'image/jpeg', gif: 'image/gif', emf: 'image/x-emf', wmf: 'image/x-wmf', svg: 'image/svg+xml', bmp: 'image/bmp', tif: 'image/tiff', tiff: 'image/tiff' };

/** Adds `Default` content types for the extensions of media parts that have none. */
function withImageDefaults(types: string, parts: Parts): string {
  let out = types;
  for (const name of parts.keys()) {
    const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
    if (!ext || !name.startsWith('word/media/') || !IMAGE_TYPES[ext]) continue;
    if (new RegExp(`<Default Extension="${ext}"`, 'i').test(out)) continue;
    out = out.replace('</Types>', `<Default Extension="${ext}" ContentType="${IMAGE_TYPES[ext]}"/></Types>`);
  }
  return out;
}
