/**
 * Reading a DOCX back in tests: unzip, then the paragraphs of `word/document.xml` in
 * document order (table cells row by row) with their style and text as a reader sees it:
 * the numbers Word draws for numbered lists are written out (bullets are not words) (from `word/numbering.xml`), a
 * footnote reference reads as its number (a word of its own), tabs and line breaks as spaces, a
 * non-breaking hyphen (`w:noBreakHyphen`) as „-“, optional hyphens (`w:softHyphen`) and field codes
 * (`w:instrText`) are left out.
 */
import { unzipSync } from 'fflate';

/** One paragraph: its style id, list level (if numbered/bulleted), text, and whether it lies in the TOC. */
export interface DocxParagraph {
  style?: string;
  text: string;
  list?: { numId: string; level: number };
  inToc: boolean;
}

/** The parts of a DOCX by path, as text (media as latin1; only XML is read). */
export function docxParts(buf: Uint8Array): Map<string, string> {
  const dec = new TextDecoder('utf-8');
  return new Map(Object.entries(unzipSync(new Uint8Array(buf))).map(([k, v]) => [k, dec.decode(v)]));
}

/** The raw bytes of every part. */
export function docxEntries(buf: Uint8Array): Map<string, Uint8Array> {
  return new Map(Object.entries(unzipSync(new Uint8Array(buf))));
}

function decode(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/** Level formats of the numbering part: numId → level → { format, text, start }. */
function numberingOf(xml: string | undefined): Map<string, Map<number, { format: string; text: string; start: number }>> {
  const out = new Map<string, Map<number, { format: string; text: string; start: number }>>();
  if (!xml) return out;
  const abstract = new Map<string, Map<number, { format: string; text: string; start: number }>>();
  for (const m of xml.matchAll(/<w:abstractNum\b[^>]*w:abstractNumId="(\d+)"[^>]*>([\s\S]*?)<\/w:abstractNum>/g)) {
    const levels = new Map<number, { format: string; text: string; start: number }>();
    for (const l of m[2].matchAll(/<w:lvl\b[^>]*w:ilvl="(\d+)"[^>]*>([\s\S]*?)<\/w:lvl>/g)) {
      levels.set(Number(l[1]), {
        format: /<w:numFmt w:val="([^"]*)"/.exec(l[2])?.[1] ?? 'decimal',
        text: decode(/<w:lvlText w:val="([^"]*)"/.exec(l[2])?.[1] ?? ''),
        start: Number(/<w:start w:val="(\d+)"/.exec(l[2])?.[1] ?? 1),
      });
    }
    abstract.set(m[1], levels);
  }
  for (const m of xml.matchAll(/<w:num\b[^>]*w:numId="(\d+)"[^>]*>([\s\S]*?)<\/w:num>/g)) {
    const base = abstract.get(/<w:abstractNumId w:val="(\d+)"/.exec(m[2])?.[1] ?? '') ?? new Map();
    const levels = new Map([...base].map(([k, v]) => [k, { ...v }]));
    for (const o of m[2].matchAll(/<w:lvlOverride w:ilvl="(\d+)">\s*<w:startOverride w:val="(\d+)"\/>/g)) {
      const lvl = levels.get(Number(o[1]));
      if (lvl) lvl.start = Number(o[2]);
    }
    out.set(m[1], levels);
  }
  return out;
}

/** Text of the runs of one paragraph's XML (a reader's view; list numbers not included). */
export function runText(xml: string): string {
  const out: string[] = [];
  const re = /<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>|<w:br\b[^>]*\/>|<w:noBreakHyphen\/>|<w:footnoteReference\b[^>]*w:id="(\d+)"[^>]*\/>|<w:instrText\b[^>]*>[^<]*<\/w:instrText>/g;
  for (const m of xml.matchAll(re)) {
    if (m[1] !== undefined) out.push(decode(m[1]));
    else if (m[0] === '<w:noBreakHyphen/>') out.push('-'); // Word's non-breaking hyphen reads as a hyphen (optional hyphens as nothing)
    else if (m[2] !== undefined) out.push(` ${m[2]} `); // a superscript: its own word, as pdf.js reads the PDF's
    else if (m[0].startsWith('<w:tab') || m[0].startsWith('<w:br')) out.push(' ');
  }
  return out.join('');
}

/** The paragraphs of a part (default the document body), list numbers written out. */
export function docxParagraphs(buf: Uint8Array, part = 'word/document.xml'): DocxParagraph[] {
  const parts = docxParts(buf);
  const xml = parts.get(part) ?? '';
  const numbering = numberingOf(parts.get('word/numbering.xml'));
  const counters = new Map<string, number[]>();
  const out: DocxParagraph[] = [];
  // Where the TOC's content control starts and ends, to flag its paragraphs.
  const toc: Array<[number, number]> = [];
  for (const m of xml.matchAll(/<w:sdt>[\s\S]*?<\/w:sdt>/g)) if (m[0].includes('Table of Contents')) toc.push([m.index!, m.index! + m[0].length]);
  for (const m of xml.matchAll(/<w:p(?:\s[^>]*)?\/>|<w:p(?:\s[^>]*)?>[\s\S]*?<\/w:p>/g)) {
    const p = m[0];
    const style = /<w:pStyle w:val="([^"]*)"/.exec(p)?.[1];
    const numPr = /<w:numPr>\s*<w:ilvl w:val="(\d+)"\/>\s*<w:numId w:val="(\d+)"\/>/.exec(p);
    let prefix = '';
    let list: DocxParagraph['list'];
    if (numPr) {
      const level = Number(numPr[1]);
      const numId = numPr[2];
      list = { numId, level };
      const lvl = numbering.get(numId)?.get(level);
      const c = counters.get(numId) ?? [];
      for (let i = 0; i <= level; i++) if (c[i] === undefined) c[i] = (numbering.get(numId)?.get(i)?.start ?? 1) - 1;
      c[level]++;
      c.length = level + 1;
      counters.set(numId, c);
      if (lvl && lvl.format !== 'bullet' && lvl.format !== 'none') prefix = `${lvl.text.replace(/%(\d)/g, (_, n: string) => String(c[Number(n) - 1] ?? 1))} `;
    }
    const inToc = toc.some(([a, b]) => m.index! >= a && m.index! < b);
    out.push({ ...(style ? { style } : {}), text: prefix + runText(p), ...(list ? { list } : {}), inToc });
  }
  return out;
}

/** The text of a part's paragraphs, one per line. */
export function docxText(buf: Uint8Array, part = 'word/document.xml'): string {
  return docxParagraphs(buf, part).map((p) => p.text).join('\n');
}

/** The footnotes by id (separator notes left out). */
export function docxFootnotes(buf: Uint8Array): Map<string, string> {
  const xml = docxParts(buf).get('word/footnotes.xml') ?? '';
  const out = new Map<string, string>();
  for (const m of xml.matchAll(/<w:footnote\b([^>]*)>([\s\S]*?)<\/w:footnote>/g)) {
    if (/w:type="/.test(m[1])) continue;
    const id = /w:id="(-?\d+)"/.exec(m[1])?.[1];
    if (id) out.set(id, [...m[2].matchAll(/<w:p\b[\s\S]*?<\/w:p>/g)].map((p) => runText(p[0])).join(' ').trim());
  }
  return out;
}
