/**
 * What the preview server refuses: connections on any address but loopback, paths that climb
 * out of the output (`/../`, percent-encoded too; sent over a raw socket, since fetch and curl
 * normalize such paths away), other methods than GET/HEAD, foreign Host headers; and that it
 * answers with the right content types and no directory listings. Also the CLI's answers to a
 * wrong port.
 */
import net from 'node:net';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { resolveRequestPath } from '../../src/serve/http.js';
import { BIN, ROOT, copyExample, ensureDist, startServe, type Serving } from './helpers.js';
import { FIXTURE_PROJECT } from '../helpers/fixtures.js';

let ex: Awaited<ReturnType<typeof copyExample>>;
let serving: Serving;

beforeAll(async () => {
  ensureDist();
  ex = await copyExample();
  serving = await startServe(['--content', 'content', '--out', 'out'], ex.base);
}, 120_000);

afterAll(async () => {
  if (serving) expect(await serving.stop()).toBe(0);
  await ex?.remove();
});

/** Sends `request` as is over a socket and returns the status code and the whole answer. */
function raw(port: number, request: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => socket.write(request));
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => (text += d));
    socket.on('end', () => resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0), text }));
    socket.on('error', reject);
    socket.setTimeout(10_000, () => socket.destroy(new Error('timeout')));
  });
}

const get = (target: string, host = `127.0.0.1:${serving.port}`, method = 'GET') => raw(serving.port, `${method} ${target} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);

/** The first IPv4 address of this machine that is not loopback, if there is one. */
function nonLoopbackIPv4(): string | undefined {
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal && !a.address.startsWith('127.')) return a.address;
  }
  return undefined;
}
const outsideAddress = nonLoopbackIPv4();

/** `connected`, or why not (`ECONNREFUSED`, `timeout`, …). */
function tryConnect(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port }, () => {
      socket.destroy();
      resolve('connected');
    });
    socket.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
    socket.setTimeout(5_000, () => {
      socket.destroy();
      resolve('timeout');
    });
  });
}

describe('ratsdoc serve listens on loopback only', () => {
  it('answers on 127.0.0.1', async () => {
    expect((await get('/')).status).toBe(200);
  });

  it.skipIf(!outsideAddress)(`is not reachable on the machine's other address (${outsideAddress ?? 'keine Nicht-Loopback-IPv4-Adresse auf diesem Rechner: übersprungen'})`, async () => {
    // Control: a server on all interfaces is reachable under that address, so the address works.
    const control = net.createServer((s) => s.end());
    await new Promise<void>((resolve) => control.listen(0, '0.0.0.0', resolve));
    const controlPort = (control.address() as net.AddressInfo).port;
    try {
      expect(await tryConnect(outsideAddress!, controlPort)).toBe('connected');
      expect(await tryConnect(outsideAddress!, serving.port)).not.toBe('connected');
      expect(await tryConnect('127.0.0.1', serving.port)).toBe('connected');
    } finally {
      control.close();
    }
  });
});

