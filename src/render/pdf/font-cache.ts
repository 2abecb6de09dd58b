/**
 * Fonts parsed once per thread. pdfkit (0.19, under pdfmake 0.3.11, both pinned) calls
 * `fontkit.create` for every font of every document, so each TTF's tables (cmap, glyph
 * index, metrics, GSUB/GPOS) were decoded anew for each Vorlage. This keeps one parsed
 * fontkit font per file and thread and hands every document a view of it: the view shares
 * the decoded tables but has its own glyph objects and layout engine, as a freshly parsed
 * font would.
 *
 * Why not share more: fontkit's glyph objects remember the code points of their first use
 * (one glyph can serve two characters, e.g. space and no-break space), and pdfkit writes
 * those into the PDF's ToUnicode map; so glyphs and laid-out words shared across documents
 * would make a document's bytes depend on the documents rendered before it in the thread.
 * With views, every PDF is byte for byte what pdfkit writes without the cache
 * (tests/build/font-cache.test.ts).
 *
 * Installed by importing this module before pdfmake loads pdfkit (first import of
 * `engine.ts`): pdfkit reads `require('fontkit')` once, so the require cache gets fontkit's
 * exports with this `create`. Nothing on disk changes.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// The very modules pdfmake loads: pdfkit from pdfmake's folder, fontkit from pdfkit's.
const pdfkitPath = createRequire(require.resolve('pdfmake')).resolve('pdfkit');
const fontkitPath = createRequire(pdfkitPath).resolve('fontkit');
/** fontkit's own exports (getters that cannot be redefined: parcel's bundle). */
const fontkit = require(fontkitPath) as { create: (src: Uint8Array, family?: string) => FontkitFont };
/** Whether pdfkit was loaded before this module could hook it (then nothing is cached). */
const pdfkitLoadedFirst = pdfkitPath in require.cache;

interface FontkitFont { [key: string]: unknown }

/** Parsed fonts by the identity of their bytes, then by a hash of them (the same file arriving as a new array). */
const byArray = new WeakMap<Uint8Array, Map<string, FontkitFont>>();
const byHash = new Map<string, FontkitFont>();
/** How often a font was parsed (tests read it). */
export const fontCacheStats = { parsed: 0, views: 0, installed: false };

let installed = false;
let enabled = true;

/**
 * Switches the cache off (`false`: every font parsed anew, as pdfkit does by itself) or on
 * again; the test compares the bytes of both.
 */
export function setFontCache(on: boolean): void {
  enabled = on;
}

/** Installs the cache (once per thread; idempotent). */
export function installFontCache(): void {
  if (installed) return;
  installed = true;
  const create = fontkit.create;
  if (typeof create !== 'function') throw new Error('fontkit: create fehlt (fontkit-Version geändert?)');
  const cached = (src: Uint8Array, family?: string): FontkitFont => {
    if (!enabled) return create.call(fontkit, src, family);
    const name = family ?? '';
    let perArray = byArray.get(src);
    let font = perArray?.get(name);
    if (!font) {
      const key = `${createHash('sha256').update(src).digest('hex')}\u0000${name}`;
      font = byHash.get(key);
      if (!font) {
        font = create.call(fontkit, src, family);
        fontCacheStats.parsed++;
        byHash.set(key, font);
      }
      if (!perArray) byArray.set(src, (perArray = new Map()));
      perArray.set(name, font);
    }
    fontCacheStats.views++;
    return viewOf(font);
  };
  // pdfkit reads `require('fontkit')` once, when it is loaded: the require cache gets a copy
  // of fontkit's exports whose `create` is the cached one, before pdfkit is loaded.
  if (pdfkitLoadedFirst) return;
  const entry = require.cache[fontkitPath];
  if (!entry) throw new Error('fontkit: nicht im require-Cache');
  entry.exports = { ...Object.fromEntries(Object.keys(fontkit).map((k) => [k, (fontkit as unknown as Record<string, unknown>)[k]])), create: cached };
  fontCacheStats.installed = true;
}

/**
 * A document's own font object on the shared parsed one: the decoded tables (and the
 * stream they come from) are the shared font's; the glyph cache is its own, and so are the
 * cached getters fontkit defines on first use (`_layoutEngine`), since they are defined on
 * the object they are read from. The shared font itself is never used to lay out text.
 */
function viewOf(shared: FontkitFont): FontkitFont {
  const view = Object.create(shared) as FontkitFont;
  view._glyphs = {};
  return view;
}

installFontCache();
