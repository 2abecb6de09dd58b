/**
 * A Vorlage as a document tree, block by block as the city's form (`templates/vorlage.yaml`)
 * lists them: the default form is Bergkamen's (spec section 5): Deckblatt with the
 * Beratungsfolge, Beschlussvorschlag, Sachdarstellung, finanzielle Auswirkungen,
 * Klimarelevanz, further Abschnitte, the derived Bestandteile, the signatures. Every layout
 * fact of the form ends up in tree nodes here, so every renderer shows the same form.
 */
import { fieldSource, type Vorlage } from '../model/model.js';
import { vorlageFileName } from '../model/rules.js';
import { formatDate, formatFileSize, formatMoney, formatNumber } from '../format/german.js';
import { fillPlaceholders } from '../theme/theme.js';
import { effectiveForm, yesNo, type EffectiveForm, type FieldDeclaration, type FormBlock, type FurnitureLine as FormLine } from '../theme/form.js';
import type { BuildContext } from './context.js';
import { markdownFieldToBlocks, markdownFieldToInlines, markdownToBlocks } from './markdown.js';
import { creationDate } from './meta.js';
import { display } from './labels.js';
import { t, type Attachment, type Block, type DocumentTree, type FieldList, type FurnitureLine, type Inline, type Table, type TableCell } from './tree.js';
import { anlageOutFile, appendsToPdf, fileTypeLabel } from '../model/anlagen.js';
import { KONZEPT_OUT_PATH } from './konzept.js';
import { berichtOutPath } from './bericht.js';
import path from 'node:path';


/** Where a Vorlage is written below `out/`. */
export function vorlageOutPath(nummer: string): string {
  return `vorlagen/${vorlageFileName(nummer)}`;
}

/** What the block builders share for one Vorlage. */
interface VorlageState {
  v: Vorlage;
  ctx: BuildContext;
  form: EffectiveForm;
  labels: Record<string, string>;
  kommune: string;
  entity: string;
  /** The front matter with the declared fields (validated against the form). */
  values: Record<string, unknown>;
  /** Output path of this Vorlage below `out/`, without extension. */
  outPath: string;
}

/** Builds the tree of one Vorlage. */
export function buildVorlage(v: Vorlage, ctx: BuildContext): DocumentTree {
  const meta = v.meta.value;
  ctx.outPath = vorlageOutPath(meta.nummer);
  const kommune = ctx.model.config?.value.kommune.name ?? '';
  const form = effectiveForm(ctx.theme.vorlage, meta.art, meta.formular === undefined ? undefined : String(meta.formular), { header: ctx.theme.header.vorlage, footer: ctx.theme.footer.text });
  const s: VorlageState = {
    v, ctx, form, kommune,
    labels: { ...ctx.theme.labels, ...form.labels },
    entity: `Vorlage „${meta.nummer}“`,
    values: meta as unknown as Record<string, unknown>,
    outPath: `vorlagen/${vorlageFileName(meta.nummer)}`,
  };
  const blocks = form.bloecke.flatMap((b) => block(b, s));
  const files = attachments(s);

  const placeholders = furnitureValues(s);
  const fill = (line: FormLine): FurnitureLine => ({
    left: fillPlaceholders(line.links ?? '', placeholders),
    center: fillPlaceholders(line.mitte ?? '', placeholders),
    right: fillPlaceholders(line.rechts ?? '', placeholders),
  });
  const furniture = {
    header: fill(form.seiten.kopf),
    footer: fill(form.seiten.fuss),
    firstPage: { header: fill(form.seiten.erste_seite.kopf), footer: fill(form.seiten.erste_seite.fuss) },
  };
  // The HTML page has no pages: its top line is the header without page numbers.
  const header = [furniture.header.left, furniture.header.center, furniture.header.right].filter((p) => p && !/\{seiten?\}/.test(p)).join(' · ');

  return {
    kind: 'vorlage',
    outPath: s.outPath,
    meta: {
      title: meta.betreff,
      author: kommune,
      subject: `${meta.art} ${meta.nummer}: ${meta.betreff}`,
      keywords: [meta.art, `Vorlage ${meta.nummer}`, ...(meta.aktenzeichen ? [`Az. ${meta.aktenzeichen}`] : []), kommune].filter(Boolean),
      lang: 'de-DE',
      created: creationDate(meta.datum),
    },
    header,
    furniture,
    blocks,
    ...(files.length ? { attachments: files } : {}),
  };
}

