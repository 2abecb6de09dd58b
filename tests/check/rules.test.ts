/**
 * The rules beyond references: dates, chapters, Vorlagen, files, helper calls and the
 * warnings of spec section 4. Positions are in the file each case writes or edits.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { brief, cleanupTemp, example } from './fixture.js';

afterAll(cleanupTemp);

async function withFile(rel: string, content: string) {
  const f = await example();
  await f.write(rel, content);
  return (await f.newDiagnostics()).map(brief);
}

/** A Vorlage file: front matter lines 2–5 fixed, `extra` from line 6, then the body. */
function vorlage(extra: string, body = 'Text.\n', nummer = '"9/1"', art = 'Mitteilungsvorlage'): string {
  return `---\nnummer: ${nummer}\nart: ${art}\nbetreff: Test\nbeschlussvorschlag: Kenntnisnahme\n${extra}---\n${body}`;
}

const MEASURE = 'massnahmen:\n  - id: M-T1\n    titel: Test\n    handlungsfeld: HF-ARB\n    ziele: [Z-ARB-1.1]\n    federfuehrung: A-INTEG\n';

describe('dates', () => {
  test('ende before beginn', async () => {
    expect(await withFile('konzept/test.yaml', `${MEASURE}    beginn: 2019-06\n    ende: 2019-05-31\n`)).toEqual([
      'konzept/test.yaml:8:11 period-reversed error Maßnahme „M-T1“: Ende (2019-05-31) liegt vor dem Beginn (2019-06)',
    ]);
  });

  test('ende in the month of beginn is fine (a month is a period)', async () => {
    expect(await withFile('konzept/test.yaml', `${MEASURE}    beginn: 2019-06-15\n    ende: 2019-06\n`)).toEqual([]);
  });

  test('a measure outside the concept period is a warning, at beginn or ende', async () => {
    expect(await withFile('konzept/test.yaml', `${MEASURE}    beginn: 2018-11\n    ende: 2019-06\n`)).toEqual([
      'konzept/test.yaml:7:13 period-outside-konzept warning Maßnahme „M-T1“: Zeitraum 2018-11 bis 2019-06 liegt nicht ganz im Zeitraum des Konzepts (2019-01 bis 2019-10)',
    ]);
    expect(await withFile('konzept/test.yaml', `${MEASURE}    ende: 2019-11-01\n`)).toEqual([
      'konzept/test.yaml:7:11 period-outside-konzept warning Maßnahme „M-T1“: Zeitraum … bis 2019-11-01 liegt nicht ganz im Zeitraum des Konzepts (2019-01 bis 2019-10)',
    ]);
    expect(await withFile('konzept/test.yaml', `${MEASURE}    beginn: 2019-01-01\n    ende: 2019-10-31\n`)).toEqual([]);
  });

  test('a reversed concept period and a reversed interview period', async () => {
    const f = await example();
    await f.replace('konzept/konzept.yaml', 'zeitraum: { von: 2019-01, bis: 2019-10 }', 'zeitraum: { von: 2019-10, bis: 2019-01 }');
    expect((await f.check()).map(brief)).toEqual(['konzept/konzept.yaml:6:34 period-reversed error Konzept: Zeitraum endet (2019-01) vor seinem Beginn (2019-10)']);
    expect(await withFile('konzept/test.yaml', 'interviews:\n  - id: INT-T\n    zielgruppe: Einheimische\n    anzahl: 3\n    zeitraum: { von: 2019-05, bis: 2019-04-30 }\n')).toEqual([
      'konzept/test.yaml:5:36 period-reversed error Interview „INT-T“: Zeitraum endet (2019-04-30) vor seinem Beginn (2019-05)',
    ]);
  });
});

