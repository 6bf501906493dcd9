import { createSseDecoder, type JSONRPCMessage, type SseItem } from '@mcp-sse/protocol';
import { McpSseClientError } from '../errors.js';
import type { WireEvent } from '../events.js';
import { type Logger, silentLogger } from '../logger.js';
import { resolveEndpoint } from './endpoint.js';
import { httpStatusError } from './http-errors.js';
import type { Transport, TransportCloseInfo } from './transport.js';

/** Options of {@link SseClientTransport}. */
export interface SseClientTransportOptions {
  /** Headers sent on the GET and on every POST (auth goes here). */
  headers?: Record<string, string>;
  /** The fetch to use; defaults to the global one. */
  fetch?: typeof fetch;
  /** How long to wait for the stream to open and the `endpoint` event, in ms (default 10 000). */
  connectTimeout?: number;
  /** Where diagnostics go. */
  logger?: Logger;
}

/** Default bound on opening the stream and receiving the endpoint. */
export const DEFAULT_CONNECT_TIMEOUT = 10_000;

/**
 * The HTTP+SSE transport (MCP 2024-11-05) on `fetch` and eventsource-parser: GET opens the
 * stream, the `endpoint` event names the URL to POST each message to, and every answer
 * comes back on the stream. Not the browser EventSource, so headers work everywhere.
 *
 * It remembers the last event id and the server's `retry` hint for resuming later.
 */
export class SseClientTransport implements Transport {
  onmessage?: (message: JSONRPCMessage) => void;
  onerror?: (error: McpSseClientError) => void;
  onclose?: (info: TransportCloseInfo) => void;
  ontools?: Transport['ontools'];
  onwire?: (event: WireEvent) => void;

  /** The SSE URL. */
  readonly url: URL;
  readonly #fetch: typeof fetch;
  readonly #getHeaders: Record<string, string>;
  #postHeaders: Record<string, string>;
  readonly #connectTimeout: number;
  readonly #logger: Logger;
  readonly #abort = new AbortController();
  /** POSTs in flight, aborted on close. */
  readonly #posts = new Set<AbortController>();
  #endpoint: URL | undefined;
  #started = false;
  #closed = false;
  #closeFired = false;
  #lastEventId: string | undefined;
  #retryMs: number | undefined;
  #startFail: ((error: McpSseClientError) => void) | undefined;
  #startDone: (() => void) | undefined;

  constructor(url: string | URL, options: SseClientTransportOptions = {}) {
    this.url = parseUrl(url);
    const fetchImpl = options.fetch ?? globalThis.fetch;
    // Called unbound, a browser's fetch throws "Illegal invocation".
    this.#fetch = (input, init) => fetchImpl(input, init);
    const headers = options.headers ?? {};
    this.#getHeaders = { ...headers, accept: 'text/event-stream', 'cache-control': 'no-cache' };
    this.#postHeaders = { ...headers, 'content-type': 'application/json' };
    this.#connectTimeout = options.connectTimeout ?? DEFAULT_CONNECT_TIMEOUT;
    this.#logger = options.logger ?? silentLogger;
  }

  /** The resolved URL messages are POSTed to, once the endpoint event arrived. */
  get endpoint(): string | undefined {
    return this.#endpoint?.href;
  }

  /** The id of the last SSE event that carried one (for a later `Last-Event-ID` resume). */
  get lastEventId(): string | undefined {
    return this.#lastEventId;
  }

  /** The server's last `retry:` hint in ms. */
  get retryMs(): number | undefined {
    return this.#retryMs;
  }

  setProtocolVersion(version: string): void {
    this.#postHeaders = { ...this.#postHeaders, 'mcp-protocol-version': version };
  }

