/** A toy output format for the test of the renderer list: the document as plain text. */
import type { Inline } from '../../../src/document/tree.js';
import { eachBlock } from '../../../src/document/walk.js';
import type { Renderer } from '../../../src/render/renderer.js';

const text = (inlines: Inline[]): string => inlines.map((i) => ('value' in i ? i.value : 'children' in i ? text(i.children) : i.type === 'break' ? '\n' : '')).join('');

export const textRenderer: Renderer = {
  format: 'text',
  extension: '.txt',
  mediaType: 'text/plain; charset=utf-8',
  label: 'Text',
  slow: false,
  render(tree) {
    const lines = [tree.meta.title, ''];
    eachBlock(tree.blocks, (b) => {
      if (b.type === 'heading') lines.push('', text(b.children).toUpperCase());
      else if (b.type === 'paragraph') lines.push(text(b.children));
      else if (b.type === 'section') lines.push('', `${b.label}:`);
    });
    return lines.join('\n') + '\n';
  },
};
