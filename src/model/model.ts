/**
 * The validated content: every entity with the place it came from. Types are the zod
 * schemas' inferred types; `Located` only adds where a value stands.
 */
import type { YamlLocations, ValuePath } from '../content/yaml.js';
import type { UnparsedFile } from '../content/load.js';
import type { Position } from '../diagnostics/diagnostic.js';
import type {
  Akteur, BerichtFrontMatter, CollectionName, Handlungsfeld, Indikator, Interview, KapitelFrontMatter, Konzept, Massnahme,
  Meilenstein, RatsdocConfig, Sozialraum, VorlageFrontMatter, Ziel,
} from './schemas.js';

/** A value with its source: file, and the position of any field below it. */
export interface Located<T> {
  value: T;
  /** File as shown to the user. */
  file: string;
  /** Path of this value inside its YAML document, e.g. `['massnahmen', 3]`. */
  path: ValuePath;
  locations: YamlLocations;
}

/** Position of a field below a located value (`at(m, 'ziele', 1)`). */
export function at<T>(item: Located<T>, ...sub: Array<string | number>): Position {
  return item.locations.valueAt([...item.path, ...sub]);
}

/** The entries of every collection, merged over all files of `konzept/`. */
export interface Collections {
  handlungsfelder: Located<Handlungsfeld>[];
  ziele: Located<Ziel>[];
  indikatoren: Located<Indikator>[];
  massnahmen: Located<Massnahme>[];
  akteure: Located<Akteur>[];
  sozialraeume: Located<Sozialraum>[];
  interviews: Located<Interview>[];
  meilensteine: Located<Meilenstein>[];
}

/** A Markdown body and where its first line stands in its file. */
export interface MarkdownSource {
  file: string;
  body: string;
  /** Lines before the body (front matter), so body line 1 is file line `bodyLineOffset + 1`. */
  bodyLineOffset: number;
  /**
   * For Markdown inside a YAML string (folded, indented, quoted): maps a position in `body`
   * to its position in the file. Without it, body lines follow each other in the file.
   */
  locate?: (p: Position) => Position;
}

/** Where a position inside a Markdown source stands in its file. */
export function sourcePosition(src: MarkdownSource, p: Position): Position {
  return src.locate ? src.locate(p) : { line: p.line + src.bodyLineOffset, column: p.column };
}

/** A Markdown field of a YAML value (`beschreibung`, `befunde[2]`) as a source with real positions. */
export function fieldSource<T>(item: Located<T>, text: string, ...sub: Array<string | number>): MarkdownSource {
  return { file: item.file, body: text, bodyLineOffset: 0, locate: item.locations.textPositions([...item.path, ...sub], text) };
}

/** A chapter of the concept: `konzept/kapitel/NAME.md`. */
export interface Kapitel extends MarkdownSource {
  name: string;
  meta: Located<KapitelFrontMatter>;
}

/** A Vorlage: `vorlagen/*.md`. */
export interface Vorlage extends MarkdownSource {
  name: string;
  meta: Located<VorlageFrontMatter>;
}

/** A Sachstandsbericht: `berichte/NAME.md`; other files name it by `name` (`vorheriger`, `anlagen: - bericht:`). */
export interface Bericht extends MarkdownSource {
  name: string;
  meta: Located<BerichtFrontMatter>;
}

/** The whole validated content folder. */
export interface Model {
  /** Absolute path of the content folder. */
  root: string;
  /** Content folder as given, for messages. */
  display: string;
  config?: Located<RatsdocConfig>;
  konzept?: Located<Konzept>;
  collections: Collections;
  /** IDs of entries that exist but failed their schema: references to them are not reported again. */
  brokenIds: Record<CollectionName, Set<string>>;
  kapitel: Map<string, Kapitel>;
  vorlagen: Vorlage[];
  /** Sachstandsberichte, in file order. */
  berichte: Bericht[];
  /**
   * Files (relative to the content folder, with `/`) that exist but could not be used because
   * of an error already reported (syntax, encoding, shape): rules do not call them missing.
   */
  unusableFiles?: ReadonlySet<string>;
  /** Numbers of Vorlagen whose front matter names a number but failed its schema. */
  brokenVorlagen?: ReadonlySet<string>;
  /** Front-matter fields of Vorlagen that the city's form declares as Markdown (`typ: markdown`). */
  vorlageMarkdownFields?: readonly string[];
  /**
   * IDs (key `collection\0id`) and Vorlage numbers still legible in files with a YAML syntax
   * error, with their file: references to them are not reported as missing.
   */
  unparsed?: { ids: ReadonlyMap<string, UnparsedFile>; vorlagen: ReadonlyMap<string, UnparsedFile> };
}

/** Lookup tables by ID, built once per model. */
export interface ModelIndex {
  handlungsfelder: Map<string, Located<Handlungsfeld>>;
  ziele: Map<string, Located<Ziel>>;
  indikatoren: Map<string, Located<Indikator>>;
  massnahmen: Map<string, Located<Massnahme>>;
  akteure: Map<string, Located<Akteur>>;
  sozialraeume: Map<string, Located<Sozialraum>>;
  interviews: Map<string, Located<Interview>>;
  meilensteine: Map<string, Located<Meilenstein>>;
}

/** Builds the ID lookup tables; the first entry of a duplicated ID wins. */
export function indexModel(model: Model): ModelIndex {
  const idx = {} as Record<CollectionName, Map<string, Located<{ id: string }>>>;
  for (const [name, list] of Object.entries(model.collections) as Array<[CollectionName, Located<{ id: string }>[]]>) {
    const map = new Map<string, Located<{ id: string }>>();
    for (const item of list) if (!map.has(item.value.id)) map.set(item.value.id, item);
    idx[name] = map;
  }
  return idx as unknown as ModelIndex;
}