  start(): Promise<void> {
    if (this.#started) {
      return Promise.reject(
        new McpSseClientError('protocol_error', 'The transport was already started'),
      );
    }
    this.#started = true;
    return new Promise<void>((resolve, reject) => {
      let opened = false;
      const timer = setTimeout(() => {
        const what = opened
          ? 'the stream opened but no endpoint event arrived'
          : 'the server did not answer';
        fail(
          new McpSseClientError(
            'connect_timeout',
            `Could not connect to ${this.url.href} within ${this.#connectTimeout} ms: ${what}. ` +
              'Check the URL is the MCP SSE endpoint (often /sse) and the server is running.',
          ),
        );
      }, this.#connectTimeout);
      const fail = (error: McpSseClientError) => {
        if (!this.#startFail) return;
        this.#startFail = undefined;
        this.#startDone = undefined;
        clearTimeout(timer);
        this.#shutdown();
        reject(error);
      };
      this.#startFail = fail;
      this.#startDone = () => {
        this.#startFail = undefined;
        this.#startDone = undefined;
        clearTimeout(timer);
        resolve();
      };
      this.#open(() => {
        opened = true;
      }).catch((error: unknown) => fail(asClientError(error, this.url.href, this.#closed)));
    });
  }

  async #open(onOpened: () => void): Promise<void> {
    const response = await this.#fetch(this.url.href, {
      method: 'GET',
      headers: this.#getHeaders,
      signal: this.#abort.signal,
      cache: 'no-store',
    });
    this.onwire?.({ direction: 'in', kind: 'open', status: response.status });
    if (!response.ok) throw await httpStatusError(response, 'GET', this.url.href);
    const type = response.headers.get('content-type') ?? '';
    if (!type.toLowerCase().includes('text/event-stream') || !response.body) {
      await response.body?.cancel().catch(() => undefined);
      throw new McpSseClientError(
        'protocol_error',
        `The server answered GET ${this.url.href} with content-type "${type || 'none'}", not an SSE ` +
          'stream. Check the URL is the MCP SSE endpoint (often /sse).',
      );
    }
    onOpened();
    void this.#pump(response.body);
  }

  async #pump(body: ReadableStream<Uint8Array>): Promise<void> {
    // The push-style decoder on the body's own reader: one read per network chunk and no
    // extra stream hop or promise per event (pipeThrough(SseDecoderStream) costs both).
    const reader = body.getReader();
    const decoder = createSseDecoder((item) => this.#onItem(item));
    let failure: unknown;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        decoder.feed(value);
      }
      decoder.end();
    } catch (error) {
      failure = error;
    }
    if (this.#closed) return;
    if (!this.#endpoint) {
      this.#startFail?.(
        new McpSseClientError(
          'protocol_error',
          `The SSE stream from ${this.url.href} ended before the server sent its endpoint event. ` +
            'Check the URL is an MCP HTTP+SSE endpoint.',
          { cause: failure },
        ),
      );
      return;
    }
    const reason =
      failure instanceof Error ? `broke (${failure.message})` : 'was ended by the server';
    this.#shutdown();
    this.#fireClose({
      reason: 'stream_ended',
      error: new McpSseClientError(
        'session_lost',
        `The SSE stream ${reason}; the session is gone. Check the server is still running, then connect again.`,
        { cause: failure },
      ),
    });
  }

  #onItem(item: SseItem): void {
    try {
      switch (item.type) {
        case 'event': {
          const event = item.event;
          if (event.id !== undefined) this.#lastEventId = event.id;
          this.onwire?.({ direction: 'in', kind: 'event', name: event.event, data: event.data });
          if (event.event === 'message') this.onmessage?.(event.data);
          else if (event.event === 'endpoint') this.#onEndpoint(event.data);
          else if (event.event === 'tools') this.ontools?.(event.data);
          else this.#logger.debug?.(`Ignoring a "${event.event}" event (simple call form)`);
          return;
        }
        case 'unknown':
          if (item.raw.id !== undefined) this.#lastEventId = item.raw.id;
          this.onwire?.({
            direction: 'in',
            kind: 'event',
            name: item.raw.event,
            data: item.raw.data,
          });
          this.#logger.debug?.(`Ignoring an unknown SSE event "${item.raw.event}"`);
          return;
        case 'comment':
          this.onwire?.({ direction: 'in', kind: 'comment', data: item.text });
          return;
        case 'retry':
          this.#retryMs = item.retry;
          return;
        case 'error':
          this.#onBadItem(item);
          return;
      }
    } catch (error) {
      // A throwing handler must not kill the stream that every other call depends on.
      this.#logger.error?.('Handler failed on an incoming SSE item', error);
    }
  }

  #onEndpoint(data: string): void {
    let url: URL;
    try {
      url = resolveEndpoint(data, this.url);
    } catch (error) {
      const clientError = error as McpSseClientError;
      if (this.#startFail) this.#startFail(clientError);
      else this.onerror?.(clientError);
      return;
    }
    if (this.#endpoint && this.#endpoint.href !== url.href) {
      this.#logger.info?.(`The server moved the endpoint to ${url.href}`);
    }
    this.#endpoint = url;
    this.#startDone?.();
  }

  #onBadItem(item: Extract<SseItem, { type: 'error' }>): void {
    const name = item.raw?.event ?? 'message';
    const error = new McpSseClientError(
      'protocol_error',
      `The server sent an unreadable SSE ${name} event: ${item.error.message}`,
      { cause: item.error, data: { event: name, requestId: requestIdOf(item.raw?.data) } },
    );
    if (name === 'endpoint' && this.#startFail) this.#startFail(error);
    else this.onerror?.(error);
  }

  async send(message: JSONRPCMessage): Promise<void> {
    const endpoint = this.#endpoint;
    if (this.#closed || !endpoint) {
      throw new McpSseClientError(
        'closed',
        this.#closed ? 'The connection is closed' : 'Not connected yet: no endpoint',
      );
    }
    // One controller per POST, not the transport's long-lived signal: undici only drops a
    // signal's abort listener when the request is garbage collected, so a shared signal
    // piles up one listener per POST.
    const controller = new AbortController();
    this.#posts.add(controller);
    let response: Response;
    try {
      response = await this.#fetch(endpoint.href, {
        method: 'POST',
        headers: this.#postHeaders,
        body: JSON.stringify(message),
        signal: controller.signal,
      });
    } catch (error) {
      this.#posts.delete(controller);
      if (this.#closed)
        throw new McpSseClientError('closed', 'The connection was closed during a POST');
      throw new McpSseClientError(
        'connect_failed',
        `POST to ${endpoint.href} failed: ${(error as Error).message}. Check the server is still running.`,
        { cause: error },
      );
    }
    this.onwire?.({ direction: 'out', kind: 'post', data: message, status: response.status });
    if (!response.ok) {
      this.#posts.delete(controller);
      throw await httpStatusError(response, 'POST', endpoint.href);
    }
    // Drained in the background so the socket returns to the pool without delaying the caller.
    response
      .arrayBuffer()
      .catch(() => undefined)
      .finally(() => this.#posts.delete(controller));
  }

  async close(): Promise<void> {
    if (this.#startFail) {
      this.#startFail(
        new McpSseClientError('closed', 'The connection was closed while connecting'),
      );
      return;
    }
    if (this.#closeFired) return;
    this.#shutdown();
    this.#fireClose({ reason: 'closed' });
  }

  #shutdown(): void {
    this.#closed = true;
    this.#abort.abort();
    for (const post of this.#posts) post.abort();
    this.#posts.clear();
  }

  #fireClose(info: TransportCloseInfo): void {
    if (this.#closeFired) return;
    this.#closeFired = true;
    this.onclose?.(info);
  }
}

function parseUrl(url: string | URL): URL {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('not http(s)');
    return parsed;
  } catch (cause) {
    throw new McpSseClientError(
      'connect_failed',
      `Not a valid http(s) URL: ${JSON.stringify(String(url))}`,
      { cause },
    );
  }
}

/** The id of a message that failed validation, so its caller can be told at once. */
function requestIdOf(data: string | undefined): string | number | undefined {
  if (data === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(data);
    if (typeof value === 'object' && value !== null && 'id' in value) {
      const id = (value as { id: unknown }).id;
      if (typeof id === 'string' || typeof id === 'number') return id;
    }
  } catch {
    // Not JSON: there is no id to find.
  }
  return undefined;
}

function asClientError(error: unknown, url: string, closed: boolean): McpSseClientError {
  if (McpSseClientError.isInstance(error)) return error;
  if (closed) return new McpSseClientError('closed', 'The connection was closed while connecting');
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const detail = cause?.code ?? cause?.message ?? (error as Error).message;
  return new McpSseClientError(
    'connect_failed',
    `Could not reach ${url} (${detail}). Check the URL and that the server is running.`,
    { cause: error },
  );
}
