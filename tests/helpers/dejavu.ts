/**
 * The packaged DejaVu Sans as bytes, for tests that render a document definition directly
 * (without a theme's font files): one family of four faces, read once per test file.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PdfRenderOptions } from '../../src/render/pdf/render.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const ttf = (file: string): Buffer => readFileSync(path.join(root, 'node_modules/dejavu-fonts-ttf/ttf', file));

/** pdfmake's fonts: „DejaVu Sans“ with its regular, bold, oblique and bold oblique faces. */
export const DEJAVU_FONTS: PdfRenderOptions['fonts'] = {
  'DejaVu Sans': { normal: ttf('DejaVuSans.ttf'), bold: ttf('DejaVuSans-Bold.ttf'), italics: ttf('DejaVuSans-Oblique.ttf'), bolditalics: ttf('DejaVuSans-BoldOblique.ttf') },
};
