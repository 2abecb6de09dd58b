import { z } from 'zod';
import { defineHelper } from '../define.js';
import { IdArg, text } from '../common.js';
import { konzeptRef } from '../../document/data-blocks.js';

export default defineHelper({
  name: 'name',
  placement: 'inline',
  summary: 'Der Name eines Akteurs oder Sozialraums; in HTML ein Verweis auf seine Stelle im Konzept.',
  examples: ['{{name "AK-VHS"}}', '{{name "SR-MITTE"}}'],
  positional: z.tuple([IdArg]),
  named: z.object({}),
  references: ({ positional: [id] }) => [{ to: ['akteure', 'sozialraeume'], id, argument: `"${id}"` }],
  expand: ({ positional: [id] }, ctx) => {
    const a = ctx.index.akteure.get(id);
    if (a) return konzeptRef(ctx, 'akteur', id, text(a.value.name));
    return konzeptRef(ctx, 'sozialraum', id, text(ctx.index.sozialraeume.get(id)!.value.name));
  },
});
