/**
 * `ratsdoc serve`: a preview with automatic reload for the people who write the content.
 *
 * Builds like `build`, but with a small live-reload script in every HTML page, and serves the
 * result from memory on 127.0.0.1 (never on other interfaces). The same files are written to
 * the output folder after every complete rebuild, so the PDFs can be opened from there too;
 * because of the script, that folder is a preview, not publishable output – `build` writes it
 * without the script. Watches the content folder and templates/, rebuilds on every save and
 * reloads the open pages; content errors show as an overlay in the page. Ctrl+C ends it.
 */
import { existsSync, promises as fs } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ContentFolderMissing } from '../content/load.js';
import type { Renderer } from '../render/renderer.js';
import { resolveTemplatesDir } from '../theme/load.js';
import { liveReloadSnippet } from '../serve/client.js';
import { EventHub } from '../serve/events.js';
import { createHandler } from '../serve/http.js';
import { RenderCache } from '../serve/render-cache.js';
import { PreviewSession, affectsPdfAssets, seconds } from '../serve/session.js';
import { watchFolders, type ChangeBatch } from '../serve/watch.js';

/** Options of `serve`. */
export interface ServeOptions {
  content: string;
  out: string;
  templates?: string;
  /** The formats to make (`--formats`; default: every renderer of the list). */
  renderers?: readonly Renderer[];
  /** 0 = any free port (the one chosen is printed). */
  port: number;
  /** Resolves to end the preview; defaults to Ctrl+C (SIGINT) or SIGTERM. */
  until?: Promise<unknown>;
}

/** The only address the preview listens on. */
export const HOST = '127.0.0.1';
export const DEFAULT_PORT = 4321;

/** `ratsdoc serve`; resolves with the exit code when the preview ends. */
export async function serve(opts: ServeOptions): Promise<number> {
  const started = performance.now();
  const contentAbs = path.resolve(opts.content);
  const stat = await fs.stat(contentAbs).catch(() => null);
  if (!stat || !stat.isDirectory()) throw new ContentFolderMissing(`Inhaltsordner „${opts.content}“ nicht gefunden`);
  const templatesDir = resolveTemplatesDir(opts.templates);
  const outAbs = path.resolve(opts.out);
  if (contentAbs === outAbs || contentAbs.startsWith(outAbs + path.sep)) {
    process.stderr.write(`ratsdoc: Der Ausgabeordner „${opts.out}“ darf den Inhaltsordner nicht enthalten.\n`);
    return 2;
  }

  const pdfs = new RenderCache();
  pdfs.warmUp();
  const snippet = liveReloadSnippet();
  let session: PreviewSession | undefined;
  const hub = new EventHub(() => session?.initialEvents() ?? []);
  session = new PreviewSession(
    {
      content: opts.content,
      out: opts.out,
      ...(opts.templates ? { templates: opts.templates } : {}),
      ...(opts.renderers ? { renderers: opts.renderers } : {}),
      snippet,
      log: (line) => process.stdout.write(line + '\n'),
      warn: (text) => process.stderr.write(text),
    },
    hub,
    pdfs,
  );
  const current = session;

  let port = opts.port;
  const server = createServer(createHandler(() => current.site(), hub, () => port));
  try {
    await listen(server, opts.port);
  } catch (err) {
    await pdfs.close();
    hub.close();
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'EADDRINUSE' ? 'ist schon belegt' : code === 'EACCES' ? 'darf nicht benutzt werden' : `lässt sich nicht öffnen (${code ?? String(err)})`;
    process.stderr.write(`ratsdoc: Port ${opts.port} ${why}. Anderen Port wählen, z. B. --port ${opts.port === DEFAULT_PORT ? DEFAULT_PORT + 1 : DEFAULT_PORT}, oder --port 0 für einen freien.\n`);
    return 2;
  }
  port = (server.address() as AddressInfo).port;

  // Ctrl+C from here on ends the preview cleanly.
  let stopRequested!: () => void;
  let stopping = false;
  const stopped = new Promise<void>((resolve) => (stopRequested = resolve));
  const onSignal = () => {
    stopping = true;
    stopRequested();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  void opts.until?.then(onSignal, onSignal);

  try {
    await current.rebuild('Start');
  } catch (err) {
    await shutdown(server, hub, pdfs, current);
    throw err;
  }
  const url = `http://${HOST}:${port}/`;
  if (!stopping) {
    process.stdout.write(`Vorschau: ${url}\n`);
    process.stdout.write(
      `Beobachtet „${opts.content}“ und „${path.relative(process.cwd(), templatesDir) || '.'}“; jede gespeicherte Änderung erscheint sofort. ` +
        `Ausgabe mit Neulade-Skript in „${opts.out}“ (zum Veröffentlichen „npx ratsdoc build“). Beenden mit Strg+C.\n`,
    );
  }

  const watcher = watchFolders({
    roots: [...new Set([contentAbs, templatesDir])],
    ignore: [outAbs],
    onChange: (batch) => void current.rebuild(describe(batch, contentAbs, opts.content), batch.files.some((f) => affectsPdfAssets(f.root, f.file, templatesDir))).catch(() => undefined),
    onError: (root, err) => process.stderr.write(`ratsdoc: Ordner „${path.relative(process.cwd(), root) || root}“ wird nicht mehr beobachtet (${(err as NodeJS.ErrnoException).code ?? err.message}). Bitte die Vorschau neu starten.\n`),
  });

  await stopped;
  process.removeListener('SIGINT', onSignal);
  process.removeListener('SIGTERM', onSignal);
  watcher.close();
  await shutdown(server, hub, pdfs, current);
  process.stdout.write(`Vorschau beendet (lief ${seconds(performance.now() - started)}).\n`);
  return 0;
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.once('error', onError);
    server.listen({ port, host: HOST, exclusive: true }, () => {
      server.removeListener('error', onError);
      resolve();
    });
  });
}

async function shutdown(server: Server, hub: EventHub, pdfs: RenderCache, session: PreviewSession): Promise<void> {
  const writing = session.close();
  hub.close();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await Promise.all([closed, pdfs.close(), writing]);
}

/**
 * `content/konzept/kapitel/einleitung.md geändert` (+ how many more): content files as the
 * user named the folder, others relative to the working folder. Files that exist come first
 * (an editor's temporary files are gone by now).
 */
function describe(batch: ChangeBatch, contentAbs: string, contentGiven: string): string {
  const shown = (file: string) =>
    file.startsWith(contentAbs + path.sep) ? path.posix.join(contentGiven.split(path.sep).join('/'), path.relative(contentAbs, file).split(path.sep).join('/')) : path.relative(process.cwd(), file) || file;
  const files = [...batch.files].sort((a, b) => Number(existsSync(b.file)) - Number(existsSync(a.file)));
  const first = shown(files[0].file);
  return files.length === 1 ? `${first} geändert` : `${first} und ${files.length - 1} weitere geändert`;
}
