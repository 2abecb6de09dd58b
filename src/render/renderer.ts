/**
 * What every output format is: one entry of {@link RENDERERS} (`render/renderers.ts`).
 * A renderer is pure: it gets the document tree, the theme and the bytes it needs
 * ({@link RenderAssets}) and returns the file's bytes or text; it reads no file and looks at
 * no clock, so the same input gives the same bytes on every machine and in every thread.
 */
import type { DocumentTree } from '../document/tree.js';
import type { Theme } from '../theme/theme.js';

/** An image's bytes and MIME type, e.g. `image/png`. */
export interface ImageAsset { mime: string; data: Uint8Array }

/** The four TTF files of one font family, as bytes. */
export interface FontAsset { normal: Uint8Array; bold: Uint8Array; italics: Uint8Array; bolditalics: Uint8Array }

/** Everything a renderer may use besides the tree and the theme, read by the pipeline. */
export interface RenderAssets {
  /** Font family → its TTF bytes; contains `theme.base.font_family`. */
  fonts: Readonly<Record<string, FontAsset>>;
  /** The images the tree shows, keyed by absolute path as in `Image.path` / `Logo.path`. */
  images: ReadonlyMap<string, ImageAsset>;
  /** Text templates from `templates/`, keyed by their path there (e.g. `html/layout.hbs`). */
  templates: Readonly<Record<string, string>>;
  /**
   * Binary files from `templates/`, keyed by their path there: the DOCX renderer's reference
   * document (`vorlage.docx` or `vorlage.dotx`) when the city has one.
   */
  files?: Readonly<Record<string, Uint8Array>>;
  /**
   * Bytes of the Anlage files a tree appends (`Attachment.append`), keyed by `Attachment.source`;
   * the PDF renderer adds their pages.
   */
  attachments?: ReadonlyMap<string, Uint8Array>;
  /** Snippet for the HTML of `serve` (live reload); absent in `build`. */
  liveReloadSnippet?: string;
}

/** One output format. */
export interface Renderer {
  /** Name on the command line and in messages, lower case, e.g. `pdf`. */
  format: string;
  /** File name extension with the dot, e.g. `.pdf`. */
  extension: string;
  mediaType: string;
  /** Link text on the index page and word in the summary, e.g. `PDF`. */
  label: string;
  /**
   * Slow renderers (seconds per document) run in the worker pool, are kept in the
   * content-addressed cache and, in `serve`, come after the fast ones.
   */
  slow: boolean;
  render(tree: DocumentTree, theme: Theme, assets: RenderAssets): Promise<Uint8Array | string> | Uint8Array | string;
  /** Page count of a rendered file, shown on the index page (formats with pages only). */
  pages?(output: Uint8Array): number;
}

/** An image as a `data:` URI (HTML `<img src>`, pdfmake's image dictionary). */
export function dataUri(image: ImageAsset): string {
  return `data:${image.mime};base64,${Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength).toString('base64')}`;
}
