/**
 * The one Markdown parser of ratsdoc (unified + remark-parse + remark-gfm), shared by the
 * rules of `check` and the document builder, so both read Markdown exactly alike.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type * as md from 'mdast';

const parser = unified().use(remarkParse).use(remarkGfm).freeze();

/** Parses Markdown into mdast; positions are the parser's (1-based). */
export function parseMarkdown(text: string): md.Root {
  return parser.parse(text) as md.Root;
}
