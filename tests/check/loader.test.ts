/**
 * What the loader and the schemas say about broken files: YAML syntax, encodings, types,
 * unknown keys, enums and dates. Positions are in the file the case writes.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { brief, cleanupTemp, example, fixture } from './fixture.js';

afterAll(cleanupTemp);

async function withFile(rel: string, content: string | Uint8Array) {
  const f = await example();
  await f.write(rel, content);
  return (await f.newDiagnostics()).map(brief);
}

describe('YAML syntax', () => {
  test.each([
    ['bad indentation', 'handlungsfelder:\n  - id: HF-T\n   titel: Test\n', 'konzept/test.yaml:3:4 yaml-syntax error -: YAML-Syntaxfehler: Einrückung stimmt nicht'],
    ['a missing colon', 'handlungsfelder:\n  - id: HF-T\n    titel Test\n    dimension: sozial\n',
      'konzept/test.yaml:4:14 yaml-syntax error -: YAML-Syntaxfehler: nach einem Schlüssel fehlt der Doppelpunkt oder die Einrückung stimmt nicht'],
    ['a duplicated key', 'handlungsfelder:\n  - id: HF-T\n    titel: Test\n    titel: Test2\n', 'konzept/test.yaml:4:5 yaml-syntax error -: YAML-Syntaxfehler: Schlüssel doppelt vorhanden'],
    ['a tab', 'handlungsfelder:\n\t- id: HF-T\n', 'konzept/test.yaml:2:1 yaml-syntax error -: YAML-Syntaxfehler: Tabulatoren sind zur Einrückung nicht erlaubt; bitte Leerzeichen verwenden'],
    ['a missing comma in a flow list', 'handlungsfelder: [{id: HF-T, titel: x]\n', 'konzept/test.yaml:1:38 yaml-syntax error -: YAML-Syntaxfehler: Komma fehlt zwischen Einträgen in [ … ] oder { … }'],
    ['two documents', 'handlungsfelder: []\n---\nziele: []\n', 'konzept/test.yaml:1:1 yaml-syntax error -: Die Datei enthält mehrere YAML-Dokumente (---); erlaubt ist eines'],
    ['an alias', 'a: &x [1]\nhandlungsfelder: *x\n', 'konzept/test.yaml:2:18 yaml-syntax error -: YAML-Syntaxfehler: Anker und Aliase (&name, *name) sind nicht erlaubt; bitte den Wert ausschreiben'],
    ['nesting too deep', `handlungsfelder: ${'['.repeat(30)}${']'.repeat(30)}\n`, 'konzept/test.yaml:1:37 yaml-syntax error -: YAML-Syntaxfehler: Verschachtelung tiefer als 20 Ebenen'],
    ['a tag', 'handlungsfelder: !foo []\n', 'konzept/test.yaml:1:18 yaml-syntax error -: YAML-Syntaxfehler: unbekanntes Tag (!…); Tags sind nicht erlaubt'],
  ])('malformed YAML: %s', async (_name, yaml, expected) => {
    expect(await withFile('konzept/test.yaml', yaml)).toEqual([expected]);
  });

  test('malformed YAML in a Vorlage front matter is reported at its line in the .md file', async () => {
    expect(await withFile('vorlagen/x.md', '---\nnummer: "9/1"\nart: [\n---\nText\n')).toEqual([
      'vorlagen/x.md:3:6 yaml-syntax error -: YAML-Syntaxfehler: die eckige Klammer „[“ in Zeile 3, Spalte 6 wird nicht geschlossen (es fehlt „]“)',
    ]);
  });

  test('an alias bomb (billion laughs) is refused at the first alias, fast', async () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      lines.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    lines.push('handlungsfelder: *j');
    const f = await example();
    await f.write('konzept/bombe.yaml', lines.join('\n') + '\n');
    const started = performance.now();
    const found = await f.newDiagnostics();
    const ms = performance.now() - started;
    console.log(`alias bomb: answered in ${ms.toFixed(1)} ms`);
    expect(found.map(brief)).toEqual([
      'konzept/bombe.yaml:2:8 yaml-syntax error -: YAML-Syntaxfehler: Anker und Aliase (&name, *name) sind nicht erlaubt; bitte den Wert ausschreiben',
    ]);
    expect(ms).toBeLessThan(2000);
  });
});

describe('encoding', () => {
  test('invalid UTF-8 (0xC3 0x28) names the file and the place of the first bad byte', async () => {
    const bytes = new Uint8Array([...Buffer.from('handlungsfelder:\n  - id: HF-T\n    titel: K'), 0xc3, 0x28, ...Buffer.from('ln\n')]);
    expect(await withFile('konzept/test.yaml', bytes)).toEqual([
      'konzept/test.yaml:3:13 file-encoding error -: Die Datei ist nicht in UTF-8 kodiert (ungültige Bytefolge); bitte als UTF-8 speichern',
    ]);
  });

  test('a Latin-1 Markdown file is an encoding error', async () => {
    const bytes = new Uint8Array([...Buffer.from('---\ntitel: Gr'), 0xfc, ...Buffer.from('n\n---\nText\n')]);
    expect(await withFile('konzept/kapitel/umsetzung.md', bytes)).toEqual([
      'konzept/kapitel/umsetzung.md:2:10 file-encoding error -: Die Datei ist nicht in UTF-8 kodiert (ungültige Bytefolge); bitte als UTF-8 speichern',
    ]);
  });

  test('a BOM and CRLF line ends pass, in YAML and in Markdown', async () => {
    const f = await example();
    for (const rel of ['konzept/hf-arbeit.yaml', 'vorlagen/11-1702.md', 'konzept/kapitel/einleitung.md']) {
      const text = await f.read(rel);
      await f.write(rel, '\uFEFF' + text.replace(/\n/g, '\r\n'));
    }
    expect((await f.check()).map(brief)).toEqual([
      'konzept/hf-arbeit.yaml:81:11 period-outside-konzept warning Maßnahme „M-08“: Zeitraum 2019-03 bis 2020-07 liegt nicht ganz im Zeitraum des Konzepts (2019-01 bis 2019-10)',
      'konzept/hf-miteinander.yaml:140:11 period-outside-konzept warning Maßnahme „M-17“: Zeitraum 2019-02 bis 2020-12 liegt nicht ganz im Zeitraum des Konzepts (2019-01 bis 2019-10)',
      'konzept/hf-wohnen.yaml:85:11 period-outside-konzept warning Maßnahme „M-21“: Zeitraum 2019-07 bis 2021-06 liegt nicht ganz im Zeitraum des Konzepts (2019-01 bis 2019-10)',
    ]);
  });

  test('positions in a BOM + CRLF file count lines and columns as the editor shows them', async () => {
    const yaml = '\uFEFFhandlungsfelder:\r\n  - id: HF-T\r\n    titel: Test\r\n    dimension: sozail\r\n';
    expect(await withFile('konzept/test.yaml', yaml)).toEqual([
      'konzept/test.yaml:4:16 schema error Handlungsfeld „HF-T“: „dimension“ hat den unzulässigen Wert „sozail“ (meinten Sie „sozial“?); erlaubt: „strukturell“, „sozial“, „kulturell“, „identifikatorisch“, „potenzialorientiert“ (dimension)',
    ]);
  });

  test('a BOM + CRLF Vorlage with a helper reports the helper at its line', async () => {
    const md = '\uFEFF---\r\nnummer: "9/1"\r\nart: Mitteilungsvorlage\r\nbetreff: T\r\nbeschlussvorschlag: K\r\n---\r\nText\r\n\r\n{{indikator "I-99"}}\r\n';
    expect(await withFile('vorlagen/9-1.md', md)).toEqual([
      'vorlagen/9-1.md:9:1 helper-unknown-id error Vorlage „9/1“: {{indikator "I-99"}}: Indikator „I-99“ ist nicht definiert (meinten Sie „I-09“?)',
    ]);
  });

  test('the self-contained BOM + CRLF fixture passes', async () => {
    const f = await fixture('bom-crlf');
    expect((await f.check()).map(brief)).toEqual([]);
  });
});

describe('shapes', () => {
  test('wrong type', async () => {
    expect(await withFile('konzept/test.yaml', 'interviews:\n  - id: INT-T\n    zielgruppe: Einheimische\n    anzahl: viele\n')).toEqual([
      'konzept/test.yaml:4:13 schema error Interview „INT-T“: „anzahl“ muss eine Zahl sein, ist aber „viele“ (anzahl)',
    ]);
  });

  test('a number with a decimal comma explains the decimal point', async () => {
    const f = await example();
    await f.replace('konzept/indikatoren.yaml', 'basis: { wert: 31.4, stichtag: 2018-09-30 }', 'basis: { wert: "31,4", stichtag: 2018-09-30 }');
    expect((await f.newDiagnostics()).map(brief)).toEqual([
      'konzept/indikatoren.yaml:14:20 schema error Indikator „I-01“: „wert“ muss eine Zahl sein, ist aber „31,4“ (Dezimalpunkt, z. B. 21.7) (basis.wert)',
    ]);
  });

  test('a fraction where a whole number is needed', async () => {
    expect(await withFile('konzept/test.yaml', 'interviews:\n  - id: INT-T\n    zielgruppe: Einheimische\n    anzahl: 2.5\n')).toEqual([
      'konzept/test.yaml:4:13 schema error Interview „INT-T“: „anzahl“ muss eine ganze Zahl sein, ist aber 2.5 (anzahl)',
    ]);
  });

  test('a missing required field is reported at its entry', async () => {
    expect(await withFile('konzept/test.yaml', 'interviews:\n  - id: INT-T\n    anzahl: 2\n')).toEqual([
      'konzept/test.yaml:2:5 schema error Interview „INT-T“: Pflichtfeld „zielgruppe“ fehlt; erlaubt: „Altzugewanderte“, „Neuzugewanderte“, „Einheimische“, „Fachkraefte“ (in zielgruppe)',
    ]);
    expect(await withFile('konzept/test.yaml', 'meilensteine:\n  - titel: Ohne ID\n    datum: 2019-05\n')).toEqual([
      'konzept/test.yaml:2:5 schema error Meilenstein Nr. 1: Pflichtfeld „id“ fehlt (in id)',
    ]);
  });

  test('unknown key with a suggestion, at the key', async () => {
    const f = await example();
    await f.replace('konzept/hf-arbeit.yaml', '    beschreibung: >-\n      Viele Zugewanderte', '    beschreibnug: >-\n      Viele Zugewanderte');
    expect((await f.newDiagnostics()).map(brief)).toEqual([
      'konzept/hf-arbeit.yaml:7:5 schema error Handlungsfeld „HF-ARB“: unbekanntes Feld „beschreibnug“ (meinten Sie „beschreibung“?)',
    ]);
  });

  test('unknown key without a close name lists the allowed keys instead; nested unknown keys name their place', async () => {
    expect(await withFile('konzept/test.yaml', 'meilensteine:\n  - id: MS-T\n    titel: T\n    datum: 2019-05\n    farbe: rot\n')).toEqual([
      'konzept/test.yaml:5:5 schema error Meilenstein „MS-T“: unbekanntes Feld „farbe“; erlaubt: id, titel, datum, status, beschreibung',
    ]);
    expect(
      await withFile('konzept/test.yaml', 'ziele:\n  - id: Z-T\n    titel: T\n    handlungsfeld: HF-ARB\n    ebene: Leitziel\n    bewertung: { stand: 2019-01-01, erreicht: ja, txt: gut }\n'),
    ).toEqual(['konzept/test.yaml:6:51 schema error Ziel „Z-T“: unbekanntes Feld „txt“ (meinten Sie „text“?) (in bewertung)']);
  });

  test('unknown key in ratsdoc.yaml, konzept.yaml and a Vorlage', async () => {
    const f = await example();
    await f.replace('ratsdoc.yaml', '  wappen:', '  wapen:');
    await f.replace('konzept/konzept.yaml', '  untertitel:', '  untertitle:');
    await f.replace('vorlagen/11-1702.md', 'aktenzeichen:', 'aktenzeichn:');
    expect((await f.newDiagnostics()).map(brief)).toEqual([
      'konzept/konzept.yaml:3:3 schema error Konzept: unbekanntes Feld „untertitle“ (meinten Sie „untertitel“?) (in konzept)',
      'ratsdoc.yaml:3:3 schema error -: unbekanntes Feld „wapen“ (meinten Sie „wappen“?) (in kommune)',
      'vorlagen/11-1702.md:5:1 schema error Vorlage „11/1702“: unbekanntes Feld „aktenzeichn“ (meinten Sie „aktenzeichen“?)',
    ]);
  });

  test('an unknown collection', async () => {
    expect(await withFile('konzept/test.yaml', 'masnahmen: []\n')).toEqual([
      'konzept/test.yaml:1:1 unknown-collection error -: unbekannte Sammlung „masnahmen“ (meinten Sie „massnahmen“?)',
    ]);
    expect(await withFile('konzept/test.yaml', 'konzept: {}\n')).toEqual([
      'konzept/test.yaml:1:1 unknown-collection error -: unbekannte Sammlung „konzept“ (der Abschnitt „konzept:“ gehört in konzept/konzept.yaml)',
    ]);
  });

  test('a collection that is not a list, a file that is not a mapping, an empty file', async () => {
    expect(await withFile('konzept/test.yaml', 'interviews: hallo\n')).toEqual([
      'konzept/test.yaml:1:13 schema error -: „interviews“ muss eine Liste sein (Einträge mit „- id: …“)',
    ]);
    expect(await withFile('konzept/test.yaml', 'hallo\n')).toEqual([
      'konzept/test.yaml:1:1 collection-file-shape error -: Die Datei muss Sammlungen als oberste Schlüssel enthalten (handlungsfelder, ziele, indikatoren, massnahmen, akteure, sozialraeume, interviews, meilensteine)',
    ]);
    expect(await withFile('konzept/test.yaml', '# leer\n')).toEqual([]);
  });

  test('wrong enum with a suggestion', async () => {
    const f = await example();
    await f.replace('konzept/hf-arbeit.yaml', '    ebene: Leitziel\n', '    ebene: Leitzeil\n');
    expect((await f.newDiagnostics()).map(brief)).toEqual([
      'konzept/hf-arbeit.yaml:17:12 schema error Ziel „Z-ARB-1“: „ebene“ hat den unzulässigen Wert „Leitzeil“ (meinten Sie „Leitziel“?); erlaubt: „Leitziel“, „Handlungsziel“ (ebene)',
    ]);
  });

  test('impossible dates', async () => {
    expect(await withFile('konzept/test.yaml', 'meilensteine:\n  - id: MS-T\n    titel: T\n    datum: 2021-13-45\n')).toEqual([
      'konzept/test.yaml:4:12 schema error Meilenstein „MS-T“: „datum“: „2021-13-45“ ist weder ein gültiges Datum (JJJJ-MM-TT) noch ein Monat (JJJJ-MM) (datum)',
    ]);
    expect(
      await withFile('konzept/test.yaml', 'ziele:\n  - id: Z-T\n    titel: T\n    handlungsfeld: HF-ARB\n    ebene: Leitziel\n    bewertung: { stand: 2021-02-30, erreicht: ja }\n'),
    ).toEqual(['konzept/test.yaml:6:25 schema error Ziel „Z-T“: „stand“: „2021-02-30“ ist kein gültiges Datum (erwartet JJJJ-MM-TT, z. B. 2019-02-21) (bewertung.stand)']);
    expect(await withFile('konzept/test.yaml', 'meilensteine:\n  - id: MS-T\n    titel: T\n    datum: 2019-13\n')).toEqual([
      'konzept/test.yaml:4:12 schema error Meilenstein „MS-T“: „datum“: „2019-13“ ist weder ein gültiges Datum (JJJJ-MM-TT) noch ein Monat (JJJJ-MM) (datum)',
    ]);
  });

  test('a month is not allowed where a day is meant (stand)', async () => {
    const f = await example();
    await f.replace('konzept/konzept.yaml', 'stand: 2019-10-31', 'stand: 2019-10');
    expect((await f.newDiagnostics()).map(brief)).toEqual([
      'konzept/konzept.yaml:10:10 schema error Konzept: „stand“: „2019-10“ ist kein gültiges Datum (erwartet JJJJ-MM-TT, z. B. 2019-02-21) (konzept.stand)',
    ]);
  });

  test('kosten of the wrong form, a negative amount, an empty goal list, an empty title', async () => {
    const m = (extra: string) => `massnahmen:\n  - id: M-T\n    titel: T\n    handlungsfeld: HF-ARB\n    ziele: [Z-ARB-1.1]\n    federfuehrung: A-INTEG\n${extra}`;
    expect(await withFile('konzept/test.yaml', m('    kosten: 100\n'))).toEqual([
      'konzept/test.yaml:7:13 schema error Maßnahme „M-T“: „kosten“ hat eine unzulässige Form (100); erwartet {betrag, finanzierung, jahr} oder eine Liste davon (kosten)',
    ]);
    expect(await withFile('konzept/test.yaml', m('    kosten: { betrag: -5 }\n'))).toEqual([
      'konzept/test.yaml:7:23 schema error Maßnahme „M-T“: „betrag“ darf nicht negativ sein (kosten.betrag)',
    ]);
    expect(await withFile('konzept/test.yaml', m('').replace('[Z-ARB-1.1]', '[]'))).toEqual([
      'konzept/test.yaml:5:12 schema error Maßnahme „M-T“: „ziele“ braucht mindestens ein Ziel (ziele)',
    ]);
    expect(await withFile('konzept/test.yaml', 'meilensteine:\n  - id: MS-T\n    titel: ""\n    datum: 2019-05\n')).toEqual([
      'konzept/test.yaml:3:12 schema error Meilenstein „MS-T“: „titel“ darf nicht leer sein (titel)',
    ]);
  });

  test('a Vorlage number or TOP written as a number asks for quotes', async () => {
    expect(await withFile('vorlagen/x.md', '---\nnummer: 1481\nart: Beschlussvorlage\nbetreff: T\nbeschlussvorschlag: K\n---\nText\n')).toEqual([
      'vorlagen/x.md:2:9 schema error Vorlage „x“: „nummer“ muss ein Text sein, ist aber 1481 (muss Text sein; bitte in Anführungszeichen setzen, z. B. "11/1481") (nummer)',
    ]);
    expect(
      await withFile('vorlagen/x.md', '---\nnummer: 11/1\nart: Beschlussvorlage\nbetreff: T\nbeschlussvorschlag: K\nberatungsfolge:\n  - gremium: Rat\n    top: 4.1\n    zustaendigkeit: Entscheidung\n---\nText\n'),
    ).toEqual([
      'vorlagen/x.md:8:10 schema error Vorlage „11/1“: „top“ muss ein Text sein, ist aber 4.1 (muss Text sein; bitte in Anführungszeichen setzen, z. B. "4.1") (beratungsfolge[0].top)',
    ]);
  });

  test('front matter: unclosed, missing in a Vorlage, missing in a chapter', async () => {
    expect(await withFile('vorlagen/x.md', '---\nnummer: x\n')).toEqual([
      'vorlagen/x.md:1:1 frontmatter-unclosed error -: Der Kopfteil (Front Matter) wird nicht mit einer Zeile „---“ geschlossen',
    ]);
    expect(await withFile('vorlagen/x.md', 'Nur Text\n')).toEqual([
      'vorlagen/x.md:1:1 frontmatter-missing error Vorlage „x“: Der Kopfteil fehlt: die Datei muss mit „---“ beginnen und nummer, art, betreff und beschlussvorschlag nennen',
    ]);
    const f = await example();
    await f.write('konzept/kapitel/umsetzung.md', 'Nur Text\n');
    expect((await f.newDiagnostics()).map(brief)).toEqual([
      'konzept/kapitel/umsetzung.md:1:1 frontmatter-missing error Kapitel „umsetzung“: Der Kopfteil fehlt: die Datei muss mit „---“, „titel: …“ und „---“ beginnen',
    ]);
  });

  test('ratsdoc.yaml missing; konzept.yaml missing', async () => {
    const f = await example();
    await f.remove('ratsdoc.yaml');
    expect((await f.newDiagnostics()).map(brief)).toEqual([
      'ratsdoc.yaml:1:1 config-missing error -: Die Datei ratsdoc.yaml fehlt; sie nennt die Kommune (kommune: name: …)',
    ]);
    const g = await example();
    await g.remove('konzept/konzept.yaml');
    const found = (await g.newDiagnostics()).map(brief);
    expect(found).toContain('konzept/hf-arbeit.yaml:1:1 konzept-missing error -: konzept/konzept.yaml fehlt: ohne sie hat das Konzept keinen Titel und keine Gliederung');
    expect(found).toContain('vorlagen/11-1702.md:54:14 anlage-konzept-missing error Vorlage „11/1702“: Das Konzept ist als Anlage genannt, es gibt aber kein konzept/konzept.yaml');
  });

  test('a file larger than 5 MB is refused', async () => {
    expect(await withFile('konzept/test.yaml', `# ${'x'.repeat(5 * 1024 * 1024)}\n`)).toEqual([
      'konzept/test.yaml:1:1 file-too-large error -: Die Datei ist größer als 5 MB und wird nicht gelesen',
    ]);
  });
});