/** The Anlagen with a file: copied beside the Vorlage, PDFs appended as the form or the Anlage says. */
function attachments(s: VorlageState): Attachment[] {
  return (s.v.meta.value.anlagen ?? []).flatMap((a, i) => {
    if (!a.datei) return [];
    return [{
      source: s.ctx.resolveContentPath(a.datei),
      file: anlageOutFile(s.outPath, i + 1, a.datei),
      title: fillPlaceholders(s.labels.bestandteil_anlage, { nummer: i + 1, titel: anlageTitel(a, s.ctx) }),
      label: `Anlage ${i + 1} (${fileAbout(a.datei, s)})`,
      append: appendsToPdf(a, s.form.anlagen),
    }];
  });
}

/** `PDF, 16,8 kB`: the file's type and, when the pipeline read it, its size. */
function fileAbout(datei: string, s: VorlageState): string {
  const size = s.ctx.fileSizes.get(s.ctx.resolveContentPath(datei));
  return `${fileTypeLabel(datei)}${size !== undefined ? `, ${formatFileSize(size)}` : ''}`;
}

/**
 * One entry of the Anlagen or Bestandteile list: the text linked to the Anlage's file (its
 * type and size after it) or to the attached document's file of the same format.
 */
function anlageEntry(a: NonNullable<Vorlage['meta']['value']['anlagen']>[number], i: number, text: string, s: VorlageState): Inline[] {
  const from = path.posix.dirname(s.outPath);
  if (a.datei) {
    const file = anlageOutFile(s.outPath, i + 1, a.datei);
    return [{ type: 'link', target: 'file', url: path.posix.relative(from, file), children: [t(text)] }, t(` (${fileAbout(a.datei, s)})`)];
  }
  const document = a.konzept ? (s.ctx.model.konzept ? KONZEPT_OUT_PATH : undefined) : a.bericht !== undefined ? berichtOutPath(a.bericht) : undefined;
  return document ? [{ type: 'link', target: 'document', url: path.posix.relative(from, document), children: [t(text)] }] : [t(text)];
}

/** Placeholder values of page furniture and fixed texts; `{seite}`/`{seiten}` stay for the renderer. */
function furnitureValues(s: VorlageState): Record<string, string> {
  const meta = s.v.meta.value;
  return { nummer: meta.nummer, betreff: meta.betreff, kommune: s.kommune, datum: meta.datum ? formatDate(meta.datum) : '', art: meta.art, seite: '{seite}', seiten: '{seiten}' };
}

