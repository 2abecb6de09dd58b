/**
 * The content model as zod schemas, one per file kind. Field names are German because the
 * authors write them; every domain type of ratsdoc is inferred from these (`z.infer`).
 * The `.describe()` texts are German: they become the JSON Schema descriptions editors show.
 */
import { z } from 'zod';

const ID_PATTERN = /^[A-Za-z][A-Za-z0-9._-]*$/;

/** An ID: letter first, then letters, digits, `.`, `_`, `-`. */
export const Id = z
  .string()
  .regex(ID_PATTERN, { error: 'ist keine gültige ID (erlaubt: Buchstabe am Anfang, dann Buchstaben, Ziffern, „.“, „_“, „-“)' });

/** True when the day exists in the calendar (no 31 April, 29 February only in leap years). */
export function isRealDate(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** An ISO date `2019-02-21` that exists in the calendar. */
export const IsoDate = z
  .string({ error: 'muss ein Datum in der Form JJJJ-MM-TT sein' })
  .refine((s) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    return !!m && isRealDate(+m[1], +m[2], +m[3]);
  }, { error: (iss) => `„${String(iss.input)}“ ist kein gültiges Datum (erwartet JJJJ-MM-TT, z. B. 2019-02-21)` })
  .describe('Datum im ISO-Format JJJJ-MM-TT, z. B. 2019-02-21');

/** An ISO date or a month `2019-03`, where a period is meant. */
export const IsoDateOrMonth = z
  .string({ error: 'muss ein Datum (JJJJ-MM-TT) oder ein Monat (JJJJ-MM) sein' })
  .refine((s) => {
    const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    if (d) return isRealDate(+d[1], +d[2], +d[3]);
    const m = /^(\d{4})-(\d{2})$/.exec(s);
    return !!m && +m[2] >= 1 && +m[2] <= 12;
  }, { error: (iss) => `„${String(iss.input)}“ ist weder ein gültiges Datum (JJJJ-MM-TT) noch ein Monat (JJJJ-MM)` })
  .describe('Datum (JJJJ-MM-TT) oder Monat (JJJJ-MM)');

const Text = z.string().min(1, { error: 'darf nicht leer sein' });

/**
 * What a field means beyond its type, declared once here: a reference to an entity of a
 * collection, or a text in which Markdown is allowed. Rules, diff, helpers and the JSON
 * Schemas read these (see `model/fields.ts`); the registry is not the JSON Schema's, so the
 * facts do not appear in the generated schemas.
 */
export type FieldFact = { reference: CollectionName } | { markdown: true };

/** The collections, in the order the spec lists them; each is a YAML top-level key. */
export const COLLECTION_NAMES = ['handlungsfelder', 'ziele', 'indikatoren', 'massnahmen', 'akteure', 'sozialraeume', 'interviews', 'meilensteine'] as const;
export type CollectionName = (typeof COLLECTION_NAMES)[number];
export const FIELD_FACTS = z.registry<FieldFact>();

/** An ID that names an entity of collection `to` (checked by the `references` rule). */
export function reference(to: CollectionName): typeof Id {
  return Id.clone().register(FIELD_FACTS, { reference: to });
}

/** A text field in which Markdown is allowed; its description says so. */
export function markdown(description: string): z.ZodString {
  return z.string().describe(`${description}; Markdown ist erlaubt`).register(FIELD_FACTS, { markdown: true });
}