describe('warnings on indicators and goals', () => {
  const IND = 'indikatoren:\n  - id: I-T1\n    titel: Test\n    einheit: "%"\n    quelle: Test\n';
  const USE = 'ziele:\n  - id: Z-T1\n    titel: Test\n    handlungsfeld: HF-ARB\n    ebene: Leitziel\n    indikatoren: [I-T1]\n';

  test('zielwert without basis', async () => {
    expect(await withFile('konzept/test.yaml', `${USE}${IND}    zielwert: { wert: 5, stichtag: 2021-12-31 }\n`)).toEqual([
      'konzept/test.yaml:12:15 zielwert-without-basis warning Indikator „I-T1“: Zielwert ohne Ausgangswert (basis): die Entwicklung ist nicht messbar',
    ]);
  });

  test('a basis of 0 is a basis (I-15 in the example does not warn)', async () => {
    expect(await withFile('konzept/test.yaml', `${USE}${IND}    richtung: steigend\n    basis: { wert: 0, stichtag: 2019-01-01 }\n    zielwert: { wert: 5, stichtag: 2021-12-31 }\n`)).toEqual([]);
  });

  test('an unused indicator', async () => {
    expect(await withFile('konzept/test.yaml', IND)).toEqual([
      'konzept/test.yaml:2:9 indicator-unused warning Indikator „I-T1“: Indikator wird von keinem Ziel verwendet',
    ]);
  });

  test('richtung that disagrees with basis and zielwert', async () => {
    expect(await withFile('konzept/test.yaml', `${USE}${IND}    richtung: fallend\n    basis: { wert: 10, stichtag: 2019-01-01 }\n    zielwert: { wert: 12, stichtag: 2021-12-31 }\n`)).toEqual([
      'konzept/test.yaml:12:15 richtung-mismatch warning Indikator „I-T1“: Richtung „fallend“ passt nicht zu Ausgangswert 10 und Zielwert 12',
    ]);
    expect(await withFile('konzept/test.yaml', `${USE}${IND}    richtung: steigend\n    basis: { wert: 10, stichtag: 2019-01-01 }\n    zielwert: { wert: 10, stichtag: 2021-12-31 }\n`)).toEqual([
      'konzept/test.yaml:12:15 richtung-mismatch warning Indikator „I-T1“: Richtung „steigend“ passt nicht zu Ausgangswert 10 und Zielwert 10',
    ]);
  });

  test('a Handlungsziel without indicator and without measure (not SMART)', async () => {
    expect(await withFile('konzept/test.yaml', 'ziele:\n  - id: Z-T1\n    titel: Test\n    handlungsfeld: HF-ARB\n    ebene: Handlungsziel\n    oberziel: Z-ARB-1\n')).toEqual([
      'konzept/test.yaml:2:9 goal-without-indicator warning Ziel „Z-T1“: Handlungsziel ohne Indikator: nicht messbar (SMART)',
      'konzept/test.yaml:2:9 goal-without-measure warning Ziel „Z-T1“: Handlungsziel ohne Maßnahme: keine Maßnahme verfolgt es',
    ]);
  });

  test('a Handlungsziel without Oberziel', async () => {
    expect(
      await withFile('konzept/test.yaml', 'ziele:\n  - id: Z-T1\n    titel: Test\n    handlungsfeld: HF-ARB\n    ebene: Handlungsziel\n    indikatoren: [I-05]\n' + MEASURE.replace('Z-ARB-1.1', 'Z-T1')),
    ).toEqual(['konzept/test.yaml:5:12 handlungsziel-without-oberziel warning Ziel „Z-T1“: Handlungsziel ohne Oberziel (Leitziel); es erscheint ohne Einordnung']);
  });
});

