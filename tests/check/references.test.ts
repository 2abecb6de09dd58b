/**
 * References, IDs and the goal tree: every reference field of spec section 4 pointing to an ID
 * that does not exist, duplicate IDs across files, cycles and foreign Oberziele.
 * Each case adds one file `konzept/test.yaml` to a copy of the example, so every position
 * below is a position in that small file.
 */
import { afterAll, describe, expect, test } from 'vitest';
import { brief, cleanupTemp, example, exampleBaseline, locate } from './fixture.js';

afterAll(cleanupTemp);

async function withTestFile(yaml: string) {
  const f = await example();
  await f.write('konzept/test.yaml', yaml);
  return f.newDiagnostics();
}

test('the example content passes with exactly its three intended warnings', async () => {
  const base = await exampleBaseline();
  expect(base.map(brief)).toEqual([
    'konzept/hf-arbeit.yaml:81:11 period-outside-konzept warning Maßnahme „M-08“: Zeitraum 2019-03 bis 2020-07 liegt nicht ganz im Zeitraum des Konzepts (2019-01 bis 2019-10)',
    'konzept/hf-miteinander.yaml:140:11 period-outside-konzept warning Maßnahme „M-17“: Zeitraum 2019-02 bis 2020-12 liegt nicht ganz im Zeitraum des Konzepts (2019-01 bis 2019-10)',
    'konzept/hf-wohnen.yaml:85:11 period-outside-konzept warning Maßnahme „M-21“: Zeitraum 2019-07 bis 2021-06 liegt nicht ganz im Zeitraum des Konzepts (2019-01 bis 2019-10)',
  ]);
  // I-15 has basis.wert 0: a zero is a basis, not a missing one.
  expect(base.filter((d) => d.entity === 'Indikator „I-15“')).toEqual([]);
});

