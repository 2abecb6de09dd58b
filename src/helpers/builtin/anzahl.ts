import { z } from 'zod';
import { defineHelper } from '../define.js';
import { IdArg, text } from '../common.js';
import { formatNumber } from '../../format/german.js';
import { MassnahmeSchema, type Massnahme } from '../../model/schemas.js';
import { BerichtArg, berichtReference, berichtStichtag } from '../bericht-part.js';
import { statusAt } from '../../evaluation/status.js';
import type { Model } from '../../model/model.js';

const WAS = ['massnahmen', 'ziele', 'indikatoren', 'akteure', 'interviews'] as const;
type Was = (typeof WAS)[number];

/** Which named arguments each collection understands. */
const FILTERS: Record<Was, string[]> = {
  massnahmen: ['handlungsfeld', 'status', 'ziel', 'bericht'],
  ziele: ['handlungsfeld', 'ebene'],
  indikatoren: ['handlungsfeld'],
  akteure: ['art'],
  interviews: ['handlungsfeld', 'sozialraum', 'zielgruppe'],
};

const named = z.object({
  handlungsfeld: IdArg.optional(),
  status: MassnahmeSchema.shape.status.unwrap().optional(),
  ziel: IdArg.optional(),
  ebene: z.enum(['Leitziel', 'Handlungsziel']).optional(),
  art: z.enum(['Verwaltung', 'Wohlfahrtsverband', 'Migrantenorganisation', 'Bildungstraeger', 'Ehrenamt', 'Wirtschaft', 'Politik', 'Sonstige']).optional(),
  sozialraum: IdArg.optional(),
  zielgruppe: z.enum(['Altzugewanderte', 'Neuzugewanderte', 'Einheimische', 'Fachkraefte']).optional(),
  bericht: BerichtArg.optional(),
});
type Named = z.infer<typeof named>;

/** The count: entries that pass every filter (for interviews the sum of their `anzahl`). */
export function count(model: Model, was: Was, f: Named): number {
  const c = model.collections;
  switch (was) {
    case 'massnahmen': {
      // With bericht="…" the status is the one at that report's Stichtag.
      const stichtag = f.bericht ? berichtStichtag(f.bericht, {}, model) : undefined;
      const status = (m: Massnahme) => (stichtag ? statusAt(m, stichtag) : m.status);
      return c.massnahmen.filter(({ value: m }) => (!f.handlungsfeld || m.handlungsfeld === f.handlungsfeld) && (!f.status || status(m) === f.status) && (!f.ziel || m.ziele.includes(f.ziel))).length;
    }
    case 'ziele':
      return c.ziele.filter(({ value: z }) => (!f.handlungsfeld || z.handlungsfeld === f.handlungsfeld) && (!f.ebene || z.ebene === f.ebene)).length;
    case 'indikatoren': {
      // An indicator belongs to a Handlungsfeld through the goals that use it.
      if (!f.handlungsfeld) return c.indikatoren.length;
      const used = new Set(c.ziele.filter((z) => z.value.handlungsfeld === f.handlungsfeld).flatMap((z) => z.value.indikatoren ?? []));
      return c.indikatoren.filter((i) => used.has(i.value.id)).length;
    }
    case 'akteure':
      return c.akteure.filter(({ value: a }) => !f.art || a.art === f.art).length;
    case 'interviews':
      return c.interviews
        .filter(({ value: i }) => (!f.handlungsfeld || (i.handlungsfelder ?? []).includes(f.handlungsfeld)) && (!f.sozialraum || i.sozialraum === f.sozialraum) && (!f.zielgruppe || i.zielgruppe === f.zielgruppe))
        .reduce((s, i) => s + i.value.anzahl, 0);
  }
}

export default defineHelper({
  name: 'anzahl',
  placement: 'inline',
  summary: 'Wie viele Maßnahmen, Ziele, Indikatoren oder Akteure es gibt (bei interviews: wie viele Interviews geführt wurden), wahlweise nur die eines Handlungsfelds, Status, Ziels, einer Ebene, Art, eines Sozialraums oder einer Zielgruppe; bei Maßnahmen mit bericht="…" der Stand am Stichtag dieses Berichts.',
  examples: ['{{anzahl massnahmen handlungsfeld="HF-SOZ" status="laufend"}}', '{{anzahl ziele ebene="Handlungsziel"}}', '{{anzahl indikatoren}}', '{{anzahl akteure art="Migrantenorganisation"}}', '{{anzahl interviews zielgruppe="Neuzugewanderte"}}', '{{anzahl massnahmen status="laufend" bericht="2020-1"}}'],
  positional: z.tuple([z.enum(WAS)]),
  named,
  references: ({ named: f }) => [
    ...(f.handlungsfeld ? [{ to: 'handlungsfelder' as const, id: f.handlungsfeld, argument: `handlungsfeld="${f.handlungsfeld}"` }] : []),
    ...(f.ziel ? [{ to: 'ziele' as const, id: f.ziel, argument: `ziel="${f.ziel}"` }] : []),
    ...(f.sozialraum ? [{ to: 'sozialraeume' as const, id: f.sozialraum, argument: `sozialraum="${f.sozialraum}"` }] : []),
    ...berichtReference(f.bericht),
  ],
  problems: ({ positional: [was], named: f }) =>
    Object.keys(f)
      .filter((k) => f[k as keyof Named] !== undefined && !FILTERS[was].includes(k))
      .map((k) => `„${k}“ passt nicht zu ${was}; bei ${was} erlaubt: ${FILTERS[was].join(', ') || 'keine Angabe'}`),
  expand: ({ positional: [was], named: f }, ctx) => text(formatNumber(count(ctx.model, was, f))),
});
