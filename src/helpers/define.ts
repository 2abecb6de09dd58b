/**
 * What a helper is: one module that declares its name, its arguments (zod), where it may
 * stand (inside a sentence or as its own paragraph), the entities it refers to and how it
 * expands to document-tree nodes. The rules pass checks calls against the declaration
 * (`check.ts`); the document builder then trusts the call and only expands it.
 */
import type { z } from 'zod';
import type { CollectionName } from '../model/schemas.js';
import type { Model, ModelIndex } from '../model/model.js';
import type { BuildContext } from '../document/context.js';
import type { Block, Inline } from '../document/tree.js';

/** What an ID argument may point to: a collection of the Konzept, the Vorlagen by number, the Sachstandsberichte by name. */
export type ReferenceTarget = CollectionName | 'vorlagen' | 'berichte';

/** Where a call stands: in the body of a Sachstandsbericht (its name), or elsewhere. */
export interface HelperPlace {
  bericht?: string;
}

/** One entity a call refers to; the rules report it when it does not exist. */
export interface HelperReference {
  /** One collection, or several where the ID may stand in any of them (`{{titel "M-07"}}`). */
  to: ReferenceTarget | ReferenceTarget[];
  id: string;
  /** How the author wrote the argument (`"I-01"`, `handlungsfeld="HF-SOZ"`), for the message. */
  argument: string;
}

/** A checked call's arguments, as the schemas parsed them. */
export interface HelperArgs<P extends z.ZodTuple = z.ZodTuple, N extends z.ZodObject = z.ZodObject> {
  positional: z.infer<P>;
  named: z.infer<N>;
}

interface HelperBase<P extends z.ZodTuple, N extends z.ZodObject> {
  /** What the author writes after `{{`. */
  name: string;
  /** One German sentence for the README and messages. */
  summary: string;
  /** Example calls as an author writes them (README; tested against the registry). */
  examples: string[];
  /** Positional arguments in order (optional ones at the end). */
  positional: P;
  /** Named arguments `key="value"` (all optional unless the schema says otherwise); strict. */
  named: N;
  /** The entities the call refers to. */
  references(args: HelperArgs<P, N>): HelperReference[];
  /**
   * Problems that depend on the data, checked after the references resolved (an indicator
   * without a measurement, a goal without a Frist): German sentences, never an empty value.
   */
  problems?(args: HelperArgs<P, N>, data: { model: Model; index: ModelIndex; place: HelperPlace }): string[];
}

/** A helper that returns a value inside a sentence. */
export interface InlineHelper<P extends z.ZodTuple = z.ZodTuple, N extends z.ZodObject = z.ZodObject> extends HelperBase<P, N> {
  placement: 'inline';
  expand(args: HelperArgs<P, N>, ctx: BuildContext): Inline[];
}

/** A helper that returns a table or chart and must stand in a paragraph of its own. */
export interface BlockHelper<P extends z.ZodTuple = z.ZodTuple, N extends z.ZodObject = z.ZodObject> extends HelperBase<P, N> {
  placement: 'block';
  /** The inline call an author should write instead when this one stands inside a sentence. */
  inlineInstead(args: HelperArgs<P, N>): string;
  expand(args: HelperArgs<P, N>, ctx: BuildContext): Block[];
}

export type HelperDefinition<P extends z.ZodTuple = z.ZodTuple, N extends z.ZodObject = z.ZodObject> = InlineHelper<P, N> | BlockHelper<P, N>;

/** Declares a helper (the default export of a module in `helpers/builtin/`). */
export function defineHelper<P extends z.ZodTuple, N extends z.ZodObject>(def: HelperDefinition<P, N>): HelperDefinition {
  return def as unknown as HelperDefinition;
}
