/**
 * One benchmark run in its own process: times each pipeline phase on a content folder and
 * pdfmake alone on the same document definitions (the floor). Prints one JSON line.
 * Usage: node dist/bench/phases.js CONTENT_DIR
 */
import { loadContent } from '../src/content/load.js';
import { validateShapes } from '../src/model/validate.js';
import { runRules } from '../src/model/rules.js';
import { loadTemplates, resolveTemplatesDir } from '../src/theme/load.js';
import { buildDocuments } from '../src/document/build.js';
import { htmlRenderer } from '../src/render/html/renderer.js';
import { toDocDefinition, pdfFromDefinition } from '../src/render/pdf/render.js';
import { countPdfPages, pdfRenderer } from '../src/render/pdf/renderer.js';
import { assetsFor, readAssets } from '../src/pipeline/assets.js';

const content = process.argv[2];
const ms = (start: number) => performance.now() - start;

const t0 = performance.now();
const raw = await loadContent(content);
const load = ms(t0);

const t1 = performance.now();
const { model, diagnostics } = validateShapes(raw);
const rules = await runRules(model);
const validate = ms(t1);
if ([...diagnostics, ...rules.diagnostics].some((d) => d.severity === 'error')) throw new Error('benchmark content has errors');

const { templates } = await loadTemplates(resolveTemplatesDir());
if (!templates) throw new Error('templates do not load');

const t2 = performance.now();
const { trees } = buildDocuments(model, rules.index, templates.theme);
const tree = ms(t2);

const assets = await readAssets(trees, templates);
const t3 = performance.now();
for (const t of trees) htmlRenderer.render(t, templates.theme, assetsFor(t, assets));
const html = ms(t3);

const t4 = performance.now();
let pages = 0;
for (const t of trees) pages += countPdfPages((await pdfRenderer.render(t, templates.theme, assetsFor(t, assets))) as Uint8Array);
const pdf = ms(t4);

// The floor: pdfmake alone on the same definitions, built beforehand (pdfmake mutates them).
const definitions = trees.map((t) => toDocDefinition(t, templates.theme, assetsFor(t, assets)));
const t5 = performance.now();
for (const d of definitions) await pdfFromDefinition(d, assets);
const floor = ms(t5);

process.stdout.write(JSON.stringify({ documents: trees.length, pages, load, validate, tree, html, pdf, floor, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }) + '\n');
