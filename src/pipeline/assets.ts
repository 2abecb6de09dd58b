/**
 * Reads the bytes the renderers get ({@link RenderAssets}): the theme's fonts, the images the
 * trees show, the text templates and the binary ones (a reference document for Word). Renderers never read files; this is where it happens.
 */
import { promises as fs } from 'node:fs';
import type { DocumentTree } from '../document/tree.js';
import { imagePaths } from '../document/walk.js';
import type { FontAsset, ImageAsset, RenderAssets } from '../render/renderer.js';
import type { Templates } from '../theme/load.js';
import type { Model } from '../model/model.js';
import { anlageSources } from '../model/anlagen.js';

/** The assets of every document of a build; {@link assetsFor} narrows them to one tree. */
export async function readAssets(trees: readonly DocumentTree[], templates: Templates, liveReloadSnippet?: string): Promise<RenderAssets> {
  const fonts: Record<string, FontAsset> = {};
  // One family after the other, so the families keep the theme's order.
  for (const [family, files] of Object.entries(templates.fonts)) {
    const [normal, bold, italics, bolditalics] = await Promise.all([files.normal, files.bold, files.italics, files.bolditalics].map((f) => fs.readFile(f)));
    fonts[family] = { normal, bold, italics, bolditalics };
  }
  const images = new Map<string, ImageAsset>();
  await Promise.all([...imagePaths(trees)].sort().map(async (p) => {
    images.set(p, { mime: /\.jpe?g$/i.test(p) ? 'image/jpeg' : 'image/png', data: await fs.readFile(p) });
  }));
  return {
    fonts,
    images: new Map([...images].sort((a, b) => (a[0] < b[0] ? -1 : 1))),
    templates: { 'html/layout.hbs': templates.htmlLayout, 'html/style.css': templates.htmlCss },
    ...(Object.keys(templates.files).length ? { files: templates.files } : {}),
    ...(liveReloadSnippet !== undefined ? { liveReloadSnippet } : {}),
  };
}

/** Adds the images `trees` show to `images` (those not read yet). */
export async function addImages(images: Map<string, ImageAsset>, trees: readonly DocumentTree[]): Promise<void> {
  await Promise.all([...imagePaths(trees)].filter((p) => !images.has(p)).sort().map(async (p) => {
    const data = await fs.readFile(p);
    images.set(p, { mime: /\.jpe?g$/i.test(p) ? 'image/jpeg' : 'image/png', data });
  }));
}

/**
 * The assets of one document: only the images it shows and the Anlagen it appends (they go
 * into its cache key and to the worker).
 */
export function assetsFor(tree: DocumentTree, all: RenderAssets, files: ReadonlyMap<string, Uint8Array> = new Map()): RenderAssets {
  const images = new Map<string, ImageAsset>();
  for (const p of [...imagePaths([tree])].sort()) {
    const img = all.images.get(p);
    if (img) images.set(p, img);
  }
  const attachments = new Map<string, Uint8Array>();
  for (const a of tree.attachments ?? []) {
    const data = files.get(a.source);
    if (a.append && data) attachments.set(a.source, data);
  }
  return { ...all, images, ...(attachments.size ? { attachments } : {}) };
}

/** The bytes of every Anlage file of the Vorlagen, by absolute path (checked to exist by the rules). */
export async function readAnlagen(model: Model): Promise<Map<string, Uint8Array>> {
  const sources = anlageSources(model.root, model.vorlagen);
  const bytes = await Promise.all(sources.map((p) => fs.readFile(p)));
  return new Map(sources.map((p, i) => [p, bytes[i]]));
}

/** The sizes of read files by path (what the Anlagen lists print). */
export function sizesOf(files: ReadonlyMap<string, Uint8Array>): Map<string, number> {
  return new Map([...files].map(([p, b]) => [p, b.byteLength]));
}
