import type { AddressInfo } from 'node:net';
import { SseDecoderStream, type SseItem } from '@mcp-sse/protocol';
import type { FastifyInstance } from 'fastify';
import { type BuildAppOptions, buildApp } from '../src/app.js';

/** A listening app on 127.0.0.1 and an ephemeral port, closed after the test. */
export interface Started {
  app: FastifyInstance;
  base: string;
}

const cleanups: Array<() => Promise<void>> = [];

/**
 * Runs what the test registered, newest first (streams before their servers), each bounded
 * so a stuck close cannot hang the suite. `test/setup.ts` calls it after every test: test
 * files share this module (`isolate: false`), so a hook registered here would only run for
 * the first file that imported it.
 */
export async function runCleanups(): Promise<void> {
  while (cleanups.length > 0) {
    const cleanup = cleanups.pop()!;
    await Promise.race([cleanup(), new Promise((resolve) => setTimeout(resolve, 5000))]);
  }
}

/** Registers something to close after the current test. */
export function onCleanup(cleanup: () => Promise<void>): void {
  cleanups.push(cleanup);
}

/** Builds and starts the app (rate limit off unless asked for), closed after the test. */
export async function start(options: BuildAppOptions = {}): Promise<Started> {
  const app = await buildApp({ rateLimit: 0, ...options });
  await app.listen({ port: 0, host: '127.0.0.1' });
  onCleanup(() => app.close());
  const { port } = app.server.address() as AddressInfo;
  return { app, base: `http://127.0.0.1:${port}` };
}

/** Waits for a condition with a bounded number of polls. */
export async function until(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Waits for an async condition with a bounded number of polls. */
export async function untilAsync(
  check: () => Promise<boolean>,
  what: string,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Waits until the server holds exactly `count` sessions whose stream dropped (health check). */
export async function untilDetached(base: string, count: number): Promise<void> {
  await untilAsync(async () => {
    const body = (await (await fetch(`${base}/healthz`)).json()) as { sessionsDetached?: unknown };
    return body.sessionsDetached === count;
  }, `${count} detached session(s)`);
}

/** A raw SSE reader for tests: every item in order, and waiting for the one you want. */
export class TestStream {
  readonly items: SseItem[] = [];
  readonly response: Response;
  readonly #abort: AbortController;
  #cursor = 0;
  #done = false;
  readonly ended: Promise<void>;

  private constructor(response: Response, abort: AbortController) {
    this.response = response;
    this.#abort = abort;
    this.ended = this.#read();
  }

  /** GETs the SSE URL; the stream is aborted after the test. */
  static async open(url: string, headers: Record<string, string> = {}): Promise<TestStream> {
    const abort = new AbortController();
    const response = await fetch(url, {
      headers: { accept: 'text/event-stream', ...headers },
      signal: abort.signal,
    });
    const stream = new TestStream(response, abort);
    onCleanup(async () => stream.close());
    return stream;
  }

  async #read(): Promise<void> {
    if (this.response.body === null) return;
    const reader = this.response.body.pipeThrough(new SseDecoderStream()).getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        this.items.push(value);
      }
    } catch {
      // aborted by close()
    } finally {
      this.#done = true;
    }
  }

  /** True once the server ended the stream (or we closed it). */
  get done(): boolean {
    return this.#done;
  }

  /** The next item (after the previous match) for which `match` is true. */
  async next(
    match: (item: SseItem) => boolean,
    what = 'an SSE item',
    timeoutMs = 5000,
  ): Promise<SseItem> {
    let found: SseItem | undefined;
    await until(
      () => {
        for (let i = this.#cursor; i < this.items.length; i++) {
          if (match(this.items[i]!)) {
            found = this.items[i];
            this.#cursor = i + 1;
            return true;
          }
        }
        if (this.#done) throw new Error(`Stream ended before ${what}`);
        return false;
      },
      what,
      timeoutMs,
    );
    return found!;
  }

  /** The data of the next event called `name`. */
  async event(name: string, timeoutMs?: number): Promise<unknown> {
    const item = await this.next(
      (i) => i.type === 'event' && i.event.event === name,
      `event ${name}`,
      timeoutMs,
    );
    return item.type === 'event' ? item.event.data : undefined;
  }

  /** The next JSON-RPC message whose id is `id` (a response). */
  async reply(id: number | string, timeoutMs?: number): Promise<Record<string, unknown>> {
    const item = await this.next(
      (i) =>
        i.type === 'event' &&
        i.event.event === 'message' &&
        (i.event.data as { id?: unknown }).id === id,
      `response ${id}`,
      timeoutMs,
    );
    return (item as { event: { data: Record<string, unknown> } }).event.data;
  }

  /** All `message` events so far with this method (notifications). */
  notifications(method: string): Array<Record<string, unknown>> {
    return this.items
      .filter(
        (i) =>
          i.type === 'event' &&
          i.event.event === 'message' &&
          (i.event.data as { method?: string }).method === method,
      )
      .map((i) => (i as { event: { data: Record<string, unknown> } }).event.data);
  }

  /** Aborts the request. */
  close(): void {
    this.#abort.abort();
  }
}

/** Opens a stream and reads its endpoint event: the session's POST URL and id. */
export async function openSession(
  base: string,
  path = '/sse',
  headers: Record<string, string> = {},
): Promise<{ stream: TestStream; endpoint: string; sessionId: string; postUrl: string }> {
  const stream = await TestStream.open(`${base}${path}`, headers);
  const endpoint = (await stream.event('endpoint')) as string;
  const postUrl = new URL(endpoint, base).toString();
  const sessionId = new URL(postUrl).searchParams.get('sessionId')!;
  return { stream, endpoint, sessionId, postUrl };
}

/** POSTs a JSON body. */
export function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** A JSON-RPC request body. */
export const rpc = (id: number | string, method: string, params?: Record<string, unknown>) =>
  params === undefined ? { jsonrpc: '2.0', id, method } : { jsonrpc: '2.0', id, method, params };
