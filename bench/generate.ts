/**
 * A content folder `factor` times the example, for measuring `ratsdoc check` and `build` on a
 * large concept. Copy k (2…factor) of every collection entry gets the ID suffix `-k<k>` and
 * references to the same copy; chapters and Vorlagen are copied with new names and numbers.
 * The result passes `check` with no errors (the example's warnings repeat per copy).
 */
import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dump, load } from 'js-yaml';

/** The example content: found from this file upwards (works from bench/ and from dist/bench/). */
const EXAMPLE = findExample(path.dirname(fileURLToPath(import.meta.url)));

function findExample(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'content/ratsdoc.yaml'))) return path.join(dir, 'content');
    if (path.dirname(dir) === dir) throw new Error(`example content not found above ${from}`);
  }
}

type Entry = Record<string, any>;
type Rename = (id: string) => string;

/** How each collection's references are renamed for one copy. */
const RENAME: Record<string, (e: Entry, r: Rename) => Entry> = {
  handlungsfelder: (e, r) => ({ ...e, id: r(e.id) }),
  ziele: (e, r) => ({
    ...e,
    id: r(e.id),
    handlungsfeld: r(e.handlungsfeld),
    ...(e.oberziel ? { oberziel: r(e.oberziel) } : {}),
    ...(e.indikatoren ? { indikatoren: e.indikatoren.map(r) } : {}),
  }),
  indikatoren: (e, r) => ({
    ...e,
    id: r(e.id),
    ...(e.messungen ? { messungen: e.messungen.map((m: Entry) => (m.sozialraum ? { ...m, sozialraum: r(m.sozialraum) } : m)) } : {}),
  }),
  massnahmen: (e, r) => ({
    ...e,
    id: r(e.id),
    handlungsfeld: r(e.handlungsfeld),
    ziele: e.ziele.map(r),
    federfuehrung: r(e.federfuehrung),
    ...(e.partner ? { partner: e.partner.map(r) } : {}),
    ...(e.sozialraeume ? { sozialraeume: e.sozialraeume.map(r) } : {}),
  }),
  akteure: (e, r) => ({ ...e, id: r(e.id) }),
  sozialraeume: (e, r) => ({ ...e, id: r(e.id) }),
  interviews: (e, r) => ({
    ...e,
    id: r(e.id),
    ...(e.sozialraum ? { sozialraum: r(e.sozialraum) } : {}),
    ...(e.handlungsfelder ? { handlungsfelder: e.handlungsfelder.map(r) } : {}),
  }),
  meilensteine: (e, r) => ({ ...e, id: r(e.id) }),
};

/**
 * Renames the IDs inside `{{…}}` helper calls of a Markdown body: quoted entity IDs of the
 * copy, and (in a copied Vorlage) the numbers of other Vorlagen; fixed words (`"ziel"`) and
 * report names (`bericht="2020-1"`: reports are not copied) stay.
 */
function renameHelpers(body: string, r: Rename, ids: ReadonlySet<string>, vorlagePrefix?: string): string {
  return body.replace(/\{\{[^}]*\}\}/g, (expr) => {
    const isVorlage = /^\{\{\s*vorlage\s/.test(expr);
    return expr.replace(/"([^"]+)"/g, (quoted, value: string) => {
      if (ids.has(value)) return `"${r(value)}"`;
      if (isVorlage && vorlagePrefix) return `"${vorlagePrefix}-${value}"`;
      return quoted;
    });
  });
}

/** Options of the generator. */
export interface ScaleOptions {
  /** Copies of each Vorlage per copy of the concept (the benchmark's 10× folder has 200 Vorlagen). */
  vorlagenPerCopy?: number;
  /** The content folder to multiply (default: the example in `content/`; tests pass their fixture). */
  source?: string;
}

