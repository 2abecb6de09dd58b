/**
 * Runs of same-styled words drawn with one `text()` call. pdfmake 0.3.11 (pinned exactly:
 * this relies on its Renderer) draws a line word by word (its `renderLine` has a TODO about
 * it): each word its own BT … ET with a font, colour and position, and each linked word its
 * own link annotation. This wraps `Renderer.renderLine`: consecutive inlines of a line that
 * pdfmake would draw alike (same font object, size, colour, opacity, link, decoration,
 * background, baseline shift) and that sit edge to edge (the next starts where the previous
 * ends: never in justified text) are joined into one inline before pdfmake draws the line.
 *
 * The glyphs do not move: pdfkit lays a text out word by word at spaces (`EmbeddedFont.layout`
 * with its per-word cache), as pdfmake measured the words, so one call gives the same glyph
 * advances as one call per word (a word's start may differ by rounding, a hundredth of a
 * point: anti-aliased edge pixels at most). A link becomes one annotation over the run.
 *
 * Installed before the tagging hooks (`engine.ts`), so it sees each run of one structure
 * element the tagging hook draws (`tagging/hooks.ts`), never text of two elements.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The properties of a pdfmake inline that decide how it is drawn. */
interface Inline {
  text: string;
  x: number;
  width: number;
  font: unknown;
  fontSize: number;
  color?: unknown;
  opacity?: unknown;
  link?: unknown;
  linkToDestination?: unknown;
  linkToPage?: unknown;
  characterSpacing?: unknown;
  fontFeatures?: unknown;
  decoration?: unknown;
  decorationColor?: unknown;
  decorationStyle?: unknown;
  decorationThickness?: unknown;
  background?: unknown;
  sup?: unknown;
  sub?: unknown;
  _pageNodeRef?: unknown;
  _tag?: unknown;
  [key: string]: unknown;
}

/** Properties two inlines must share to be drawn as one. */
const SAME = ['font', 'fontSize', 'color', 'opacity', 'link', 'linkToDestination', 'decoration', 'decorationColor', 'decorationStyle', 'decorationThickness', 'background', 'sup', 'sub', '_tag'] as const;

let enabled = true;
let installed = false;

/** Switches merging off or on (the test compares both). */
export function setRunMerging(on: boolean): void {
  enabled = on;
}

function joinable(a: Inline, b: Inline): boolean {
  if (a._pageNodeRef || b._pageNodeRef || a.linkToPage || b.linkToPage || a.fontFeatures || b.fontFeatures || a.characterSpacing || b.characterSpacing) return false;
  for (const key of SAME) if (a[key] !== b[key]) return false;
  return b.x === a.x + a.width;
}

/** The inlines with each joinable run as one inline; the same array when nothing joins. */
export function mergeInlines(inlines: readonly Inline[]): readonly Inline[] {
  let out: Inline[] | undefined;
  for (let i = 1; i < inlines.length; i++) {
    const prev = out ? out[out.length - 1] : inlines[i - 1];
    if (joinable(prev, inlines[i])) {
      if (!out) out = inlines.slice(0, i - 1).concat([{ ...inlines[i - 1] }]);
      const last = out[out.length - 1];
      last.text += inlines[i].text;
      last.width += inlines[i].width;
    } else if (out) {
      out.push(inlines[i]);
    }
  }
  return out ?? inlines;
}

/** Installs the wrapper (once per process). */
export function installRunMerging(): void {
  if (installed) return;
  installed = true;
  const Renderer = require('pdfmake/js/Renderer.js').default as { prototype: Record<string, unknown> };
  const renderLine = Renderer.prototype.renderLine as ((this: unknown, line: { inlines: readonly Inline[] }, x: number, y: number) => unknown) | undefined;
  if (typeof renderLine !== 'function') throw new Error('pdfmake: Renderer.renderLine fehlt (pdfmake-Version geändert?)');
  Renderer.prototype.renderLine = function renderMergedLine(this: unknown, line: { inlines: readonly Inline[] }, x: number, y: number) {
    if (!enabled) return renderLine.call(this, line, x, y);
    const merged = mergeInlines(line.inlines);
    if (merged === line.inlines) return renderLine.call(this, line, x, y);
    const own = line.inlines;
    line.inlines = merged;
    try {
      return renderLine.call(this, line, x, y);
    } finally {
      line.inlines = own;
    }
  };
}
