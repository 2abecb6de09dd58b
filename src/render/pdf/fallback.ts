/**
 * The fallback font, per run of characters: text the body font (or the font of a code
 * span) has no glyph for is drawn in the theme's `base.fallback_font_family` instead of as
 * empty boxes. pdfmake picks one font per text fragment, so a fragment is split where
 * coverage changes; the pieces keep every other property (style, link, tag), and pdfmake
 * joins pieces without a break opportunity between them into one word, so line breaking is
 * unchanged. A character neither font has stays in the first font (the pipeline warned).
 * Runs over a finished document definition; nothing changes where no fallback is needed,
 * so such documents keep their bytes.
 */
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { coverageOf, needsGlyph, type Coverage } from '../fonts.js';
import type { FontAsset } from '../renderer.js';

/** Content keys under which pdfmake nodes (or bare strings) can sit. */
const CONTAINERS = ['stack', 'columns', 'ul', 'ol', 'body'] as const;

interface Fallback {
  family: string;
  coverage: Coverage;
  /** Coverage by family name (the families a node may name in `font`). */
  of: (family: string) => Coverage | undefined;
}

/**
 * Applies the fallback font to every text of `def` (content, header, footer, watermark):
 * mutates and returns it. `base` is the default family, `fallback` the theme's fallback.
 */
export function applyFontFallback(def: TDocumentDefinitions, fonts: Readonly<Record<string, FontAsset>>, base: string, fallback: string): TDocumentDefinitions {
  const asset = fonts[fallback];
  if (!asset) return def;
  const coverages = new Map<string, Coverage>();
  const of = (family: string) => {
    if (!fonts[family]) return undefined;
    let c = coverages.get(family);
    if (!c) coverages.set(family, (c = coverageOf(fonts[family])));
    return c;
  };
  const fb: Fallback = { family: fallback, coverage: of(fallback)!, of };
  def.content = walk(def.content, base, fb) as Content;
  for (const key of ['header', 'footer'] as const) {
    const dynamic = def[key];
    if (typeof dynamic === 'function') {
      def[key] = ((...args: Parameters<typeof dynamic>) => walk(dynamic(...args), base, fb)) as typeof dynamic;
    } else if (dynamic) {
      def[key] = walk(dynamic, base, fb) as typeof dynamic;
    }
  }
  return def;
}

/** A node (or array of nodes) with its texts split where the font must change. */
function walk(node: unknown, family: string, fb: Fallback): unknown {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      const item = node[i];
      if (typeof item === 'string') {
        const parts = split(item, {}, family, fb);
        if (parts) node[i] = { text: parts };
      } else {
        walk(item, family, fb);
      }
    }
    return node;
  }
  if (!node || typeof node !== 'object') return node;
  const obj = node as Record<string, unknown>;
  const own = typeof obj.font === 'string' ? obj.font : family;
  if ('text' in obj) obj.text = text(obj.text, own, fb);
  for (const key of CONTAINERS) if (key in obj) walk(obj[key], own, fb);
  if (obj.table && typeof obj.table === 'object') walk((obj.table as Record<string, unknown>).body, own, fb);
  return node;
}

/** A `text` value (string, fragment or array of them) with fallback pieces. */
function text(value: unknown, family: string, fb: Fallback): unknown {
  if (typeof value === 'string') return split(value, {}, family, fb) ?? value;
  if (Array.isArray(value)) {
    let changed = false;
    const out: unknown[] = [];
    for (const item of value) {
      if (typeof item === 'string') {
        const parts = split(item, {}, family, fb);
        if (parts) { out.push(...parts); changed = true; } else out.push(item);
      } else if (item && typeof item === 'object' && typeof (item as { text?: unknown }).text === 'string' && !isSpecial(item)) {
        const frag = item as Record<string, unknown>;
        const parts = split(frag.text as string, frag, typeof frag.font === 'string' ? frag.font : family, fb);
        if (parts) { out.push(...parts); changed = true; } else out.push(item);
      } else {
        out.push(walk(item, family, fb));
      }
    }
    return changed ? out : value;
  }
  if (value && typeof value === 'object') return walk(value, family, fb);
  return value;
}

/** Fragments that must stay one piece (pdfmake refers to them by identity). */
function isSpecial(item: object): boolean {
  return 'id' in item || 'pageReference' in item || 'textReference' in item || 'tocItem' in item;
}

/**
 * `s` as fragments (with the properties of `frag`) whose font is `family` or, where `family`
 * lacks a glyph the fallback has, the fallback; undefined when no piece needs the fallback.
 */
function split(s: string, frag: Record<string, unknown>, family: string, fb: Fallback): Array<Record<string, unknown>> | undefined {
  if (family === fb.family) return undefined;
  const own = fb.of(family);
  if (!own) return undefined;
  // Fast path: most texts are Latin that every font has.
  let needs = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 0x7e) { needs = true; break; }
  }
  if (!needs) return undefined;
  const pieces: Array<{ text: string; fallback: boolean }> = [];
  let any = false;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    // Characters without a glyph of their own (spaces, soft hyphens) join the current piece.
    const fallback = needsGlyph(cp) && !own.covers(cp) && fb.coverage.covers(cp);
    const last = pieces[pieces.length - 1];
    if (last && (last.fallback === fallback || !needsGlyph(cp))) last.text += ch;
    else pieces.push({ text: ch, fallback });
    any ||= fallback;
  }
  if (!any) return undefined;
  return pieces.map((p) => (p.fallback ? { ...frag, text: p.text, font: fb.family } : { ...frag, text: p.text }));
}
