/**
 * What can still be learnt from a YAML text that does not parse: the `id:` of each list entry
 * under each top-level key, and a top-level `nummer:`. Used only to keep other files quiet:
 * a reference to an ID of a file with a syntax error is not a second, misleading error
 * („nicht definiert“) – the syntax error is the one to fix.
 */

/** IDs by top-level key, and the `nummer` of a front matter, read line by line. */
export interface Salvaged {
  ids: Record<string, string[]>;
  nummer?: string;
}

const TOP_KEY = /^([A-Za-z_][\w-]*)\s*:/;
const ID_LINE = /^\s*(?:-\s+)?id\s*:\s*(?:"([^"\n]*)"|'([^'\n]*)'|([^\s#'"][^\s#]*))/;
const NUMMER_LINE = /^nummer\s*:\s*(?:"([^"\n]*)"|'([^'\n]*)'|([^\s#'"][^#\n]*?))\s*(?:#.*)?$/;

export function salvageIds(text: string): Salvaged {
  const ids: Record<string, string[]> = {};
  let nummer: string | undefined;
  let top: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    const key = TOP_KEY.exec(line);
    if (key) top = key[1];
    const num = NUMMER_LINE.exec(line);
    if (num) nummer ??= num[1] ?? num[2] ?? num[3];
    const id = ID_LINE.exec(line);
    if (id && top && !key) (ids[top] ??= []).push(id[1] ?? id[2] ?? id[3]);
  }
  return { ids, ...(nummer !== undefined ? { nummer } : {}) };
}
