/**
 * A tiny hast builder (we do not depend on `hastscript`): `h('p', { className: ['lead'] }, 'Text')`.
 * Property names follow hast (`className`, `ariaLabel`, `colSpan`, `dataLabel`, …);
 * `undefined`, `null` and `false` children are skipped, strings become text nodes.
 */
import type { Element, ElementContent, Properties, Text } from 'hast';

/** A child accepted by {@link h}: a node, a string, nothing, or a (nested) list of those. */
export type Child = ElementContent | string | null | undefined | false | Child[];

/** Builds a hast element; properties with `undefined` values are dropped. */
export function h(tagName: string, properties: Properties = {}, ...children: Child[]): Element {
  const props: Properties = {};
  for (const [key, value] of Object.entries(properties)) {
    if (value !== undefined && value !== null) props[key] = value;
  }
  return { type: 'element', tagName, properties: props, children: flatten(children) };
}

/** A hast text node. */
export function text(value: string): Text {
  return { type: 'text', value };
}

function flatten(children: Child[]): ElementContent[] {
  const out: ElementContent[] = [];
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) out.push(...flatten(child));
    else if (typeof child === 'string') out.push(text(child));
    else out.push(child);
  }
  return out;
}