/** One case per reference field: the YAML (one bad ID, `BAD`), the entity and the message. */
const REFERENCE_CASES: Array<{ field: string; yaml: string; bad: string; entity: string; message: string }> = [
  {
    field: 'ziele.handlungsfeld',
    yaml: 'ziele:\n  - id: Z-T1\n    titel: Test\n    handlungsfeld: HF-NOPE\n    ebene: Leitziel\n',
    bad: 'HF-NOPE', entity: 'Ziel „Z-T1“', message: 'Handlungsfeld „HF-NOPE“ ist nicht definiert (handlungsfeld)',
  },
  {
    field: 'ziele.oberziel',
    yaml: 'ziele:\n  - id: Z-T1\n    titel: Test\n    handlungsfeld: HF-ARB\n    ebene: Leitziel\n    oberziel: Z-ARB-9\n',
    bad: 'Z-ARB-9', entity: 'Ziel „Z-T1“', message: 'Ziel „Z-ARB-9“ ist nicht definiert (meinten Sie „Z-ARB-1“?) (oberziel)',
  },
  {
    field: 'ziele.indikatoren',
    yaml: 'ziele:\n  - id: Z-T1\n    titel: Test\n    handlungsfeld: HF-ARB\n    ebene: Leitziel\n    indikatoren: [I-01, I-99]\n',
    bad: 'I-99', entity: 'Ziel „Z-T1“', message: 'Indikator „I-99“ ist nicht definiert (meinten Sie „I-09“?) (indikatoren[1])',
  },
  {
    field: 'massnahmen.handlungsfeld',
    yaml: 'massnahmen:\n  - id: M-T1\n    titel: Test\n    handlungsfeld: HF-NOPE\n    ziele: [Z-ARB-1.1]\n    federfuehrung: A-INTEG\n',
    bad: 'HF-NOPE', entity: 'Maßnahme „M-T1“', message: 'Handlungsfeld „HF-NOPE“ ist nicht definiert (handlungsfeld)',
  },
  {
    field: 'massnahmen.ziele',
    yaml: 'massnahmen:\n  - id: M-T1\n    titel: Test\n    handlungsfeld: HF-ARB\n    ziele: [Z-ARB-1.1, Z-NOPE]\n    federfuehrung: A-INTEG\n',
    bad: 'Z-NOPE', entity: 'Maßnahme „M-T1“', message: 'Ziel „Z-NOPE“ ist nicht definiert (ziele[1])',
  },
  {
    field: 'massnahmen.federfuehrung',
    yaml: 'massnahmen:\n  - id: M-T1\n    titel: Test\n    handlungsfeld: HF-ARB\n    ziele: [Z-ARB-1.1]\n    federfuehrung: A-INTEC\n',
    bad: 'A-INTEC', entity: 'Maßnahme „M-T1“', message: 'Akteur „A-INTEC“ ist nicht definiert (meinten Sie „A-INTEG“?) (federfuehrung)',
  },
  {
    field: 'massnahmen.partner',
    yaml: 'massnahmen:\n  - id: M-T1\n    titel: Test\n    handlungsfeld: HF-ARB\n    ziele: [Z-ARB-1.1]\n    federfuehrung: A-INTEG\n    partner:\n      - A-JC\n      - A-NIEMAND\n',
    bad: 'A-NIEMAND', entity: 'Maßnahme „M-T1“', message: 'Akteur „A-NIEMAND“ ist nicht definiert (partner[1])',
  },
  {
    field: 'massnahmen.sozialraeume',
    yaml: 'massnahmen:\n  - id: M-T1\n    titel: Test\n    handlungsfeld: HF-ARB\n    ziele: [Z-ARB-1.1]\n    federfuehrung: A-INTEG\n    sozialraeume: [SR-MIT, SR-XYZ]\n',
    bad: 'SR-XYZ', entity: 'Maßnahme „M-T1“', message: 'Sozialraum „SR-XYZ“ ist nicht definiert (sozialraeume[1])',
  },
  {
    field: 'indikatoren.messungen.sozialraum',
    yaml:
      'ziele:\n  - id: Z-T1\n    titel: Test\n    handlungsfeld: HF-ARB\n    ebene: Leitziel\n    indikatoren: [I-T1]\n' +
      'indikatoren:\n  - id: I-T1\n    titel: Test\n    einheit: "%"\n    quelle: Test\n    messungen:\n      - { stichtag: 2018-12-31, wert: 1 }\n      - { stichtag: 2018-12-31, wert: 2, sozialraum: SR-MTI }\n',
    bad: 'SR-MTI', entity: 'Indikator „I-T1“', message: 'Sozialraum „SR-MTI“ ist nicht definiert (meinten Sie „SR-MIT“?) (messungen[1].sozialraum)',
  },
  {
    field: 'interviews.sozialraum',
    yaml: 'interviews:\n  - id: INT-T1\n    zielgruppe: Einheimische\n    anzahl: 3\n    sozialraum: SR-NORD\n',
    bad: 'SR-NORD', entity: 'Interview „INT-T1“', message: 'Sozialraum „SR-NORD“ ist nicht definiert (sozialraum)',
  },
  {
    field: 'interviews.handlungsfelder',
    yaml: 'interviews:\n  - id: INT-T1\n    zielgruppe: Einheimische\n    anzahl: 3\n    handlungsfelder: [HF-ARB, HF-BILD]\n',
    bad: 'HF-BILD', entity: 'Interview „INT-T1“', message: 'Handlungsfeld „HF-BILD“ ist nicht definiert (meinten Sie „HF-BIL“?) (handlungsfelder[1])',
  },
];

