/**
 * `npm run bench`: generates content folders at 1×, 10× and 50× the example and measures
 * start-up, cold check, cold build (wall and peak memory, as a user runs them), each phase,
 * pages per second and the floor (pdfmake alone on the same document definitions).
 * Prints a table and writes bench/results.json. Figures, not assertions.
 *
 * Options: --scales 1,10,50  --runs 3  --quick (without the tagged-PDF check and the
 * in-process phases, whose pdfmake-alone floor renders everything once more)
 *   --before REV  also measures the tree at git revision REV (checked out and installed in a
 *   temporary worktree) in the same run, on the same content, each measurement in turn
 *   --formats pdf,html  this tree's build formats (the --before tree builds its own defaults)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateScaledContent } from './generate.js';

const ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));
const CLI = path.join(ROOT, 'bin/ratsdoc.js');

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'bin/ratsdoc.js'))) return dir;
    if (path.dirname(dir) === dir) throw new Error('project root not found');
  }
}

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const scales = arg('scales', '1,10,50').split(',').map(Number);
const runs = Number(arg('runs', '3'));
const quick = args.includes('--quick');
/** A git revision to measure in the same run, before this tree (e.g. the commit an issue was filed against). */
const beforeRef = arg('before', '');
/**
 * Output formats of this tree's builds (`build --formats`), e.g. `pdf,html` to compare
 * like for like with a revision from before DOCX joined the build; the --before tree builds its defaults.
 */
const formats = arg('formats', '');

/** A ratsdoc to measure: its CLI and its own templates folder. */
interface Cli {
  /** Empty for this tree; the revision for the tree measured before it. */
  label: string;
  cli: string;
  templates: string;
  root?: string;
}

/**
 * Checks `ref` out into a git worktree under `tmp` and installs and compiles it there
 * (`npm ci`, whose prepare step runs tsc), so both trees are measured on the same content in
 * the same run.
 */
