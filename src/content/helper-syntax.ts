/**
 * `{{name args}}` as Markdown syntax: a micromark text construct plus its mdast mapping, so
 * helpers are found by the Markdown parser itself. That gives every helper the parser's
 * position, keeps `{{…}}` inside code spans and code blocks as code (micromark never runs text
 * constructs there), and makes `\{{` literal braces (the backslash escape consumes the first
 * `{`). A `{{` without `}}` on the same line becomes a `helperUnclosed` node, so the rules can
 * report it at its place.
 */
import type { Code, Construct, Effects, Extension, State, TokenizeContext } from 'micromark-util-types';
import type { CompileContext, Extension as FromMarkdownExtension, Token } from 'mdast-util-from-markdown';
import type { Literal, Node } from 'mdast';

/** A helper call as written: `raw` is the whole `{{…}}`, `inner` what stands between the braces. */
export interface HelperNode extends Literal {
  type: 'helper';
  value: string;
  inner: string;
}

/** An opening `{{` that is not closed on its line. */
export interface HelperUnclosedNode extends Node {
  type: 'helperUnclosed';
}

declare module 'mdast' {
  interface PhrasingContentMap {
    helper: HelperNode;
    helperUnclosed: HelperUnclosedNode;
  }
  interface RootContentMap {
    helper: HelperNode;
    helperUnclosed: HelperUnclosedNode;
  }
}

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    helper: 'helper';
    helperMarker: 'helperMarker';
    helperContent: 'helperContent';
    helperUnclosed: 'helperUnclosed';
    helperCloseProbe: 'helperCloseProbe';
  }
}

const LEFT_BRACE = 123;
const RIGHT_BRACE = 125;
const QUOTE = 34;

/** micromark's codes for a line ending (CR, LF, CRLF) and the end of input. */
function endsLine(code: Code): boolean {
  return code === null || code === -5 || code === -4 || code === -3;
}

const closeProbe: Construct = { partial: true, tokenize: tokenizeCloseProbe };

function tokenizeCloseProbe(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  return start;
  function start(code: Code): State | undefined {
    if (code !== RIGHT_BRACE) return nok(code);
    effects.enter('helperCloseProbe');
    effects.consume(code);
    return second;
  }
  function second(code: Code): State | undefined {
    if (code !== RIGHT_BRACE) return nok(code);
    effects.consume(code);
    effects.exit('helperCloseProbe');
    return ok;
  }
}

const helperConstruct: Construct = { name: 'helper', tokenize: tokenizeHelper };

function tokenizeHelper(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  let inContent = false;
  let inString = false;
  return start;

  function start(code: Code): State | undefined {
    effects.enter('helper');
    effects.enter('helperMarker');
    effects.consume(code);
    return open;
  }
  function open(code: Code): State | undefined {
    if (code !== LEFT_BRACE) return nok(code);
    effects.consume(code);
    effects.exit('helperMarker');
    return inside;
  }
  function inside(code: Code): State | undefined {
    // A helper stands on one line: an unclosed `{{` must not swallow the rest of the paragraph.
    if (endsLine(code)) return nok(code);
    if (code === RIGHT_BRACE && !inString) return effects.check(closeProbe, close, content)(code);
    return content(code);
  }
  function content(code: Code): State | undefined {
    if (!inContent) {
      effects.enter('helperContent');
      inContent = true;
    }
    if (code === QUOTE) inString = !inString;
    effects.consume(code);
    return inside;
  }
  function close(code: Code): State | undefined {
    if (inContent) effects.exit('helperContent');
    effects.enter('helperMarker');
    effects.consume(code);
    return closeSecond;
  }
  function closeSecond(code: Code): State | undefined {
    effects.consume(code);
    effects.exit('helperMarker');
    effects.exit('helper');
    return ok;
  }
}

const unclosedConstruct: Construct = { name: 'helperUnclosed', tokenize: tokenizeUnclosed };

function tokenizeUnclosed(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  return start;
  function start(code: Code): State | undefined {
    effects.enter('helperUnclosed');
    effects.consume(code);
    return second;
  }
  function second(code: Code): State | undefined {
    if (code !== LEFT_BRACE) return nok(code);
    effects.consume(code);
    effects.exit('helperUnclosed');
    return ok;
  }
}

/** The micromark syntax extension: `{` in running text tries a helper, then an unclosed `{{`. */
export const helperSyntax: Extension = { text: { [LEFT_BRACE]: [helperConstruct, unclosedConstruct] } };

/** The mdast mapping of the tokens above. */
export const helperFromMarkdown: FromMarkdownExtension = {
  enter: {
    helper(this: CompileContext, token: Token) {
      this.enter({ type: 'helper', value: '', inner: '' } as HelperNode as never, token);
    },
    helperUnclosed(this: CompileContext, token: Token) {
      this.enter({ type: 'helperUnclosed' } as HelperUnclosedNode as never, token);
    },
  },
  exit: {
    helperContent(this: CompileContext, token: Token) {
      (this.stack[this.stack.length - 1] as unknown as HelperNode).inner = this.sliceSerialize(token);
    },
    helper(this: CompileContext, token: Token) {
      (this.stack[this.stack.length - 1] as unknown as HelperNode).value = this.sliceSerialize(token);
      this.exit(token);
    },
    helperUnclosed(this: CompileContext, token: Token) {
      this.exit(token);
    },
  },
};
