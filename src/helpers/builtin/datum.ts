import { z } from 'zod';
import { defineHelper } from '../define.js';
import { IdArg, text } from '../common.js';
import { formatDate } from '../../format/german.js';

export default defineHelper({
  name: 'datum',
  placement: 'inline',
  summary: 'Der Termin eines Meilensteins (21.02.2019, bei einem Monat „März 2019“).',
  examples: ['{{datum "MS-03"}}'],
  positional: z.tuple([IdArg]),
  named: z.object({}),
  references: ({ positional: [id] }) => [{ to: 'meilensteine', id, argument: `"${id}"` }],
  expand: ({ positional: [id] }, ctx) => text(formatDate(ctx.index.meilensteine.get(id)!.value.datum)),
});