/** Writes the Vorlagen of copy `k` (variant `v`), their numbers and `bezug` prefixed so they stay unique. */
function copyVorlagen(dir: string, files: string[], k: number, v: number, r: Rename, ids: ReadonlySet<string>): Array<Promise<void>> {
  const prefix = v === 1 ? `K${k}` : `K${k}V${v}`;
  return files.map((file) =>
    fs.readFile(path.join(dir, 'vorlagen', file), 'utf8').then((text) => {
      const end = text.indexOf('\n---', 4);
      const front = text
        .slice(0, end)
        .replace(/^(nummer|bezug): *"?([^"\n]+)"?$/gm, (_, key: string, nummer: string) => `${key}: "${prefix}-${nummer.trim()}"`);
      return fs.writeFile(path.join(dir, 'vorlagen', `${prefix.toLowerCase()}-${file}`), front + renameHelpers(text.slice(end), r, ids, prefix));
    }),
  );
}

/** Writes a valid content folder `factor`× the example into `dir` (created if needed). */
export async function generateScaledContent(factor: number, dir: string, options: ScaleOptions = {}): Promise<void> {
  if (!Number.isInteger(factor) || factor < 1) throw new Error(`factor must be a positive integer, got ${factor}`);
  await fs.mkdir(dir, { recursive: true });
  await fs.cp(options.source ?? EXAMPLE, dir, { recursive: true });

  const konzeptDir = path.join(dir, 'konzept');
  const collectionFiles = (await fs.readdir(konzeptDir)).filter((n) => n.endsWith('.yaml') && n !== 'konzept.yaml').sort();
  const chapters = (await fs.readdir(path.join(konzeptDir, 'kapitel'))).filter((n) => n.endsWith('.md')).sort();
  const vorlagen = (await fs.readdir(path.join(dir, 'vorlagen'))).filter((n) => n.endsWith('.md')).sort();
  const collections = await Promise.all(
    collectionFiles.map(async (name) => ({ name, data: load(await fs.readFile(path.join(konzeptDir, name), 'utf8')) as Record<string, Entry[]> })),
  );

  const ids = new Set(collections.flatMap(({ data }) => Object.values(data ?? {}).flatMap((entries) => (entries ?? []).map((e) => String(e.id)))));

  const konzeptPath = path.join(konzeptDir, 'konzept.yaml');
  const konzept = load(await fs.readFile(konzeptPath, 'utf8')) as { konzept: { gliederung: unknown[] } };

  const jobs: Array<Promise<void>> = [];
  for (let k = 2; k <= factor; k++) {
    const r: Rename = (id) => `${id}-k${k}`;
    for (const { name, data } of collections) {
      const copy: Record<string, Entry[]> = {};
      for (const [collection, entries] of Object.entries(data ?? {})) copy[collection] = (entries ?? []).map((e) => RENAME[collection](e, r));
      jobs.push(fs.writeFile(path.join(konzeptDir, name.replace(/\.yaml$/, `-k${k}.yaml`)), `# Kopie ${k} von ${name} (Beispieldaten)\n${dump(copy, { lineWidth: -1 })}`));
    }
    for (const chapter of chapters) {
      const base = chapter.replace(/\.md$/, '');
      jobs.push(
        fs.readFile(path.join(konzeptDir, 'kapitel', chapter), 'utf8').then((text) =>
          fs.writeFile(path.join(konzeptDir, 'kapitel', `${base}-k${k}.md`), renameHelpers(text, r, ids)),
        ),
      );
      konzept.konzept.gliederung.push({ kapitel: `${base}-k${k}` });
    }
    jobs.push(...copyVorlagen(dir, vorlagen, k, 1, r, ids));
  }
  const perCopy = options.vorlagenPerCopy ?? 1;
  for (let k = 1; k <= factor; k++) {
    const r: Rename = k === 1 ? (id) => id : (id) => `${id}-k${k}`;
    for (let v = 2; v <= perCopy; v++) jobs.push(...copyVorlagen(dir, vorlagen, k, v, r, ids));
  }
  await Promise.all(jobs);
  await fs.writeFile(konzeptPath, `# Gliederung um die Kopien erweitert (Beispieldaten)\n${dump(konzept, { lineWidth: -1 })}`);
}
