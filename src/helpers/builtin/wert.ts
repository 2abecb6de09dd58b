import { z } from 'zod';
import { defineHelper } from '../define.js';
import { IdArg, text } from '../common.js';
import { formatDate, formatValue } from '../../format/german.js';
import type { Indikator } from '../../model/schemas.js';
import { BerichtArg, berichtReference, berichtStichtag } from '../bericht-part.js';

const FELDER = ['aktuell', 'basis', 'ziel', 'stichtag'] as const;

/** The newest measurement of an indicator (up to `bis`, if given), for the city (no Sozialraum) or one Sozialraum. */
function latest(ind: Indikator, sozialraum: string | undefined, bis: string | undefined): { wert: number; stichtag: string } | undefined {
  const pool = (ind.messungen ?? []).filter((m) => (sozialraum ? m.sozialraum === sozialraum : !m.sozialraum) && (!bis || m.stichtag <= bis));
  return [...pool].sort((a, b) => (a.stichtag < b.stichtag ? -1 : a.stichtag > b.stichtag ? 1 : 0)).pop();
}

function point(ind: Indikator, feld: (typeof FELDER)[number], sozialraum: string | undefined, bis: string | undefined): { wert: number; stichtag: string } | undefined {
  if (feld === 'basis') return ind.basis;
  if (feld === 'ziel') return ind.zielwert;
  return latest(ind, sozialraum, bis);
}

export default defineHelper({
  name: 'wert',
  placement: 'inline',
  summary: 'Ein Wert eines Indikators mit Einheit: der neueste Messwert (Vorgabe), "basis", "ziel" oder "stichtag" (Datum des neuesten Messwerts); mit sozialraum="…" der neueste Wert dieses Sozialraums; mit bericht="…" der neueste Wert bis zum Stichtag dieses Sachstandsberichts.',
  examples: ['{{wert "I-01"}}', '{{wert "I-01" "basis"}}', '{{wert "I-01" "ziel"}}', '{{wert "I-01" "stichtag"}}', '{{wert "I-01" sozialraum="SR-MITTE"}}', '{{wert "I-01" bericht="2020-1"}}'],
  positional: z.tuple([IdArg, z.enum(FELDER).optional()]),
  named: z.object({ sozialraum: IdArg.optional(), bericht: BerichtArg.optional() }),
  references: ({ positional: [id], named }) => [
    { to: 'indikatoren', id, argument: `"${id}"` },
    ...(named.sozialraum ? [{ to: 'sozialraeume' as const, id: named.sozialraum, argument: `sozialraum="${named.sozialraum}"` }] : []),
    ...berichtReference(named.bericht),
  ],
  problems: ({ positional: [id, feld = 'aktuell'], named }, { model, index }) => {
    const ind = index.indikatoren.get(id)?.value;
    if (!ind) return [];
    if (named.sozialraum && (feld === 'basis' || feld === 'ziel')) return [`„${feld}“ gilt für die ganze Stadt; sozialraum="…" passt nur zum aktuellen Wert oder zum Stichtag`];
    if (named.bericht && (feld === 'basis' || feld === 'ziel')) return [`„${feld}“ hängt von keinem Stichtag ab; bericht="…" passt nur zum aktuellen Wert oder zum Stichtag`];
    const bis = named.bericht ? berichtStichtag(named.bericht, {}, model) : undefined;
    if (point(ind, feld, named.sozialraum, bis)) return [];
    if (feld === 'basis') return [`Indikator „${id}“ hat keinen Ausgangswert (basis)`];
    if (feld === 'ziel') return [`Indikator „${id}“ hat keinen Zielwert (zielwert)`];
    return [`Indikator „${id}“ hat keine Messung${named.sozialraum ? ` für den Sozialraum „${named.sozialraum}“` : ' für die ganze Stadt (ohne sozialraum)'}${bis ? ` bis zum ${formatDate(bis)}` : ''}`];
  },
  expand: ({ positional: [id, feld = 'aktuell'], named }, ctx) => {
    const ind = ctx.index.indikatoren.get(id)!.value;
    const p = point(ind, feld, named.sozialraum, named.bericht ? berichtStichtag(named.bericht, {}, ctx.model) : undefined)!;
    return text(feld === 'stichtag' ? formatDate(p.stichtag) : formatValue(p.wert, ind.einheit));
  },
});
