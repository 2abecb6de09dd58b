/**
 * Word numbering definitions for lists: one for bullets, one for numbers (one more per
 * start number other than 1), nine levels each, indented like the PDF's lists. Every list
 * is its own instance of a definition, so each numbered list starts at its first number.
 */
import { AlignmentType, LevelFormat, type INumberingOptions } from 'docx';
import type { List } from '../../document/tree.js';
import type { DocxContext } from './context.js';
import { STYLE } from './styles.js';

const BULLET = 'ratsdoc-bullet';
const ORDERED = 'ratsdoc-ordered';
const BULLETS = ['•', '–', '◦'];

/** Indentation of list level `level` (0-based), in twips: text at 0.63 cm steps, marker hanging. */
function indent(level: number): { left: number; hanging: number } {
  return { left: 360 * (level + 1), hanging: 360 };
}

function orderedReference(start: number): string {
  return start === 1 ? ORDERED : `${ORDERED}-${start}`;
}

/** Paragraph options of a list's items and of their further paragraphs. */
export function listParagraphOptions(node: List, ctx: DocxContext): {
  item: (level: number) => { style: string; numbering: { reference: string; level: number; instance: number } };
  continuation: (level: number) => { style: string; indent: { left: number } };
} {
  const start = node.ordered ? node.start ?? 1 : 1;
  if (node.ordered && start !== 1) ctx.listStarts.add(start);
  const reference = node.ordered ? orderedReference(start) : BULLET;
  const instance = ctx.nextListInstance++;
  return {
    item: (level) => ({ style: STYLE.listParagraph, numbering: { reference, level: Math.min(level, 8), instance } }),
    continuation: (level) => ({ style: STYLE.listParagraph, indent: { left: indent(Math.min(level, 8)).left } }),
  };
}

/** The numbering definitions a render used. */
export function numberingDefinitions(ctx: DocxContext): INumberingOptions {
  const levels = (format: 'bullet' | 'decimal', start: number) => Array.from({ length: 9 }, (_, level) => ({
    level,
    format: format === 'bullet' ? LevelFormat.BULLET : LevelFormat.DECIMAL,
    text: format === 'bullet' ? BULLETS[level % BULLETS.length] : `%${level + 1}.`,
    alignment: AlignmentType.LEFT,
    ...(format === 'decimal' ? { start: level === 0 ? start : 1 } : {}),
    style: { paragraph: { indent: indent(level) } },
  }));
  return {
    config: [
      { reference: BULLET, levels: levels('bullet', 1) },
      { reference: ORDERED, levels: levels('decimal', 1) },
      ...[...ctx.listStarts].sort((a, b) => a - b).map((start) => ({ reference: orderedReference(start), levels: levels('decimal', start) })),
    ],
  };
}
