/**
 * The one catalog of diagnostic codes. Every diagnostic names its code by one of these
 * constants; the code is stable (tests, `--format json` and editors rely on it), the German
 * message may change.
 */
export const CODES = {
  // reading files
  configMissing: 'config-missing',
  fileOutside: 'file-outside',
  fileTooLarge: 'file-too-large',
  fileUnreadable: 'file-unreadable',
  fileEncoding: 'file-encoding',
  yamlSyntax: 'yaml-syntax',
  frontmatterUnclosed: 'frontmatter-unclosed',
  frontmatterMissing: 'frontmatter-missing',
  // shapes
  schema: 'schema',
  unknownCollection: 'unknown-collection',
  collectionFileShape: 'collection-file-shape',
  // rules
  duplicateId: 'duplicate-id',
  unresolvedReference: 'unresolved-reference',
  oberzielNotLeitziel: 'oberziel-not-leitziel',
  oberzielOtherHandlungsfeld: 'oberziel-other-handlungsfeld',
  handlungszielWithoutOberziel: 'handlungsziel-without-oberziel',
  goalCycle: 'goal-cycle',
  periodReversed: 'period-reversed',
  periodOutsideKonzept: 'period-outside-konzept',
  zielwertWithoutBasis: 'zielwert-without-basis',
  indicatorUnused: 'indicator-unused',
  richtungMismatch: 'richtung-mismatch',
  goalWithoutIndicator: 'goal-without-indicator',
  goalWithoutMeasure: 'goal-without-measure',
  measureGoalOtherHandlungsfeld: 'measure-goal-other-handlungsfeld',
  konzeptMissing: 'konzept-missing',
  gliederungDuplicate: 'gliederung-duplicate',
  kapitelMissing: 'kapitel-missing',
  kapitelUnused: 'kapitel-unused',
  duplicateVorlage: 'duplicate-vorlage',
  vorlageFilenameClash: 'vorlage-filename-clash',
  klimaUmfang: 'klima-umfang',
  anlageEmpty: 'anlage-empty',
  anlageBoth: 'anlage-both',
  anlageKonzeptMissing: 'anlage-konzept-missing',
  anlageBerichtMissing: 'anlage-bericht-missing',
  anlageAppendNotPdf: 'anlage-append-not-pdf',
  anlageAppendUnreadable: 'anlage-append-unreadable',
  referencesNotChecked: 'references-not-checked',
  bezugMissing: 'bezug-missing',
  bezugSelf: 'bezug-self',
  bezugUnresolved: 'bezug-unresolved',
  fileInvalid: 'file-invalid',
  // Sachstandsberichte and measurements
  stichtagBeforePeriod: 'stichtag-before-period',
  berichtVorherigerSelf: 'bericht-vorheriger-self',
  berichtVorherigerMissing: 'bericht-vorheriger-missing',
  berichtVorherigerLater: 'bericht-vorheriger-later',
  istWithoutJahr: 'ist-without-jahr',
  istYearOutside: 'ist-year-outside',
  verlaufStatusMismatch: 'verlauf-status-mismatch',
  csvSyntax: 'csv-syntax',
  csvValue: 'csv-value',
  // helpers {{…}}
  helperSyntax: 'helper-syntax',
  helperUnclosed: 'helper-unclosed',
  helperUnknown: 'helper-unknown',
  helperArguments: 'helper-arguments',
  helperUnknownId: 'helper-unknown-id',
  helperBlockInline: 'helper-block-inline',
  helperNoValue: 'helper-no-value',
  // Markdown
  markdownRawHtml: 'markdown-raw-html',
  markdownUnsupported: 'markdown-unsupported',
  headingTooDeep: 'heading-too-deep',
  footnoteUnused: 'footnote-unused',
  linkUnsafe: 'link-unsafe',
  footnoteMissing: 'footnote-missing',
  imageInline: 'image-inline',
  imageExternal: 'image-external',
  imageOutside: 'image-outside',
  imageFormat: 'image-format',
  imageMissing: 'image-missing',
  imageAltMissing: 'image-alt-missing',
  // templates
  theme: 'theme',
  form: 'form',
  formVersion: 'form-version',
  themeFont: 'theme-font',
  // not the author's fault
  internal: 'internal',
} as const;

/** A code of the catalog. */
export type DiagnosticCode = (typeof CODES)[keyof typeof CODES];
