import { describe, it, expect, beforeAll } from 'vitest';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runPipeline } from '../../src/pipeline/pipeline.js';
import { pdfItems, pdfPages } from '../helpers/pdf-text.js';
import { htmlText } from '../helpers/html-text.js';
import { FIXTURE_CONTENT, FIXTURE_TEMPLATES } from '../helpers/fixtures.js';

const ROOT = path.resolve(__dirname, '../..');

/** A second city's corporate design: other labels, order, colours, font size, signature layout. */
const OTHER_THEME = `
page:
  margin: [25, 20, 22, 25]
base:
  font_size: 12
colors:
  primary: "#7a1f2b"
heading:
  color: "#7a1f2b"
deckblatt:
  felder: [nummer, betreff, art, aktenzeichen]
labels:
  nummer: Drucksache
  betreff: Gegenstand
  beschlussvorschlag: "Beschlussentwurf:"
  sachdarstellung: "Begründung:"
unterschriften:
  layout: stack
`;

async function build(templates: string) {
  const result = await runPipeline({ content: FIXTURE_CONTENT, templates });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result.files!;
}

/** Font size (pt) of the text item that starts with `text`. */
async function fontSizeOf(pdf: Buffer, text: string): Promise<number | undefined> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    for (const item of content.items) {
      if ('str' in item && item.str.startsWith(text)) {
        await doc.destroy();
        return Math.round(Math.hypot(item.transform[0], item.transform[1]) * 10) / 10;
      }
    }
  }
  await doc.destroy();
  return undefined;
}

describe('a city restyles ratsdoc through templates/ alone', () => {
  let standard: Map<string, Buffer | string>;
  let restyled: Map<string, Buffer | string>;

  beforeAll(async () => {
    const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'ratsdoc-theme-'));
    const templates = path.join(tmp, 'templates');
    await fs.cp(FIXTURE_TEMPLATES, templates, { recursive: true });
    await fs.writeFile(path.join(templates, 'theme.yaml'), OTHER_THEME);
    standard = await build(FIXTURE_TEMPLATES);
    restyled = await build(templates);
  });

  it('uses the other labels and field order in the PDF', async () => {
    const before = (await pdfPages(standard.get('vorlagen/11-1481.pdf') as Buffer)).flat().join(' ');
    const after = (await pdfPages(restyled.get('vorlagen/11-1481.pdf') as Buffer)).flat().join(' ');
    expect(before).toContain('Beschlussvorschlag:');
    expect(after).not.toContain('Beschlussvorschlag:');
    expect(after).toContain('Beschlussentwurf:');
    expect(after).toContain('Begründung:');
    expect(after.indexOf('Drucksache')).toBeLessThan(after.indexOf('Gegenstand'));
    expect(after).toMatch(/Drucksache 11\/1481 Gegenstand Einführung eines Kommunalen Integrationsmanagements Art Beschlussvorlage Aktenzeichen 51si-/);
  });

  it('uses the other font size in the PDF', async () => {
    expect(await fontSizeOf(standard.get('vorlagen/11-1481.pdf') as Buffer, 'Aufgrund erhaltener')).toBe(10.5);
    expect(await fontSizeOf(restyled.get('vorlagen/11-1481.pdf') as Buffer, 'Aufgrund erhaltener')).toBe(12);
  });

  it('stacks the signatures below each other', async () => {
    const items = (await pdfItems(restyled.get('vorlagen/11-1481.pdf') as Buffer)).flat();
    const x = (s: string) => items.find((i) => i.str === s)!.x;
    expect(x('Amtsleiter')).toBe(x('Der Bürgermeister'));
    const std = (await pdfItems(standard.get('vorlagen/11-1481.pdf') as Buffer)).flat();
    expect(std.find((i) => i.str === 'Amtsleiter')!.x).toBeGreaterThan(std.find((i) => i.str === 'Der Bürgermeister')!.x);
  });

  it('uses the other colour and labels in the HTML', () => {
    const html = restyled.get('vorlagen/11-1481.html') as string;
    expect(html).toContain('#7a1f2b');
    expect(standard.get('vorlagen/11-1481.html') as string).not.toContain('#7a1f2b');
    const text = htmlText(html);
    expect(text).toContain('Beschlussentwurf:');
    expect(text).toContain('Drucksache');
  });

  it('a broken theme is reported with file, line and column', async () => {
    const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'ratsdoc-theme-bad-'));
    await fs.cp(FIXTURE_TEMPLATES, tmp, { recursive: true });
    await fs.writeFile(path.join(tmp, 'theme.yaml'), 'colors:\n  primary: rot\nbase:\n  font_sise: 12\n');
    const result = await runPipeline({ content: FIXTURE_CONTENT, templates: tmp });
    expect(result.files).toBeUndefined();
    const messages = result.diagnostics.filter((d) => d.code === 'theme').map((d) => `${d.line}:${d.column} ${d.message}`);
    expect(messages).toEqual([
      '2:12 „primary“ muss eine Farbe wie "#003d6b" sein (colors.primary)',
      '4:3 unbekanntes Feld „font_sise“ (meinten Sie „font_size“?) (in base)',
    ]);
  });
});
