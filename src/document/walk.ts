/** Walks over the blocks of document trees. */
import type { Block, DocumentTree } from './tree.js';

/** Calls `visit` for every block of `blocks`, nested ones included (depth first, in order). */
export function eachBlock(blocks: readonly Block[], visit: (block: Block) => void): void {
  for (const b of blocks) {
    visit(b);
    if (b.type === 'blockquote' || b.type === 'section' || b.type === 'keepTogether') eachBlock(b.children, visit);
    else if (b.type === 'list') b.items.forEach((item) => eachBlock(item, visit));
    else if (b.type === 'footnotes') b.items.forEach((item) => eachBlock(item.children, visit));
  }
}

/** Every image path the trees show (images, logos, the title page's logo). */
export function imagePaths(trees: readonly DocumentTree[]): Set<string> {
  const paths = new Set<string>();
  for (const t of trees) {
    eachBlock(t.blocks, (b) => {
      if (b.type === 'image' || b.type === 'logo') paths.add(b.path);
      if (b.type === 'titlePage' && b.logo) paths.add(b.logo.path);
    });
  }
  return paths;
}
