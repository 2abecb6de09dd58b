/** The table of contents: every heading with `toc: true`, nested by depth, linked by anchor. */
import type { Element } from 'hast';
import type { Heading, Toc } from '../../document/tree.js';
import { h } from './h.js';
import { inlineToHast, type InlineState } from './inline.js';

interface Frame { depth: number; ol: Element; lastLi?: Element }

/** Renders the TOC as `<nav>` with nested `<ol>`s; skipped depths nest one level only. */
export function tocToHast(toc: Toc, headings: Heading[], state: InlineState): Element {
  const root = h('ol');
  const frames: Frame[] = [{ depth: 1, ol: root }];
  for (const heading of headings.filter((x) => x.toc)) {
    while (frames.length > 1 && heading.depth < frames[frames.length - 1].depth) frames.pop();
    let top = frames[frames.length - 1];
    if (heading.depth > top.depth && top.lastLi) {
      const ol = h('ol');
      top.lastLi.children.push(ol);
      top = { depth: heading.depth, ol };
      frames.push(top);
    }
    const li = h('li', {}, h('a', { href: `#${heading.anchor}` },
      heading.number !== undefined && [h('span', { className: ['num'] }, heading.number), ' '],
      inlineToHast(heading.children, state, { plain: true }),
    ));
    top.ol.children.push(li);
    top.lastLi = li;
  }
  return h('nav', { className: ['toc'], ariaLabelledBy: ['toc-title'] },
    h('h2', { id: 'toc-title' }, toc.title),
    root,
  );
}
