/** The HTML format as one entry of the renderer list. */
import type { RenderAssets, Renderer } from '../renderer.js';
import type { HtmlAssets } from './assets.js';
import { renderHtml } from './render.js';

export const htmlRenderer: Renderer = {
  format: 'html',
  extension: '.html',
  mediaType: 'text/html; charset=utf-8',
  label: 'HTML',
  slow: false,
  render: (tree, theme, assets) => renderHtml(tree, theme, htmlAssets(assets)),
};

/** The layout, stylesheet, images and live-reload snippet out of the common assets. */
export function htmlAssets(assets: Omit<RenderAssets, 'fonts' | 'images'> & Partial<Pick<RenderAssets, 'images'>>): HtmlAssets {
  return {
    layout: assets.templates['html/layout.hbs'] ?? '',
    css: assets.templates['html/style.css'] ?? '',
    images: assets.images ?? new Map(),
    ...(assets.liveReloadSnippet !== undefined ? { liveReloadSnippet: assets.liveReloadSnippet } : {}),
  };
}