describe('chapters and the gliederung', () => {
  test('a missing chapter file, with a suggestion', async () => {
    const f = await example();
    await f.replace('konzept/konzept.yaml', '    - kapitel: umsetzung', '    - kapitel: umsetzng');
    expect((await f.newDiagnostics()).map(brief)).toEqual([
      'konzept/kapitel/umsetzung.md:1:1 kapitel-unused warning Kapitel „umsetzung“: Kapitel steht nicht in der Gliederung von konzept.yaml und erscheint nicht im Konzept',
      'konzept/konzept.yaml:20:16 kapitel-missing error Konzept: Kapitel „umsetzng“ hat keine Datei konzept/kapitel/umsetzng.md (meinten Sie „umsetzung“?)',
    ]);
  });

  test('a deleted chapter file', async () => {
    const f = await example();
    await f.remove('konzept/kapitel/einleitung.md');
    expect((await f.newDiagnostics()).map(brief)).toEqual([
      'konzept/konzept.yaml:14:16 kapitel-missing error Konzept: Kapitel „einleitung“ hat keine Datei konzept/kapitel/einleitung.md',
    ]);
  });

  test('a chapter twice in the gliederung; a chapter not in it', async () => {
    const f = await example();
    await f.replace('konzept/konzept.yaml', '    - kapitel: umsetzung', '    - kapitel: einleitung');
    expect((await f.newDiagnostics()).map(brief)).toEqual([
      'konzept/kapitel/umsetzung.md:1:1 kapitel-unused warning Kapitel „umsetzung“: Kapitel steht nicht in der Gliederung von konzept.yaml und erscheint nicht im Konzept',
      'konzept/konzept.yaml:20:16 gliederung-duplicate error Konzept: Kapitel „einleitung“ steht mehrfach in der Gliederung',
    ]);
  });

  test('a konzept.yaml with a syntax error is not also called missing', async () => {
    const f = await example();
    await f.replace('konzept/konzept.yaml', '  status: Entwurf\n', '  status: [Entwurf\n');
    const found = await f.newDiagnostics();
    expect(found.map((d) => d.code)).toEqual(['yaml-syntax']);
    expect(found[0].file).toBe('konzept/konzept.yaml');
  });
});

describe('Vorlagen', () => {
  test('a duplicate Vorlage number', async () => {
    const f = await example();
    await f.write('vorlagen/zz-kopie.md', vorlage('', 'Text.\n', '"11/1481"', 'Beschlussvorlage'));
    expect(await f.newDiagnostics()).toEqual([
      {
        severity: 'error', code: 'duplicate-vorlage', file: 'vorlagen/zz-kopie.md', line: 2, column: 9, entity: 'Vorlage „11/1481“',
        message: `Vorlagen-Nummer ist doppelt vergeben; zuerst in ${f.dir}/vorlagen/11-1481.md`,
      },
    ]);
  });

  test('two numbers that give the same output file name', async () => {
    const f = await example();
    await f.write('vorlagen/zz.md', vorlage('', 'Text.\n', '"11-1481"'));
    expect((await f.newDiagnostics()).map(brief)).toEqual([
      `vorlagen/zz.md:2:9 vorlage-filename-clash error Vorlage „11-1481“: ergibt denselben Dateinamen „11-1481“ wie Vorlage „11/1481“ (${f.dir}/vorlagen/11-1481.md)`,
    ]);
  });

  test('an Ergänzungsvorlage without bezug, with an unknown bezug, referring to itself', async () => {
    const f = await example();
    await f.replace('vorlagen/11-1481-1.md', 'bezug: 11/1481\n', '');
    expect((await f.newDiagnostics()).map(brief)).toEqual([
      'vorlagen/11-1481-1.md:3:6 bezug-missing error Vorlage „11/1481-1“: Eine Ergänzungsvorlage braucht „bezug“: die Nummer der Vorlage, die sie ergänzt',
    ]);
    const g = await example();
    await g.replace('vorlagen/11-1481-1.md', 'bezug: 11/1481\n', 'bezug: 11/1418\n');
    expect((await g.newDiagnostics()).map(brief)).toEqual([
      'vorlagen/11-1481-1.md:4:8 bezug-unresolved error Vorlage „11/1481-1“: Bezug: Vorlage „11/1418“ gibt es nicht (meinten Sie „11/1481“?)',
    ]);
    const h = await example();
    await h.replace('vorlagen/11-1481-1.md', 'bezug: 11/1481\n', 'bezug: 11/1481-1\n');
    expect((await h.newDiagnostics()).map(brief)).toEqual([
      'vorlagen/11-1481-1.md:4:8 bezug-self error Vorlage „11/1481-1“: Eine Vorlage kann sich nicht auf sich selbst beziehen',
    ]);
  });

  test('a bezug to a Vorlage that exists but is invalid is not reported again', async () => {
    const f = await example();
    await f.replace('vorlagen/11-1481.md', 'art: Beschlussvorlage', 'art: Beschlusvorlage');
    expect((await f.newDiagnostics()).map((d) => d.code)).toEqual(['schema']);
  });

  test('klimarelevanz umfang with auswirkung keine', async () => {
    expect(await withFile('vorlagen/9-1.md', vorlage('klimarelevanz:\n  auswirkung: keine\n  umfang: erheblich\n'))).toEqual([
      'vorlagen/9-1.md:8:11 klima-umfang error Vorlage „9/1“: „umfang“ ist nur bei auswirkung „positiv“ oder „negativ“ erlaubt',
    ]);
  });

  test('an Anlage without datei or konzept; with both', async () => {
    expect(await withFile('vorlagen/9-1.md', vorlage('anlagen:\n  - titel: Leer\n'))).toEqual([
      'vorlagen/9-1.md:7:5 anlage-empty error Vorlage „9/1“: Anlage „Leer“ braucht „datei: …“, „konzept: true“ oder „bericht: …“',
    ]);
    expect(await withFile('vorlagen/9-1.md', vorlage('anlagen:\n  - titel: Beides\n    konzept: true\n    datei: anlagen/zuwendungsbescheid.pdf\n'))).toEqual([
      'vorlagen/9-1.md:9:12 anlage-both error Vorlage „9/1“: Anlage „Beides“ nennt sowohl „datei“ als auch „konzept: true“; bitte nur eines',
    ]);
  });
});

