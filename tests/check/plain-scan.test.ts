/**
 * The scanners that read helpers and images without the Markdown parser (helpers/scan.ts,
 * model/images.ts) give exactly what the parser gives, whenever they answer at all: on every
 * Markdown text of the fixtures and on generated texts built from the pieces that decide how
 * Markdown is read (blocks, code, emphasis, tables, escapes, references, spaces of all kinds).
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import yaml from 'js-yaml';
import type * as md from 'mdast';
import { describe, expect, test } from 'vitest';
import { parseMarkdown } from '../../src/content/markdown.js';
import { findHelpers } from '../../src/helpers/check.js';
import { scanHelpers } from '../../src/helpers/scan.js';
import { scanImages } from '../../src/model/images.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures');

/** Every Markdown body and every string of every YAML file under the fixtures. */
function fixtureTexts(): string[] {
  const out: string[] = [];
  const strings = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (v && typeof v === 'object') Object.values(v).forEach(strings);
  };
  for (const file of readdirSync(FIXTURES, { recursive: true }) as string[]) {
    const text = (): string => readFileSync(path.join(FIXTURES, file), 'utf8');
    if (file.endsWith('.md')) out.push(text().replace(/^---\n[\s\S]*?\n---\n/, ''));
    else if (/\.ya?ml$/.test(file)) {
      try {
        strings(yaml.load(text()));
      } catch {
        // Fixtures with broken YAML on purpose: their strings are no Markdown fields.
      }
    }
  }
  return out;
}

const helpersByScanner = (text: string) => {
  const found = scanHelpers(text);
  return found && summary(found);
};
const helpersByParser = (text: string) => summary(findHelpers(parseMarkdown(text)));
function summary(found: ReturnType<typeof findHelpers>) {
  return {
    helpers: found.helpers.map(({ node, standalone }) => ({ value: node.value, inner: node.inner, start: node.position?.start, end: node.position?.end, standalone })),
    unclosed: found.unclosed.map((n) => ({ start: n.position?.start, end: n.position?.end })),
  };
}

const imagesByScanner = (text: string) => scanImages(text)?.map(image);
const imagesByParser = (text: string) => {
  const out: md.Image[] = [];
  const visit = (node: md.Node) => {
    if (node.type === 'image') out.push(node as md.Image);
    for (const child of (node as md.Parent).children ?? []) visit(child);
  };
  visit(parseMarkdown(text));
  return out.map(image);
};
const image = (img: Pick<md.Image, 'url' | 'alt' | 'position'>) => ({ url: img.url, alt: img.alt, start: img.position?.start });

/** Pieces of running text, of helpers and images (mostly), and of what may change their reading (now and then). */
const INLINE = ['Wort', 'ä', ' ', '  ', '\u00a0', '😀', '*', '**', '_', '~', '"', "'", '(', ')', '!', ':', '-', '#', '|', ' | ', '{', '}', '{{', '}}',
  '{{x}}', '{{wert "I-01"}}', '{{wert "a|b"}}', '{{a "}}" b}}', '![a](b.png)', '![](c.jpg)', '![ x ](d_e.png)', '![*a*](b.png)', '![a](b.png "t")', '\f', '\u2028'];
const INLINE_RARE = ['`', '\\', '[', ']', '](', '[^1]', '![a][r]', '&nbsp;', '&amp;', '<', '<b>', '@', 'www.x.de', 'https://x.de/', '\t'];
const LINE_START = ['', 'A', '{{x}}', '!', '"', '(', '„', '|', '| '];
const LINE_START_RARE = ['- ', '* ', '1. ', '2) ', '# ', '> ', '    ', '  ', '---', '===', '|---|---|', '| :-: |', '[r]: x.png', '[^1]: ', '```', '~~~', '<!-- '];
const SEPARATOR = ['\n', '\n\n', '\n \n', '\n\n\n'];

const often = (common: string[], rare: string[]) => fc.oneof({ arbitrary: fc.constantFrom(...common), weight: 30 }, { arbitrary: fc.constantFrom(...rare), weight: 1 });
const line = fc.tuple(often(LINE_START, LINE_START_RARE), fc.array(often(INLINE, INLINE_RARE), { maxLength: 8 })).map(([start, rest]) => start + rest.join(''));
const text = fc.array(fc.tuple(line, often(SEPARATOR, ['\r\n'])), { minLength: 1, maxLength: 8 }).map((parts) => parts.map(([l, sep]) => l + sep).join(''));

