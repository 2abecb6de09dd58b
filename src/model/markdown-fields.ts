/**
 * Every Markdown text of the content with its place: chapter, Vorlage and Bericht bodies and the
 * Markdown fields of YAML values (`beschreibung`, `text`, `befunde`, `beschlussvorschlag` …).
 * The rules check helpers in all of them; positions map to the real line and column.
 */
import { fieldSource, type Located, type MarkdownSource, type Model } from './model.js';
import { ENTITY_LABEL, type CollectionName } from './schemas.js';

/** Paths of the Markdown fields below an entity; `*` stands for every list index. */
const COLLECTION_MARKDOWN: Partial<Record<CollectionName, string[][]>> = {
  handlungsfelder: [['beschreibung']],
  ziele: [['beschreibung'], ['bewertung', 'text']],
  indikatoren: [['definition']],
  massnahmen: [['beschreibung']],
  sozialraeume: [['beschreibung']],
  interviews: [['befunde', '*']],
  meilensteine: [['beschreibung']],
};

const VORLAGE_MARKDOWN: string[][] = [['beschlussvorschlag'], ['finanzen', 'text'], ['klimarelevanz', 'text'], ['abschnitte', '*', 'text']];

/** A Markdown text with the entity it belongs to (for messages). */
export interface MarkdownText {
  src: MarkdownSource;
  entity: string;
  /** The Sachstandsbericht whose body this is (its helpers default to its Stichtag). */
  bericht?: string;
}

/** The strings at a field path with their concrete paths (`*` expanded). */
export function stringsAt(value: unknown, pattern: string[]): Array<{ text: string; path: Array<string | number> }> {
  const out: Array<{ text: string; path: Array<string | number> }> = [];
  const walk = (v: unknown, i: number, p: Array<string | number>) => {
    if (i === pattern.length) {
      if (typeof v === 'string') out.push({ text: v, path: p });
      return;
    }
    if (pattern[i] === '*') {
      if (Array.isArray(v)) v.forEach((x, k) => walk(x, i + 1, [...p, k]));
    } else if (v && typeof v === 'object') walk((v as Record<string, unknown>)[pattern[i]], i + 1, [...p, pattern[i]]);
  };
  walk(value, 0, []);
  return out;
}

function fieldsOf(item: Located<unknown>, patterns: string[][], entity: string): MarkdownText[] {
  return patterns.flatMap((pat) => stringsAt(item.value, pat).map(({ text, path }) => ({ src: fieldSource(item, text, ...path), entity })));
}

/** Every Markdown text of a model. */
export function markdownTexts(model: Model): MarkdownText[] {
  const out: MarkdownText[] = [];
  for (const k of model.kapitel.values()) out.push({ src: k, entity: `Kapitel „${k.name}“` });
  for (const v of model.vorlagen) {
    const entity = `Vorlage „${v.meta.value.nummer}“`;
    const declared = (model.vorlageMarkdownFields ?? []).map((k) => [k]);
    out.push({ src: v, entity }, ...fieldsOf(v.meta, [...VORLAGE_MARKDOWN, ...declared], entity));
  }
  for (const b of model.berichte) out.push({ src: b, entity: `Bericht „${b.name}“`, bericht: b.name });
  for (const [name, patterns] of Object.entries(COLLECTION_MARKDOWN) as Array<[CollectionName, string[][]]>) {
    for (const item of model.collections[name] as Array<Located<{ id: string }>>) out.push(...fieldsOf(item, patterns, `${ENTITY_LABEL[name]} „${item.value.id}“`));
  }
  return out;
}
