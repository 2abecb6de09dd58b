import { z } from 'zod';
import { defineHelper } from '../define.js';
import { IdArg } from '../common.js';
import { zeitplanCharts } from '../../document/data-blocks.js';

export default defineHelper({
  name: 'zeitplan',
  placement: 'block',
  summary: 'Der Zeitplan als Grafik: die Maßnahmen nach Handlungsfeldern als Balken, dazu die Meilensteine; wahlweise eines Handlungsfelds.',
  examples: ['{{zeitplan}}', '{{zeitplan handlungsfeld="HF-SOZ"}}'],
  positional: z.tuple([]),
  named: z.object({ handlungsfeld: IdArg.optional() }),
  references: ({ named: { handlungsfeld } }) => (handlungsfeld ? [{ to: 'handlungsfelder', id: handlungsfeld, argument: `handlungsfeld="${handlungsfeld}"` }] : []),
  inlineInstead: () => '{{zeitraum "…"}} (Zeitraum einer Maßnahme) oder {{datum "…"}} (Termin eines Meilensteins)',
  expand: ({ named: { handlungsfeld } }, ctx) => zeitplanCharts(handlungsfeld, ctx),
});
