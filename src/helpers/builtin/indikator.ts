import { z } from 'zod';
import { defineHelper } from '../define.js';
import { IdArg } from '../common.js';
import { indikatorTable } from '../../document/data-blocks.js';

export default defineHelper({
  name: 'indikator',
  placement: 'block',
  summary: 'Ein Indikator als kleine Tabelle: Ausgangswert, aktueller Wert, Zielwert und Quelle.',
  examples: ['{{indikator "I-01"}}'],
  positional: z.tuple([IdArg]),
  named: z.object({}),
  references: ({ positional: [id] }) => [{ to: 'indikatoren', id, argument: `"${id}"` }],
  inlineInstead: ({ positional: [id] }) => `{{wert "${id}"}}`,
  expand: ({ positional: [id] }, ctx) => [indikatorTable(ctx.index.indikatoren.get(id)!.value, ctx)],
});
