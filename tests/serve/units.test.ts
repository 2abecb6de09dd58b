/**
 * The small decisions of `serve` on their own: which changed files are editor noise, which
 * changes force every PDF to render again, content types, and the client snippet.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVENTS_PATH, liveReloadSnippet } from '../../src/serve/client.js';
import { contentType, servedFile } from '../../src/serve/http.js';
import { affectsPdfAssets, seconds } from '../../src/serve/session.js';
import { isNoise } from '../../src/serve/watch.js';
import { FIXTURE_CONTENT, FIXTURE_TEMPLATES } from '../helpers/fixtures.js';

describe('watch: editor noise is ignored', () => {
  it.each(['konzept/.massnahmen.yaml.swp', 'konzept/massnahmen.yaml~', 'vorlagen/4913', '.git/index', 'vorlagen/.#11-1481.md', '.vscode/settings.json', 'konzept/#x.md#', '.ratsdoc-tmp-out-1-2/index.html', 'konzept/x.yaml.tmp.123'])('%s is noise', (rel) => {
    expect(isNoise(rel)).toBe(true);
  });
  it.each(['ratsdoc.yaml', 'konzept/massnahmen.yaml', 'konzept/kapitel/einleitung.md', 'vorlagen/11-1481.md', 'anlagen/wappen.png', 'html/style.css', 'theme.yaml'])('%s counts', (rel) => {
    expect(isNoise(rel)).toBe(false);
  });
});

describe('which changes make every PDF render again', () => {
  const content = FIXTURE_CONTENT;
  const templates = FIXTURE_TEMPLATES;
  it.each([
    [content, 'konzept/massnahmen.yaml', false],
    [content, 'vorlagen/11-1481.md', false],
    [content, 'anlagen/wappen.png', true],
    [templates, 'theme.yaml', false],
    [templates, 'html/style.css', false],
    [templates, 'html/layout.hbs', false],
    [templates, 'fonts/Hausschrift.ttf', true],
  ] as const)('%s/%s → %s', (root, rel, expected) => {
    expect(affectsPdfAssets(root, path.join(root, rel), templates)).toBe(expected);
  });
});

describe('served files', () => {
  it('content types by extension', () => {
    expect(contentType('index.html')).toBe('text/html; charset=utf-8');
    expect(contentType('vorlagen/11-1481.PDF')).toBe('application/pdf');
    expect(contentType('x.unbekannt')).toBe('application/octet-stream');
    expect(servedFile('a.html', 'ä').data.equals(Buffer.from('ä'))).toBe(true);
    expect(servedFile('a.html', 'x').etag).toBe(servedFile('b.html', 'x').etag);
  });

  it('German seconds', () => {
    expect(seconds(1234)).toBe('1,23 s');
  });
});

describe('the live-reload snippet', () => {
  const snippet = liveReloadSnippet();
  it('is one script element that cannot be closed early by its own content', () => {
    expect(snippet.startsWith('<script data-ratsdoc="live-reload">')).toBe(true);
    expect(snippet.match(/<\/script>/g)).toHaveLength(1);
    expect(snippet).toContain(JSON.stringify(EVENTS_PATH));
  });
  it('builds the overlay with textContent only (never HTML from messages)', () => {
    expect(snippet).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  });
  it('is valid JavaScript', () => {
    const body = snippet.replace(/^<script[^>]*>/, '').replace(/<\/script>$/, '');
    expect(() => new Function(body)).not.toThrow();
  });
});
