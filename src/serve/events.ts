/**
 * Server-sent events for the open pages: `reload` with the list of changed files and
 * `diagnostics` with the current content errors. A page that connects gets the current
 * diagnostics at once, so a page opened while the content is broken shows the overlay too.
 */
import type { ServerResponse } from 'node:http';

/** Sends events to every connected page. */
export class EventHub {
  private readonly clients = new Set<ServerResponse>();
  private readonly ping: NodeJS.Timeout;
  private closed = false;

  constructor(private readonly initial: () => Array<{ event: string; data: unknown }>) {
    // A comment every 20 s keeps proxies and idle timers from closing the stream.
    this.ping = setInterval(() => this.writeAll(': ping\n\n'), 20_000);
    this.ping.unref();
  }

  /** Number of connected pages. */
  get size(): number {
    return this.clients.size;
  }

  /** Takes over a response as an event stream. */
  attach(res: ServerResponse, head: boolean): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Content-Type-Options': 'nosniff',
    });
    if (head || this.closed) {
      res.end();
      return;
    }
    res.write('retry: 1000\n\n');
    for (const { event, data } of this.initial()) res.write(frame(event, data));
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
  }

  /** Sends one event to every page. */
  send(event: string, data: unknown): void {
    this.writeAll(frame(event, data));
  }

  /** Ends every stream (the browsers will try to reconnect, which is how they notice a restart). */
  close(): void {
    this.closed = true;
    clearInterval(this.ping);
    for (const res of this.clients) res.end();
    this.clients.clear();
  }

  private writeAll(text: string): void {
    for (const res of this.clients) res.write(text);
  }
}

/** One SSE frame; JSON has no raw line breaks, so one `data:` line is enough. */
function frame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}
