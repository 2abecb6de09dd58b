/**
 * `check` loads only what checking needs: no renderer, no PDF or Word library, no fonts
 * (issue 19, point 5: their loading alone cost `check` about as much CPU as the check).
 * The CLI runs with a module hook that lists every module it loads.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BIN, ensureDist } from '../helpers/dist.js';
import { FIXTURE_CONTENT, FIXTURE_TEMPLATES } from '../helpers/fixtures.js';

let hookDir: string;

beforeAll(async () => {
  ensureDist();
  hookDir = await fs.mkdtemp(path.join(os.tmpdir(), 'ratsdoc-modules-'));
  // The hook runs in Node's loader thread and posts each loaded URL to the main thread,
  // which prints the list on exit.
  await fs.writeFile(path.join(hookDir, 'hook.mjs'), [
    'let port;',
    'export function initialize(data) { port = data.port; }',
    'export async function load(url, context, next) { port.postMessage(url); return next(url, context); }',
  ].join('\n'));
  await fs.writeFile(path.join(hookDir, 'register.mjs'), [
    "import { register } from 'node:module';",
    "import { MessageChannel } from 'node:worker_threads';",
    'const { port1, port2 } = new MessageChannel();',
    'const urls = [];',
    "port1.on('message', (u) => urls.push(u));",
    'port1.unref();',
    `register(${JSON.stringify(pathToFileURL(path.join(hookDir, 'hook.mjs')).href)}, { data: { port: port2 }, transferList: [port2] });`,
    "process.on('exit', () => process.stderr.write('MODULES ' + JSON.stringify(urls) + '\\n'));",
  ].join('\n'));
});

function loadedBy(...args: string[]): { status: number | null; modules: string[] } {
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(path.join(hookDir, 'register.mjs')).href, BIN, ...args], { encoding: 'utf8' });
  const line = /^MODULES (.*)$/m.exec(r.stderr);
  expect(line, r.stderr).not.toBeNull();
  return { status: r.status, modules: JSON.parse(line![1]) as string[] };
}

const heavy = /node_modules\/(pdfmake|pdfkit|fontkit|pdf-lib|docx|hyphen|handlebars|@resvg|dejavu-fonts-ttf)\/|dist\/src\/render\//;

describe('check', () => {
  it('loads no renderer, PDF or Word library, font or hyphenation pattern', () => {
    const { status, modules } = loadedBy('check', '--content', FIXTURE_CONTENT, '--templates', FIXTURE_TEMPLATES);
    expect(status).toBe(0);
    // The hook sees the checker's own modules (so an empty list cannot pass).
    expect(modules.some((u) => u.endsWith('dist/src/model/rules.js'))).toBe(true);
    expect(modules.filter((u) => heavy.test(u))).toEqual([]);
  });

  it('build does load them (the pattern above names real modules)', () => {
    const out = path.join(hookDir, 'out');
    const { status, modules } = loadedBy('build', '--content', FIXTURE_CONTENT, '--templates', FIXTURE_TEMPLATES, '--out', out, '--no-cache', '--jobs', '1', '--formats', 'pdf', '--quiet');
    expect(status).toBe(0);
    expect(modules.some((u) => /node_modules\/pdfmake\//.test(u))).toBe(true);
  });
});
