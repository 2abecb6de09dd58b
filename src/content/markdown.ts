/**
 * The one Markdown parser of ratsdoc (unified + remark-parse + remark-gfm + the helper syntax
 * `{{…}}`), shared by the rules of `check` and the document builder, so both read Markdown
 * exactly alike.
 */
import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type * as md from 'mdast';
import { helperFromMarkdown, helperSyntax } from './helper-syntax.js';

/** Registers the helper syntax with remark-parse (the documented way for micromark extensions). */
function remarkHelpers(this: Processor): void {
  const data = this.data() as { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] };
  (data.micromarkExtensions ??= []).push(helperSyntax);
  (data.fromMarkdownExtensions ??= []).push(helperFromMarkdown);
}

const parser = unified().use(remarkParse).use(remarkGfm).use(remarkHelpers).freeze();

/** Parses Markdown into mdast; positions are the parser's (1-based). */
export function parseMarkdown(text: string): md.Root {
  return parser.parse(text) as md.Root;
}
