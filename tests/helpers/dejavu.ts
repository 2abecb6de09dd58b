/**
 * The packaged DejaVu Sans as bytes, for tests that render a document definition directly
 * (without a theme's font files): one family of four faces, read once per test file.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import type { PdfRenderOptions } from '../../src/render/pdf/render.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const ttf = (file: string): Buffer => readFileSync(path.join(root, 'node_modules/dejavu-fonts-ttf/ttf', file));

/** pdfmake's fonts: „DejaVu Sans“ with its regular, bold, oblique and bold oblique faces. */
export const DEJAVU_FONTS: PdfRenderOptions['fonts'] = {
  'DejaVu Sans': { normal: ttf('DejaVuSans.ttf'), bold: ttf('DejaVuSans-Bold.ttf'), italics: ttf('DejaVuSans-Oblique.ttf'), bolditalics: ttf('DejaVuSans-BoldOblique.ttf') },
};

/**
 * pdfmake itself, with this process's hooks (a renderer module installs them), on a
 * definition whose text uses the families `PlainSans` (DejaVu Sans) and `PlainMono` (DejaVu
 * Sans Mono): untagged, no structure tree, the creation date pinned.
 */
export async function plainPdf(def: TDocumentDefinitions): Promise<Buffer> {
  const { default: pdfmake } = await import('pdfmake');
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  const virtualfs = (pdfmake as unknown as { virtualfs: { writeFileSync(n: string, d: Buffer): void } }).virtualfs;
  const files = { normal: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf', italics: 'DejaVuSans-Oblique.ttf', bolditalics: 'DejaVuSans-BoldOblique.ttf' };
  for (const file of [...Object.values(files), 'DejaVuSansMono.ttf']) virtualfs.writeFileSync(`plain-${file}`, ttf(file));
  const prefixed = Object.fromEntries(Object.entries(files).map(([k, v]) => [k, `plain-${v}`]));
  pdfmake.addFonts({ PlainSans: prefixed, PlainMono: { normal: 'plain-DejaVuSansMono.ttf', bold: 'plain-DejaVuSansMono.ttf', italics: 'plain-DejaVuSansMono.ttf', bolditalics: 'plain-DejaVuSansMono.ttf' } });
  return pdfmake.createPdf({ ...def, info: { creationDate: new Date('2019-02-21T00:00:00Z') } } as TDocumentDefinitions).getBuffer() as Promise<Buffer>;
}
