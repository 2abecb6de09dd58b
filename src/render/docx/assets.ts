/**
 * What the DOCX renderer needs besides the tree and the theme, as bytes: it reads no file
 * itself (the pipeline loads images, fonts and the reference document once).
 */
import type { FontAsset } from '../renderer.js';

/** Bytes the DOCX renderer uses. */
export interface DocxAssets {
  /** Image bytes by the absolute path the tree names (`image`, `logo`, the title page's logo). */
  images: ReadonlyMap<string, Uint8Array>;
  /** TTF/OTF files the charts' text may use (the theme's fonts), for rendering them to PNG. */
  fonts: readonly Uint8Array[];
  /** The theme's font families by name (tables measure their text in `base.font_family`). */
  families: Readonly<Record<string, FontAsset>>;
  /** A reference document (`templates/vorlage.docx` …) whose styles, page setup, header and footer are used. */
  reference?: ReferenceDocument;
}

/** A reference document and the name it is shown by in messages. */
export interface ReferenceDocument {
  /** As the user sees it, e.g. `templates/vorlage.docx`. */
  file: string;
  bytes: Uint8Array;
}
