/**
 * A helper that is not part of ratsdoc: one module, registered by the test. It shows whether
 * an indicator has reached its target: „erreicht“ or „offen“.
 */
import { z } from 'zod';
import { defineHelper } from '../../src/helpers/define.js';
import { IdArg } from '../../src/helpers/common.js';

export default defineHelper({
  name: 'ampel',
  placement: 'inline',
  summary: 'Ob ein Indikator seinen Zielwert erreicht hat.',
  examples: ['{{ampel "I-01"}}'],
  positional: z.tuple([IdArg]),
  named: z.object({}),
  references: ({ positional: [id] }) => [{ to: 'indikatoren', id, argument: `"${id}"` }],
  expand: ({ positional: [id] }, ctx) => {
    const ind = ctx.index.indikatoren.get(id)!.value;
    const last = [...(ind.messungen ?? [])].filter((m) => !m.sozialraum).pop();
    const reached = !!(last && ind.zielwert && (ind.richtung === 'fallend' ? last.wert <= ind.zielwert.wert : last.wert >= ind.zielwert.wert));
    return [{ type: 'strong', children: [{ type: 'text', value: reached ? 'erreicht' : 'offen' }] }];
  },
});