describe('files named in the content', () => {
  const anlage = (datei: string) => vorlage(`anlagen:\n  - titel: Bescheid\n    datei: ${datei}\n`);

  test.each([
    ['../x.pdf', 'zeigt aus dem Inhaltsordner heraus; erlaubt sind nur Pfade im Inhaltsordner'],
    ['anlagen/../../x.pdf', 'zeigt aus dem Inhaltsordner heraus; erlaubt sind nur Pfade im Inhaltsordner'],
    ['/etc/passwd', 'ist ein absoluter Pfad; erlaubt sind nur Pfade im Inhaltsordner (z. B. anlagen/datei.pdf)'],
    ['C:/Windows/win.ini', 'ist ein absoluter Pfad; erlaubt sind nur Pfade im Inhaltsordner (z. B. anlagen/datei.pdf)'],
    ['anlagen/fehlt.pdf', 'gibt es nicht'],
    ['anlagen', 'ist keine Datei'],
  ])('anlagen datei %s', async (datei, reason) => {
    const f = await example();
    await f.write('../x.pdf', '%PDF-1.4\n');
    await f.write('vorlagen/9-1.md', anlage(datei));
    expect((await f.newDiagnostics()).map(brief)).toEqual([`vorlagen/9-1.md:8:12 file-invalid error Vorlage „9/1“: Anlage „${datei}“ ${reason}`]);
  });

  test('a symlink that points outside the content folder', async () => {
    const f = await example();
    const outside = path.join(f.base, 'geheim.pdf');
    await fs.writeFile(outside, '%PDF-1.4\n');
    await f.symlink(outside, 'anlagen/link.pdf');
    await f.write('vorlagen/9-1.md', anlage('anlagen/link.pdf'));
    expect((await f.newDiagnostics()).map(brief)).toEqual([
      'vorlagen/9-1.md:8:12 file-invalid error Vorlage „9/1“: Anlage „anlagen/link.pdf“ ist ein Verweis (Symlink) aus dem Inhaltsordner heraus',
    ]);
  });

  test('a symlink inside the content folder is fine', async () => {
    const f = await example();
    await f.symlink(f.abs('anlagen/zuwendungsbescheid.pdf'), 'anlagen/link.pdf');
    await f.write('vorlagen/9-1.md', anlage('anlagen/link.pdf'));
    expect(await f.newDiagnostics()).toEqual([]);
  });

  test('the Wappen of ratsdoc.yaml', async () => {
    const f = await example();
    await f.replace('ratsdoc.yaml', 'wappen: anlagen/wappen.png', 'wappen: ../wappen.png');
    expect((await f.newDiagnostics()).map(brief)).toEqual([
      'ratsdoc.yaml:3:11 file-invalid error Kommune: Wappen „../wappen.png“ zeigt aus dem Inhaltsordner heraus; erlaubt sind nur Pfade im Inhaltsordner',
    ]);
  });
});

