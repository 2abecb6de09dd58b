/**
 * A Sachstandsbericht as a document tree: title page, the one-page summary, the author's
 * Markdown, then every generated part the Markdown did not place itself (measures,
 * indicators, goals, money, changes since the previous report).
 */
import type { Bericht } from '../model/model.js';
import { evaluateBericht, type BerichtStand } from '../evaluation/bericht.js';
import { formatDate } from '../format/german.js';
import { fillPlaceholders } from '../theme/theme.js';
import type { BuildContext } from './context.js';
import { finanzenPart, indikatorenPart, massnahmenPart, summaryPart, veraenderungenPart, zielePart, type PartDepth } from './bericht-parts.js';
import { markdownToBlocks } from './markdown.js';
import { creationDate } from './meta.js';
import type { Block, DocumentTree } from './tree.js';

/** A generated part of a report, by the name of its helper. */
export type BerichtPart = 'massnahmenstand' | 'indikatorenstand' | 'zielstand' | 'finanzstand' | 'veraenderungen';

/** The parts in the order a report appends them. */
export const BERICHT_PARTS: ReadonlyArray<{ name: BerichtPart; build: (stand: BerichtStand, ctx: BuildContext, depth: PartDepth) => Block[] }> = [
  { name: 'massnahmenstand', build: massnahmenPart },
  { name: 'indikatorenstand', build: indikatorenPart },
  { name: 'zielstand', build: zielePart },
  { name: 'finanzstand', build: finanzenPart },
  { name: 'veraenderungen', build: veraenderungenPart },
];

/** Output path of a report below `out/`, without extension. */
export function berichtOutPath(name: string): string {
  return `berichte/${name}`;
}

/** Builds the tree of one report. */
export function buildBericht(b: Bericht, ctx: BuildContext): DocumentTree {
  const meta = b.meta.value;
  const kommune = ctx.model.config?.value.kommune.name ?? '';
  const stand = evaluateBericht(b, ctx.model, ctx.index);
  ctx.bericht = { name: b.name, stand, placed: new Set() };
  const wappen = ctx.model.config?.value.kommune.wappen;
  const prev = stand.vorheriger?.meta.value;
  const fields: Array<{ label: string; value: string }> = [
    { label: 'Stichtag', value: formatDate(meta.stichtag) },
    { label: 'Zeitraum', value: `${formatDate(meta.berichtszeitraum.von)} bis ${formatDate(meta.berichtszeitraum.bis)}` },
    { label: 'Handlungsfelder', value: stand.handlungsfelder.map((h) => h.value.titel).join(', ') },
    ...(prev ? [{ label: 'Vorheriger Bericht', value: `${prev.titel} (Stichtag ${formatDate(prev.stichtag)})` }] : []),
    ...(meta.status ? [{ label: 'Status', value: meta.status }] : []),
  ];
  const blocks: Block[] = [{
    type: 'titlePage',
    kommune,
    ...(wappen && ctx.theme.logo.position !== 'none' ? { logo: { type: 'logo' as const, path: ctx.resolveContentPath(wappen), alt: `Wappen: ${kommune}` } } : {}),
    title: meta.titel,
    ...(meta.untertitel ? { subtitle: meta.untertitel } : {}),
    fields,
  }];
  const draft = meta.status === 'Entwurf' ? ctx.theme.labels.entwurf : undefined;
  if (draft) blocks.push({ type: 'banner', text: `${draft}: Dieser Bericht ist ein Entwurf.` });
  blocks.push({ type: 'pageBreak' });
  // The summary fills the first page after the title, whatever follows.
  blocks.push(...summaryPart(stand, ctx, 1), { type: 'pageBreak' });
  blocks.push(...markdownToBlocks(b, `Bericht „${b.name}“`, ctx, { baseDepth: 1, toc: true }));
  for (const part of BERICHT_PARTS) {
    if (ctx.bericht.placed.has(part.name)) continue;
    blocks.push(...part.build(stand, ctx, 1));
  }
  return {
    kind: 'bericht',
    outPath: berichtOutPath(b.name),
    meta: {
      title: meta.titel,
      author: kommune,
      subject: `Sachstandsbericht zum Stichtag ${formatDate(meta.stichtag)}`,
      keywords: ['Sachstandsbericht', kommune, ...stand.handlungsfelder.map((h) => h.value.titel)].filter(Boolean),
      lang: 'de-DE',
      created: creationDate(meta.stichtag),
    },
    header: fillPlaceholders(ctx.theme.header.konzept, { titel: meta.titel, kommune, stand: formatDate(meta.stichtag) }),
    ...(draft ? { draft } : {}),
    blocks,
  };
}
