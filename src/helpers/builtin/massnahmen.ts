import { z } from 'zod';
import { defineHelper } from '../define.js';
import { IdArg, namedToCall } from '../common.js';
import { massnahmenTable } from '../../document/data-blocks.js';

export default defineHelper({
  name: 'massnahmen',
  placement: 'block',
  summary: 'Die Maßnahmen als Tabelle (Federführung, Partner, Zeitraum, Status, Kosten, Summe), wahlweise eines Handlungsfelds oder Ziels.',
  examples: ['{{massnahmen handlungsfeld="HF-SOZ"}}', '{{massnahmen ziel="Z-BIL-1.1"}}'],
  positional: z.tuple([]),
  named: z.object({ handlungsfeld: IdArg.optional(), ziel: IdArg.optional() }),
  references: ({ named: { handlungsfeld, ziel } }) => [
    ...(handlungsfeld ? [{ to: 'handlungsfelder' as const, id: handlungsfeld, argument: `handlungsfeld="${handlungsfeld}"` }] : []),
    ...(ziel ? [{ to: 'ziele' as const, id: ziel, argument: `ziel="${ziel}"` }] : []),
  ],
  inlineInstead: ({ named }) => `{{anzahl massnahmen${namedToCall(named)}}}`,
  expand: ({ named: { handlungsfeld, ziel } }, ctx) => {
    const { index } = ctx;
    const list = ctx.model.collections.massnahmen.filter((m) => (!handlungsfeld || m.value.handlungsfeld === handlungsfeld) && (!ziel || m.value.ziele.includes(ziel)));
    const caption = ziel ? `Maßnahmen zum Ziel ${index.ziele.get(ziel)!.value.titel}` : handlungsfeld ? `Maßnahmen im Handlungsfeld ${index.handlungsfelder.get(handlungsfeld)!.value.titel}` : 'Maßnahmen';
    return [massnahmenTable(list, ctx, caption)];
  },
});