describe('helper calls in Markdown', () => {
  test('an unknown helper, with a suggestion', async () => {
    expect(await withFile('vorlagen/9-1.md', vorlage('', 'Text.\n\n{{massnahme handlungsfeld="HF-ARB"}}\n'))).toEqual([
      'vorlagen/9-1.md:9:1 helper-unknown error Vorlage „9/1“: unbekannter Datenbaustein „massnahme“ (meinten Sie „massnahmen“?); erlaubt: anzahl, bewertung, datum, finanzstand, frist, indikator, indikatorenstand, kosten, massnahmen, massnahmenstand, meilensteine, name, stand, summe, titel, veraenderungen, vorlage, wert, zeitplan, zeitraum, ziele, zielstand',
    ]);
  });

  test('an unknown ID in a helper, positional and named', async () => {
    expect(await withFile('vorlagen/9-1.md', vorlage('', 'Text.\n\n{{indikator "I-99"}}\n\n{{ziele handlungsfeld="HF-ARX"}}\n'))).toEqual([
      'vorlagen/9-1.md:9:1 helper-unknown-id error Vorlage „9/1“: {{indikator "I-99"}}: Indikator „I-99“ ist nicht definiert (meinten Sie „I-09“?)',
      'vorlagen/9-1.md:11:1 helper-unknown-id error Vorlage „9/1“: {{ziele handlungsfeld="HF-ARX"}}: Handlungsfeld „HF-ARX“ ist nicht definiert (meinten Sie „HF-ARB“?)',
    ]);
  });

  test('an unknown ID in a chapter is reported at its line in the chapter file', async () => {
    const f = await example();
    await f.append('konzept/kapitel/umsetzung.md', '\n{{massnahmen ziel="Z-NOPE"}}\n');
    const text = await f.read('konzept/kapitel/umsetzung.md');
    const line = text.split('\n').indexOf('{{massnahmen ziel="Z-NOPE"}}') + 1;
    expect((await f.newDiagnostics()).map(brief)).toEqual([
      `konzept/kapitel/umsetzung.md:${line}:1 helper-unknown-id error Kapitel „umsetzung“: {{massnahmen ziel="Z-NOPE"}}: Ziel „Z-NOPE“ ist nicht definiert`,
    ]);
  });

  test('wrong arguments, bad syntax, an unclosed expression', async () => {
    expect(await withFile('vorlagen/9-1.md', vorlage('', '{{indikator}}\n\n{{ziele feld="HF-ARB"}}\n\n{{indikator I-01}}\n\n{{#each x}}\n\nText {{ offen\n'))).toEqual([
      'vorlagen/9-1.md:7:1 helper-arguments error Vorlage „9/1“: {{indikator}}: erwartet 1 Angabe ohne Namen, angegeben keine; Beispiel: {{indikator "I-01"}}',
      'vorlagen/9-1.md:9:1 helper-arguments error Vorlage „9/1“: {{ziele feld="HF-ARB"}}: unbekannte Angabe „feld“; erlaubt: handlungsfeld',
      'vorlagen/9-1.md:11:1 helper-arguments error Vorlage „9/1“: {{indikator I-01}}: Angabe 1 muss in Anführungszeichen stehen, z. B. "I-01"',
      'vorlagen/9-1.md:13:1 helper-syntax error Vorlage „9/1“: {{#each x}}: kein Datenbaustein; ein Datenbaustein beginnt mit seinem Namen, z. B. {{wert "I-01"}}; geschweifte Klammern als Text bitte als \\{{ schreiben',
      'vorlagen/9-1.md:15:6 helper-unclosed error Vorlage „9/1“: Datenbaustein „{{“ wird in derselben Zeile nicht mit „}}“ geschlossen; für geschweifte Klammern als Text bitte \\{{ schreiben',
    ]);
  });

  test('a block helper must stand alone in its own paragraph; the message names the inline helper', async () => {
    const body = 'Text davor {{zeitplan}} und danach.\n\nText direkt davor\n{{indikator "I-01"}}\n\n{{zeitplan}}\nText direkt danach\n\n  {{zeitplan}}  \n\n{{zeitplan}}\n';
    expect(await withFile('vorlagen/9-1.md', vorlage('', body))).toEqual([
      'vorlagen/9-1.md:7:12 helper-block-inline error Vorlage „9/1“: {{zeitplan}} ist ein Block (Tabelle oder Grafik) und muss allein in einem eigenen Absatz stehen; im Satz bitte {{zeitraum "…"}} (Zeitraum einer Maßnahme) oder {{datum "…"}} (Termin eines Meilensteins) verwenden',
      'vorlagen/9-1.md:10:1 helper-block-inline error Vorlage „9/1“: {{indikator "I-01"}} ist ein Block (Tabelle oder Grafik) und muss allein in einem eigenen Absatz stehen; im Satz bitte {{wert "I-01"}} verwenden',
      'vorlagen/9-1.md:12:1 helper-block-inline error Vorlage „9/1“: {{zeitplan}} ist ein Block (Tabelle oder Grafik) und muss allein in einem eigenen Absatz stehen; im Satz bitte {{zeitraum "…"}} (Zeitraum einer Maßnahme) oder {{datum "…"}} (Termin eines Meilensteins) verwenden',
    ]);
  });
});

