/**
 * The HTTP side of `ratsdoc serve`: answers GET and HEAD from the files of the last good build
 * held in memory (the same bytes that are written to the output folder). No request ever
 * touches the file system, so nothing outside the output can be served; paths with `.` or
 * `..` segments (also percent-encoded), backslashes or NUL are refused all the same, and
 * there are no directory listings. The `Host` header must name the loopback address, which
 * keeps web pages on other sites from reading the preview through DNS rebinding.
 */
import { createHash } from 'node:crypto';
import { escapeMarkup } from '../format/escape.js';
import { RENDERERS } from '../render/renderers.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { EVENTS_PATH } from './client.js';
import type { EventHub } from './events.js';

/** One file as served. */
export interface ServedFile {
  data: Buffer;
  type: string;
  etag: string;
}

/** What the handler needs from the preview session. */
export interface SiteState {
  /** Path below the output folder (`vorlagen/11-1481.html`) → file. */
  files: ReadonlyMap<string, ServedFile>;
  /** True once a build succeeded. */
  ready: boolean;
  /** PDF and DOCX files being rendered right now (paths below the output folder). */
  pendingPdfs: ReadonlySet<string>;
  /** The live-reload snippet for the pages the server makes itself. */
  snippet: string;
}

/** Media types by extension: every output format's own, then the other files a preview may hold. */
const TYPES: Record<string, string> = {
  ...Object.fromEntries(RENDERERS.map((r) => [r.extension, r.mediaType])),
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.txt': 'text/plain; charset=utf-8',
};

/** The content type of an output path. */
export function contentType(rel: string): string {
  const dot = rel.lastIndexOf('.');
  return (dot >= 0 && TYPES[rel.slice(dot).toLowerCase()]) || 'application/octet-stream';
}

/** A served file from bytes or text. */
export function servedFile(rel: string, data: Buffer | string): ServedFile {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return { data: bytes, type: contentType(rel), etag: `"${createHash('sha1').update(bytes).digest('base64url')}"` };
}

/**
 * The output path a request asks for, or an error status. `raw` is the request target as
 * sent (`/vorlagen/11-1481.html?x`); the result has no leading slash, `index.html` for folders.
 */
export function resolveRequestPath(raw: string): { rel: string } | { status: 400 | 403 } {
  if (!raw.startsWith('/') || raw.startsWith('//')) return { status: 400 };
  const pathname = raw.split(/[?#]/, 1)[0];
  const segments = pathname.split('/').slice(1);
  const decoded: string[] = [];
  for (const segment of segments) {
    let d: string;
    try {
      d = decodeURIComponent(segment);
    } catch {
      return { status: 400 };
    }
    if (d === '.' || d === '..' || d.includes('/') || d.includes('\\') || d.includes('\0')) return { status: 403 };
    decoded.push(d);
  }
  let rel = decoded.join('/');
  if (rel === '' || rel.endsWith('/')) rel += 'index.html';
  return { rel };
}

/** Host names the preview answers to. */
function hostAllowed(host: string | undefined, port: number): boolean {
  if (host === undefined) return true; // HTTP/1.0 without Host: no browser, no rebinding
  return host === `127.0.0.1:${port}` || host === `localhost:${port}` || (port === 80 && (host === '127.0.0.1' || host === 'localhost'));
}

/** Makes the request handler. `port()` is the port actually listened on. */
export function createHandler(state: () => SiteState, hub: EventHub, port: () => number) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const site = state();
    const head = req.method === 'HEAD';
    if (req.method !== 'GET' && !head) {
      return plain(res, 405, 'Nur GET und HEAD sind erlaubt.', { Allow: 'GET, HEAD' });
    }
    if (!hostAllowed(req.headers.host, port())) {
      return plain(res, 403, 'Die Vorschau antwortet nur unter 127.0.0.1 oder localhost.');
    }
    const target = resolveRequestPath(req.url ?? '/');
    if ('status' in target) {
      return plain(res, target.status, target.status === 403 ? 'Zugriff verweigert: Pfade mit „..“ oder „.“ sind nicht erlaubt.' : 'Ungültige Anfrage.');
    }
    if ('/' + target.rel === EVENTS_PATH) return hub.attach(res, head);

    const file = site.files.get(target.rel);
    if (file) {
      const headers: Record<string, string | number> = {
        'Content-Type': file.type,
        'Content-Length': file.data.length,
        ETag: file.etag,
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
      };
      if (req.headers['if-none-match'] === file.etag) {
        res.writeHead(304, { ETag: file.etag, 'Cache-Control': 'no-cache' });
        return void res.end();
      }
      res.writeHead(200, headers);
      return void res.end(head ? undefined : file.data);
    }
    // Pages the server makes itself; they carry the snippet, so they reload once the file is there.
    if (!site.ready) return page(res, 503, head, 'Vorschau noch nicht bereit', 'Es gibt noch keinen fehlerfreien Stand des Inhalts. Sobald er fehlerfrei gespeichert ist, erscheint hier die Seite.', site.snippet);
    if (site.pendingPdfs.has(target.rel)) {
      const label = RENDERERS.find((r) => target.rel.endsWith(r.extension))?.label ?? 'Datei';
      return page(res, 503, head, `${label} wird gesetzt`, `Diese ${label}-Datei wird gerade gesetzt. Die Seite lädt neu, sobald sie fertig ist.`, site.snippet);
    }
    return page(res, 404, head, 'Nicht gefunden', `„${target.rel}“ gibt es in der Ausgabe nicht. Zur Übersicht: /`, site.snippet);
  };
}

function plain(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  const body = Buffer.from(text + '\n', 'utf8');
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': body.length, 'X-Content-Type-Options': 'nosniff', ...extra });
  res.end(body);
}


function page(res: ServerResponse, status: number, head: boolean, title: string, text: string, snippet: string): void {
  const html = `<!DOCTYPE html>
<html lang="de">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeMarkup(title)} – ratsdoc</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:40rem;padding:0 1rem;color:#1a1a1a}a{color:#003d6b}</style></head>
<body><main><h1>${escapeMarkup(title)}</h1><p>${escapeMarkup(text)}</p><p><a href="/">Zur Übersicht</a></p></main>
${snippet}
</body>
</html>
`;
  const body = Buffer.from(html, 'utf8');
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': body.length, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
  res.end(head ? undefined : body);
}