function block(b: FormBlock, s: VorlageState): Block[] {
  const { v, ctx, labels, entity } = s;
  const meta = v.meta.value;
  // A form may blank a heading (`titel: ""`): the content stands without one, never under an empty heading.
  const section = (label: string, children: Block[]): Block[] => (label.trim() ? [{ type: 'section', label, anchor: ctx.anchor(label), children }] : children);
  if ('feld' in b) {
    const decl = s.form.felder[b.feld];
    const value = s.values[b.feld];
    if (value === undefined) return [];
    const label = b.titel ?? decl.label;
    if (decl.typ === 'markdown') return section(label, markdownFieldToBlocks(fieldSource(v.meta, String(value), b.feld), entity, ctx));
    return section(label, [{ type: 'paragraph', children: fieldInlines(b.feld, decl, value, s) }]);
  }
  if ('checkliste' in b) return section(b.checkliste, [checklist(b.felder, b.spalten, b.breiten, s)]);
  if ('text' in b) {
    const text = fillPlaceholders(b.text, furnitureValues(s));
    if (b.stil === 'fett') return [{ type: 'paragraph', children: [{ type: 'strong', children: [t(text)] }] }];
    return [{ type: 'paragraph', children: [t(text)], ...(b.stil === 'klein' ? { style: 'small' as const } : {}) }];
  }
  switch (b.block) {
    case 'logo': {
      const wappen = ctx.model.config?.value.kommune.wappen;
      return wappen && ctx.theme.logo.position !== 'none' ? [{ type: 'logo', path: ctx.resolveContentPath(wappen), alt: `Wappen: ${s.kommune}` }] : [];
    }
    case 'kommune': return [{ type: 'paragraph', style: 'lead', children: [t(s.kommune)] }];
    case 'art': return [{ type: 'heading', depth: 1, anchor: ctx.anchor(meta.art), toc: false, children: [t(meta.art)] }];
    case 'betreff': return [{ type: 'paragraph', children: [{ type: 'strong', children: [t(meta.betreff)] }] }];
    case 'seitenumbruch': return [{ type: 'pageBreak' }];
    case 'deckblatt': return [deckblatt(b.felder, b.label_breite, s)];
    case 'beratungsfolge': return meta.beratungsfolge?.length ? [beratungsfolge(b, s)] : [];
    case 'beschlussvorschlag': return section(b.titel ?? labels.beschlussvorschlag, markdownFieldToBlocks(fieldSource(v.meta, meta.beschlussvorschlag, 'beschlussvorschlag'), entity, ctx));
    // Depth counts from the section (renderers put its label one level above): `#` is the level below the label.
    case 'sachdarstellung': return section(b.titel ?? labels.sachdarstellung, markdownToBlocks(v, entity, ctx, { baseDepth: 1, toc: false }));
    case 'finanzen':
      return meta.finanzen
        ? section(b.titel ?? labels.finanzen, [
            { type: 'paragraph', children: [t(meta.finanzen.auswirkungen ? b.ja : b.nein)] },
            ...(meta.finanzen.text ? markdownFieldToBlocks(fieldSource(v.meta, meta.finanzen.text, 'finanzen', 'text'), entity, ctx) : []),
          ])
        : [];
    case 'klimarelevanz': {
      const k = meta.klimarelevanz;
      if (!k) return [];
      const line = fillPlaceholders(k.umfang && k.auswirkung !== 'keine' ? b.zeile_mit_umfang : b.zeile, { auswirkung: k.auswirkung, umfang: k.umfang ? display(k.umfang) : '' });
      return section(b.titel ?? labels.klimarelevanz, [{ type: 'paragraph', children: [t(line)] }, ...(k.text ? markdownFieldToBlocks(fieldSource(v.meta, k.text, 'klimarelevanz', 'text'), entity, ctx) : [])]);
    }
    case 'abschnitte':
      return (meta.abschnitte ?? []).flatMap((a, i) => section(b.doppelpunkt && !a.titel.endsWith(':') ? `${a.titel}:` : a.titel, markdownFieldToBlocks(fieldSource(v.meta, a.text, 'abschnitte', i, 'text'), entity, ctx)));
    case 'anlagen': {
      const list = meta.anlagen ?? [];
      if (!list.length) return [];
      return section(b.titel, [{ type: 'list', ordered: false, items: list.map((a, i) => [{ type: 'paragraph', children: anlageEntry(a, i, fillPlaceholders(b.eintrag, { nummer: i + 1, titel: anlageTitel(a, ctx) }), s) }]) }]);
    }
    case 'bestandteile': {
      const parts: Block[][] = [[{ type: 'paragraph', children: [t(labels.bestandteil_deckblatt)] }], [{ type: 'paragraph', children: [t(labels.bestandteil_sachdarstellung)] }]];
      (meta.anlagen ?? []).forEach((a, i) => parts.push([{ type: 'paragraph', children: anlageEntry(a, i, fillPlaceholders(labels.bestandteil_anlage, { nummer: i + 1, titel: anlageTitel(a, ctx) }), s) }]));
      return section(labels.bestandteile, [{ type: 'list', ordered: true, items: parts }]);
    }
    case 'unterschriften':
      return meta.unterschriften?.length
        ? [{
            type: 'signatures',
            layout: ctx.theme.unterschriften.layout,
            items: meta.unterschriften.map((u) => ({ funktion: u.funktion, name: u.name, ...(u.vertretung ? { vertretung: u.vertretung } : {}), ...(u.amtsbezeichnung ? { amtsbezeichnung: u.amtsbezeichnung } : {}) })),
          }]
        : [];
  }
}

/** A checkbox with its word: `☒ investiv`. */
function box(checked: boolean, word: string, s: VorlageState): string {
  // One choice never breaks: box and words joined by U+00A0 („☐ nicht bewertet“).
  return `${checked ? s.form.kaestchen.an : s.form.kaestchen.aus}\u00a0${word.replaceAll(' ', '\u00a0')}`;
}

/** A declared field's value as printed text; ja-nein and choices as rows of boxes. */
function fieldInlines(key: string, decl: FieldDeclaration, value: unknown, s: VorlageState): Inline[] {
  const { ja, nein } = s.form.kaestchen;
  switch (decl.typ) {
    case 'text': return [t(String(value))];
    case 'markdown': return markdownFieldToInlines(fieldSource(s.v.meta, String(value), key), s.entity, s.ctx);
    case 'datum': return [t(formatDate(String(value)))];
    case 'betrag': return [t(formatMoney(value as number))];
    case 'zahl': return [t(formatNumber(value as number))];
    case 'ja-nein': {
      const answer = value === undefined ? undefined : yesNo(value);
      const boxes = `${box(answer?.wert === true, ja, s)}   ${box(answer?.wert === false, nein, s)}`;
      return [t(answer?.text ? `${boxes}   ${answer.text}` : boxes)];
    }
    case 'auswahl': return [t(decl.werte!.map((w) => box(value === w, w, s)).join('   '))];
    case 'checkliste': return [t(decl.werte!.map((w) => box(Array.isArray(value) && value.includes(w), w, s)).join('   '))];
  }
}

