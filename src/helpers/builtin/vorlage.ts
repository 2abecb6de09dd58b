import { z } from 'zod';
import { defineHelper } from '../define.js';
import { text } from '../common.js';
import { vorlageOutPath } from '../../document/vorlage.js';

export default defineHelper({
  name: 'vorlage',
  placement: 'inline',
  summary: 'Nummer und Betreff einer anderen Vorlage: 11/1481 „Einführung …“; in HTML ein Verweis auf sie.',
  examples: ['{{vorlage "11/1481"}}'],
  positional: z.tuple([z.string().min(1, { error: 'die Nummer der Vorlage fehlt' })]),
  named: z.object({}),
  references: ({ positional: [nummer] }) => [{ to: 'vorlagen', id: nummer, argument: `"${nummer}"` }],
  expand: ({ positional: [nummer] }, ctx) => {
    const v = ctx.model.vorlagen.find((x) => x.meta.value.nummer === nummer)!.meta.value;
    return [{ type: 'documentLink', document: vorlageOutPath(nummer), children: text(`${nummer} „${v.betreff}“`) }];
  },
});
