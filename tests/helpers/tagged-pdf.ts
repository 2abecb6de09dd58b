/**
 * A tagged-PDF checker for the tests: is a PDF really tagged, read back from its bytes with
 * pdf.js (`getStructTree`, `getTextContent({ includeMarkedContent: true })`, metadata) and
 * `qpdf --json` (StructTreeRoot, ParentTree, annotations, fonts). Problems are named by the
 * Matterhorn Protocol 1.1 checkpoint (PDF/UA-1) they violate, or by the ISO 14289-1 clause
 * where the protocol has no machine-checkable point for it. A PDF/UA validator (veraPDF,
 * PAC) does much more; this is what we can check here without one.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dehyphenateText, loadPdf } from './pdf-text.js';

/** One structure element as the checker sees it (from qpdf's objects, in tree order). */
export interface CheckedElement {
  role: string;
  alt?: string;
  scope?: string;
  children: CheckedElement[];
  /** Text of this element and its descendants, in the tree's order. */
  text: string;
}

export interface TagReport {
  /** Problems found, each starting with its checkpoint (`01-005: …`). */
  problems: string[];
  /** The structure tree below StructTreeRoot. */
  root: CheckedElement | undefined;
  /** The document's text read from the structure tree in its order. */
  readingText: string;
  /** Headings in tree order. */
  headings: Array<{ level: number; text: string }>;
  /** Per Table the text of its TH cells, in order. */
  tableHeaders: string[][];
  /** Text items drawn, and how many lie in no tagged sequence or artifact. */
  textItems: number;
  untagged: number;
  /** Count per structure role. */
  roles: Record<string, number>;
}

type Json = Record<string, unknown>;
type Objects = Record<string, Json>;

