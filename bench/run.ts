/**
 * `npm run bench`: generates content folders at 1×, 10× and 50× the example and measures
 * start-up, cold check, cold build (wall and peak memory, as a user runs them), each phase,
 * pages per second and the floor (pdfmake alone on the same document definitions).
 * Prints a table and writes bench/results.json. Figures, not assertions.
 *
 * Options: --scales 1,10,50  --runs 3  --quick (without the tagged-PDF check and the
 * in-process phases, whose pdfmake-alone floor renders everything once more)
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
for (const scale of scales) {
  const content = path.join(tmp, `content-${scale}x`);
  await generateScaledContent(scale, content, { vorlagenPerCopy: scale === 1 ? 1 : 5 });
  const n = scale >= 50 ? 1 : runs;
  const startup = median(Array.from({ length: 7 }, () => timed([CLI, '--version']).ms));
  const checks = Array.from({ length: n }, () => timed([CLI, 'check', '--content', content]));
  const check = median(checks.map((c) => c.ms));
  const templates = ['--templates', path.join(ROOT, 'templates')];
  const buildArgs = (out: string, ...extra: string[]) => [CLI, 'build', '--content', content, '--out', path.join(tmp, out), ...templates, ...extra];
  const builds = Array.from({ length: n }, (_, i) => {
    const r = timed(buildArgs(`out-${scale}-${i}`, '--no-cache'), tmp);
    if (r.status !== 0) throw new Error(`build failed at ${scale}×`);
    return r;
  });
  const oneJob = timed(buildArgs(`out-${scale}-one`, '--no-cache', '--jobs', '1'), tmp);
  // Incremental: warm the cache, then edit one Vorlage, then one measure.
  timed(buildArgs(`out-${scale}-warm`), tmp);
  const vorlage = path.join(content, 'vorlagen/11-1481.md');
  await fs.writeFile(vorlage, (await fs.readFile(vorlage, 'utf8')).replace('Ziel ist es,', 'Ziel ist es ausdrücklich,'));
  const rebuildVorlage = timed(buildArgs(`out-${scale}-warm`), tmp);
  const hf = path.join(content, 'konzept/hf-miteinander.yaml');
  await fs.writeFile(hf, (await fs.readFile(hf, 'utf8')).replace('titel: Interkulturelles Stadtteilfest', 'titel: Großes Interkulturelles Stadtteilfest'));
  const rebuildMassnahme = timed(buildArgs(`out-${scale}-warm`), tmp);
  await fs.rm(path.join(tmp, '.ratsdoc-cache'), { recursive: true, force: true });
  const pdfBytes = await pdfBytesIn(path.join(tmp, `out-${scale}-0`));
  const tagged = scale >= 10 && !quick ? tagCheck(path.join(tmp, `out-${scale}-0`)) : undefined;
  const phases = quick
    ? { load: NaN, validate: NaN, tree: NaN, html: NaN, pdf: NaN, floor: NaN, maxRssMb: NaN, ...countsOf(builds[0].stdout) }
    : JSON.parse(timed([path.join(ROOT, 'dist/bench/phases.js'), content]).stdout) as ScaleResult['phases'] & { documents: number; pages: number };
  const buildMs = median(builds.map((b) => b.ms));
  results.push({
    scale,
    documents: phases.documents,
    pages: phases.pages,
    startupMs: startup,
    checkMs: check,
    buildMs,
    buildRssMb: Math.max(...builds.map((b) => b.rssMb)),
    buildOneJobMs: oneJob.ms,
    rebuildVorlageMs: rebuildVorlage.ms,
    rebuildMassnahmeMs: rebuildMassnahme.ms,
    cpu: { buildMs: median(builds.map((b) => b.cpuMs)), oneJobMs: oneJob.cpuMs, rebuildVorlageMs: rebuildVorlage.cpuMs, rebuildMassnahmeMs: rebuildMassnahme.cpuMs, checkMs: median(checks.map((c) => c.cpuMs)) },
    oneJobRssMb: oneJob.rssMb,
    phases,
    pagesPerSecond: phases.pages / (buildMs / 1000),
    // The pipeline's overhead: the whole single-threaded build against pdfmake alone.
    overheadOverFloor: oneJob.ms / phases.floor,
    pdfBytes,
    ...(tagged ? { tagCheck: tagged } : {}),
  });
  await fs.rm(content, { recursive: true, force: true });
  // Save after every scale: a 50× run takes minutes, and what was measured must not be lost.
  await report(results);
}
await fs.rm(tmp, { recursive: true, force: true });

/** Prints the table and writes bench/results.json. */
async function report(list: ScaleResult[]): Promise<void> {
  const f = (v: number, d = 0) => v.toFixed(d);
  const rows = [
    ['Umfang', 'Dok.', 'Seiten', 'Start', 'check', 'build', '1 Thread', 'RSS MB', 'neu: Vorlage', 'neu: Maßnahme', 'laden', 'prüfen', 'Baum', 'HTML', 'PDF', 'pdfmake allein', 'Seiten/s', '1 Thread/pdfmake'],
    ...list.map((r) => [`${r.scale}×`, f(r.documents), f(r.pages), f(r.startupMs), f(r.checkMs), f(r.buildMs), f(r.buildOneJobMs), f(r.buildRssMb), f(r.rebuildVorlageMs), f(r.rebuildMassnahmeMs), f(r.phases.load), f(r.phases.validate), f(r.phases.tree), f(r.phases.html), f(r.phases.pdf), f(r.phases.floor), f(r.pagesPerSecond, 1), f(r.overheadOverFloor, 2)]),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  console.log('Zeiten in ms (Median). „pdfmake allein“: dieselben Dokumentdefinitionen ohne ratsdoc, ein Thread; „1 Thread/pdfmake“: Mehraufwand der ganzen Kette gegenüber pdfmake allein.');
  for (const r of rows) console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
  for (const r of list) {
    console.log(`${r.scale}×: CPU (user+system, alle Threads): build ${f(r.cpu.buildMs)} ms, 1 Thread ${f(r.cpu.oneJobMs)} ms, neu: Vorlage ${f(r.cpu.rebuildVorlageMs)} ms, neu: Maßnahme ${f(r.cpu.rebuildMassnahmeMs)} ms, check ${f(r.cpu.checkMs)} ms; RSS 1 Thread ${f(r.oneJobRssMb)} MB`);
  }
  for (const r of list) {
    const check = r.tagCheck === undefined ? '' : r.tagCheck === 'not run' ? ', Tagged-PDF-Prüfung nicht gelaufen (vitest oder qpdf fehlt)'
      : `, Tagged-PDF-Prüfung: ${r.tagCheck.pdfs - r.tagCheck.failed} von ${r.tagCheck.pdfs} PDFs bestanden (${f(r.tagCheck.ms / 1000, 1)} s)`;
    console.log(`${r.scale}×: PDFs zusammen ${f(r.pdfBytes / 1e6, 1)} MB${check}`);
  }
  const out = { date: new Date().toISOString().slice(0, 10), node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, results: list };
  await fs.writeFile(path.join(ROOT, 'bench/results.json'), JSON.stringify(out, null, 2) + '\n');
  console.log(`\nbench/results.json geschrieben (${out.date}, ${out.cpus} Kerne).\n`);
}
