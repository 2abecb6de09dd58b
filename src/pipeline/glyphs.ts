/**
 * Characters no font can show. The PDF draws each character in the body font or, where that
 * lacks it, in the theme's fallback font (`render/pdf/fallback.ts`); a character neither has
 * would come out as an empty box. This walks the text of every document tree before
 * rendering and warns for each such character, once per place in the content or templates
 * where it is written (file:line:column), or, for a text ratsdoc composed, per document.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { CODES } from '../diagnostics/codes.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { DocumentTree } from '../document/tree.js';
import { codePointLabel, coverageOf, needsGlyph } from '../render/fonts.js';
import type { FontAsset } from '../render/renderer.js';

/** Tree keys that hold no printed text (kinds, links, paths, anchors, SVG source). */
const NOT_TEXT = new Set(['type', 'url', 'anchor', 'path', 'src', 'svg', 'outPath', 'document', 'source', 'file', 'target', 'key', 'layout', 'variant', 'align', 'style', 'orientation', 'lang', 'attachments']);

/** Places reported per character at most (the rest is counted). */
const MAX_PLACES = 20;

/** Code point → the documents (out paths) that print it, for characters none of `families` has. */
export function missingGlyphs(trees: readonly DocumentTree[], families: readonly FontAsset[]): Map<number, Set<string>> {
  const coverages = families.map(coverageOf);
  const missing = new Map<number, Set<string>>();
  const seen = new Set<number>();
  for (const tree of trees) {
    const visit = (value: unknown): void => {
      if (typeof value === 'string') {
        for (let i = 0; i < value.length; i++) {
          const code = value.charCodeAt(i);
          if (code < 0x7f) continue;
          const cp = value.codePointAt(i)!;
          if (cp > 0xffff) i++;
          if (!needsGlyph(cp)) continue;
          const known = missing.get(cp);
          if (known) { known.add(tree.outPath); continue; }
          if (seen.has(cp)) continue;
          seen.add(cp);
          if (!coverages.some((c) => c.covers(cp))) missing.set(cp, new Set([tree.outPath]));
        }
      } else if (Array.isArray(value)) {
        value.forEach(visit);
      } else if (value && typeof value === 'object' && !(value instanceof Date)) {
        for (const [k, v] of Object.entries(value)) if (!NOT_TEXT.has(k)) visit(v);
      }
    };
    visit(tree);
  }
  return missing;
}

/** The fonts of the families a theme uses (`used`, first occurrence, those present). */
export function fontFamilies(fonts: Readonly<Record<string, FontAsset>>, used: readonly string[]): FontAsset[] {
  return used.filter((f, i) => used.indexOf(f) === i && fonts[f]).map((f) => fonts[f]);
}

/** Text files of a folder (recursively), relative with `/`, sorted. */
async function textFiles(dir: string): Promise<string[]> {
  const names = await fs.readdir(dir, { recursive: true }).catch(() => [] as string[]);
  return names.map((n) => n.split(path.sep).join('/')).filter((n) => /\.(md|ya?ml|csv|hbs)$/i.test(n) && !n.split('/').some((part) => part.startsWith('.'))).sort();
}

/**
 * Warnings for the characters no font has: at each place a content or templates file
 * writes one, else (text ratsdoc composed) at the document. `folders` are the content and
 * templates folders, as given (for messages) and absolute.
 */
export async function glyphWarnings(
  trees: readonly DocumentTree[],
  fonts: Readonly<Record<string, FontAsset>>,
  used: readonly string[],
  folders: ReadonlyArray<{ display: string; dir: string }>,
  /** Documents not rebuilt (source-level cache): out path → the code points they lack, as found before. */
  cached: ReadonlyArray<{ outPath: string; missingGlyphs: readonly number[] }> = [],
): Promise<Diagnostic[]> {
  const missing = missingGlyphs(trees, fontFamilies(fonts, used));
  for (const doc of cached) for (const cp of doc.missingGlyphs) {
    const docs = missing.get(cp);
    if (docs) docs.add(doc.outPath);
    else missing.set(cp, new Set([doc.outPath]));
  }
  const families = used.filter((f, i) => used.indexOf(f) === i && fonts[f]);
  if (!missing.size) return [];
  const fontNames = families.map((f) => `„${f}“`).join(' und ');
  const diagnostics: Diagnostic[] = [];
  const places = new Map<number, Array<{ file: string; line: number; column: number }>>([...missing.keys()].map((cp) => [cp, []]));
  for (const { display, dir } of folders) {
    for (const rel of await textFiles(dir)) {
      const text = await fs.readFile(path.join(dir, rel), 'utf8').catch(() => '');
      let line = 1;
      let column = 1;
      for (const ch of text) {
        const cp = ch.codePointAt(0)!;
        const list = places.get(cp);
        if (list) list.push({ file: path.posix.join(display.split(path.sep).join('/'), rel), line, column });
        if (ch === '\n') { line++; column = 1; } else column += ch.length;
      }
    }
  }
  for (const [cp, docs] of missing) {
    const char = String.fromCodePoint(cp);
    const shown = `„${char}“ (${codePointLabel(cp)})`;
    const where = [...docs].sort();
    const inDocs = `in ${where.length === 1 ? 'Dokument' : 'den Dokumenten'} ${where.slice(0, 5).join(', ')}${where.length > 5 ? ` und ${where.length - 5} weiteren` : ''}`;
    const list = places.get(cp)!;
    const message = `Zeichen ${shown} fehlt in den Schriften ${fontNames}: es erscheint im PDF als leeres Kästchen (${inDocs}). Bitte das Zeichen ersetzen oder unter „fonts“ eine Schrift angeben, die es enthält (base.fallback_font_family).`;
    if (!list.length) {
      diagnostics.push({ severity: 'warning', code: CODES.glyphMissing, file: where[0], line: 1, column: 1, entity: 'Schrift', message });
      continue;
    }
    for (const p of list.slice(0, MAX_PLACES)) diagnostics.push({ severity: 'warning', code: CODES.glyphMissing, ...p, entity: 'Schrift', message });
    if (list.length > MAX_PLACES) {
      const last = list[MAX_PLACES];
      diagnostics.push({ severity: 'warning', code: CODES.glyphMissing, ...last, entity: 'Schrift', message: `Zeichen ${shown} kommt noch ${list.length - MAX_PLACES}-mal vor (nicht einzeln aufgeführt).` });
    }
  }
  return diagnostics;
}
