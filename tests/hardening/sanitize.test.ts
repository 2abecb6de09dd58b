import { describe, it, expect } from 'vitest';
import { toHtml } from 'hast-util-to-html';
import type { Root } from 'hast';
import { sanitizeHast } from '../../src/render/html/sanitize.js';

const el = (tagName: string, properties: Record<string, unknown>, children: unknown[] = []) => ({ type: 'element', tagName, properties, children });

describe('the HTML allow-list', () => {
  it('removes scripts, event handlers, iframes and unsafe URLs but keeps ratsdoc markup and charts', () => {
    const tree = {
      type: 'root',
      children: [
        el('p', { className: ['lead'], onClick: 'alert(1)' }, [{ type: 'text', value: 'Text „gut“' }]),
        el('script', {}, [{ type: 'text', value: 'alert(1)' }]),
        el('iframe', { src: 'https://evil.example' }),
        el('a', { href: 'javascript:alert(1)' }, [{ type: 'text', value: 'böse' }]),
        el('a', { href: 'https://www.bergkamen.de', rel: ['noopener'] }, [{ type: 'text', value: 'gut' }]),
        el('a', { href: '#massnahme-m-01' }, [{ type: 'text', value: 'intern' }]),
        el('img', { src: 'https://tracker.example/x.png', alt: 'x' }),
        el('img', { src: 'data:image/png;base64,AAAA', alt: 'Wappen' }),
        el('table', {}, [el('thead', {}, [el('tr', {}, [el('th', { scope: 'col' }, [{ type: 'text', value: 'Kopf' }])])])]),
        el('figure', { className: ['chart'], role: 'img', ariaLabel: 'Zeitplan' }, [{ type: 'raw', value: '<svg viewBox="0 0 1 1"><rect class="bar"/></svg>' }]),
      ],
    } as unknown as Root;
    const html = toHtml(sanitizeHast(tree), { allowDangerousHtml: true });
    expect(html).not.toMatch(/script|onclick|iframe|javascript:|tracker/i);
    expect(html).toContain('<p class="lead">Text „gut“</p>');
    expect(html).toContain('<a>böse</a>');
    expect(html).toContain('<a href="https://www.bergkamen.de" rel="noopener">gut</a>');
    expect(html).toContain('<a href="#massnahme-m-01">intern</a>');
    expect(html).toContain('<img src="data:image/png;base64,AAAA" alt="Wappen">');
    expect(html).toContain('<th scope="col">Kopf</th>');
    expect(html).toContain('<figure class="chart" role="img" aria-label="Zeitplan"><svg viewBox="0 0 1 1"><rect class="bar"/></svg></figure>');
  });
});
