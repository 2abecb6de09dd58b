/** The document's headings, for the tables of contents of both renderers. */
import type { Block, Heading } from './tree.js';

/** All headings of the document in order, including those inside sections, lists and groups. */
export function collectHeadings(blocks: Block[]): Heading[] {
  const out: Heading[] = [];
  const walk = (list: Block[]) => {
    for (const block of list) {
      if (block.type === 'heading') out.push(block);
      else if (block.type === 'section' || block.type === 'keepTogether' || block.type === 'blockquote') walk(block.children);
      else if (block.type === 'list') block.items.forEach(walk);
    }
  };
  walk(blocks);
  return out;
}
