/**
 * A Vorlage as a document tree, in the order of spec section 5: Deckblatt (with the
 * Beratungsfolge), Beschlussvorschlag, Sachdarstellung, finanzielle Auswirkungen,
 * Klimarelevanz, further Abschnitte, the derived Bestandteile, the signatures.
 */
import type { Vorlage } from '../model/model.js';
import { vorlageFileName } from '../model/rules.js';
import { formatDate } from '../format/german.js';
import { fillPlaceholders } from '../theme/theme.js';
import type { BuildContext } from './context.js';
import { markdownFieldToBlocks, markdownToBlocks } from './markdown.js';
import { creationDate } from './meta.js';
import { display } from './labels.js';
import { t, type Block, type DocumentTree, type FieldList, type Inline, type Table, type TableCell } from './tree.js';


/** Builds the tree of one Vorlage. */
export function buildVorlage(v: Vorlage, ctx: BuildContext): DocumentTree {
  const meta = v.meta.value;
  const { labels } = ctx.theme;
  const kommune = ctx.model.config?.value.kommune.name ?? '';
  const entity = `Vorlage „${meta.nummer}“`;
  const blocks: Block[] = [];
  const wappen = ctx.model.config?.value.kommune.wappen;
  if (wappen && ctx.theme.logo.position !== 'none') blocks.push({ type: 'logo', path: ctx.resolveContentPath(wappen), alt: `Wappen: ${kommune}` });
  blocks.push({ type: 'paragraph', style: 'lead', children: [t(kommune)] });
  blocks.push(deckblatt(v, ctx));
  if (meta.beratungsfolge?.length) blocks.push(beratungsfolge(v, ctx));

  const section = (label: string, children: Block[]) => blocks.push({ type: 'section', label, anchor: ctx.anchor(label), children });
  section(labels.beschlussvorschlag, markdownFieldToBlocks(meta.beschlussvorschlag, v.file, entity, ctx));
  section(labels.sachdarstellung, markdownToBlocks(v, entity, ctx, { baseDepth: 3, toc: false }));
  if (meta.finanzen) {
    section(labels.finanzen, [
      { type: 'paragraph', children: [t(meta.finanzen.auswirkungen ? 'Ja' : 'Nein')] },
      ...(meta.finanzen.text ? markdownFieldToBlocks(meta.finanzen.text, v.file, entity, ctx) : []),
    ]);
  }
  if (meta.klimarelevanz) {
    const k = meta.klimarelevanz;
    const line = k.auswirkung === 'keine' ? 'Auswirkung auf den Klimaschutz: keine' : `Auswirkung auf den Klimaschutz: ${k.auswirkung}${k.umfang ? `, ${display(k.umfang)}` : ''}`;
    section(labels.klimarelevanz, [{ type: 'paragraph', children: [t(line)] }, ...(k.text ? markdownFieldToBlocks(k.text, v.file, entity, ctx) : [])]);
  }
  for (const a of meta.abschnitte ?? []) section(a.titel.endsWith(':') ? a.titel : `${a.titel}:`, markdownFieldToBlocks(a.text, v.file, entity, ctx));

  const parts: Block[][] = [[{ type: 'paragraph', children: [t(labels.bestandteil_deckblatt)] }], [{ type: 'paragraph', children: [t(labels.bestandteil_sachdarstellung)] }]];
  (meta.anlagen ?? []).forEach((a, i) => parts.push([{ type: 'paragraph', children: [t(fillPlaceholders(labels.bestandteil_anlage, { nummer: i + 1, titel: anlageTitel(a, ctx) }))] }]));
  section(labels.bestandteile, [{ type: 'list', ordered: true, items: parts }]);

  if (meta.unterschriften?.length) {
    blocks.push({
      type: 'signatures',
      layout: ctx.theme.unterschriften.layout,
      items: meta.unterschriften.map((u) => ({ funktion: u.funktion, name: u.name, ...(u.vertretung ? { vertretung: u.vertretung } : {}), ...(u.amtsbezeichnung ? { amtsbezeichnung: u.amtsbezeichnung } : {}) })),
    });
  }

  return {
    kind: 'vorlage',
    outPath: `vorlagen/${vorlageFileName(meta.nummer)}`,
    meta: {
      title: meta.betreff,
      author: kommune,
      subject: `${meta.art} ${meta.nummer}: ${meta.betreff}`,
      keywords: [meta.art, `Vorlage ${meta.nummer}`, ...(meta.aktenzeichen ? [`Az. ${meta.aktenzeichen}`] : []), kommune].filter(Boolean),
      lang: 'de-DE',
      created: creationDate(meta.datum),
    },
    header: fillPlaceholders(ctx.theme.header.vorlage, { nummer: meta.nummer, betreff: meta.betreff, kommune }),
    blocks,
  };
}

function deckblatt(v: Vorlage, ctx: BuildContext): FieldList {
  const meta = v.meta.value;
  const { labels } = ctx.theme;
  const values: Record<string, string | undefined> = {
    betreff: meta.betreff,
    nummer: meta.nummer,
    aktenzeichen: meta.aktenzeichen,
    art: meta.art,
    datum: meta.datum ? formatDate(meta.datum) : undefined,
    federfuehrung: meta.federfuehrung,
    bezug: meta.bezug,
    oeffentlich: meta.oeffentlich === undefined ? undefined : meta.oeffentlich ? 'öffentlich' : 'nichtöffentlich',
  };
  return {
    type: 'fieldList',
    fields: ctx.theme.deckblatt.felder.filter((k) => values[k] !== undefined && values[k] !== '').map((k) => ({ key: k, label: labels[k], value: [t(values[k]!)] })),
  };
}

function beratungsfolge(v: Vorlage, ctx: BuildContext): Table {
  const rows: TableCell[][] = (v.meta.value.beratungsfolge ?? []).map((b) => [
    { children: [t(b.gremium)], header: true },
    { children: [t(b.sitzung ? formatDate(b.sitzung) : '–')] },
    { children: [t(b.top ?? '–')] },
    { children: [t(b.zustaendigkeit)] },
    { children: [t((b.oeffentlich ?? v.meta.value.oeffentlich ?? true) ? 'Ö' : 'N')], align: 'center' },
  ]);
  const h = (s: string, align?: TableCell['align']): TableCell => ({ children: [t(s)], header: true, ...(align ? { align } : {}) });
  return {
    type: 'table',
    variant: 'grid',
    caption: ctx.theme.labels.beratungsfolge,
    widths: [38, 16, 10, 24, 8],
    headerRows: [[h('Gremium'), h('Sitzung'), h('TOP'), h('Zuständigkeit'), h('Ö/N', 'center')]],
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
