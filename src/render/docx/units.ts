/**
 * Units of WordprocessingML, converted from the theme's (mm, pt) in one place:
 * twips (1/20 pt) for lengths, half-points for font sizes, eighths of a point for borders,
 * and the 96-dpi pixels `docx` takes for image sizes.
 */

/** Millimetres to twips. */
export function mmToTwip(mm: number): number {
  return Math.round((mm * 72 * 20) / 25.4);
}

/** Points to twips. */
export function ptToTwip(pt: number): number {
  return Math.round(pt * 20);
}

/** Points to half-points (font sizes). */
export function ptToHalfPoints(pt: number): number {
  return Math.round(pt * 2);
}

/** Points to the CSS pixels (96 dpi) `docx` expects for image sizes. */
export function ptToPx(pt: number): number {
  return (pt * 96) / 72;
}

/** `#003d6b` → `003D6B` as WordprocessingML writes colours. */
export function hex(color: string): string {
  return color.replace(/^#/, '').toUpperCase();
}

/** A4 in twips (ISO 216: 210 × 297 mm). */
export const A4_TWIPS = { width: 11906, height: 16838 };
