/**
 * Messages a new user reads first (issue 20, points 2, 4 and 5): suggestions that do not
 * mislead, no follow-on errors after a syntax error, and unclosed brackets and quotes named
 * where they opened. On the fixture `tests/fixtures/musterstadt`.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { brief, cleanupTemp, fixture } from '../check/fixture.js';

afterAll(cleanupTemp);

async function musterstadt() {
  return fixture('musterstadt');
}

test('the fixture itself is clean', async () => {
  expect((await (await musterstadt()).check()).map(brief)).toEqual([]);
});

describe('suggestions', () => {
  test('a missing bezug never suggests the Vorlage’s own number, even when it is the only close one', async () => {
    const f = await musterstadt();
    await f.replace('vorlagen/1-2024-1.md', 'bezug: "1/2024"', 'bezug: "1/2024/2"');
    await f.remove('vorlagen/1-2024.md');
    const found = (await f.check()).map(brief).filter((l) => l.includes('bezug-unresolved'));
    expect(found).toEqual(['vorlagen/1-2024-1.md:4:8 bezug-unresolved error Vorlage „1/2024/1“: Bezug: Vorlage „1/2024/2“ gibt es nicht']);
  });

  test('a key that starts like a known key suggests that key', async () => {
    const f = await musterstadt();
    await f.replace('vorlagen/2-2024.md', 'datum: 2024-09-10\n', 'datum: 2024-09-10\noe: true\n');
    expect((await f.check()).map(brief)).toEqual([
      'vorlagen/2-2024.md:6:1 schema error Vorlage „2/2024“: unbekanntes Feld „oe“ (meinten Sie „oeffentlich“?)',
    ]);
  });

  test('inside a list entry too: „zust“ suggests „zustaendigkeit“', async () => {
    const f = await musterstadt();
    await f.replace('vorlagen/1-2024.md', '    zustaendigkeit: Entscheidung\n', '    zustaendigkeit: Entscheidung\n    zust: x\n');
    expect((await f.check()).map(brief)).toEqual([
      'vorlagen/1-2024.md:11:5 schema error Vorlage „1/2024“: unbekanntes Feld „zust“ (meinten Sie „zustaendigkeit“?) (in beratungsfolge[0])',
    ]);
  });

  test('a key far from every known key lists the keys allowed there', async () => {
    const f = await musterstadt();
    await f.replace('konzept/akteure.yaml', '    art: Bildungstraeger\n', '    art: Bildungstraeger\n    telefonnummer: "0123"\n');
    expect((await f.check()).map(brief)).toEqual([
      'konzept/akteure.yaml:8:5 schema error Akteur „A-VHS“: unbekanntes Feld „telefonnummer“; erlaubt: id, name, art, rolle, kontakt',
    ]);
  });

  test('an unknown collection far from every name lists the collections', async () => {
    const f = await musterstadt();
    await f.append('konzept/akteure.yaml', 'projekte: []\n');
    expect((await f.check()).map(brief)).toEqual([
      'konzept/akteure.yaml:8:1 unknown-collection error -: unbekannte Sammlung „projekte“; erlaubt: handlungsfelder, ziele, indikatoren, massnahmen, akteure, sozialraeume, interviews, meilensteine',
    ]);
  });
});

describe('a syntax error in a collection file', () => {
  test('reports the syntax error, no „nicht definiert“ for the file’s IDs, and says so in one line', async () => {
    const f = await musterstadt();
    await f.replace('konzept/akteure.yaml', '    name: Volkshochschule Musterstadt\n', '    name: Volkshochschule: Musterstadt\n');
    expect((await f.check()).map(brief)).toEqual([
      'konzept/akteure.yaml:6:26 yaml-syntax error -: YAML-Syntaxfehler: Einrückung stimmt nicht',
      'konzept/akteure.yaml:6:26 references-not-checked warning -: Verweise auf die IDs dieser Datei werden nicht geprüft, solange sie nicht gelesen werden kann',
    ]);
  });

  test('a reference to an ID no file holds is still reported', async () => {
    const f = await musterstadt();
    await f.replace('konzept/akteure.yaml', '    name: Volkshochschule Musterstadt\n', '    name: Volkshochschule: Musterstadt\n');
    await f.replace('konzept/bildung.yaml', 'partner: [A-VHS]', 'partner: [A-VHS, A-KITA]');
    const found = (await f.check()).map(brief);
    expect(found).toContain('konzept/bildung.yaml:30:22 unresolved-reference error Maßnahme „M-LESE“: Akteur „A-KITA“ ist nicht definiert (partner[1])');
    expect(found.filter((l) => l.includes('A-VHS') && l.includes('nicht definiert'))).toEqual([]);
  });

  test('a Vorlage whose front matter cannot be read: its number is no missing bezug', async () => {
    const f = await musterstadt();
    await f.replace('vorlagen/1-2024.md', 'betreff: Integrationskonzept der Stadt Musterstadt\n', 'betreff: "Integrationskonzept\n');
    expect((await f.check()).map(brief)).toEqual([
      'vorlagen/1-2024.md:4:10 yaml-syntax error -: YAML-Syntaxfehler: das Anführungszeichen „"“ in Zeile 4, Spalte 10 wird nicht geschlossen',
      'vorlagen/1-2024.md:4:10 references-not-checked warning -: Verweise (bezug) auf die Vorlage „1/2024“ werden nicht geprüft, solange ihr Kopfteil nicht gelesen werden kann',
    ]);
  });
});

describe('unclosed brackets and quotes', () => {
  const cases: Array<[string, string, string]> = [
    ['[Schulamt', 'die eckige Klammer „[“ in Zeile 3, Spalte 11 wird nicht geschlossen (es fehlt „]“)', '3:11'],
    ['{ kurz: Schulamt', 'die geschweifte Klammer „{“ in Zeile 3, Spalte 11 wird nicht geschlossen (es fehlt „}“)', '3:11'],
    ['"Schulamt', 'das Anführungszeichen „"“ in Zeile 3, Spalte 11 wird nicht geschlossen', '3:11'],
    ["'Schulamt", 'das Anführungszeichen „\'“ in Zeile 3, Spalte 11 wird nicht geschlossen', '3:11'],
  ];
  for (const [value, message, at] of cases) {
    for (const where of ['in the middle', 'at the end'] as const) {
      test(`${value} ${where} of the file`, async () => {
        const f = await musterstadt();
        const rest = where === 'at the end' ? '' : '    art: Verwaltung\n  - id: A-VHS\n    name: Volkshochschule\n    art: Bildungstraeger\n';
        await f.write('konzept/akteure.yaml', `akteure:\n  - id: A-SCHULE\n    name: ${value}\n${rest}`);
        const found = (await f.check()).map(brief).filter((l) => l.includes('yaml-syntax'));
        expect(found).toEqual([`konzept/akteure.yaml:${at} yaml-syntax error -: YAML-Syntaxfehler: ${message}`]);
      });
    }
  }

  test('in a Vorlage’s front matter, lines count from the top of the file', async () => {
    const f = await musterstadt();
    await f.replace('vorlagen/2-2024.md', 'betreff: Sachstand Lesepatenschaften\n', 'betreff: [Sachstand Lesepatenschaften\n');
    const found = (await f.check()).map(brief).filter((l) => l.includes('yaml-syntax'));
    expect(found).toEqual(['vorlagen/2-2024.md:4:10 yaml-syntax error -: YAML-Syntaxfehler: die eckige Klammer „[“ in Zeile 4, Spalte 10 wird nicht geschlossen (es fehlt „]“)']);
  });

  test('brackets and quotes inside plain text, comments and closed values are no false alarm', async () => {
    const f = await musterstadt();
    // A valid file with brackets in plain text and comments, and then a real missing colon.
    await f.write('konzept/akteure.yaml', 'akteure: # [Liste\n  - id: A-SCHULE\n    name: Schulamt (Teil [1) der "Stadt\n    art: Verwaltung\n  - id: A-VHS\n    name: [Volkshochschule]\n    art Bildungstraeger\n');
    const found = (await f.check()).map(brief).filter((l) => l.includes('yaml-syntax'));
    expect(found).toHaveLength(1);
    expect(found[0]).not.toMatch(/Klammer|Anführungszeichen/);
  });
});
