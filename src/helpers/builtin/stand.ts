import { z } from 'zod';
import { defineHelper } from '../define.js';
import { IdArg, text } from '../common.js';
import { BerichtArg, berichtPlaceProblems, berichtReference, berichtStichtag } from '../bericht-part.js';
import { isUeberfaellig, statusAt } from '../../evaluation/status.js';
import { statusLabel } from '../../document/bericht-parts.js';
import { formatDate } from '../../format/german.js';

export default defineHelper({
  name: 'stand',
  placement: 'inline',
  summary: 'Der Stand einer Maßnahme am Stichtag eines Sachstandsberichts (geplant, laufend, abgeschlossen, zurückgestellt), mit „überfällig“, wenn sie bis dahin hätte enden sollen.',
  examples: ['{{stand "M-07" bericht="2020-1"}}'],
  positional: z.tuple([IdArg]),
  named: z.object({ bericht: BerichtArg.optional() }),
  references: ({ positional: [id], named: { bericht } }) => [{ to: 'massnahmen', id, argument: `"${id}"` }, ...berichtReference(bericht)],
  problems: ({ positional: [id], named: { bericht } }, { model, index, place }) => {
    const placeProblems = berichtPlaceProblems(bericht, place);
    if (placeProblems.length) return placeProblems;
    const m = index.massnahmen.get(id)?.value;
    const stichtag = berichtStichtag(bericht, place, model);
    return m && stichtag && statusAt(m, stichtag) === undefined ? [`Maßnahme „${id}“ hat am ${formatDate(stichtag)} keinen Stand (status oder verlauf)`] : [];
  },
  expand: ({ positional: [id], named: { bericht } }, ctx) => {
    const m = ctx.index.massnahmen.get(id)!.value;
    const stichtag = berichtStichtag(bericht, { bericht: ctx.bericht?.name }, ctx.model)!;
    return text(`${statusLabel(statusAt(m, stichtag))}${isUeberfaellig(m, stichtag) ? ' und überfällig' : ''}`);
  },
});
