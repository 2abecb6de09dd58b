/**
 * The text a reader sees in an HTML page, in document order: tags removed, entities decoded,
 * `<style>`/`<script>`/`<head>` skipped, and the numbers of ordered-list items written out
 * (a browser draws them, so a reader sees them).
 */
export function htmlText(html: string): string {
  const body = html.replace(/<head>[\s\S]*?<\/head>/i, '').replace(/<(style|script|svg)\b[\s\S]*?<\/\1>/gi, ' ');
  const out: string[] = [];
  const olStack: Array<number | null> = [];
  const re = /<(\/?)([a-zA-Z0-9]+)([^>]*)>|([^<]+)/g;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    if (m[4] !== undefined) {
      // Soft hyphens (from the typesetting) are invisible breaks: a reader's text has none.
      out.push(decode(m[4]).replaceAll('\u00ad', ''));
      continue;
    }
    const closing = m[1] === '/';
    const tag = m[2].toLowerCase();
    if (tag === 'ol' || tag === 'ul') {
      if (closing) olStack.pop();
      else {
        const start = /\bstart="(\d+)"/.exec(m[3]);
        olStack.push(tag === 'ol' ? (start ? Number(start[1]) : 1) : null);
      }
    } else if (tag === 'li' && !closing && olStack.length) {
      const n = olStack[olStack.length - 1];
      if (n !== null) {
        out.push(` ${n}. `);
        olStack[olStack.length - 1] = n + 1;
      }
    }
    out.push(' ');
  }
  return out.join('');
}

function decode(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&nbsp;/g, '\u00a0')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** Splits text into words, treating every kind of whitespace (incl. no-break space) alike. */
export function words(text: string): string[] {
  return text.split(/[\s\u00a0\u202f]+/).filter(Boolean);
}

/** Index at which `needle` occurs as a contiguous run in `haystack`, or -1. */
export function indexOfRun(haystack: string[], needle: string[]): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** Length of the longest prefix of `needle` found contiguously in `haystack` (for failure messages). */
export function longestPrefixRun(haystack: string[], needle: string[]): number {
  let best = 0;
  for (let i = 0; i < haystack.length; i++) {
    let j = 0;
    while (j < needle.length && i + j < haystack.length && haystack[i + j] === needle[j]) j++;
    best = Math.max(best, j);
  }
  return best;
}

/**
 * The HTML as a reader's copy holds it, for assertions on the markup: the typesetting's
 * invisible soft hyphens removed and its no-break spans (`<span class="nobr">Z-BIL-1.1</span>`,
 * see render/html/inline.ts) unwrapped.
 */
export function readable(html: string): string {
  return html.replaceAll('\u00ad', '').replace(/<span class="nobr">([^<]*)<\/span>/g, '$1');
}