describe('unresolved reference', () => {
  test.each(REFERENCE_CASES)('in $field', async ({ yaml, bad, entity, message }) => {
    const found = await withTestFile(yaml);
    const { line, column } = locate(yaml, bad);
    expect(found).toEqual([
      { severity: 'error', code: 'unresolved-reference', file: 'konzept/test.yaml', line, column, message, entity },
    ]);
  });

  test('every reference field of spec section 4 has a case', () => {
    expect(REFERENCE_CASES.map((c) => c.field).sort()).toEqual([
      'indikatoren.messungen.sozialraum', 'interviews.handlungsfelder', 'interviews.sozialraum',
      'massnahmen.federfuehrung', 'massnahmen.handlungsfeld', 'massnahmen.partner', 'massnahmen.sozialraeume', 'massnahmen.ziele',
      'ziele.handlungsfeld', 'ziele.indikatoren', 'ziele.oberziel',
    ]);
  });

  test('is given as the spec shows it in the text output', async () => {
    const yaml = REFERENCE_CASES.find((c) => c.field === 'massnahmen.ziele')!.yaml;
    const found = await withTestFile(yaml);
    expect(found.map(brief)).toEqual(['konzept/test.yaml:5:24 unresolved-reference error Maßnahme „M-T1“: Ziel „Z-NOPE“ ist nicht definiert (ziele[1])']);
  });

  test('to an entry that is itself invalid is not reported a second time', async () => {
    // The Handlungsfeld HF-T exists but has a wrong field: one error, not one per reference.
    const found = await withTestFile(
      'handlungsfelder:\n  - id: HF-T\n    titel: Test\n    dimension: quer\n' +
        'ziele:\n  - id: Z-T1\n    titel: Test\n    handlungsfeld: HF-T\n    ebene: Leitziel\n',
    );
    expect(found.map(brief)).toEqual([
      'konzept/test.yaml:4:16 schema error Handlungsfeld „HF-T“: „dimension“ hat den unzulässigen Wert „quer“; erlaubt: „strukturell“, „sozial“, „kulturell“, „identifikatorisch“, „potenzialorientiert“ (dimension)',
    ]);
  });
});

describe('IDs', () => {
  test('a duplicate ID across two files names both places', async () => {
    const f = await example();
    await f.write('konzept/test.yaml', '# noch ein Feld\nhandlungsfelder:\n  - id: HF-ARB\n    titel: Doppelt\n');
    const found = await f.newDiagnostics();
    expect(found).toEqual([
      {
        severity: 'error', code: 'duplicate-id', file: 'konzept/test.yaml', line: 3, column: 9, entity: 'Handlungsfeld „HF-ARB“',
        message: `ID ist doppelt vergeben; zuerst definiert in ${f.dir}/konzept/hf-arbeit.yaml:4:9`,
      },
    ]);
  });

  test('the same ID in two different collections is fine', async () => {
    const found = await withTestFile('meilensteine:\n  - id: HF-ARB\n    titel: Gleiche ID, andere Sammlung\n    datum: 2019-05\n');
    expect(found).toEqual([]);
  });

  test('an invalid ID is an error at the ID', async () => {
    const found = await withTestFile('meilensteine:\n  - id: 1-MS\n    titel: Ziffer vorn\n    datum: 2019-05\n');
    expect(found.map(brief)).toEqual([
      'konzept/test.yaml:2:9 schema error Meilenstein „1-MS“: „id“ ist keine gültige ID (erlaubt: Buchstabe am Anfang, dann Buchstaben, Ziffern, „.“, „_“, „-“) (id)',
    ]);
  });
});

