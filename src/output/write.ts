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

/** How long a build waits for another build of the same `out/` before giving up. */
const LOCK_TIMEOUT_MS = 10 * 60 * 1000;

/** Another build holds the lock on `out/` for too long. */
export class OutputLocked extends Error {}

/**
 * Writes `files` as the new content of `outDir`, atomically per folder rename. Two builds of
 * the same `out/` take turns through a lock file beside it, so their swaps cannot interleave.
 */
export async function writeOutput(outDir: string, files: OutputFiles): Promise<void> {
  const abs = path.resolve(outDir);
  const parent = path.dirname(abs);
  const base = path.basename(abs);
  await fs.mkdir(parent, { recursive: true });
  const release = await acquireLock(path.join(parent, `${LOCK_PREFIX}${base}`));
  try {
    await swapIn(abs, parent, base, files);
  } finally {
    await release();
  }
}

const LOCK_PREFIX = '.ratsdoc-lock-';

/**
 * Takes the lock: the lock file appears with its content at once (written beside it, then
 * hard-linked into place, which fails if the lock exists), so nobody ever reads a half-written
 * lock. Waits while a live build holds it; takes over the lock of a build that died.
 */
async function acquireLock(lockFile: string): Promise<() => Promise<void>> {
  const started = Date.now();
  const mine = `${lockFile}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  await fs.writeFile(mine, String(process.pid));
  try {
    for (let delay = 20; ; delay = Math.min(delay * 2, 500)) {
      try {
        await fs.link(mine, lockFile);
        return () => fs.rm(lockFile, { force: true });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const holder = Number(await fs.readFile(lockFile, 'utf8').catch(() => ''));
      if (holder && !processAlive(holder)) {
        // The holder died (a killed build): its lock is stale.
        await fs.rm(lockFile, { force: true });
        continue;
      }
      if (Date.now() - started > LOCK_TIMEOUT_MS) throw new OutputLocked(`ein anderer Lauf (Prozess ${holder}) schreibt seit über 10 Minuten in diesen Ausgabeordner`);
      await new Promise((r) => setTimeout(r, delay));
    }
  } finally {
    await fs.rm(mine, { force: true });
  }
}

async function swapIn(abs: string, parent: string, base: string, files: OutputFiles): Promise<void> {
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

/** Removes temporary folders and lock candidates left behind by builds of `base` that were killed. */
async function removeStale(parent: string, base: string): Promise<void> {
  const entries = await fs.readdir(parent).catch(() => [] as string[]);
  for (const name of entries) {
    // Temporary and old output folders (`…-PID-time`) and lock candidates (`…lock-out.PID.rand`).
    const m = new RegExp(`^(?:(?:${TMP_PREFIX}|${OLD_PREFIX})${escapeRe(base)}-|${LOCK_PREFIX}${escapeRe(base)}\\.)(\\d+)[-.]`).exec(name);
    if (!m || processAlive(Number(m[1]))) continue;
    await fs.rm(path.join(parent, name), { recursive: true, force: true }).catch(() => undefined);
  }
}

/** Whether a process lives; this process counts as alive (its writers take turns too). */
function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
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