describe('scanning helpers and images gives what the parser gives', () => {
  const texts = fixtureTexts();

  test('on every text of the fixtures', () => {
    const withHelpers = texts.filter((t) => t.includes('{{'));
    const withImages = texts.filter((t) => t.includes('!['));
    expect(withHelpers.length).toBeGreaterThan(10);
    let scanned = 0;
    for (const t of withHelpers) {
      const byScanner = helpersByScanner(t);
      if (byScanner) scanned++;
      if (byScanner) expect(byScanner).toEqual(helpersByParser(t));
    }
    for (const t of withImages) {
      const byScanner = imagesByScanner(t);
      if (byScanner) expect(byScanner).toEqual(imagesByParser(t));
    }
    // The fixtures are mostly plain prose: the scanner answers for most of them.
    expect(scanned).toBeGreaterThan(withHelpers.length / 2);
  });

  test('on generated texts', () => {
    let helpersScanned = 0;
    let imagesScanned = 0;
    fc.assert(fc.property(text, (t) => {
      const byScanner = helpersByScanner(t);
      if (byScanner && t.includes('{{')) helpersScanned++;
      if (byScanner) expect(byScanner).toEqual(helpersByParser(t));
      const images = imagesByScanner(t);
      if (images && t.includes('![')) imagesScanned++;
      if (images) expect(images).toEqual(imagesByParser(t));
    }), { numRuns: 6000, seed: 19 });
    // Enough of the generated texts are plain for the comparison to mean something.
    expect(helpersScanned).toBeGreaterThan(350);
    expect(imagesScanned).toBeGreaterThan(100);
  });

  test('answers for plain paragraphs and tables, leaves the rest to the parser', () => {
    const plain = 'Die Quote liegt bei {{wert "I-01"}} (Stand {{wert "I-01" "stichtag"}}).\n\n{{indikator "I-01"}}\n\n| A | B |\n|---|---|\n| x | {{wert "I-02"}} |\n\n![Karte](anlagen/karte.png)\n';
    expect(helpersByScanner(plain)?.helpers.map((h) => [h.value, h.standalone])).toEqual([['{{wert "I-01"}}', false], ['{{wert "I-01" "stichtag"}}', false], ['{{indikator "I-01"}}', true], ['{{wert "I-02"}}', false]]);
    expect(helpersByScanner(plain)).toEqual(helpersByParser(plain));
    expect(imagesByScanner(plain)).toEqual(imagesByParser(plain));
  });

  // Each of these reads differently from plain text: the scanners leave them to the parser.
  test.each([
    'a `{{x}}` b', 'a `` {{x}} `` b', '- {{x}}', '1. {{x}}', '# {{x}}', '> {{x}}', '    {{x}}', '```\n{{x}}\n```', '~~~\n\n{{x}}\n~~~',
    'a \\{{x}}', '[{{x}}](a)', '[a]({{x}})', '{{x}} [^1]\n\n[^1]: b', '{{x}}&nbsp;', '{{x}}\t', 'a\r\n{{x}}', '<div>\n\n{{x}}\n\n</div>', '<!--\n\n{{x}}\n\n-->',
    'www.x.de/{{x}}', 'https://x.de/{{x}}', 'a@b.de{{x}}', '{{x}}\n===', '{{x}}\n---', '| {{x "a|b"}} |\n|---|', 'A\n| a |\n|---|\n| {{x}} |',
  ])('%j: helpers left to the parser', (t) => {
    expect(helpersByScanner(t)).toBeUndefined();
  });

  test.each(['![a][r]\n\n[r]: b.png', '![*a*](b.png)', '![a&amp;b](c.png)', '![a](b&amp;c.png)', '![a](b.png "Titel")', '![a](<b c.png>)', '![a](b(c).png)', '{{x "![a](b.png)"}}', '- ![a](b.png)', '| ![a](b.png) |\n|---|', '`![a](b.png)`'])('%j: images left to the parser', (t) => {
    expect(imagesByScanner(t)).toBeUndefined();
  });
});
