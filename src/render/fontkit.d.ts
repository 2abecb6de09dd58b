/**
 * The few parts of fontkit 2.0.4 (pdfkit's font engine, a dependency of ours pinned to the
 * same version) that ratsdoc uses: parsing a TTF and asking whether it has a glyph.
 */
declare module 'fontkit' {
  export interface Font {
    postscriptName: string;
    familyName: string;
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
