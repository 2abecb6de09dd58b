/**
 * The generated parts of a Sachstandsbericht as block helpers: in a report's own text they
 * show that report (and are then not appended again); anywhere else, e.g. in a Vorlage that
 * reports to the council, `bericht="2020-1"` names the report whose Stichtag they show.
 */
import { z } from 'zod';
import { defineHelper, type HelperDefinition, type HelperPlace } from './define.js';
import { arg } from './common.js';
import { BERICHT_PARTS, type BerichtPart } from '../document/bericht.js';
import type { PartDepth } from '../document/bericht-parts.js';
import type { BuildContext } from '../document/context.js';
import { evaluateBericht, type BerichtStand } from '../evaluation/bericht.js';
import type { Model } from '../model/model.js';

/** A report's name, its file name without `.md` (`2020-1`). */
export const BerichtArg = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { error: 'ist kein Name eines Berichts (der Dateiname unter berichte/ ohne .md, z. B. bericht="2020-1")' });

/** `bericht="…"` names a report that exists. */
export const berichtReference = (bericht: string | undefined) => (bericht ? [{ to: 'berichte' as const, id: bericht, argument: arg('bericht', bericht) }] : []);

/** Outside a report's own text, a call must name the report. */
export function berichtPlaceProblems(bericht: string | undefined, place: HelperPlace): string[] {
  return bericht || place.bericht ? [] : ['steht nicht im Text eines Sachstandsberichts und braucht daher bericht="…" (der Dateiname unter berichte/ ohne .md, z. B. bericht="2020-1")'];
}

/** Stichtag and tolerance of the named report, or of the report whose text the call stands in. */
export function berichtStichtag(bericht: string | undefined, place: HelperPlace, model: Model): string | undefined {
  const name = bericht ?? place.bericht;
  return model.berichte.find((b) => b.name === name)?.meta.value.stichtag;
}

/** The figures of the named report, or of the report being built. */
export function standOf(bericht: string | undefined, ctx: BuildContext): { stand: BerichtStand; own: boolean } {
  if (ctx.bericht && (!bericht || bericht === ctx.bericht.name)) return { stand: ctx.bericht.stand, own: true };
  const b = ctx.model.berichte.find((x) => x.name === bericht)!;
  return { stand: evaluateBericht(b, ctx.model, ctx.index), own: false };
}

/** One report part as a helper. */
export function berichtPartHelper(name: BerichtPart, summary: string, inlineInstead: string): HelperDefinition {
  const part = BERICHT_PARTS.find((p) => p.name === name)!;
  return defineHelper({
    name,
    placement: 'block',
    summary,
    examples: [`{{${name}}}`, `{{${name} bericht="2020-1"}}`],
    positional: z.tuple([]),
    named: z.object({ bericht: BerichtArg.optional() }),
    references: ({ named: { bericht } }) => berichtReference(bericht),
    problems: ({ named: { bericht } }, { place }) => berichtPlaceProblems(bericht, place),
    inlineInstead: () => inlineInstead,
    expand: ({ named: { bericht } }, ctx) => {
      const { stand, own } = standOf(bericht, ctx);
      if (own) ctx.bericht!.placed.add(name);
      const depth = Math.max(1, Math.min(3, ctx.headingDepth + 1)) as PartDepth;
      return part.build(stand, ctx, depth);
    },
  });
}
