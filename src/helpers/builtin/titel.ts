import { z } from 'zod';
import { defineHelper } from '../define.js';
import { IdArg, text } from '../common.js';
import { konzeptRef } from '../../document/data-blocks.js';
import type { EntityKind } from '../../document/context.js';

/** Collections with a title, in the order an ID is looked up; milestones have no profile to link to. */
const TARGETS = [
  { collection: 'massnahmen', kind: 'massnahme' },
  { collection: 'ziele', kind: 'ziel' },
  { collection: 'handlungsfelder', kind: 'handlungsfeld' },
  { collection: 'indikatoren', kind: 'indikator' },
  { collection: 'meilensteine', kind: undefined },
] as const satisfies ReadonlyArray<{ collection: string; kind: EntityKind | undefined }>;

export default defineHelper({
  name: 'titel',
  placement: 'inline',
  summary: 'Der Titel einer Maßnahme, eines Ziels, Handlungsfelds, Indikators oder Meilensteins; in HTML ein Verweis auf seine Stelle im Konzept.',
  examples: ['{{titel "M-07"}}', '{{titel "Z-BIL-1.1"}}'],
  positional: z.tuple([IdArg]),
  named: z.object({}),
  references: ({ positional: [id] }) => [{ to: TARGETS.map((t) => t.collection), id, argument: `"${id}"` }],
  expand: ({ positional: [id] }, ctx) => {
    for (const t of TARGETS) {
      const e = (ctx.index[t.collection] as Map<string, { value: { titel: string } }>).get(id);
      if (e) return t.kind ? konzeptRef(ctx, t.kind, id, text(e.value.titel)) : text(e.value.titel);
    }
    return [];
  },
});
