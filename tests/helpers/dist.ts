/**
 * The CLI runs from dist/; tests that spawn it compile first when dist/ is missing or older
 * than src/ (`npm test` compiles anyway; this covers `vitest` run on its own).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(ROOT, 'bin/ratsdoc.js');
const CLI_JS = path.join(ROOT, 'dist/src/cli.js');
const WORKER_JS = path.join(ROOT, 'dist/src/render/worker.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Compiles dist/ when it is missing or older than src/. */
export function ensureDist(): void {
  const stale = !existsSync(CLI_JS) || !existsSync(WORKER_JS) || newestMtime(path.join(ROOT, 'src')) > statSync(CLI_JS).mtimeMs;
  if (stale) spawnSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: ROOT, encoding: 'utf8' });
  if (!existsSync(CLI_JS)) throw new Error('dist/src/cli.js fehlt: tsc ist gescheitert');
}
