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

function isRealDate(y: number, m: number, d: number): boolean {
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
/** A text field in which Markdown is allowed. */
const Markdown = z.string().describe('Text; Markdown ist erlaubt');

// ---------------------------------------------------------------- ratsdoc.yaml

export const RatsdocConfigSchema = z
  .strictObject({
    kommune: z.strictObject({
      name: Text.describe('Name der Kommune, z. B. „Stadt Bergkamen“'),
      wappen: z.string().optional().describe('Bilddatei des Wappens/Logos im Inhaltsordner, z. B. anlagen/wappen.png'),
    }),
    verwaltung: z
      .strictObject({
        buergermeister: z.string().optional().describe('Name des Bürgermeisters/der Bürgermeisterin (Vorgabe für Unterschriften)'),
      })
      .optional(),
    ausgabe: z
      .strictObject({
        formate: z.array(z.enum(['pdf', 'html'])).optional().describe('Ausgabeformate'),
        sprache: z.enum(['de']).optional().describe('Sprache der Ausgabe'),
      })
      .optional(),
  })
  .describe('ratsdoc.yaml: die Kommune und Vorgaben');
export type RatsdocConfig = z.infer<typeof RatsdocConfigSchema>;

// ---------------------------------------------------------------- konzept.yaml

export const GENERATED_PARTS = ['sozialraeume', 'interviews', 'handlungsfelder', 'zeitplan'] as const;
export const APPENDIX_PARTS = ['indikatoren', 'akteure'] as const;

export const GliederungEntrySchema = z.union([
  z.enum(GENERATED_PARTS).describe('Generierter Teil'),
  z.strictObject({ kapitel: Id.describe('Name der Kapiteldatei ohne .md in konzept/kapitel/') }),
  z.strictObject({ anhang: z.array(z.enum(APPENDIX_PARTS)).min(1).describe('Generierte Anhänge') }),
]);
export type GliederungEntry = z.infer<typeof GliederungEntrySchema>;

export const KonzeptSchema = z.strictObject({
  titel: Text.describe('Titel des Konzepts'),
  untertitel: z.string().optional(),
  auftraggeber: z.string().optional(),
  auftragnehmer: z.string().optional(),
  zeitraum: z.strictObject({ von: IsoDateOrMonth, bis: IsoDateOrMonth }).optional().describe('Projektzeitraum'),
  foerderung: z.string().optional().describe('Förderprogramm'),
  stand: IsoDate.describe('Stand des Dokuments'),
  version: z.string().optional().describe('Version, in Anführungszeichen, z. B. "1.0"'),
  status: z.enum(['Entwurf', 'Abstimmung', 'Final']).optional(),
  gliederung: z.array(GliederungEntrySchema).min(1).describe('Reihenfolge der Teile des Konzepts'),
});
export type Konzept = z.infer<typeof KonzeptSchema>;

export const KonzeptFileSchema = z.strictObject({ konzept: KonzeptSchema }).describe('konzept.yaml');

// ---------------------------------------------------------------- collections

export const HandlungsfeldSchema = z.strictObject({
  id: Id,
  titel: Text,
  beschreibung: Markdown.optional(),
  dimension: z.enum(['strukturell', 'sozial', 'kulturell', 'identifikatorisch', 'potenzialorientiert']).optional().describe('Dimension der Integration'),
});
export type Handlungsfeld = z.infer<typeof HandlungsfeldSchema>;

export const ZielSchema = z.strictObject({
  id: Id,
  titel: Text,
  handlungsfeld: Id.describe('ID des Handlungsfelds'),
  ebene: z.enum(['Leitziel', 'Handlungsziel']),
  oberziel: Id.optional().describe('ID des Leitziels (nur bei Handlungszielen)'),
  beschreibung: Markdown.optional(),
  frist: IsoDateOrMonth.optional(),
  indikatoren: z.array(Id).optional().describe('IDs der Indikatoren, die das Ziel messen'),
  bewertung: z
    .strictObject({
      stand: IsoDate,
      erreicht: z.enum(['ja', 'teilweise', 'nein']),
      text: Markdown.optional(),
    })
    .optional(),
});
export type Ziel = z.infer<typeof ZielSchema>;

const Wert = z.number({ error: 'muss eine Zahl sein (Dezimalpunkt, z. B. 21.7)' });
const Messpunkt = z.strictObject({ wert: Wert, stichtag: IsoDate });

export const IndikatorSchema = z.strictObject({
  id: Id,
  titel: Text,
  einheit: Text.describe('Einheit, z. B. "%", "Personen"'),
  quelle: Text.describe('Datenquelle, z. B. IT.NRW'),
  definition: Markdown.optional(),
  turnus: z.string().optional().describe('Erhebungsturnus, z. B. jährlich'),
  richtung: z.enum(['steigend', 'fallend']).optional().describe('Gewünschte Entwicklung'),
  basis: Messpunkt.optional().describe('Ausgangswert'),
  zielwert: Messpunkt.optional(),
  messungen: z.array(z.strictObject({ stichtag: IsoDate, wert: Wert, sozialraum: Id.optional() })).optional(),
  hinweis: z.string().optional().describe('z. B. ein Bruch in der Zeitreihe'),
});
export type Indikator = z.infer<typeof IndikatorSchema>;

export const KostenSchema = z.strictObject({
  betrag: z.number({ error: 'muss ein Betrag in Euro sein (Zahl, z. B. 18500.50)' }).nonnegative({ error: 'darf nicht negativ sein' }),
  finanzierung: z.string().optional().describe('Finanzierungsquelle'),
  jahr: z.number().int().min(1900).max(2200).optional(),
});
export type Kosten = z.infer<typeof KostenSchema>;

export const MassnahmeSchema = z.strictObject({
  id: Id,
  titel: Text,
  handlungsfeld: Id,
  ziele: z.array(Id).min(1, { error: 'braucht mindestens ein Ziel' }).describe('IDs der Handlungsziele'),
  federfuehrung: Id.describe('ID des federführenden Akteurs'),
  beschreibung: Markdown.optional(),
  zielgruppe: z.string().optional(),
  partner: z.array(Id).optional().describe('IDs der Partner (Akteure)'),
  sozialraeume: z.array(Id).optional(),
  beginn: IsoDateOrMonth.optional(),
  ende: IsoDateOrMonth.optional(),
  status: z.enum(['geplant', 'laufend', 'abgeschlossen', 'zurueckgestellt']).optional(),
  kosten: z.union([KostenSchema, z.array(KostenSchema).min(1)]).optional().describe('Ein Kostenposten oder eine Liste davon'),
  prioritaet: z.enum(['hoch', 'mittel', 'niedrig']).optional(),
});
export type Massnahme = z.infer<typeof MassnahmeSchema>;

export const AkteurSchema = z.strictObject({
  id: Id,
  name: Text,
  art: z.enum(['Verwaltung', 'Wohlfahrtsverband', 'Migrantenorganisation', 'Bildungstraeger', 'Ehrenamt', 'Wirtschaft', 'Politik', 'Sonstige']),
  rolle: z.string().optional(),
  kontakt: z.string().optional(),
});
export type Akteur = z.infer<typeof AkteurSchema>;

export const KennzahlSchema = z.strictObject({
  wert: Wert,
  einheit: z.string().optional(),
  stichtag: IsoDate.optional(),
  quelle: z.string().optional(),
});
export type Kennzahl = z.infer<typeof KennzahlSchema>;

export const SozialraumSchema = z.strictObject({
  id: Id,
  name: Text,
  beschreibung: Markdown.optional(),
  kennzahlen: z.record(z.string(), KennzahlSchema).optional().describe('Kennzahlen: Name → {wert, einheit, stichtag, quelle}'),
});
export type Sozialraum = z.infer<typeof SozialraumSchema>;

export const InterviewSchema = z.strictObject({
  id: Id,
  zielgruppe: z.enum(['Altzugewanderte', 'Neuzugewanderte', 'Einheimische', 'Fachkraefte']),
  anzahl: z.number().int({ error: 'muss eine ganze Zahl sein' }).positive({ error: 'muss größer als 0 sein' }),
  sozialraum: Id.optional(),
  zeitraum: z.strictObject({ von: IsoDateOrMonth, bis: IsoDateOrMonth }).optional(),
  methode: z.string().optional(),
  befunde: z.array(Markdown).optional(),
  handlungsfelder: z.array(Id).optional(),
});
export type Interview = z.infer<typeof InterviewSchema>;

export const MeilensteinSchema = z.strictObject({
  id: Id,
  titel: Text,
  datum: IsoDateOrMonth,
  status: z.enum(['offen', 'erreicht']).optional(),
  beschreibung: Markdown.optional(),
});
export type Meilenstein = z.infer<typeof MeilensteinSchema>;

/** The collections, in the order the spec lists them; the key is the YAML top-level key. */
export const COLLECTION_SCHEMAS = {
  handlungsfelder: HandlungsfeldSchema,
  ziele: ZielSchema,
  indikatoren: IndikatorSchema,
  massnahmen: MassnahmeSchema,
  akteure: AkteurSchema,
  sozialraeume: SozialraumSchema,
  interviews: InterviewSchema,
  meilensteine: MeilensteinSchema,
} as const;
export type CollectionName = keyof typeof COLLECTION_SCHEMAS;
export const COLLECTION_NAMES = Object.keys(COLLECTION_SCHEMAS) as CollectionName[];

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
    handlungsfelder: z.array(HandlungsfeldSchema).optional(),
    ziele: z.array(ZielSchema).optional(),
    indikatoren: z.array(IndikatorSchema).optional(),
    massnahmen: z.array(MassnahmeSchema).optional(),
    akteure: z.array(AkteurSchema).optional(),
    sozialraeume: z.array(SozialraumSchema).optional(),
    interviews: z.array(InterviewSchema).optional(),
    meilensteine: z.array(MeilensteinSchema).optional(),
  })
  .describe('Sammlungsdatei unter konzept/');
