/**
 * Writes a build into a fresh temporary folder beside `out/` and swaps it in only when
 * everything was written, so a failed or interrupted build leaves the previous `out/` as it
 * was. Stray temporary folders of killed builds are removed by the next build.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** Files of one build: path below out/ → bytes or text. */
export type OutputFiles = Map<string, Buffer | string>;

const TMP_PREFIX = '.ratsdoc-tmp-';
const OLD_PREFIX = '.ratsdoc-old-';

/** Writes `files` as the new content of `outDir`, atomically per folder rename. */
export async function writeOutput(outDir: string, files: OutputFiles): Promise<void> {
  const abs = path.resolve(outDir);
  const parent = path.dirname(abs);
  const base = path.basename(abs);
  await fs.mkdir(parent, { recursive: true });
  await removeStale(parent, base);
  const tmp = path.join(parent, `${TMP_PREFIX}${base}-${process.pid}-${Date.now()}`);
  await fs.mkdir(tmp);
  try {
    const dirs = new Set([...files.keys()].map((f) => path.dirname(path.join(tmp, f))));
    for (const d of [...dirs].sort()) await fs.mkdir(d, { recursive: true });
    await Promise.all([...files.entries()].map(([rel, data]) => fs.writeFile(path.join(tmp, rel), data)));
    const old = path.join(parent, `${OLD_PREFIX}${base}-${process.pid}-${Date.now()}`);
    const hadOut = await fs.stat(abs).then((s) => s.isDirectory(), () => false);
    if (hadOut) await fs.rename(abs, old);
    try {
      await fs.rename(tmp, abs);
    } catch (err) {
      if (hadOut) await fs.rename(old, abs).catch(() => undefined);
      throw err;
    }
    if (hadOut) await fs.rm(old, { recursive: true, force: true });
  } catch (err) {
    await fs.rm(tmp, { recursive: true, force: true }).catch(() => undefined);
    throw err;
  }
}

/** Removes temporary folders left behind by builds of `base` that were killed. */
async function removeStale(parent: string, base: string): Promise<void> {
  const entries = await fs.readdir(parent).catch(() => [] as string[]);
  for (const name of entries) {
    const m = new RegExp(`^(?:${TMP_PREFIX}|${OLD_PREFIX})${escapeRe(base)}-(\\d+)-`).exec(name);
    if (!m || processAlive(Number(m[1]))) continue;
    await fs.rm(path.join(parent, name), { recursive: true, force: true }).catch(() => undefined);
  }
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
