/**
 * Fonts as the renderers and the glyph check see them: each TTF parsed once (fontkit, the
 * engine pdfkit uses) and asked which characters it can show. A family covers a character
 * when all four of its files have a glyph for it, so bold or italic text never falls back
 * where normal text would not.
 */
import { createRequire } from 'node:module';
import type { Font } from 'fontkit';
import type { FontAsset } from './renderer.js';

const require = createRequire(import.meta.url);
/** pdfkit's own fontkit (CommonJS, the same module instance pdfkit requires). */
const fontkit = require('fontkit') as typeof import('fontkit');

/** Parsed fonts by their bytes (the same arrays arrive with every render). */
const parsed = new WeakMap<Uint8Array, Font>();

/** The font in `data`, parsed on first use. */
export function parseFont(data: Uint8Array): Font {
  let font = parsed.get(data);
  if (!font) parsed.set(data, (font = fontkit.create(data)));
  return font;
}

/** Whether a character needs a glyph at all (controls, spaces, soft hyphen, zero widths, joiners, variation selectors). */
export function needsGlyph(cp: number): boolean {
  return !(cp <= 0x20 || (cp >= 0x7f && cp <= 0xa0) || cp === 0xad || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x2028 && cp <= 0x202f) || cp === 0x2060 || cp === 0xfeff || (cp >= 0xfe00 && cp <= 0xfe0f));
}

/** What a font family can show, with an answer cached per character. */
export class Coverage {
  private readonly known = new Map<number, boolean>();
  private readonly files: Font[];

  constructor(asset: FontAsset) {
    this.files = [asset.normal, asset.bold, asset.italics, asset.bolditalics].map(parseFont);
  }

  /** Whether every style of the family has a glyph for `cp`. */
  covers(cp: number): boolean {
    let yes = this.known.get(cp);
    if (yes === undefined) this.known.set(cp, (yes = this.files.every((f) => f.hasGlyphForCodePoint(cp))));
    return yes;
  }
}

const coverages = new WeakMap<FontAsset, Coverage>();

/** The coverage of a family (one per asset object). */
export function coverageOf(asset: FontAsset): Coverage {
  let c = coverages.get(asset);
  if (!c) coverages.set(asset, (c = new Coverage(asset)));
  return c;
}

/** `U+2610` for a code point. */
export function codePointLabel(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}
