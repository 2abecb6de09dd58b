/**
 * Inline values in the text (`{{wert "I-01"}}`) whose printed value changes between two
 * revisions although the text around them does not: the change is reported once at its
 * source (the indicator, in the entity diff) and here as a derived effect, listing every
 * document and place whose sentence changes because of it.
 */
import { parseMarkdown } from '../content/markdown.js';
import { BuildContext, KONZEPT_OUT_PATH } from '../document/context.js';
import { plainText } from '../document/markdown.js';
import { vorlageOutPath } from '../document/vorlage.js';
import { findHelpers, trustedCall } from '../helpers/check.js';
import { helpers } from '../helpers/registry.js';
import { markdownTexts } from '../model/markdown-fields.js';
import { ThemeSchema } from '../theme/theme.js';
import { evaluateBericht } from '../evaluation/bericht.js';
import { berichtOutPath } from '../document/bericht.js';
import type { InlineValueChange } from './report.js';
import type { Side } from './revision.js';

/** An inline value where it stands, with the text one side prints. */
type Value = Omit<InlineValueChange, 'old' | 'new'> & { text: string };

/** Inline values never depend on the page design: the default theme gives the same text. */
const THEME = ThemeSchema.parse({});

/** Every inline helper call of a side with the text it prints, keyed by place and occurrence. */
function values(side: Side): Map<string, Value> {
  const out = new Map<string, Value>();
  const vorlageOf = new Map(side.model.vorlagen.map((v) => [v.file, v.meta.value.nummer]));
  for (const { src, entity, bericht } of markdownTexts(side.model)) {
    if (!src.body.includes('{{')) continue;
    const nummer = vorlageOf.get(src.file);
    const document = nummer !== undefined ? `Vorlage „${nummer}“` : bericht !== undefined ? `Bericht „${bericht}“` : 'Konzept';
    const ctx = new BuildContext(side.model, side.index, THEME, [], new Set());
    ctx.outPath = nummer !== undefined ? vorlageOutPath(nummer) : bericht !== undefined ? berichtOutPath(bericht) : KONZEPT_OUT_PATH;
    if (bericht !== undefined) {
      // A report's own helpers show its Stichtag.
      const b = side.model.berichte.find((x) => x.name === bericht)!;
      ctx.bericht = { name: bericht, stand: evaluateBericht(b, side.model, side.index), placed: new Set() };
    }
    const seen = new Map<string, number>();
    for (const { node } of findHelpers(parseMarkdown(src.body)).helpers) {
      let text: string;
      try {
        const { def, args } = trustedCall(node, helpers);
        if (def.placement !== 'inline') continue;
        text = plainText(def.expand(args, ctx));
      } catch {
        continue; // a call this side refuses is among its errors
      }
      const n = (seen.get(node.value) ?? 0) + 1;
      seen.set(node.value, n);
      out.set(`${document}\u0000${entity}\u0000${node.value}\u0000${n}`, { document, location: entity, call: node.value, text });
    }
  }
  return out;
}

/** Inline values printed on both sides at the same place whose text changed, in document order. */
export function changedValues(a: Side, b: Side): InlineValueChange[] {
  const before = values(a);
  const out: InlineValueChange[] = [];
  for (const [key, v] of values(b)) {
    const old = before.get(key);
    if (old && old.text !== v.text) out.push({ document: v.document, location: v.location, call: v.call, old: old.text, new: v.text });
  }
  return out;
}