/**
 * A checklist: one row per declared field, label | value, one or two pairs side by side.
 * Choices print every option with its box, so an unanswered question shows empty boxes as a
 * paper form does; an unanswered amount or text prints „–“.
 */
function checklist(keys: string[], columns: 1 | 2, widths: number[] | undefined, s: VorlageState): Table {
  const pairs: TableCell[][] = keys.map((k) => {
    const decl = s.form.felder[k];
    const value = s.values[k];
    const choice = decl.typ === 'ja-nein' || decl.typ === 'auswahl' || decl.typ === 'checkliste';
    // Labels bold in every pair (a row header is only the first cell of a row).
    return [{ children: [{ type: 'strong', children: [t(decl.label)] }] }, { children: value === undefined && !choice ? [t('–')] : fieldInlines(k, decl, value, s) }];
  });
  const rows: TableCell[][] = [];
  for (let i = 0; i < pairs.length; i += columns) {
    const row = pairs.slice(i, i + columns).flat();
    while (row.length < columns * 2) row.push({ children: [] });
    rows.push(row);
  }
  return { type: 'table', variant: 'plain', ...(widths ? { widths } : {}), headerRows: [], rows };
}

function deckblatt(keys: string[], labelWidth: number, s: VorlageState): FieldList {
  const meta = s.v.meta.value;
  const builtin: Record<string, string | undefined> = {
    betreff: meta.betreff,
    nummer: meta.nummer,
    aktenzeichen: meta.aktenzeichen,
    art: meta.art,
    datum: meta.datum ? formatDate(meta.datum) : undefined,
    federfuehrung: meta.federfuehrung,
    bezug: meta.bezug,
    oeffentlich: meta.oeffentlich === undefined ? undefined : meta.oeffentlich ? 'öffentlich' : 'nichtöffentlich',
  };
  const fields: FieldList['fields'] = [];
  for (const k of keys) {
    const decl = s.form.felder[k];
    if (decl) {
      const value = s.values[k];
      if (value !== undefined) fields.push({ key: k, label: decl.label, value: fieldInlines(k, decl, value, s) });
    } else if (builtin[k] !== undefined && builtin[k] !== '') {
      fields.push({ key: k, label: s.labels[k] ?? k, value: [t(builtin[k]!)] });
    }
  }
  return { type: 'fieldList', fields, labelWidth };
}

/** A cell's text; a blank the form asks for (`leer: ""`) is an empty cell, not an empty string. */
const cellChildren = (text: string): Inline[] => (text ? [t(text)] : []);

function beratungsfolge(b: Extract<FormBlock, { block: 'beratungsfolge' }>, s: VorlageState): Table {
  const meta = s.v.meta.value;
  const cellText = (row: NonNullable<typeof meta.beratungsfolge>[number], feld: (typeof b.spalten)[number]['feld']): string => {
    switch (feld) {
      case 'gremium': return row.gremium;
      case 'sitzung': return row.sitzung ? formatDate(row.sitzung) : b.leer;
      case 'top': return row.top ?? b.leer;
      case 'zustaendigkeit': return row.zustaendigkeit;
      case 'oeffentlich': return (row.oeffentlich ?? meta.oeffentlich ?? true) ? b.oeffentlich.ja : b.oeffentlich.nein;
    }
  };
  const rows: TableCell[][] = (meta.beratungsfolge ?? []).map((row) =>
    b.spalten.map((c, i) => ({ children: cellChildren(cellText(row, c.feld)), ...(i === 0 ? { header: true } : {}), ...(c.feld === 'oeffentlich' ? { align: 'center' as const } : {}) })));
  return {
    type: 'table',
    variant: 'grid',
    ...((b.titel ?? s.labels.beratungsfolge).trim() ? { caption: b.titel ?? s.labels.beratungsfolge } : {}),
    ...(b.spalten.every((c) => c.breite !== undefined) ? { widths: b.spalten.map((c) => c.breite!) } : {}),
    headerRows: [b.spalten.map((c) => ({ children: [t(c.label)], header: true, ...(c.feld === 'oeffentlich' ? { align: 'center' as const } : {}) }))],
    rows,
  };
}

/** An Anlage's title: as written, or the attached report's own title. */
function anlageTitel(a: NonNullable<Vorlage['meta']['value']['anlagen']>[number], ctx: BuildContext): string {
  if (a.titel !== undefined) return a.titel;
  const bericht = ctx.model.berichte.find((b) => b.name === a.bericht);
  // The rules refuse an Anlage with neither titel nor an existing report before a build.
  return bericht ? bericht.meta.value.titel : a.bericht ?? '';
}
