/**
 * Images and charts for Word: the pixel size of a PNG/JPEG from its header (to keep its
 * aspect ratio), and the charts' SVG rendered to PNG with resvg (WebAssembly, so the same
 * pixels on every machine), because Word reads PNG everywhere and SVG only in recent versions.
 */
import { createHash } from 'node:crypto';
import { constants, deflateSync, inflateSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { initWasm, Resvg } from '@resvg/resvg-wasm';

/** Width and height in pixels. */
export interface PixelSize {
  width: number;
  height: number;
}

/** The image type `docx` needs, from the bytes (PNG or JPEG; the builder admits nothing else). */
export function imageType(data: Uint8Array): 'png' | 'jpg' {
  if (data[0] === 0x89 && data[1] === 0x50 && data[2] === 0x4e && data[3] === 0x47) return 'png';
  if (data[0] === 0xff && data[1] === 0xd8) return 'jpg';
  throw new Error('DOCX: Bild ist weder PNG noch JPEG');
}

/** The pixel size of a PNG (IHDR) or JPEG (first SOF marker). */
export function imageSize(data: Uint8Array): PixelSize {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (imageType(data) === 'png') return { width: view.getUint32(16), height: view.getUint32(20) };
  let at = 2;
  while (at + 9 < data.length) {
    if (data[at] !== 0xff) {
      at++;
      continue;
    }
    const marker = data[at + 1];
    // SOF0…SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { width: view.getUint16(at + 7), height: view.getUint16(at + 5) };
    }
    at += 2 + view.getUint16(at + 2);
  }
  throw new Error('DOCX: JPEG ohne Bildgröße');
}

/** Scales `size` to fit into `box` (both in the same unit ratio), keeping the aspect ratio. */
export function fitInto(size: PixelSize, box: { width: number; height: number }): { width: number; height: number } {
  const factor = Math.min(box.width / size.width, box.height / size.height);
  return { width: size.width * factor, height: size.height * factor };
}

/** Chart resolution: pixels per pt of the chart (144 dpi: sharp on screen and in office print, files stay small). */
const CHART_ZOOM = 2;

let wasmReady: Promise<void> | undefined;

/** Loads resvg's WebAssembly module once per process (it belongs to ratsdoc, not to the content). */
function ensureWasm(): Promise<void> {
  if (!wasmReady) {
    const require = createRequire(import.meta.url);
    wasmReady = initWasm(readFileSync(require.resolve('@resvg/resvg-wasm/index_bg.wasm')));
  }
  return wasmReady;
}

/**
 * PNGs already rendered, by fonts and SVG: many Vorlagen show the same time plan. Bounded;
 * the same input always gives the same PNG, so the cache changes no output.
 */
const pngCache = new Map<string, Uint8Array>();
const PNG_CACHE_ENTRIES = 100;
const fontKeys = new WeakMap<readonly Uint8Array[], string>();

function fontsKey(fonts: readonly Uint8Array[]): string {
  let key = fontKeys.get(fonts);
  if (!key) {
    const hash = createHash('sha256');
    for (const f of fonts) hash.update(f);
    key = hash.digest('hex');
    fontKeys.set(fonts, key);
  }
  return key;
}

/** Renders a chart's SVG to PNG bytes, with the given fonts only (no system fonts: same output everywhere). */
export async function chartToPng(svg: string, fonts: readonly Uint8Array[], defaultFontFamily: string): Promise<Uint8Array> {
  const key = `${fontsKey(fonts)}\u0000${defaultFontFamily}\u0000${svg}`;
  const cached = pngCache.get(key);
  if (cached) return cached;
  const png = recompressPng(await rasterize(svg, fonts, defaultFontFamily));
  if (pngCache.size >= PNG_CACHE_ENTRIES) pngCache.clear();
  pngCache.set(key, png);
  return png;
}

async function rasterize(svg: string, fonts: readonly Uint8Array[], defaultFontFamily: string): Promise<Uint8Array> {
  await ensureWasm();
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: CHART_ZOOM },
    font: { fontBuffers: [...fonts], defaultFontFamily, sansSerifFamily: defaultFontFamily },
  });
  try {
    const image = resvg.render();
    try {
      return image.asPng();
    } finally {
      image.free();
    }
  } finally {
    resvg.free();
  }
}

const PNG_SIGNATURE = 8;

/**
 * The same PNG with its image data deflated at zlib's default level: resvg writes quickly and
 * leaves a quarter in its timeline charts (934 × 1208 px, 212 → 156 KB, 20 ms; level 9 gains 5 %
 * more at six times the time), and a Vorlage carries a dozen of them. Done once per chart
 * (the cache above), so the zip stores images as they are. The pixels are untouched: only the
 * IDAT chunks are rewritten, every other chunk is kept.
 */
export function recompressPng(png: Uint8Array): Uint8Array {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const before: Uint8Array[] = [];
  const after: Uint8Array[] = [];
  const idat: Uint8Array[] = [];
  for (let at = PNG_SIGNATURE; at + 12 <= png.length;) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    const chunk = png.subarray(at, at + 12 + length);
    if (type === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    else (idat.length ? after : before).push(chunk);
    at += 12 + length;
  }
  if (!idat.length) return png;
  const data = deflateSync(inflateSync(Buffer.concat(idat)), { level: constants.Z_DEFAULT_COMPRESSION });
  if (data.length >= idat.reduce((n, d) => n + d.length, 0)) return png;
  return Buffer.concat([png.subarray(0, PNG_SIGNATURE), ...before, pngChunk('IDAT', data), ...after]);
}

/** One PNG chunk: length, type, data, CRC-32 of type and data. */
function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

let crcTable: Uint32Array | undefined;

function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