/** qpdf's objects: `12 0 R` → value (streams: their dictionary). */
function qpdfObjects(buf: Uint8Array): Objects {
  const dir = mkdtempSync(path.join(tmpdir(), 'ratsdoc-tagcheck-'));
  try {
    const file = path.join(dir, 'in.pdf');
    writeFileSync(file, buf);
    const json = JSON.parse(execFileSync('qpdf', ['--json', '--json-key=qpdf', '--json-stream-data=none', file], { maxBuffer: 1 << 30, encoding: 'utf8' }));
    const out: Objects = {};
    for (const [key, entry] of Object.entries(json.qpdf[1] as Record<string, Json>)) {
      const m = /^obj:(\d+ \d+ R)$/.exec(key);
      if (!m) continue;
      out[m[1]] = ((entry.value ?? (entry.stream as Json | undefined)?.dict) ?? {}) as Json;
    }
    out.trailer = (((json.qpdf[1] as Json).trailer as Json)?.value ?? {}) as Json;
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Whether qpdf is installed (the checker needs it; `.ci/run` installs it). */
export function hasQpdf(): boolean {
  try {
    execFileSync('qpdf', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v.replace(/^u:/, '').replace(/^b:/, '') : undefined);

/** Checks a PDF; see the module comment for what is checked. */
export async function checkTaggedPdf(buf: Uint8Array): Promise<TagReport> {
  const problems: string[] = [];
  const add = (p: string) => { if (problems.length < 50) problems.push(p); };
  const objects = qpdfObjects(buf);
  const deref = (v: unknown): Json => (typeof v === 'string' && / R$/.test(v) ? objects[v] ?? {} : ((v ?? {}) as Json));
  const trailer = objects.trailer;
  const catalog = deref(trailer['/Root']);

  // Document level.
  if (!str(catalog['/Lang'])) add('11-006: kein /Lang im Katalog');
  const prefs = deref(catalog['/ViewerPreferences']);
  if (!('/DisplayDocTitle' in prefs)) add('07-001: ViewerPreferences ohne DisplayDocTitle');
  else if (prefs['/DisplayDocTitle'] !== true) add('07-002: DisplayDocTitle ist nicht true');
  if (deref(catalog['/MarkInfo'])['/Marked'] !== true) add('01-002: MarkInfo /Marked fehlt oder ist false');
  if (deref(catalog['/MarkInfo'])['/Suspects'] === true) add('01-003: MarkInfo /Suspects ist true');
  if (!catalog['/Metadata']) add('06-001: kein XMP-Metadatenstrom');

  const doc = await loadPdf(buf);
  try {
    const metadata = await doc.getMetadata();
    const xmp = (metadata.metadata as { getRaw?: () => string } | null)?.getRaw?.() ?? '';
    if (!/<pdfuaid:part>1<\/pdfuaid:part>/.test(xmp)) add('06-002: XMP ohne PDF/UA-Kennung (pdfuaid:part 1)');
    if (!/<dc:title>/.test(xmp)) add('06-003: XMP ohne dc:title');

    // Pages: object ref → index; marked content and text per MCID from pdf.js.
    const pageRefs: string[] = [];
    const mcText = new Map<string, string[]>(); // `${pageRef} ${mcid}` → text items
    const drawnMcids = new Set<string>();
    let textItems = 0;
    let untagged = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const ref = `${page.ref?.num} ${page.ref?.gen} R`;
      pageRefs.push(ref);
      const pageDict = objects[ref] ?? {};
      if (((pageDict['/Annots'] as unknown[] | undefined)?.length ?? 0) > 0 && pageDict['/Tabs'] !== '/S') add(`ISO 14289-1 7.18.3: S. ${n} hat Annotationen, aber /Tabs ist nicht /S`);
      const content = await page.getTextContent({ includeMarkedContent: true });
      const stack: Array<{ mcid?: string; artifact: boolean }> = [];
      for (const item of content.items as Array<Json>) {
        if (item.type === 'beginMarkedContent' || item.type === 'beginMarkedContentProps') {
          const m = /_mc(\d+)$/.exec(String(item.id ?? ''));
          const mcid = m ? `${ref} ${m[1]}` : undefined;
          if (mcid) drawnMcids.add(mcid);
          stack.push({ mcid, artifact: item.tag === 'Artifact' });
          continue;
        }
        if (item.type === 'endMarkedContent') { stack.pop(); continue; }
        const text = String(item.str ?? '');
        if (text.trim() === '') continue;
        textItems++;
        const inner = [...stack].reverse().find((s) => s.mcid || s.artifact);
        if (!inner) {
          untagged++;
          add(`01-005: S. ${n}: Text weder getaggt noch Artefakt: „${text.slice(0, 40)}“`);
        } else if (inner.mcid) {
          const list = mcText.get(inner.mcid) ?? [];
          list.push(text);
          mcText.set(inner.mcid, list);
        }
      }
      page.cleanup();
    }

    // The structure tree from the file's objects, with every MCID's owner.
    const treeRoot = deref(catalog['/StructTreeRoot']);
    const owners = new Map<string, string[]>(); // mcid key → element object refs
    const linkAnnots = new Map<string, string>(); // annotation ref → Link element ref
    const ids = new Map<string, number>();
    const roles: Record<string, number> = {};
    const headings: TagReport['headings'] = [];
    const tableHeaders: string[][] = [];
    const reading: string[] = [];
    const walk = (elemRef: string, inheritedPage: string | undefined, depth: number): CheckedElement | undefined => {
      const elem = objects[elemRef];
      if (!elem || depth > 100) return undefined;
      const role = str(elem['/S'])?.replace(/^\//, '') ?? '?';
      roles[role] = (roles[role] ?? 0) + 1;
      const page = typeof elem['/Pg'] === 'string' ? (elem['/Pg'] as string) : inheritedPage;
      const result: CheckedElement = { role, children: [], text: '' };
      const alt = str(elem['/Alt']);
      if (alt !== undefined) result.alt = alt;
      const attrs = deref(elem['/A']);
      if (typeof attrs['/Scope'] === 'string') result.scope = (attrs['/Scope'] as string).replace(/^\//, '');
      if (role === 'Note') {
        const id = str(elem['/ID']);
        if (!id) add('19-003: Note ohne /ID');
        else ids.set(id, (ids.get(id) ?? 0) + 1);
      }
      const seq: string[] = [];
      const kids = Array.isArray(elem['/K']) ? (elem['/K'] as unknown[]) : elem['/K'] === undefined ? [] : [elem['/K']];
      for (const kid of kids) {
        if (typeof kid === 'number') {
          if (!page) { add(`${role}: MCID ${kid} ohne /Pg`); continue; }
          const key = `${page} ${kid}`;
          owners.set(key, [...(owners.get(key) ?? []), elemRef]);
          const text = (mcText.get(key) ?? []).join(' ');
          seq.push(text);
          reading.push(text);
        } else if (typeof kid === 'string') {
          const child = walk(kid, page, depth + 1);
          if (child) { result.children.push(child); seq.push(child.text); }
        } else if (kid && typeof kid === 'object') {
          const k = kid as Json;
          if (k['/Type'] === '/MCR') {
            const key = `${k['/Pg']} ${k['/MCID']}`;
            owners.set(key, [...(owners.get(key) ?? []), elemRef]);
            const text = (mcText.get(key) ?? []).join(' ');
            seq.push(text);
            reading.push(text);
          } else if (k['/Type'] === '/OBJR') {
            if (role === 'Link') linkAnnots.set(String(k['/Obj']), elemRef);
          }
        }
      }
      result.text = dehyphenateText(seq.filter((t) => t !== '').join(' '));
      const h = /^H([1-6])$/.exec(role);
      if (h) headings.push({ level: Number(h[1]), text: fullText(result) });
      if (role === 'Figure' && !result.alt) add('13-004: Figure ohne Alt-Text');
      if (role === 'TH' && !result.scope) add('15-003: TH ohne Scope');
      if (role === 'Table') {
        const th: string[] = [];
        const collect = (e: CheckedElement) => { if (e.role === 'TH') th.push(fullText(e)); else e.children.forEach(collect); };
        result.children.forEach(collect);
        if (th.length === 0) add('Tabelle ohne TH-Zellen');
        tableHeaders.push(th);
      }
      return result;
    };
    const rootKids = Array.isArray(treeRoot['/K']) ? (treeRoot['/K'] as string[]) : treeRoot['/K'] ? [treeRoot['/K'] as string] : [];
    if (!catalog['/StructTreeRoot'] || rootKids.length === 0) add('01-001 … 01-005: kein Strukturbaum');
    const children = rootKids.map((k) => walk(k, undefined, 0)).filter((e): e is CheckedElement => e !== undefined);
    const root = children.length === 1 ? children[0] : children.length ? { role: 'StructTreeRoot', children, text: '' } : undefined;

    for (const [id, count] of ids) if (count > 1) add(`19-004: Note-ID „${id}“ mehrfach`);

    // Headings: the first is H1, none skips a level.
    if (headings.length > 0 && headings[0].level !== 1) add(`14-002: erste Überschrift ist H${headings[0].level}, nicht H1`);
    for (let i = 1; i < headings.length; i++) {
      if (headings[i].level > headings[i - 1].level + 1) add(`14-003: H${headings[i].level} „${headings[i].text.slice(0, 30)}“ folgt auf H${headings[i - 1].level}`);
    }

    // Every drawn MCID belongs to exactly one element, and the ParentTree says the same.
    for (const key of drawnMcids) {
      const by = owners.get(key) ?? [];
      if (by.length !== 1) add(`ParentTree: MCID ${key} gehört zu ${by.length} Strukturelementen`);
    }
    for (const key of owners.keys()) if (!drawnMcids.has(key)) add(`ParentTree: MCID ${key} im Baum, aber nicht auf der Seite`);
    const parentTree = parentTreeEntries(deref(treeRoot['/ParentTree']), deref);
    for (const ref of pageRefs) {
      const key = objects[ref]?.['/StructParents'];
      if (typeof key !== 'number') continue;
      const entry = parentTree.get(key);
      const list = Array.isArray(entry) ? (entry as string[]) : Array.isArray(deref(entry)) ? (deref(entry) as unknown as string[]) : [];
      list.forEach((elemRef, mcid) => {
        const by = owners.get(`${ref} ${mcid}`) ?? [];
        if (by.length !== 1 || by[0] !== elemRef) add(`ParentTree: S. ${pageRefs.indexOf(ref) + 1} MCID ${mcid} zeigt auf ${elemRef}, der Baum auf ${by.join(', ') || 'nichts'}`);
      });
      for (const owned of owners.keys()) {
        const [p, g, r, mcid] = owned.split(' ');
        if (`${p} ${g} ${r}` === ref && list[Number(mcid)] === undefined) add(`ParentTree: S. ${pageRefs.indexOf(ref) + 1} MCID ${mcid} fehlt`);
      }
    }

    // Link annotations: inside a Link element (OBJR and StructParent), with Contents.
    for (const ref of pageRefs) {
      for (const annotRef of (objects[ref]?.['/Annots'] as string[] | undefined) ?? []) {
        const annot = deref(annotRef);
        if (annot['/Subtype'] !== '/Link') continue;
        const link = linkAnnots.get(annotRef);
        if (!link) add(`28-011: Link-Annotation ${annotRef} liegt in keinem Link-Element`);
        else if (parentTree.get(annot['/StructParent'] as number) !== link) add(`28-011: Link-Annotation ${annotRef}: /StructParent zeigt nicht auf ihr Link-Element`);
        if (!str(annot['/Contents'])) add(`28-012: Link-Annotation ${annotRef} ohne /Contents`);
      }
    }

    // Fonts: a ToUnicode map for every font (text extraction and search are exact).
    for (const [ref, obj] of Object.entries(objects)) {
      if (obj['/Type'] === '/Font' && obj['/Subtype'] !== '/CIDFontType2' && obj['/Subtype'] !== '/CIDFontType0' && !obj['/ToUnicode']) {
        add(`ISO 14289-1 7.21.7: Schrift ${ref} (${str(obj['/BaseFont'])}) ohne ToUnicode`);
      }
    }

    return { problems, root, readingText: dehyphenateText(reading.filter((t) => t !== '').join(' ')), headings, tableHeaders, textItems, untagged, roles };
  } finally {
    await doc.destroy();
  }
}

/** The whole text of an element and its descendants, in order. */
export function fullText(e: CheckedElement): string {
  return e.text;
}

/** A number tree's entries (key → value), following /Kids. */
function parentTreeEntries(node: Json, deref: (v: unknown) => Json): Map<number, unknown> {
  const out = new Map<number, unknown>();
  const visit = (n: Json) => {
    const nums = n['/Nums'] as unknown[] | undefined;
    if (nums) for (let i = 0; i + 1 < nums.length; i += 2) out.set(nums[i] as number, nums[i + 1]);
    for (const kid of (n['/Kids'] as unknown[] | undefined) ?? []) visit(deref(kid));
  };
  visit(node);
  return out;
}

/** A PDF ratsdoc set (not an Anlage copied beside its Vorlage: `vorlagen/117-2024/anlage-1-….pdf`). */
export const setByRatsdoc = (name: string): boolean => name.endsWith('.pdf') && !/^vorlagen\/[^/]+\/anlage-\d+/.test(name);

/** Checks every PDF ratsdoc set among a build's files (`vorlagen/x.pdf` → its report). */
export async function checkEveryPdf(files: Map<string, Buffer | string>, include = setByRatsdoc): Promise<Map<string, TagReport>> {
  const reports = new Map<string, TagReport>();
  for (const [name, data] of files) if (include(name)) reports.set(name, await checkTaggedPdf(data as Buffer));
  return reports;
}
