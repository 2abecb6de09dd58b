import { z } from 'zod';
import { defineHelper } from '../define.js';
import { finanzierungProblems, IdArg, JahrArg, namedToCall } from '../common.js';
import { kostenTable } from '../../document/data-blocks.js';

export default defineHelper({
  name: 'kosten',
  placement: 'block',
  summary: 'Die Kosten als Tabelle: je Kostenposten Maßnahme, Jahr, Finanzierung und Betrag, mit Summe; wahlweise nur eines Handlungsfelds, Jahres oder einer Finanzierung.',
  examples: ['{{kosten handlungsfeld="HF-SOZ"}}', '{{kosten jahr="2020" finanzierung="Landesmittel"}}'],
  positional: z.tuple([]),
  named: z.object({ handlungsfeld: IdArg.optional(), jahr: JahrArg.optional(), finanzierung: z.string().optional() }),
  references: ({ named: { handlungsfeld } }) => (handlungsfeld ? [{ to: 'handlungsfelder', id: handlungsfeld, argument: `handlungsfeld="${handlungsfeld}"` }] : []),
  // The same filters as {{summe kosten …}}: a misspelt Finanzierung is reported the same way.
  problems: ({ named }, { model }) => finanzierungProblems(model, named.finanzierung),
  inlineInstead: ({ named }) => `{{summe kosten${namedToCall(named)}}}`,
  expand: ({ named: { handlungsfeld, jahr, finanzierung } }, ctx) => {
    const parts = [handlungsfeld ? `Handlungsfeld ${ctx.index.handlungsfelder.get(handlungsfeld)!.value.titel}` : '', jahr ? `Jahr ${jahr}` : '', finanzierung ? `Finanzierung ${finanzierung}` : ''].filter(Boolean);
    return [kostenTable(ctx, { ...(handlungsfeld ? { handlungsfeld } : {}), ...(jahr ? { jahr: Number(jahr) } : {}), ...(finanzierung !== undefined ? { finanzierung } : {}) }, parts.length ? `Kosten: ${parts.join(', ')}` : 'Kosten')];
  },
});