async function checkoutBefore(ref: string, tmp: string): Promise<Cli> {
  const root = path.join(tmp, 'before');
  const run = (cmd: string, argv: string[], cwd: string) => {
    const r = spawnSync(cmd, argv, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed:\n${r.stderr}`);
    return r.stdout.trim();
  };
  const commit = run('git', ['rev-parse', '--short', `${ref}^{commit}`], ROOT);
  run('git', ['worktree', 'add', '--detach', root, commit], ROOT);
  run('npm', ['ci', '--no-audit', '--no-fund'], root);
  return { label: commit, cli: path.join(root, 'bin/ratsdoc.js'), templates: path.join(root, 'templates'), root };
}

/** `times` results of `fn` for each tree, taken in turn (tree 1, tree 2, tree 1, …). */
function each<T>(clis: Cli[], times: number, fn: (c: Cli, i: number) => T): T[][] {
  const out: T[][] = clis.map(() => []);
  for (let i = 0; i < times; i++) clis.forEach((c, k) => out[k].push(fn(c, i)));
  return out;
}

function medianEach(clis: Cli[], times: number, fn: (c: Cli) => number): number[] {
  return each(clis, times, fn).map(median);
}

/** Folder name suffix of a tree's outputs and copies: none for this tree. */
const suffix = (c: Cli) => (c.label ? '-before' : '');

/** A timed command that must have succeeded: a failed run would be timed as a fast one. */
function succeeded<T extends { status: number | null }>(r: T, what: string, c: Cli): T {
  if (r.status !== 0) throw new Error(`${what} failed${c.label ? ` (${c.label})` : ''} (exit ${r.status})`);
  return r;
}

/** Replaces `from` in a file; throws when it is not there (the rebuild would time no edit at all). */
async function edit(file: string, from: string, to: string): Promise<void> {
  const text = await fs.readFile(file, 'utf8');
  if (!text.includes(from)) throw new Error(`${file}: „${from}“ not found; the bench's edit needs it`);
  await fs.writeFile(file, text.replace(from, to));
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** Runs a node script, returns wall time (ms), peak RSS (MB) and stdout. */
function timed(argv: string[], cwd = ROOT): { ms: number; rssMb: number; cpuMs: number; stdout: string; status: number | null } {
  // The child reports its own peak RSS and CPU time (user + system, all its threads) on exit,
  // so the figures are the command's alone; CPU time is what a shared machine disturbs least.
  const preload = `process.on('exit',()=>{const u=process.cpuUsage();process.stderr.write('RSS '+process.resourceUsage().maxRSS+' CPU '+Math.round((u.user+u.system)/1000)+'\\n')})`;
  const start = performance.now();
  const r = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(preload)}`, ...argv], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - start;
  const rss = /RSS (\d+) CPU (\d+)/.exec(r.stderr);
  return { ms, rssMb: rss ? Math.round(Number(rss[1]) / 1024) : NaN, cpuMs: rss ? Number(rss[2]) : NaN, stdout: r.stdout, status: r.status };
}

interface ScaleResult {
  scale: number;
  /** `jetzt` for this tree, else the revision given with --before. */
  tree: string;
  documents: number;
  pages: number;
  startupMs: number;
  checkMs: number;
  buildMs: number;
  buildRssMb: number;
  /** Build with one worker (no parallelism), for comparison. */
  buildOneJobMs: number;
  /** Rebuild with a warm cache after editing one Vorlage / one measure. */
  rebuildVorlageMs: number;
  rebuildMassnahmeMs: number;
  /** CPU time (user + system, all threads) of the cold build, the one-thread build and the rebuilds. */
  cpu: { buildMs: number; oneJobMs: number; rebuildVorlageMs: number; rebuildMassnahmeMs: number; checkMs: number };
  /** Peak RSS of the one-thread build. */
  oneJobRssMb: number;
  phases: { load: number; validate: number; tree: number; html: number; pdf: number; floor: number; maxRssMb: number };
  pagesPerSecond: number;
  overheadOverFloor: number;
  /** Bytes of all PDFs of the first cold build. */
  pdfBytes: number;
  /** The tagged-PDF checker of the test suite on every PDF of that build (10× and up). */
  tagCheck?: { pdfs: number; failed: number; ms: number } | 'not run';
}

/** Sum of the sizes of the PDFs under `dir`. */
async function pdfBytesIn(dir: string): Promise<number> {
  const names = (await fs.readdir(dir, { recursive: true })).filter((f) => f.endsWith('.pdf'));
  const sizes = await Promise.all(names.map(async (f) => (await fs.stat(path.join(dir, f))).size));
  return sizes.reduce((a, b) => a + b, 0);
}

/**
 * Runs the suite's tagged-PDF checker (tests/bench/tagged-folder.test.ts, through vitest:
 * the checker is test code) on a build folder; `not run` without vitest or qpdf.
 */
function tagCheck(dir: string): ScaleResult['tagCheck'] {
  const vitest = path.join(ROOT, 'node_modules/vitest/vitest.mjs');
  if (!existsSync(vitest)) return 'not run';
  const r = spawnSync(process.execPath, [vitest, 'run', 'tests/bench/tagged-folder.test.ts'], {
    cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, RATSDOC_TAGCHECK_DIR: dir },
  });
  const line = /TAGCHECK (\{.*\})/.exec(r.stdout);
  if (!line) return 'not run';
  if (r.status !== 0) console.error(r.stdout.slice(-3000));
  return JSON.parse(line[1]) as { pdfs: number; failed: number; ms: number };
}

/** Documents and pages from build's summary line („201 Dokumente (1.740 Seiten) …“). */
function countsOf(stdout: string): { documents: number; pages: number } {
  const m = /(\d[\d.]*) Dokumente \((\d[\d.]*) Seiten\)/.exec(stdout);
  return { documents: m ? Number(m[1].replace(/\./g, '')) : NaN, pages: m ? Number(m[2].replace(/\./g, '')) : NaN };
}

const results: ScaleResult[] = [];
const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'ratsdoc-bench-'));
const before = beforeRef ? await checkoutBefore(beforeRef, tmp) : undefined;
const here: Cli = { label: '', cli: CLI, templates: path.join(ROOT, 'templates') };
for (const scale of scales) {
  const content = path.join(tmp, `content-${scale}x`);
  await generateScaledContent(scale, content, { vorlagenPerCopy: scale === 1 ? 1 : 5 });
  const n = scale >= 50 ? 1 : runs;
  const clis = before ? [before, here] : [here];
  // Every measurement is taken for each tree in turn, so a machine getting busier or quieter
  // during the run affects both alike.
  const startup = medianEach(clis, 7, (c) => timed([c.cli, '--version']).ms);
  // Each tree checks with its own templates: another tree's form may not be valid for it, and
  // a check that stops at the form would be timed as a fast one.
  const checks = each(clis, n, (c) => succeeded(timed([c.cli, 'check', '--content', content, '--templates', c.templates]), `check at ${scale}×`, c));
  const buildArgs = (c: Cli, out: string, dir: string, ...extra: string[]) => [c.cli, 'build', '--content', dir, '--out', path.join(tmp, `${out}${suffix(c)}`), '--templates', c.templates, ...(formats && !c.label ? ['--formats', formats] : []), ...extra];
  const builds = each(clis, n, (c, i) => succeeded(timed(buildArgs(c, `out-${scale}-${i}`, content, '--no-cache'), tmp), `build at ${scale}×`, c));
  const oneJob = each(clis, 1, (c) => succeeded(timed(buildArgs(c, `out-${scale}-one`, content, '--no-cache', '--jobs', '1'), tmp), `build --jobs 1 at ${scale}×`, c)).map((r) => r[0]);
  // Incremental, each tree on its own copy of the content with its own cache: warm the
  // cache, then edit one Vorlage, then one measure.
  const rebuilds = [];
  for (const c of clis) {
    const dir = path.join(tmp, `content-${scale}x-edit${suffix(c)}`);
    await fs.cp(content, dir, { recursive: true });
    const cwd = path.join(tmp, `cache${suffix(c)}`);
    await fs.mkdir(cwd, { recursive: true });
    const warm = () => succeeded(timed(buildArgs(c, `out-${scale}-warm`, dir), cwd), `build with the cache at ${scale}×`, c);
    warm();
    await edit(path.join(dir, 'vorlagen/11-1481.md'), 'Ziel ist es,', 'Ziel ist es ausdrücklich,');
    const vorlageEdit = warm();
    await edit(path.join(dir, 'konzept/hf-miteinander.yaml'), 'titel: Interkulturelles Stadtteilfest', 'titel: Großes Interkulturelles Stadtteilfest');
    const massnahmeEdit = warm();
    rebuilds.push({ vorlageEdit, massnahmeEdit });
    await fs.rm(cwd, { recursive: true, force: true });
    await fs.rm(dir, { recursive: true, force: true });
  }
  for (const [k, c] of clis.entries()) {
    const out = path.join(tmp, `out-${scale}-0${suffix(c)}`);
    const pdfBytes = await pdfBytesIn(out);
    const tagged = scale >= 10 && !quick && !c.label ? tagCheck(out) : undefined;
    const phases = quick || c.label
      ? { load: NaN, validate: NaN, tree: NaN, html: NaN, pdf: NaN, floor: NaN, maxRssMb: NaN, ...countsOf(builds[k][0].stdout) }
      : JSON.parse(timed([path.join(ROOT, 'dist/bench/phases.js'), content]).stdout) as ScaleResult['phases'] & { documents: number; pages: number };
    const buildMs = median(builds[k].map((b) => b.ms));
    results.push({
      scale,
      tree: c.label || 'jetzt',
      documents: phases.documents,
      pages: phases.pages,
      startupMs: startup[k],
      checkMs: median(checks[k].map((x) => x.ms)),
      buildMs,
      buildRssMb: Math.max(...builds[k].map((b) => b.rssMb)),
      buildOneJobMs: oneJob[k].ms,
      rebuildVorlageMs: rebuilds[k].vorlageEdit.ms,
      rebuildMassnahmeMs: rebuilds[k].massnahmeEdit.ms,
      cpu: {
        buildMs: median(builds[k].map((b) => b.cpuMs)), oneJobMs: oneJob[k].cpuMs, rebuildVorlageMs: rebuilds[k].vorlageEdit.cpuMs,
        rebuildMassnahmeMs: rebuilds[k].massnahmeEdit.cpuMs, checkMs: median(checks[k].map((x) => x.cpuMs)),
      },
      oneJobRssMb: oneJob[k].rssMb,
      phases,
      pagesPerSecond: phases.pages / (buildMs / 1000),
      // The pipeline's overhead: the whole single-threaded build against pdfmake alone.
      overheadOverFloor: oneJob[k].ms / phases.floor,
      pdfBytes,
      ...(tagged ? { tagCheck: tagged } : {}),
    });
  }
  await fs.rm(content, { recursive: true, force: true });
  // Save after every scale: a 50× run takes minutes, and what was measured must not be lost.
  await report(results);
}
if (before?.root) spawnSync('git', ['worktree', 'remove', '--force', before.root], { cwd: ROOT });
await fs.rm(tmp, { recursive: true, force: true });

/** Prints the table and writes bench/results.json. */
async function report(list: ScaleResult[]): Promise<void> {
  const f = (v: number, d = 0) => v.toFixed(d);
  const name = (r: ScaleResult) => `${r.scale}×${r.tree === 'jetzt' ? '' : ` (vorher: ${r.tree})`}`;
  const rows = [
    ['Umfang', 'Dok.', 'Seiten', 'Start', 'check', 'build', '1 Thread', 'RSS MB', 'neu: Vorlage', 'neu: Maßnahme', 'laden', 'prüfen', 'Baum', 'HTML', 'PDF', 'pdfmake allein', 'Seiten/s', '1 Thread/pdfmake'],
    ...list.map((r) => [name(r), f(r.documents), f(r.pages), f(r.startupMs), f(r.checkMs), f(r.buildMs), f(r.buildOneJobMs), f(r.buildRssMb), f(r.rebuildVorlageMs), f(r.rebuildMassnahmeMs), f(r.phases.load), f(r.phases.validate), f(r.phases.tree), f(r.phases.html), f(r.phases.pdf), f(r.phases.floor), f(r.pagesPerSecond, 1), f(r.overheadOverFloor, 2)]),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  console.log('Zeiten in ms (Median). „pdfmake allein“: dieselben Dokumentdefinitionen ohne ratsdoc, ein Thread; „1 Thread/pdfmake“: Mehraufwand der ganzen Kette gegenüber pdfmake allein.');
  for (const r of rows) console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
  for (const r of list) {
    console.log(`${name(r)}: CPU (user+system, alle Threads): build ${f(r.cpu.buildMs)} ms, 1 Thread ${f(r.cpu.oneJobMs)} ms, neu: Vorlage ${f(r.cpu.rebuildVorlageMs)} ms, neu: Maßnahme ${f(r.cpu.rebuildMassnahmeMs)} ms, check ${f(r.cpu.checkMs)} ms; RSS 1 Thread ${f(r.oneJobRssMb)} MB`);
  }
  for (const r of list) {
    const check = r.tagCheck === undefined ? '' : r.tagCheck === 'not run' ? ', Tagged-PDF-Prüfung nicht gelaufen (vitest oder qpdf fehlt)'
      : `, Tagged-PDF-Prüfung: ${r.tagCheck.pdfs - r.tagCheck.failed} von ${r.tagCheck.pdfs} PDFs bestanden (${f(r.tagCheck.ms / 1000, 1)} s)`;
    console.log(`${name(r)}: PDFs zusammen ${f(r.pdfBytes / 1e6, 1)} MB${check}`);
  }
  for (const r of list.filter((x) => x.tree === 'jetzt')) {
    const b = list.find((x) => x.scale === r.scale && x.tree !== 'jetzt');
    if (!b) continue;
    const q = (now: number, then: number) => (now / then).toFixed(2).replace('.', ',');
    console.log(`${r.scale}×: jetzt/vorher (${b.tree}): build ${q(r.buildMs, b.buildMs)} (CPU ${q(r.cpu.buildMs, b.cpu.buildMs)}), 1 Thread ${q(r.buildOneJobMs, b.buildOneJobMs)}, RSS 1 Thread ${q(r.oneJobRssMb, b.oneJobRssMb)}, neu: Vorlage ${q(r.rebuildVorlageMs, b.rebuildVorlageMs)}, neu: Maßnahme ${q(r.rebuildMassnahmeMs, b.rebuildMassnahmeMs)}, check ${q(r.checkMs, b.checkMs)}; neu: Vorlage = ${(100 * r.rebuildVorlageMs / r.buildMs).toFixed(0)} % des kalten build`);
  }
  const out = { date: new Date().toISOString().slice(0, 10), node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, results: list };
  await fs.writeFile(path.join(ROOT, 'bench/results.json'), JSON.stringify(out, null, 2) + '\n');
  console.log(`\nbench/results.json geschrieben (${out.date}, ${out.cpus} Kerne).\n`);
}
