/**
 * Watches folders (content and templates) with Node's own recursive `fs.watch` and reports
 * the changed files in batches: editors write a file in several steps (temp file, rename,
 * chmod), so events are collected until none came for `debounceMs`.
 */
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

/** A batch of changes: absolute paths, and which watched root they belong to. */
export interface ChangeBatch {
  files: Array<{ root: string; file: string }>;
}

/** Options of {@link watchFolders}. */
export interface WatchOptions {
  roots: string[];
  /** Absolute paths whose changes are ignored (the output folder, if it lies inside a root). */
  ignore: string[];
  debounceMs?: number;
  onChange: (batch: ChangeBatch) => void;
  onError: (root: string, err: Error) => void;
}

/** Names editors and tools write beside the real file; they never affect the output. */
export function isNoise(rel: string): boolean {
  const parts = rel.split(/[\\/]/);
  const name = parts[parts.length - 1] ?? '';
  if (parts.some((p) => p === '.git' || p === 'node_modules' || p.startsWith('.ratsdoc-'))) return true;
  if (parts.slice(0, -1).some((p) => p.startsWith('.'))) return true; // .vscode/, .idea/ …
  return (
    name === '' ||
    name === '4913' || // vim's write test
    name === '.DS_Store' ||
    name.endsWith('~') ||
    /\.(swp|swx|swo|tmp|bak|crswap)$/i.test(name) ||
    name.startsWith('.#') ||
    name.startsWith('~$') ||
    /^#.*#$/.test(name) ||
    /\.tmp\.\d+$/.test(name) ||
    /\.\d+\.tmp$/.test(name)
  );
}

/** A running watch; `close()` stops every watcher and the pending timer. */
export interface FolderWatch {
  close(): void;
}

/** Starts watching; roots that do not exist are skipped. */
export function watchFolders(opts: WatchOptions): FolderWatch {
  const debounceMs = opts.debounceMs ?? 80;
  const watchers: FSWatcher[] = [];
  let pending = new Map<string, { root: string; file: string }>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const flush = () => {
    timer = undefined;
    if (closed || pending.size === 0) return;
    const batch = { files: [...pending.values()] };
    pending = new Map();
    opts.onChange(batch);
  };

  const ignored = (abs: string) => opts.ignore.some((dir) => abs === dir || abs.startsWith(dir + path.sep));

  for (const root of opts.roots) {
    let watcher: FSWatcher;
    try {
      watcher = watch(root, { recursive: true, persistent: true }, (_event, filename) => {
        if (closed) return;
        const rel = filename ? filename.toString() : '';
        if (rel !== '' && isNoise(rel)) return;
        const abs = rel === '' ? root : path.join(root, rel);
        if (ignored(abs)) return;
        pending.set(abs, { root, file: abs });
        if (timer) clearTimeout(timer);
        timer = setTimeout(flush, debounceMs);
      });
    } catch (err) {
      opts.onError(root, err as Error);
      continue;
    }
    watcher.on('error', (err) => opts.onError(root, err));
    watchers.push(watcher);
  }

  return {
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      for (const w of watchers) w.close();
    },
  };
}
