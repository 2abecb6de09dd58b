import { z } from 'zod';
import { defineHelper } from '../define.js';
import { IdArg, text } from '../common.js';
import { formatDate } from '../../format/german.js';
import { konzeptRef } from '../../document/data-blocks.js';

/** `März 2019 bis Dezember 2020`; one open end reads „ab …“ / „bis …“. */
function period(von?: string, bis?: string): string {
  if (von && bis) return `${formatDate(von)} bis ${formatDate(bis)}`;
  return von ? `ab ${formatDate(von)}` : `bis ${formatDate(bis!)}`;
}

export default defineHelper({
  name: 'zeitraum',
  placement: 'inline',
  summary: 'Der Zeitraum einer Maßnahme (Beginn bis Ende); in HTML ein Verweis auf die Maßnahme im Konzept.',
  examples: ['{{zeitraum "M-07"}}'],
  positional: z.tuple([IdArg]),
  named: z.object({}),
  references: ({ positional: [id] }) => [{ to: 'massnahmen', id, argument: `"${id}"` }],
  problems: ({ positional: [id] }, { index }) => {
    const m = index.massnahmen.get(id)?.value;
    return m && !m.beginn && !m.ende ? [`Maßnahme „${id}“ hat weder Beginn noch Ende`] : [];
  },
  expand: ({ positional: [id] }, ctx) => {
    const m = ctx.index.massnahmen.get(id)!.value;
    return konzeptRef(ctx, 'massnahme', id, text(period(m.beginn, m.ende)));
  },
});
