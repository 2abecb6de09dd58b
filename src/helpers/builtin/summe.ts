import { z } from 'zod';
import { defineHelper } from '../define.js';
import { finanzierungProblems, IdArg, JahrArg, text } from '../common.js';
import { formatMoney } from '../../format/german.js';
import { kostenPosten, postenSumme } from '../../document/data-blocks.js';

export default defineHelper({
  name: 'summe',
  placement: 'inline',
  summary: 'Die Summe der Kosten aller Maßnahmen in Euro, wahlweise nur eines Handlungsfelds, eines Haushaltsjahrs oder einer Finanzierung.',
  examples: ['{{summe kosten}}', '{{summe kosten handlungsfeld="HF-SOZ" jahr="2020" finanzierung="Landesmittel"}}'],
  positional: z.tuple([z.enum(['kosten'])]),
  named: z.object({ handlungsfeld: IdArg.optional(), jahr: JahrArg.optional(), finanzierung: z.string().optional() }),
  references: ({ named }) => (named.handlungsfeld ? [{ to: 'handlungsfelder', id: named.handlungsfeld, argument: `handlungsfeld="${named.handlungsfeld}"` }] : []),
  problems: ({ named }, { model }) => finanzierungProblems(model, named.finanzierung),
  expand: ({ named }, ctx) =>
    text(formatMoney(postenSumme(kostenPosten(ctx, { ...(named.handlungsfeld ? { handlungsfeld: named.handlungsfeld } : {}), ...(named.jahr ? { jahr: Number(named.jahr) } : {}), ...(named.finanzierung !== undefined ? { finanzierung: named.finanzierung } : {}) })))),
});