describe('goal tree', () => {
  test('a cycle is reported at every goal in it', async () => {
    const found = await withTestFile(
      'ziele:\n' +
        '  - id: Z-T1\n    titel: Kreis eins\n    handlungsfeld: HF-ARB\n    ebene: Leitziel\n    oberziel: Z-T2\n' +
        '  - id: Z-T2\n    titel: Kreis zwei\n    handlungsfeld: HF-ARB\n    ebene: Leitziel\n    oberziel: Z-T1\n',
    );
    expect(found.map(brief)).toEqual([
      'konzept/test.yaml:6:15 goal-cycle error Ziel „Z-T1“: Die Zielhierarchie enthält einen Kreis: Z-T1 → Z-T2 → Z-T1',
      'konzept/test.yaml:11:15 goal-cycle error Ziel „Z-T2“: Die Zielhierarchie enthält einen Kreis: Z-T1 → Z-T2 → Z-T1',
    ]);
  });

  test('a goal that is its own Oberziel is a cycle', async () => {
    const found = await withTestFile('ziele:\n  - id: Z-T1\n    titel: Selbst\n    handlungsfeld: HF-ARB\n    ebene: Leitziel\n    oberziel: Z-T1\n');
    expect(found.map(brief)).toEqual(['konzept/test.yaml:6:15 goal-cycle error Ziel „Z-T1“: Die Zielhierarchie enthält einen Kreis: Z-T1 → Z-T1']);
  });

  test('a chain leading into a cycle reports the cycle once, not the goal leading in', async () => {
    const found = await withTestFile(
      'ziele:\n' +
        '  - id: Z-T0\n    titel: Zulauf\n    handlungsfeld: HF-ARB\n    ebene: Leitziel\n    oberziel: Z-T1\n' +
        '  - id: Z-T1\n    titel: Kreis eins\n    handlungsfeld: HF-ARB\n    ebene: Leitziel\n    oberziel: Z-T2\n' +
        '  - id: Z-T2\n    titel: Kreis zwei\n    handlungsfeld: HF-ARB\n    ebene: Leitziel\n    oberziel: Z-T1\n',
    );
    expect(found.map((d) => `${d.line} ${d.code} ${d.entity}`)).toEqual(['11 goal-cycle Ziel „Z-T1“', '16 goal-cycle Ziel „Z-T2“']);
  });

  test('an Oberziel of another Handlungsfeld', async () => {
    const found = await withTestFile(
      'ziele:\n  - id: Z-T1\n    titel: Fremd\n    handlungsfeld: HF-ARB\n    ebene: Handlungsziel\n    oberziel: Z-BIL-1\n    indikatoren: [I-05]\n' +
        'massnahmen:\n  - id: M-T1\n    titel: Test\n    handlungsfeld: HF-ARB\n    ziele: [Z-T1]\n    federfuehrung: A-INTEG\n',
    );
    expect(found.map(brief)).toEqual([
      'konzept/test.yaml:6:15 oberziel-other-handlungsfeld error Ziel „Z-T1“: Oberziel „Z-BIL-1“ gehört zum Handlungsfeld „HF-BIL“, dieses Ziel zu „HF-ARB“',
    ]);
  });

  test('an Oberziel that is a Handlungsziel', async () => {
    const found = await withTestFile(
      'ziele:\n  - id: Z-T1\n    titel: Unter\n    handlungsfeld: HF-ARB\n    ebene: Handlungsziel\n    oberziel: Z-ARB-1.1\n    indikatoren: [I-05]\n' +
        'massnahmen:\n  - id: M-T1\n    titel: Test\n    handlungsfeld: HF-ARB\n    ziele: [Z-T1]\n    federfuehrung: A-INTEG\n',
    );
    expect(found.map(brief)).toEqual([
      'konzept/test.yaml:6:15 oberziel-not-leitziel error Ziel „Z-T1“: Oberziel „Z-ARB-1.1“ ist kein Leitziel, sondern ein Handlungsziel',
    ]);
  });

  test('a measure pursuing a goal of another Handlungsfeld is a warning', async () => {
    const found = await withTestFile('massnahmen:\n  - id: M-T1\n    titel: Test\n    handlungsfeld: HF-ARB\n    ziele: [Z-ARB-1.1, Z-BIL-1.1]\n    federfuehrung: A-INTEG\n');
    expect(found.map(brief)).toEqual([
      'konzept/test.yaml:5:24 measure-goal-other-handlungsfeld warning Maßnahme „M-T1“: Ziel „Z-BIL-1.1“ gehört zum Handlungsfeld „HF-BIL“, die Maßnahme zu „HF-ARB“',
    ]);
  });
});