export type CollectionFile = z.infer<typeof CollectionFileSchema>;

// ---------------------------------------------------------------- Markdown front matter

export const KapitelFrontMatterSchema = z.strictObject({
  titel: Text.describe('Kapitelüberschrift'),
  kurztitel: z.string().optional().describe('Kurzer Titel für die Kopfzeile'),
});
export type KapitelFrontMatter = z.infer<typeof KapitelFrontMatterSchema>;

export const VORLAGE_ARTEN = ['Beschlussvorlage', 'Mitteilungsvorlage', 'Informationsvorlage', 'Ergänzungsvorlage'] as const;

export const VorlageFrontMatterSchema = z
  .strictObject({
    nummer: z.string({ error: 'muss Text sein; bitte in Anführungszeichen setzen, z. B. "11/1481"' }).min(1).describe('Vorlagen-Nummer, eindeutig, z. B. 11/1481'),
    art: z.enum(VORLAGE_ARTEN),
    bezug: z.string().optional().describe('Nummer der Vorlage, die ergänzt wird (Pflicht bei Ergänzungsvorlagen)'),
    betreff: Text,
    aktenzeichen: z.string().optional(),
    datum: IsoDate.optional(),
    federfuehrung: z.string().optional().describe('Federführendes Amt'),
    oeffentlich: z.boolean().optional().describe('Öffentlich (Vorgabe: true)'),
    beratungsfolge: z
      .array(
        z.strictObject({
          gremium: Text,
          sitzung: IsoDate.optional().describe('Sitzungsdatum'),
          top: z.string({ error: 'muss Text sein; bitte in Anführungszeichen setzen, z. B. "4.1"' }).optional().describe('Tagesordnungspunkt'),
          zustaendigkeit: z.enum(['Vorberatung', 'Entscheidung', 'Kenntnisnahme', 'Anhörung']),
          oeffentlich: z.boolean().optional(),
        }),
      )
      .optional()
      .describe('Beratungsfolge; das erste Gremium ist federführend'),
    beschlussvorschlag: Markdown,
    finanzen: z.strictObject({ auswirkungen: z.boolean(), text: Markdown.optional() }).optional().describe('Finanzielle Auswirkungen'),
    klimarelevanz: z
      .strictObject({
        auswirkung: z.enum(['keine', 'positiv', 'negativ']),
        umfang: z.enum(['geringfuegig', 'erheblich']).optional(),
        text: Markdown.optional(),
      })
      .optional(),
    abschnitte: z.array(z.strictObject({ titel: Text, text: Markdown })).optional().describe('Weitere Abschnitte'),
    anlagen: z
      .array(
        z.strictObject({
          titel: Text,
          konzept: z.boolean().optional().describe('Das erzeugte Konzept ist Anlage'),
          datei: z.string().optional().describe('Datei im Inhaltsordner, z. B. anlagen/bescheid.pdf'),
        }),
      )
      .optional(),
    unterschriften: z
      .array(
        z.strictObject({
          funktion: Text,
          vertretung: z.string().optional().describe('z. B. „In Vertretung“'),
          name: Text,
          amtsbezeichnung: z.string().optional(),
        }),
      )
      .optional(),
  })
  .describe('Kopfteil einer Vorlage');
export type VorlageFrontMatter = z.infer<typeof VorlageFrontMatterSchema>;