describe('images in Markdown', () => {
  test('missing, outside, external, wrong format and without alt text', async () => {
    const body = [
      '![Karte](anlagen/sozialraeume-karte.png)',
      '',
      '![](anlagen/wappen.png)',
      '',
      '![Fehlt](anlagen/gibtesnicht.png)',
      '',
      '![Außen](../geheim.png)',
      '',
      '![Netz](https://example.org/bild.png)',
      '',
      '![Falsch](anlagen/zuwendungsbescheid.pdf)',
      '',
    ].join('\n');
    expect(await withFile('vorlagen/9-1.md', vorlage('', body))).toEqual([
      'vorlagen/9-1.md:9:1 image-alt-missing warning Vorlage „9/1“: Bild „anlagen/wappen.png“ hat keinen Alternativtext (![Beschreibung](…)); für Barrierefreiheit bitte ergänzen',
      'vorlagen/9-1.md:11:1 image-missing error Vorlage „9/1“: Bild „anlagen/gibtesnicht.png“ gibt es nicht (Pfade gelten ab dem Inhaltsordner, z. B. anlagen/karte.png)',
      'vorlagen/9-1.md:13:1 image-outside error Vorlage „9/1“: Bild „../geheim.png“ liegt außerhalb des Inhaltsordners; erlaubt sind Pfade wie anlagen/karte.png',
      'vorlagen/9-1.md:15:1 image-external error Vorlage „9/1“: Bild „https://example.org/bild.png“: nur Dateien im Inhaltsordner sind erlaubt (z. B. anlagen/karte.png), keine Adressen im Netz',
      'vorlagen/9-1.md:17:1 image-format error Vorlage „9/1“: Bild „anlagen/zuwendungsbescheid.pdf“: nur PNG- und JPEG-Bilder sind erlaubt',
    ]);
  });
});
