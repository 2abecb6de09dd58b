/**
 * The browser side of `ratsdoc serve`: a small script injected before `</body>` of every served
 * page (never into `build` output). It listens to the server's event stream and
 *  - reloads the page when the server reports that this very file changed,
 *  - shows the content errors as an overlay (German, file:line:column each) while there are
 *    any, and removes it when they are fixed.
 * The overlay is built with DOM methods and `textContent` only: messages quote content
 * written by authors and are never parsed as HTML.
 */

/** Path of the server-sent events endpoint. */
export const EVENTS_PATH = '/__ratsdoc/events';

/** Id of the overlay's host element (the overlay lives in its shadow root). */
export const OVERLAY_ID = 'ratsdoc-fehler';

/** A diagnostic as the overlay shows it. */
export interface OverlayDiagnostic {
  file: string;
  line: number;
  column: number;
  severity: 'error' | 'warning';
  message: string;
  entity?: string;
}

/** Most diagnostics listed in the overlay; the rest are counted. */
const MAX_LISTED = 50;

const STYLE = `
:host { all: initial; }
.box { position: fixed; z-index: 2147483647; inset: 0.75rem 0.75rem auto 0.75rem; max-height: 70vh; overflow: auto;
  box-sizing: border-box; background: #fff; color: #1a1a1a; border: 3px solid #b00020; border-radius: 6px;
  box-shadow: 0 6px 24px rgba(0,0,0,.35); font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; padding: 0.9rem 1.1rem; }
h2 { margin: 0 0 0.3rem; font-size: 1.15rem; color: #b00020; }
p { margin: 0 0 0.6rem; }
ol { margin: 0; padding-left: 1.4rem; }
li { margin: 0 0 0.45rem; overflow-wrap: anywhere; }
code { font: 0.92em/1.3 ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; background: #f4e4e6; padding: 0 0.2em; border-radius: 3px; }
button { float: right; margin: 0 0 0.4rem 0.8rem; font: inherit; padding: 0.3rem 0.8rem; min-height: 2.25rem; cursor: pointer;
  border: 1px solid #555; border-radius: 4px; background: #f2f2f2; color: #1a1a1a; }
button:focus-visible { outline: 3px solid #003d6b; outline-offset: 2px; }
`;

/**
 * The script as a string, to be injected into pages. Plain ES2017 without modules so it runs
 * in every current browser; `MAX_LISTED`, the ids and the style are inlined.
 */
function clientScript(): string {
  const config = JSON.stringify({ events: EVENTS_PATH, id: OVERLAY_ID, max: MAX_LISTED, style: STYLE });
  return `(function () {
  'use strict';
  var cfg = ${config.replace(/</g, '\\u003c')};
  if (!/^https?:$/.test(location.protocol) || typeof EventSource !== 'function') return;
  function here() {
    var p = location.pathname;
    try { p = decodeURIComponent(p); } catch (e) { /* keep as is */ }
    p = p.replace(/^\\/+/, '');
    if (p === '' || p.charAt(p.length - 1) === '/') p += 'index.html';
    return p;
  }
  // The error list the author hid with „Ausblenden“; a different list shows the overlay again.
  var hiddenList = null;
  function el(tag, text) { var e = document.createElement(tag); if (text !== undefined) e.textContent = text; return e; }
  function remove() { var old = document.getElementById(cfg.id); if (old) old.remove(); }
  function show(list) {
    remove();
    var errors = list.filter(function (d) { return d.severity === 'error'; });
    var key = JSON.stringify(errors);
    if (errors.length === 0 || key === hiddenList) return;
    var host = el('div'); host.id = cfg.id;
    var root = host.attachShadow({ mode: 'open' });
    var style = el('style', cfg.style); root.appendChild(style);
    var box = el('section'); box.className = 'box';
    box.setAttribute('role', 'alert'); box.setAttribute('aria-labelledby', 'titel'); box.setAttribute('lang', 'de');
    var close = el('button', 'Ausblenden'); close.type = 'button';
    close.addEventListener('click', function () { hiddenList = key; remove(); });
    box.appendChild(close);
    var h = el('h2', errors.length === 1 ? 'Der Inhalt enthält einen Fehler' : 'Der Inhalt enthält ' + errors.length + ' Fehler');
    h.id = 'titel'; box.appendChild(h);
    box.appendChild(el('p', 'Angezeigt wird der letzte fehlerfreie Stand. Sobald der Fehler behoben und gespeichert ist, verschwindet diese Meldung von selbst.'));
    var ol = el('ol');
    errors.slice(0, cfg.max).forEach(function (d) {
      var li = el('li');
      li.appendChild(el('code', d.file + ':' + d.line + ':' + d.column));
      li.appendChild(document.createTextNode(' ' + (d.entity ? d.entity + ': ' : '') + d.message));
      ol.appendChild(li);
    });
    box.appendChild(ol);
    if (errors.length > cfg.max) box.appendChild(el('p', '… und ' + (errors.length - cfg.max) + ' weitere. Alle zeigt „npx ratsdoc check“.'));
    root.appendChild(box);
    (document.body || document.documentElement).appendChild(host);
  }
  var wasOpen = false;
  var lostConnection = false;
  var source = new EventSource(cfg.events);
  source.addEventListener('open', function () {
    // Back after the server was gone (restarted): this page may be outdated.
    if (wasOpen && lostConnection) { location.reload(); return; }
    wasOpen = true;
    // Lets tests (and the curious) see that the page listens for changes.
    document.documentElement.setAttribute('data-ratsdoc-live', 'verbunden');
  });
  source.addEventListener('error', function () {
    if (wasOpen) lostConnection = true;
    document.documentElement.setAttribute('data-ratsdoc-live', 'getrennt');
  });
  source.addEventListener('diagnostics', function (e) {
    show(JSON.parse(e.data));
  });
  source.addEventListener('reload', function (e) {
    var changed = JSON.parse(e.data);
    if (changed.indexOf(here()) !== -1) location.reload();
  });
  window.addEventListener('pagehide', function () { source.close(); });
  // Restored from the back/forward cache: the stream is closed and the page may be outdated.
  window.addEventListener('pageshow', function (e) { if (e.persisted) location.reload(); });
})();`;
}

/** The snippet injected before `</body>`. */
export function liveReloadSnippet(): string {
  return `<script data-ratsdoc="live-reload">\n${clientScript()}\n</script>`;
}