describe('ratsdoc serve refuses what is not the output', () => {
  it.each([
    '/../package.json',
    '/../../../../etc/passwd',
    '/vorlagen/../../package.json',
    '/%2e%2e/package.json',
    '/%2E%2E/%2e%2e/etc/passwd',
    '/vorlagen/%2e%2e%2f%2e%2e%2fpackage.json',
    '/..%2fpackage.json',
    '/./index.html',
    '/%5c..%5cpackage.json',
  ])('refuses %s with 403 and shows nothing of the file', async (target) => {
    const res = await get(target);
    expect(res.status).toBe(403);
    expect(res.text).not.toMatch(/"name": "ratsdoc"|root:x:0/);
  });

  it('answers a request line with a raw backslash path with an error, never a file', async () => {
    const res = await get('/..\\package.json');
    expect([400, 403]).toContain(res.status);
    expect(res.text).not.toMatch(/"name": "ratsdoc"/);
  });

  it('rejects absolute-form and other odd targets', async () => {
    expect((await get('http://127.0.0.1/../package.json')).status).toBe(400);
    expect((await get('//etc/passwd')).status).toBe(400);
    expect((await get('/%E0%A4%A')).status).toBe(400);
  });

  it('allows only GET and HEAD', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) {
      const res = await get('/', undefined, method);
      expect(res.status, method).toBe(405);
      expect(res.text).toMatch(/Allow: GET, HEAD/i);
    }
    const head = await get('/index.html', undefined, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.text).toMatch(/Content-Length: [1-9]\d*/i);
    expect(head.text.split('\r\n\r\n')[1]).toBe('');
  });

  it('answers only to the loopback host name (no DNS rebinding)', async () => {
    expect((await get('/', 'evil.example')).status).toBe(403);
    expect((await get('/', `evil.example:${serving.port}`)).status).toBe(403);
    expect((await get('/', `localhost:${serving.port}`)).status).toBe(200);
  });

  it('serves the right content types and no directory listings', async () => {
    const types: Record<string, RegExp> = {
      '/': /Content-Type: text\/html; charset=utf-8/i,
      '/index.html': /Content-Type: text\/html; charset=utf-8/i,
      '/konzept/integrationskonzept.pdf': /Content-Type: application\/pdf/i,
      '/konzept/integrationskonzept.docx': /Content-Type: application\/vnd\.openxmlformats-officedocument\.wordprocessingml\.document/i,
      '/vorlagen/11-1481.docx': /Content-Type: application\/vnd\.openxmlformats-officedocument\.wordprocessingml\.document/i,
      '/vorlagen/11-1481.html': /Content-Type: text\/html; charset=utf-8/i,
      '/__ratsdoc/events': /Content-Type: text\/event-stream/i,
    };
    await serving.waitForOutput(/PDF- und DOCX-Dateien fertig/, 120_000);
    for (const [target, re] of Object.entries(types)) {
      const res = target.includes('events') ? await get(target, undefined, 'HEAD') : await get(target);
      expect(res.status, target).toBe(200);
      expect(res.text, target).toMatch(re);
      expect(res.text, target).toMatch(/X-Content-Type-Options: nosniff/i);
    }
    for (const dir of ['/vorlagen/', '/vorlagen', '/konzept/', '/content/', '/out/']) {
      const res = await get(dir);
      expect(res.status, dir).toBe(404);
      expect(res.text, dir).not.toContain('11-1481.html');
    }
  });
});

describe('request paths (unit)', () => {
  it.each([
    ['/', 'index.html'],
    ['/index.html?x=1', 'index.html'],
    ['/vorlagen/11-1481.html#top', 'vorlagen/11-1481.html'],
    ['/vorlagen/', 'vorlagen/index.html'],
    ['/Sozialr%C3%A4ume.html', 'Sozialräume.html'],
  ])('%s → %s', (target, rel) => {
    expect(resolveRequestPath(target)).toEqual({ rel });
  });
  it.each(['/..', '/a/../b', '/%2e%2e', '/a/%2E', '/a%2f..%2fb', '/a%5cb', '/a%00b'])('%s is refused', (target) => {
    expect(resolveRequestPath(target)).toEqual({ status: 403 });
  });
});

describe('ratsdoc serve on the command line', () => {
  const cli = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: FIXTURE_PROJECT, encoding: 'utf8', timeout: 30_000 });

  it('refuses a port that is not a number from 0 to 65535 (exit 2)', () => {
    for (const port of ['abc', '-1', '65536', '1.5', '']) {
      const r = cli(['serve', `--port=${port}`]);
      expect(r.status, port).toBe(2);
      expect(r.stderr).toMatch(/ungültiger Port|braucht einen Wert/);
    }
  });

  it('says so when the port is taken (exit 2)', () => {
    const r = cli(['serve', '--content', 'content', '--out', `${ex.base}/out2`, '--port', String(serving.port)]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`Port ${serving.port} ist schon belegt`);
  });

  it('refuses options of other commands, an unknown output format and a missing content folder', () => {
    expect(cli(['serve', '--format', 'json']).status).toBe(2);
    const format = cli(['serve', '--formats', 'pdf,rtf', '--port', '0']);
    expect(format.status).toBe(2);
    expect(format.stderr).toMatch(/unbekanntes Ausgabeformat „rtf“ für --formats \(erlaubt: pdf, html, docx\)/);
    const missing = cli(['serve', '--content', `${ex.base}/gibt-es-nicht`, '--port', '0']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/Inhaltsordner .* nicht gefunden/);
  });
});
