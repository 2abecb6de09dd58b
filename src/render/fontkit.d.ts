/**
 * The few parts of fontkit 2.0.4 (pdfkit's font engine, a dependency of ours pinned to the
 * same version) that ratsdoc uses: parsing a TTF, asking whether it has a glyph and how wide
 * a glyph is (table column widths).
 */
declare module 'fontkit' {
  export interface Font {
    postscriptName: string;
    familyName: string;
    /** Font design units per em. */
    unitsPerEm: number;
    hasGlyphForCodePoint(codePoint: number): boolean;
    /** The glyph for a code point (`.notdef` when the font has none). */
    glyphForCodePoint(codePoint: number): Glyph;
  }
  export interface Glyph {
    /** Advance width in font design units. */
    advanceWidth: number;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
