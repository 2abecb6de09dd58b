import { z } from 'zod';
import { defineHelper } from '../define.js';
import { IdArg, namedToCall } from '../common.js';
import { zieleTable } from '../../document/data-blocks.js';

export default defineHelper({
  name: 'ziele',
  placement: 'block',
  summary: 'Die Ziele als Tabelle (Leitziele mit ihren Handlungszielen, Frist, Indikatoren), wahlweise eines Handlungsfelds.',
  examples: ['{{ziele handlungsfeld="HF-SOZ"}}', '{{ziele}}'],
  positional: z.tuple([]),
  named: z.object({ handlungsfeld: IdArg.optional() }),
  references: ({ named: { handlungsfeld } }) => (handlungsfeld ? [{ to: 'handlungsfelder', id: handlungsfeld, argument: `handlungsfeld="${handlungsfeld}"` }] : []),
  inlineInstead: ({ named }) => `{{anzahl ziele${namedToCall(named)}}}`,
  expand: ({ named: { handlungsfeld } }, ctx) => [zieleTable(handlungsfeld, ctx, handlungsfeld ? `Ziele im Handlungsfeld ${ctx.index.handlungsfelder.get(handlungsfeld)!.value.titel}` : 'Ziele')],
});
