import { z } from 'zod';
import { defineHelper } from '../define.js';
import { meilensteineTable } from '../../document/data-blocks.js';

export default defineHelper({
  name: 'meilensteine',
  placement: 'block',
  summary: 'Die Meilensteine als Tabelle nach Termin: Datum, Meilenstein, Status, Beschreibung.',
  examples: ['{{meilensteine}}'],
  positional: z.tuple([]),
  named: z.object({}),
  references: () => [],
  inlineInstead: () => '{{datum "…"}} (Termin eines Meilensteins)',
  expand: (_args, ctx) => [meilensteineTable(ctx)],
});
