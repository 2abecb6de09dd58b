/**
 * The one check of helper calls, run by the rules over every Markdown text (chapters,
 * Vorlagen, Markdown fields of YAML files): syntax, known helper, arguments, placement and
 * every entity the call refers to. The builder trusts what passes here.
 */
import type * as md from 'mdast';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { CODES, type DiagnosticCode } from '../diagnostics/codes.js';
import { didYouMean } from '../diagnostics/suggest.js';
import { parseMarkdown } from '../content/markdown.js';
import type { HelperNode } from '../content/helper-syntax.js';
import { sourcePosition, type MarkdownSource, type Model, type ModelIndex } from '../model/model.js';
import { ENTITY_LABEL } from '../model/schemas.js';
import type { HelperArgs, HelperDefinition, HelperPlace, ReferenceTarget } from './define.js';
import { checkArguments, parseCall } from './call.js';
import { scanHelpers, type FoundHelper } from './scan.js';
import type { HelperRegistry } from './registry.js';

/** Every helper and unclosed `{{` of a parsed Markdown text, in document order. */
export function findHelpers(root: md.Root): { helpers: FoundHelper[]; unclosed: md.Node[] } {
  const helpers: FoundHelper[] = [];
  const unclosed: md.Node[] = [];
  const visit = (node: md.Node, parent: md.Parent | undefined) => {
    if (node.type === 'helper') helpers.push({ node: node as HelperNode, standalone: !!parent && isAloneInParagraph(node, parent) });
    else if (node.type === 'helperUnclosed') unclosed.push(node);
    const children = (node as md.Parent).children;
    if (children) for (const c of children) visit(c, node as md.Parent);
  };
  visit(root, undefined);
  return { helpers, unclosed };
}

/** The node is the only thing (apart from spaces) in a paragraph. */
export function isAloneInParagraph(node: md.Node, parent: md.Parent): boolean {
  return parent.type === 'paragraph' && parent.children.every((c) => c === node || (c.type === 'text' && c.value.trim() === ''));
}

/** Label of reference targets in messages: „Maßnahme“, „Maßnahme oder Ziel“. */
function targetLabel(to: ReferenceTarget[]): string {
  const labels = to.map((t) => (t === 'vorlagen' ? 'Vorlage' : t === 'berichte' ? 'Bericht' : ENTITY_LABEL[t]));
  return labels.length > 1 ? `${labels.slice(0, -1).join(', ')} oder ${labels[labels.length - 1]}` : labels[0];
}

/** Per run (keyed by its index): the lookup of each target, built at its first reference. */
const lookupsOf = new WeakMap<ModelIndex, Map<ReferenceTarget, { ids: Iterable<string>; has: (id: string) => boolean }>>();

/** The IDs (Vorlage numbers, Bericht names) of a target, and those that exist but are broken (reported elsewhere). */
function idsOf(to: ReferenceTarget, model: Model, index: ModelIndex): { ids: Iterable<string>; has: (id: string) => boolean } {
  let lookups = lookupsOf.get(index);
  if (!lookups) lookupsOf.set(index, (lookups = new Map()));
  let lookup = lookups.get(to);
  if (!lookup) lookups.set(to, (lookup = targetLookup(to, model, index)));
  return lookup;
}

function targetLookup(to: ReferenceTarget, model: Model, index: ModelIndex): { ids: Iterable<string>; has: (id: string) => boolean } {
  if (to === 'berichte') {
    const names = model.berichte.map((b) => b.name);
    return { ids: names, has: (id) => names.includes(id) || !!model.unusableFiles?.has(`berichte/${id}.md`) };
  }
  if (to === 'vorlagen') {
    const numbers = model.vorlagen.map((v) => v.meta.value.nummer);
    return { ids: numbers, has: (id) => numbers.includes(id) || !!model.brokenVorlagen?.has(id) || !!model.unparsed?.vorlagen.has(id) };
  }
  const map = index[to] as Map<string, unknown>;
  // An ID still legible in a file with a syntax error is no follow-on error (that file's error stands).
  // Iterable again for each message (the lookup serves every reference of the run).
  return { ids: { [Symbol.iterator]: () => map.keys() }, has: (id) => map.has(id) || model.brokenIds[to].has(id) || !!model.unparsed?.ids.has(`${to}\u0000${id}`) };
}

/** Checks the helpers of one Markdown text. */
export function checkHelpers(src: MarkdownSource, entity: string, model: Model, index: ModelIndex, registry: HelperRegistry, place: HelperPlace = {}): Diagnostic[] {
  // Text without `{{` holds no helper: skip the parser (most YAML fields are one sentence).
  if (!src.body.includes('{{')) return [];
  const out: Diagnostic[] = [];
  const report = (node: md.Node, code: DiagnosticCode, message: string) => {
    const p = sourcePosition(src, { line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 });
    out.push({ severity: 'error', code, file: src.file, line: p.line, column: p.column, message, entity });
  };
  // Plain paragraphs need no parser; scanHelpers says when it cannot be sure.
  const { helpers, unclosed } = scanHelpers(src.body) ?? findHelpers(parseMarkdown(src.body));
  for (const n of unclosed) report(n, CODES.helperUnclosed, 'Datenbaustein „{{“ wird in derselben Zeile nicht mit „}}“ geschlossen; für geschweifte Klammern als Text bitte \\{{ schreiben');
  for (const { node, standalone } of helpers) {
    const parsed = parseCall(node.inner);
    if ('problem' in parsed) {
      report(node, CODES.helperSyntax, `${node.value}: ${parsed.problem}`);
      continue;
    }
    const def = registry.get(parsed.name);
    if (!def) {
      report(node, CODES.helperUnknown, `unbekannter Datenbaustein „${parsed.name}“${didYouMean(parsed.name, registry.names())}; erlaubt: ${registry.names().join(', ')}`);
      continue;
    }
    const checked = checkArguments(def, parsed);
    if (!checked.ok) {
      for (const problem of checked.problems) report(node, CODES.helperArguments, `${node.value}: ${problem}`);
      continue;
    }
    if (def.placement === 'block' && !standalone) {
      report(node, CODES.helperBlockInline,
        `${node.value} ist ein Block (Tabelle oder Grafik) und muss allein in einem eigenen Absatz stehen; im Satz bitte ${def.inlineInstead(checked.args as never)} verwenden`);
    }
    let resolved = true;
    for (const ref of def.references(checked.args as never)) {
      const targets = Array.isArray(ref.to) ? ref.to : [ref.to];
      const lookups = targets.map((t) => idsOf(t, model, index));
      if (lookups.some((l) => l.has(ref.id))) continue;
      resolved = false;
      report(node, CODES.helperUnknownId, `${node.value}: ${targetLabel(targets)} „${ref.id}“ ist nicht definiert${didYouMean(ref.id, lookups.flatMap((l) => [...l.ids]))}`);
    }
    if (resolved && def.problems) for (const problem of def.problems(checked.args as never, { model, index, place })) report(node, CODES.helperNoValue, `${node.value}: ${problem}`);
  }
  return out;
}

/** The checked arguments of a helper node the rules let through (the builder's view). */
export function trustedCall(node: HelperNode, registry: HelperRegistry): { def: HelperDefinition; args: HelperArgs } {
  const parsed = parseCall(node.inner);
  const def = 'problem' in parsed ? undefined : registry.get(parsed.name);
  const checked = def && !('problem' in parsed) ? checkArguments(def, parsed) : undefined;
  // The rules ran before the builder and refuse every call that fails here.
  if (!def || !checked?.ok) throw new Error(`unchecked helper call ${node.value} reached the builder`);
  return { def, args: checked.args };
}
