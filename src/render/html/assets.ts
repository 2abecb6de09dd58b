/** What the HTML renderer gets besides the tree and the theme: templates and image bytes, never paths to read. */

import { dataUri, type ImageAsset } from '../renderer.js';

export type { ImageAsset } from '../renderer.js';

/** Templates and binary assets for {@link renderHtml}; the caller reads the files. */
export interface HtmlAssets {
  /** Handlebars source of `templates/html/layout.hbs`. */
  layout: string;
  /** `templates/html/style.css`. */
  css: string;
  /** Keyed by absolute image path as in `Image.path` / `Logo.path`. */
  images: ReadonlyMap<string, ImageAsset>;
  /** Injected before `</body>` only when given (`ratsdoc serve`). */
  liveReloadSnippet?: string;
}

/** MIME types allowed in `data:` URIs of `<img>` elements. */
const IMAGE_MIME = /^image\/(png|jpeg|gif|webp|svg\+xml|avif)$/;

/** The `data:` URI for an image, or `undefined` when it is missing or not an image type. */
export function imageDataUri(images: ReadonlyMap<string, ImageAsset>, path: string): string | undefined {
  const asset = images.get(path);
  if (!asset || !IMAGE_MIME.test(asset.mime)) return undefined;
  return dataUri(asset);
}
