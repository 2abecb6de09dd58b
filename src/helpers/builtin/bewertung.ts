import { z } from 'zod';
import { defineHelper } from '../define.js';
import { IdArg, text } from '../common.js';
import { BerichtArg, berichtPlaceProblems, berichtReference, berichtStichtag } from '../bericht-part.js';
import { assess } from '../../evaluation/assessment.js';
import { toleranzOf } from '../../evaluation/bericht.js';

export default defineHelper({
  name: 'bewertung',
  placement: 'inline',
  summary: 'Die Bewertung eines Indikators am Stichtag eines Sachstandsberichts: erreicht, auf Kurs, gefährdet, verfehlt oder keine Daten (Regel im Abschnitt „Sachstandsberichte“).',
  examples: ['{{bewertung "I-01" bericht="2020-1"}}'],
  positional: z.tuple([IdArg]),
  named: z.object({ bericht: BerichtArg.optional() }),
  references: ({ positional: [id], named: { bericht } }) => [{ to: 'indikatoren', id, argument: `"${id}"` }, ...berichtReference(bericht)],
  problems: ({ named: { bericht } }, { place }) => berichtPlaceProblems(bericht, place),
  expand: ({ positional: [id], named: { bericht } }, ctx) => {
    const stichtag = berichtStichtag(bericht, { bericht: ctx.bericht?.name }, ctx.model)!;
    return text(assess(ctx.index.indikatoren.get(id)!.value, stichtag, toleranzOf(ctx.model)).bewertung);
  },
});
