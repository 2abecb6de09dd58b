/**
 * Images and charts. Images come as bytes with the render (pdfmake's image dictionary);
 * `checkedImagePath` refuses an image that was not handed over while the document
 * definition is built, so the error names the image rather than a pdfmake internal.
 */
import type { Content } from 'pdfmake/interfaces.js';
import type { Chart, Image } from '../../document/tree.js';
import type { RenderContext } from './context.js';
import { taggedText } from './inline.js';
import { LAYOUT, tagged } from './tagging/structure.js';

/** CSS pixels (the unit of `Image.width` and of chart SVGs, as in HTML) to pt. */
const MM_TO_PT = 72 / 25.4;

/** Returns `file` if its bytes were handed to this render; throws otherwise (a pipeline bug). */
export function checkedImagePath(file: string, ctx: RenderContext): string {
  if (!ctx.images.has(file)) throw new Error(`Bild außerhalb der übergebenen Bilder: ${file}`);
  return file;
}

/** An image fitted into the text width (or its own `width` in mm, if smaller). */
export function imageToPdf(node: Image, ctx: RenderContext): Content {
  const { contentWidth, contentHeight, blockGap } = ctx.theme;
  const width = node.width ? Math.min(node.width * MM_TO_PT, contentWidth) : contentWidth;
  return tagged({
    image: checkedImagePath(node.path, ctx),
    fit: [width, contentHeight * 0.8],
    margin: [0, blockGap * 0.5, 0, blockGap],
  }, node.alt.trim() ? ctx.tags.leaf('Figure', { alt: node.alt }) : LAYOUT) as Content; // no alt text: decoration
}

/**
 * A chart: the builder's complete SVG as a pdfmake `svg` node (fonts in it are matched by
 * family name against the registered fonts), at most the text width, caption below.
 */
export function chartToPdf(node: Chart, ctx: RenderContext): Content {
  const { contentWidth, blockGap } = ctx.theme;
  const width = Math.min(node.width, contentWidth); // chart sizes are in pt
  const height = node.width > 0 ? (node.height * width) / node.width : 0;
  // `options` (passed through to svg-to-pdfkit) is missing from @types/pdfmake.
  // A Figure with the builder's sentence from the data as Alt; the caption is its Caption.
  return ctx.tags.within('Figure', { alt: node.alt }, () => chartContent(node, width, height, ctx));
}

function chartContent(node: Chart, width: number, height: number, ctx: RenderContext): Content {
  const { blockGap } = ctx.theme;
  const svg = {
    _tag: ctx.tags.content(),
    svg: node.svg,
    width,
    margin: [0, blockGap * 0.5, 0, blockGap * 0.5],
    // svg-to-pdfkit opens `<image href>` with pdfkit directly, past pdfmake's access policy:
    // only data URIs get through.
    options: { imageCallback: (href: string) => (href.startsWith('data:') ? href : '') },
  } as Content;
  // Kept with its caption unless it alone nearly fills a page (see keep.ts).
  const unbreakable = height < ctx.theme.contentHeight * 0.85 || undefined;
  if (!node.caption) return { stack: [svg], margin: [0, 0, 0, blockGap * 0.5], unbreakable };
  return { stack: [svg, { text: taggedText(node.caption, () => ctx.tags.leaf('Caption')), style: 'caption' }], margin: [0, 0, 0, blockGap], unbreakable };
}
