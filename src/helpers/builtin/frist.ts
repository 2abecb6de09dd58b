import { z } from 'zod';
import { defineHelper } from '../define.js';
import { IdArg, text } from '../common.js';
import { formatDate } from '../../format/german.js';
import { konzeptRef } from '../../document/data-blocks.js';

export default defineHelper({
  name: 'frist',
  placement: 'inline',
  summary: 'Die Frist eines Ziels; in HTML ein Verweis auf das Ziel im Konzept.',
  examples: ['{{frist "Z-BIL-1.1"}}'],
  positional: z.tuple([IdArg]),
  named: z.object({}),
  references: ({ positional: [id] }) => [{ to: 'ziele', id, argument: `"${id}"` }],
  problems: ({ positional: [id] }, { index }) => {
    const z = index.ziele.get(id)?.value;
    return z && !z.frist ? [`Ziel „${id}“ hat keine Frist (frist: JJJJ-MM oder JJJJ-MM-TT)`] : [];
  },
  expand: ({ positional: [id] }, ctx) => konzeptRef(ctx, 'ziel', id, text(formatDate(ctx.index.ziele.get(id)!.value.frist!))),
});
