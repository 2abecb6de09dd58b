import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { recompressPng } from '../src/render/docx/media.js';

/** A chart-like PNG (flat colour areas and a gradient), written as quickly as resvg writes them. */
function quickPng(): Buffer {
  const png = new PNG({ width: 300, height: 200 });
  for (let y = 0; y < 200; y++) {
    for (let x = 0; x < 300; x++) {
      const i = (y * 300 + x) * 4;
      const bar = x % 60 < 40 && y > 200 - (x / 2);
      png.data[i] = bar ? 30 : 255;
      png.data[i + 1] = bar ? 90 : 255;
      png.data[i + 2] = bar ? 160 : Math.floor(y / 2);
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png, { deflateLevel: 1, deflateStrategy: 0, filterType: 0 });
}

describe('DOCX chart PNGs', () => {
  it('recompressPng keeps every pixel and makes the file smaller', () => {
    const before = quickPng();
    const after = Buffer.from(recompressPng(before));
    expect(after.length).toBeLessThan(before.length);
    const a = PNG.sync.read(before);
    const b = PNG.sync.read(after);
    expect([b.width, b.height]).toEqual([a.width, a.height]);
    expect(Buffer.compare(b.data, a.data)).toBe(0);
  });

  it('recompressPng returns a PNG it cannot shrink unchanged', () => {
    const once = Buffer.from(recompressPng(quickPng()));
    expect(Buffer.from(recompressPng(once)).equals(once)).toBe(true);
  });
});