/** The name of a report: its file name in berichte/ without `.md`, e.g. `2020-1`. */
export const BerichtName = z
  .string({ error: 'muss der Name einer Datei in berichte/ ohne .md sein, in Anführungszeichen, z. B. "2020-1"' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { error: 'ist kein gültiger Berichtsname (erlaubt: Buchstaben, Ziffern, „.“, „_“, „-“; der Dateiname in berichte/ ohne .md)' });

// ---------------------------------------------------------------- ratsdoc.yaml

export const RatsdocConfigSchema = z
  .strictObject({
    kommune: z.strictObject({
      name: Text.describe('Name der Kommune, z. B. „Stadt Bergkamen“'),
      wappen: z.string().optional().describe('Bilddatei des Wappens/Logos im Inhaltsordner, z. B. anlagen/wappen.png'),
    }).describe('Angaben zur Kommune'),
    verwaltung: z
      .strictObject({
        buergermeister: z.string().optional().describe('Name des Bürgermeisters/der Bürgermeisterin (Vorgabe für Unterschriften)'),
      })
      .optional()
      .describe('Angaben zur Verwaltung'),
    ausgabe: z
      .strictObject({
        formate: z.array(z.enum(['pdf', 'html'])).optional().describe('Ausgabeformate: pdf, html'),
        sprache: z.enum(['de']).optional().describe('Sprache der Ausgabe (bisher nur de)'),
      })
      .optional()
      .describe('Vorgaben für die Ausgabe'),
    bericht: z
      .strictObject({
        toleranz: z
          .number({ error: 'muss eine Zahl sein (Prozent der geplanten Veränderung, z. B. 10)' })
          .min(0, { error: 'darf nicht negativ sein' })
          .max(100, { error: 'darf höchstens 100 sein (Prozent der geplanten Veränderung)' })
          .optional()
          .describe('Toleranz der Bewertung „auf Kurs“ in Prozent der geplanten Veränderung vom Ausgangs- zum Zielwert (Vorgabe: 10)'),
      })
      .optional()
      .describe('Vorgaben für Sachstandsberichte (berichte/*.md)'),
  })
  .describe('ratsdoc.yaml: die Kommune und Vorgaben');
export type RatsdocConfig = z.infer<typeof RatsdocConfigSchema>;

// ---------------------------------------------------------------- konzept.yaml

export const GENERATED_PARTS = ['sozialraeume', 'interviews', 'handlungsfelder', 'zeitplan'] as const;
export const APPENDIX_PARTS = ['indikatoren', 'akteure'] as const;

export const GliederungEntrySchema = z.union([
  z.enum(GENERATED_PARTS).describe('Generierter Teil: sozialraeume, interviews, handlungsfelder oder zeitplan'),
  z.strictObject({ kapitel: Id.describe('Name der Kapiteldatei ohne .md in konzept/kapitel/') }),
  z.strictObject({ anhang: z.array(z.enum(APPENDIX_PARTS)).min(1).describe('Generierte Anhänge: indikatoren, akteure') }),
]);
export type GliederungEntry = z.infer<typeof GliederungEntrySchema>;

export const KonzeptSchema = z.strictObject({
  titel: Text.describe('Titel des Konzepts'),
  untertitel: z.string().optional().describe('Untertitel auf dem Titelblatt'),
  auftraggeber: z.string().optional().describe('Auftraggeber, z. B. die Kommune'),
  auftragnehmer: z.string().optional().describe('Auftragnehmer, z. B. das beauftragte Institut'),
  zeitraum: z.strictObject({ von: IsoDateOrMonth.describe('Beginn: Datum (JJJJ-MM-TT) oder Monat (JJJJ-MM)'), bis: IsoDateOrMonth.describe('Ende: Datum (JJJJ-MM-TT) oder Monat (JJJJ-MM)') }).optional().describe('Projektzeitraum'),
  foerderung: z.string().optional().describe('Förderprogramm, aus dem das Konzept finanziert wird'),
  stand: IsoDate.describe('Stand des Dokuments, Datum JJJJ-MM-TT, z. B. 2019-10-31'),
  version: z.string().optional().describe('Version, in Anführungszeichen, z. B. "1.0"'),
  status: z.enum(['Entwurf', 'Abstimmung', 'Final']).optional().describe('Bearbeitungsstand: Entwurf, Abstimmung oder Final (nicht Final: Entwurfsvermerk im Dokument)'),
  gliederung: z.array(GliederungEntrySchema).min(1).describe('Reihenfolge der Teile des Konzepts: Kapitel ({kapitel: name}), generierte Teile und Anhänge ({anhang: [...]})'),
});
export type Konzept = z.infer<typeof KonzeptSchema>;

export const KonzeptFileSchema = z.strictObject({ konzept: KonzeptSchema.describe('Titelangaben und Gliederung des Integrationskonzepts') }).describe('konzept.yaml: Titelangaben und Gliederung des Integrationskonzepts');

// ---------------------------------------------------------------- collections

export const HandlungsfeldSchema = z.strictObject({
  id: Id.describe('Eindeutige ID des Handlungsfelds, z. B. HF-BIL'),
  titel: Text.describe('Titel des Handlungsfelds'),
  beschreibung: markdown('Beschreibung des Handlungsfelds').optional(),
  dimension: z.enum(['strukturell', 'sozial', 'kulturell', 'identifikatorisch', 'potenzialorientiert']).optional().describe('Dimension der Integration'),
});
export type Handlungsfeld = z.infer<typeof HandlungsfeldSchema>;

export const ZielSchema = z.strictObject({
  id: Id.describe('Eindeutige ID des Ziels, z. B. Z-BIL-1.1'),
  titel: Text.describe('Das Ziel als ganzer Satz'),
  handlungsfeld: reference('handlungsfelder').describe('ID des Handlungsfelds'),
  ebene: z.enum(['Leitziel', 'Handlungsziel']).describe('Zielebene: Leitziel oder Handlungsziel'),
  oberziel: reference('ziele').optional().describe('ID des Leitziels (nur bei Handlungszielen)'),
  beschreibung: markdown('Erläuterung des Ziels').optional(),
  frist: IsoDateOrMonth.optional().describe('Bis wann das Ziel erreicht sein soll: Datum (JJJJ-MM-TT) oder Monat (JJJJ-MM)'),
  indikatoren: z.array(reference('indikatoren')).optional().describe('IDs der Indikatoren, die das Ziel messen'),
  bewertung: z
    .strictObject({
      stand: IsoDate.describe('Datum der Bewertung, JJJJ-MM-TT'),
      erreicht: z.enum(['ja', 'teilweise', 'nein']).describe('Ist das Ziel erreicht? ja, teilweise oder nein'),
      text: markdown('Begründung der Bewertung').optional(),
    })
    .optional()
    .describe('Bewertung der Zielerreichung'),
});
export type Ziel = z.infer<typeof ZielSchema>;

const Wert = z.number({ error: 'muss eine Zahl sein (Dezimalpunkt, z. B. 21.7)' });
const Messpunkt = z.strictObject({ wert: Wert.describe('Wert in der Einheit des Indikators (Dezimalpunkt, z. B. 21.7)'), stichtag: IsoDate.describe('Stichtag des Werts, JJJJ-MM-TT') });

export const IndikatorSchema = z.strictObject({
  id: Id.describe('Eindeutige ID des Indikators, z. B. I-01'),
  titel: Text.describe('Was der Indikator misst'),
  einheit: Text.describe('Einheit, z. B. "%", "Personen"'),
  quelle: Text.describe('Datenquelle, z. B. IT.NRW'),
  definition: markdown('Genaue Definition (Zähler, Nenner, Abgrenzung)').optional(),
  turnus: z.string().optional().describe('Erhebungsturnus, z. B. jährlich'),
  richtung: z.enum(['steigend', 'fallend']).optional().describe('Gewünschte Entwicklung: steigend oder fallend'),
  basis: Messpunkt.optional().describe('Ausgangswert: {wert, stichtag}'),
  zielwert: Messpunkt.optional().describe('Zielwert: {wert, stichtag}'),
  messungen: z.array(z.strictObject({ stichtag: IsoDate.describe('Stichtag der Messung, JJJJ-MM-TT'), wert: Wert.describe('Gemessener Wert (Dezimalpunkt, z. B. 21.7)'), sozialraum: reference('sozialraeume').optional().describe('ID des Sozialraums, wenn der Wert nur für ihn gilt') })).optional().describe('Zeitreihe der Messwerte'),
  hinweis: z.string().optional().describe('Hinweis zum Indikator, z. B. ein Bruch in der Zeitreihe'),
});
export type Indikator = z.infer<typeof IndikatorSchema>;

export const KostenSchema = z.strictObject({
  betrag: z.number({ error: 'muss ein Betrag in Euro sein (Zahl, z. B. 18500.50)' }).nonnegative({ error: 'darf nicht negativ sein' }).describe('Betrag in Euro (Zahl mit Dezimalpunkt, z. B. 18500.50)'),
  finanzierung: z.string().optional().describe('Finanzierungsquelle'),
  jahr: z.number().int().min(1900).max(2200).optional().describe('Haushaltsjahr, z. B. 2020'),
  ist: z.number({ error: 'muss ein Betrag in Euro sein (Zahl, z. B. 17250.00)' }).nonnegative({ error: 'darf nicht negativ sein' }).optional().describe('Tatsächlich ausgegebener Betrag in Euro (Ist), z. B. für den Verwendungsnachweis'),
});
export type Kosten = z.infer<typeof KostenSchema>;

export const MASSNAHME_STATUS = ['geplant', 'laufend', 'abgeschlossen', 'zurueckgestellt'] as const;
export type MassnahmeStatus = (typeof MASSNAHME_STATUS)[number];

export const MassnahmeSchema = z.strictObject({
  id: Id.describe('Eindeutige ID der Maßnahme, z. B. M-07'),
  titel: Text.describe('Titel der Maßnahme'),
  handlungsfeld: reference('handlungsfelder').describe('ID des Handlungsfelds'),
  ziele: z.array(reference('ziele')).min(1, { error: 'braucht mindestens ein Ziel' }).describe('IDs der Handlungsziele'),
  federfuehrung: reference('akteure').describe('ID des federführenden Akteurs'),
  beschreibung: markdown('Beschreibung der Maßnahme').optional(),
  zielgruppe: z.string().optional().describe('Zielgruppe der Maßnahme'),
  partner: z.array(reference('akteure')).optional().describe('IDs der Partner (Akteure)'),
  sozialraeume: z.array(reference('sozialraeume')).optional().describe('IDs der Sozialräume, in denen die Maßnahme stattfindet'),
  beginn: IsoDateOrMonth.optional().describe('Beginn: Datum (JJJJ-MM-TT) oder Monat (JJJJ-MM)'),
  ende: IsoDateOrMonth.optional().describe('Ende: Datum (JJJJ-MM-TT) oder Monat (JJJJ-MM)'),
  status: z.enum(MASSNAHME_STATUS).optional().describe('Umsetzungsstand heute: geplant, laufend, abgeschlossen oder zurueckgestellt'),
  verlauf: z
    .array(z.strictObject({
      datum: IsoDate.describe('Seit wann der Stand gilt, JJJJ-MM-TT'),
      status: z.enum(MASSNAHME_STATUS).describe('Umsetzungsstand ab diesem Datum: geplant, laufend, abgeschlossen oder zurueckgestellt'),
    }))
    .min(1, { error: 'braucht mindestens einen Eintrag oder entfällt' })
    .optional()
    .describe('Verlauf des Umsetzungsstands, damit Sachstandsberichte den Stand zu ihrem Stichtag zeigen: Liste von {datum, status}'),
  kosten: z.union([KostenSchema, z.array(KostenSchema).min(1)]).optional().describe('Ein Kostenposten oder eine Liste davon'),
  prioritaet: z.enum(['hoch', 'mittel', 'niedrig']).optional().describe('Priorität: hoch, mittel oder niedrig'),
});
export type Massnahme = z.infer<typeof MassnahmeSchema>;

export const AkteurSchema = z.strictObject({
  id: Id.describe('Eindeutige ID des Akteurs, z. B. A-INTEG'),
  name: Text.describe('Name der Einrichtung oder Stelle'),
  art: z.enum(['Verwaltung', 'Wohlfahrtsverband', 'Migrantenorganisation', 'Bildungstraeger', 'Ehrenamt', 'Wirtschaft', 'Politik', 'Sonstige']).describe('Art des Akteurs'),
  rolle: z.string().optional().describe('Rolle in der Integrationsarbeit'),
  kontakt: z.string().optional().describe('Kontakt, z. B. eine E-Mail-Adresse'),
});
export type Akteur = z.infer<typeof AkteurSchema>;

export const KennzahlSchema = z.strictObject({
  wert: Wert.describe('Wert der Kennzahl (Dezimalpunkt, z. B. 17.9)'),
  einheit: z.string().optional().describe('Einheit, z. B. "%", "Personen"'),
  stichtag: IsoDate.optional().describe('Stichtag, JJJJ-MM-TT'),
  quelle: z.string().optional().describe('Datenquelle, z. B. Melderegister'),
});
export type Kennzahl = z.infer<typeof KennzahlSchema>;

export const SozialraumSchema = z.strictObject({
  id: Id.describe('Eindeutige ID des Sozialraums, z. B. SR-MIT'),
  name: Text.describe('Name des Sozialraums, z. B. Bergkamen-Mitte'),
  beschreibung: markdown('Beschreibung des Sozialraums').optional(),
  kennzahlen: z.record(z.string(), KennzahlSchema).optional().describe('Kennzahlen: Name → {wert, einheit, stichtag, quelle}'),
});
export type Sozialraum = z.infer<typeof SozialraumSchema>;

export const InterviewSchema = z.strictObject({
  id: Id.describe('Eindeutige ID der Interviewreihe, z. B. INT-ALT-OBA'),
  zielgruppe: z.enum(['Altzugewanderte', 'Neuzugewanderte', 'Einheimische', 'Fachkraefte']).describe('Befragte Gruppe'),
  anzahl: z.number().int({ error: 'muss eine ganze Zahl sein' }).positive({ error: 'muss größer als 0 sein' }).describe('Anzahl der Interviews (ganze Zahl)'),
  sozialraum: reference('sozialraeume').optional().describe('ID des Sozialraums'),
  zeitraum: z.strictObject({ von: IsoDateOrMonth.describe('Beginn: Datum (JJJJ-MM-TT) oder Monat (JJJJ-MM)'), bis: IsoDateOrMonth.describe('Ende: Datum (JJJJ-MM-TT) oder Monat (JJJJ-MM)') }).optional().describe('Zeitraum der Interviews'),
  methode: z.string().optional().describe('Methode, z. B. Leitfadeninterviews'),
  befunde: z.array(markdown('Text')).optional().describe('Befunde, je einer als Listeneintrag; Markdown ist erlaubt'),
  handlungsfelder: z.array(reference('handlungsfelder')).optional().describe('IDs der Handlungsfelder, die die Befunde betreffen'),
});
export type Interview = z.infer<typeof InterviewSchema>;

export const MeilensteinSchema = z.strictObject({
  id: Id.describe('Eindeutige ID des Meilensteins, z. B. MS-01'),
  titel: Text.describe('Titel des Meilensteins'),
  datum: IsoDateOrMonth.describe('Termin: Datum (JJJJ-MM-TT) oder Monat (JJJJ-MM)'),
  status: z.enum(['offen', 'erreicht']).optional().describe('Stand: offen oder erreicht'),
  beschreibung: markdown('Beschreibung des Meilensteins').optional(),
});
export type Meilenstein = z.infer<typeof MeilensteinSchema>;

/** The schema of each collection's entries. */
export const COLLECTION_SCHEMAS = {
  handlungsfelder: HandlungsfeldSchema,
  ziele: ZielSchema,
  indikatoren: IndikatorSchema,
  massnahmen: MassnahmeSchema,
  akteure: AkteurSchema,
  sozialraeume: SozialraumSchema,
  interviews: InterviewSchema,
  meilensteine: MeilensteinSchema,
} as const satisfies Record<CollectionName, z.ZodType>;

/** German singular for an entity of each collection, used in messages (`Maßnahme "M-07"`). */
export const ENTITY_LABEL: Record<CollectionName, string> = {
  handlungsfelder: 'Handlungsfeld',
  ziele: 'Ziel',
  indikatoren: 'Indikator',
  massnahmen: 'Maßnahme',
  akteure: 'Akteur',
  sozialraeume: 'Sozialraum',
  interviews: 'Interview',
  meilensteine: 'Meilenstein',
};

/** A collection file under konzept/: any of the collections as top-level keys. */
export const CollectionFileSchema = z
  .strictObject({
    handlungsfelder: z.array(HandlungsfeldSchema).optional().describe('Liste: Handlungsfelder'),
    ziele: z.array(ZielSchema).optional().describe('Liste: Leit- und Handlungsziele'),
    indikatoren: z.array(IndikatorSchema).optional().describe('Liste: Indikatoren'),
    massnahmen: z.array(MassnahmeSchema).optional().describe('Liste: Maßnahmen'),
    akteure: z.array(AkteurSchema).optional().describe('Liste: Akteure der Integrationsarbeit'),
    sozialraeume: z.array(SozialraumSchema).optional().describe('Liste: Sozialräume'),
    interviews: z.array(InterviewSchema).optional().describe('Liste: Interviewreihen'),
    meilensteine: z.array(MeilensteinSchema).optional().describe('Liste: Meilensteine des Projekts'),
  })
  .describe('Sammlungsdatei unter konzept/ (z. B. massnahmen.yaml): Listen von Handlungsfeldern, Zielen, Indikatoren, Maßnahmen, Akteuren, Sozialräumen, Interviews, Meilensteinen');
export type CollectionFile = z.infer<typeof CollectionFileSchema>;

// ---------------------------------------------------------------- Markdown front matter

export const KapitelFrontMatterSchema = z.strictObject({
  titel: Text.describe('Kapitelüberschrift'),
  kurztitel: z.string().optional().describe('Kurzer Titel für die Kopfzeile'),
}).describe('Kopfteil eines Kapitels (konzept/kapitel/*.md)');
export type KapitelFrontMatter = z.infer<typeof KapitelFrontMatterSchema>;

export const VORLAGE_ARTEN = ['Beschlussvorlage', 'Mitteilungsvorlage', 'Informationsvorlage', 'Ergänzungsvorlage'] as const;

export const VorlageFrontMatterSchema = z
  .strictObject({
    nummer: z.string({ error: 'muss Text sein; bitte in Anführungszeichen setzen, z. B. "11/1481"' }).min(1).describe('Vorlagen-Nummer, eindeutig, z. B. 11/1481'),
    art: z.enum(VORLAGE_ARTEN).describe('Art der Vorlage'),
    bezug: z.string().optional().describe('Nummer der Vorlage, die ergänzt wird (Pflicht bei Ergänzungsvorlagen)'),
    betreff: Text.describe('Betreff der Vorlage'),
    aktenzeichen: z.string().optional().describe('Aktenzeichen, z. B. 51si-'),
    datum: IsoDate.optional().describe('Datum der Vorlage, JJJJ-MM-TT'),
    federfuehrung: z.string().optional().describe('Federführendes Amt'),
    oeffentlich: z.boolean().optional().describe('Öffentlich (Vorgabe: true)'),
    formular: z.union([z.string().min(1), z.number().int()]).optional().describe('Formularstand, mit dem die Vorlage gedruckt wird, z. B. 2023 (steht unter „versionen“ in templates/vorlage.yaml)'),
    beratungsfolge: z
      .array(
        z.strictObject({
          gremium: Text.describe('Gremium, z. B. Integrationsrat, Rat der Stadt'),
          sitzung: IsoDate.optional().describe('Sitzungsdatum, JJJJ-MM-TT'),
          top: z.string({ error: 'muss Text sein; bitte in Anführungszeichen setzen, z. B. "4.1"' }).optional().describe('Tagesordnungspunkt'),
          zustaendigkeit: z.enum(['Vorberatung', 'Entscheidung', 'Kenntnisnahme', 'Anhörung']).describe('Zuständigkeit des Gremiums'),
          oeffentlich: z.boolean().optional().describe('Öffentliche Sitzung (true oder false)'),
        }),
      )
      .optional()
      .describe('Beratungsfolge; das erste Gremium ist federführend'),
    beschlussvorschlag: markdown('Beschlussvorschlag'),
    finanzen: z.strictObject({ auswirkungen: z.boolean().describe('Hat die Vorlage finanzielle Auswirkungen? true oder false'), text: markdown('Erläuterung der finanziellen Auswirkungen').optional() }).optional().describe('Finanzielle Auswirkungen'),
    klimarelevanz: z
      .strictObject({
        auswirkung: z.enum(['keine', 'positiv', 'negativ']).describe('Auswirkung auf das Klima: keine, positiv oder negativ'),
        umfang: z.enum(['geringfuegig', 'erheblich']).optional().describe('Umfang der Auswirkung: geringfuegig oder erheblich'),
        text: markdown('Erläuterung').optional(),
      })
      .optional()
      .describe('Klimarelevanz'),
    abschnitte: z.array(z.strictObject({ titel: Text.describe('Überschrift des Abschnitts'), text: markdown('Inhalt des Abschnitts') })).optional().describe('Weitere Abschnitte'),
    anlagen: z
      .array(
        z.strictObject({
          titel: Text.optional().describe('Titel der Anlage (bei einem Sachstandsbericht: Vorgabe ist sein Titel)'),
          konzept: z.boolean().optional().describe('Das erzeugte Konzept ist Anlage'),
          bericht: BerichtName.optional().describe('Ein Sachstandsbericht ist Anlage: Name der Datei in berichte/ ohne .md, z. B. 2020-1'),
          datei: z.string().optional().describe('Datei im Inhaltsordner, z. B. anlagen/bescheid.pdf'),
          anhaengen: z.boolean().optional().describe('Die PDF-Datei als weitere Seiten an das PDF der Vorlage anhängen (true) oder nur beilegen (false); Vorgabe: „anlagen“ in templates/vorlage.yaml'),
        }),
      )
      .optional()
      .describe('Anlagen der Vorlage'),
    unterschriften: z
      .array(
        z.strictObject({
          funktion: Text.describe('Funktion, z. B. Der Bürgermeister'),
          vertretung: z.string().optional().describe('Vertretungszusatz, z. B. „In Vertretung“'),
          name: Text.describe('Name der unterschreibenden Person'),
          amtsbezeichnung: z.string().optional().describe('Amtsbezeichnung, z. B. Beigeordnete'),
        }),
      )
      .optional()
      .describe('Unterschriften, in der Reihenfolge des Drucks'),
  })
  .describe('Kopfteil einer Vorlage (vorlagen/*.md)');
export type VorlageFrontMatter = z.infer<typeof VorlageFrontMatterSchema>;

export const BerichtFrontMatterSchema = z
  .strictObject({
    titel: Text.describe('Titel des Berichts, z. B. Sachstandsbericht 2020'),
    untertitel: z.string().optional().describe('Untertitel auf dem Titelblatt'),
    stichtag: IsoDate.describe('Stichtag des Berichts, JJJJ-MM-TT: Stand der Maßnahmen und letzte Messwerte bis zu diesem Tag'),
    berichtszeitraum: z
      .strictObject({ von: IsoDate.describe('Beginn, JJJJ-MM-TT'), bis: IsoDate.describe('Ende, JJJJ-MM-TT') })
      .describe('Berichtszeitraum {von, bis}'),
    handlungsfelder: z.array(Id).min(1, { error: 'braucht mindestens ein Handlungsfeld oder entfällt (dann alle)' }).optional().describe('IDs der Handlungsfelder, über die berichtet wird (Vorgabe: alle)'),
    vorheriger: BerichtName.optional().describe('Der vorherige Bericht zum Vergleich: Name der Datei in berichte/ ohne .md, z. B. 2019-1'),
    status: z.enum(['Entwurf', 'Abstimmung', 'Final']).optional().describe('Bearbeitungsstand: Entwurf, Abstimmung oder Final (nicht Final: Entwurfsvermerk im Dokument)'),
  })
  .describe('Kopfteil eines Sachstandsberichts (berichte/*.md)');
export type BerichtFrontMatter = z.infer<typeof BerichtFrontMatterSchema>;
