import { type JSONRPCMessage, McpHeader, type SseItem } from '@mcp-sse/protocol';
import { McpSseClientError } from '../errors.js';
import type { WireEvent } from '../events.js';
import { AbortHandle, abortInit, linkAbort } from '../http/abort-handle.js';
import { discardBody } from '../http/bounded-body.js';
import { nodeHttpFetch } from '../http/node-http-fetch.js';
import { hasBody } from '../http/node-response.js';
import { fetchSameOrigin } from '../http/same-origin-fetch.js';
import { type Logger, silentLogger } from '../logger.js';
import { backoffDelay } from '../reconnect/backoff.js';
import {
  type ReconnectOptions,
  type ResolvedReconnectOptions,
  resolveReconnectOptions,
} from '../reconnect/reconnect-options.js';
import { resolveEndpoint } from './endpoint.js';
import { httpStatusError } from './http-errors.js';
import { readSseBody } from './read-sse.js';
import { missedEvents, type ReplayGapInfo } from './replay-gap.js';
import type {
  ReconnectedInfo,
  ReconnectingInfo,
  SendOptions,
  Transport,
  TransportCloseInfo,
} from './transport.js';

/** Options of {@link SseClientTransport}. */
export interface SseClientTransportOptions {
  /** Headers sent on the GET and on every POST (auth goes here). */
  headers?: Record<string, string>;
  /**
   * The fetch to use. Default on Node: Node's own `http`/`https` with keep-alive agents
   * (a fraction of the CPU of the global `fetch` per call); elsewhere the global `fetch`.
   */
  fetch?: typeof fetch;
  /** How long to wait for the stream to open and the `endpoint` event, in ms (default 10 000). */
  connectTimeout?: number;
  /** Where diagnostics go. */
  logger?: Logger;
  /**
   * Reconnect when the stream drops (resuming with `Last-Event-ID`), and watch for a dead
   * stream. Off unless given; the client turns it on by default.
   */
  reconnect?: ReconnectOptions;
}

/** Default bound on opening the stream and receiving the endpoint. */
export const DEFAULT_CONNECT_TIMEOUT = 10_000;

/** One GET and what we know of it. */
interface Stream {
  readonly controller: AbortController;
  openedAt: number;
  lastByteAt: number;
  /** Set while `start`/a reconnect waits for this stream's `endpoint` event. */
  waiter: { resolve(): void; reject(error: McpSseClientError): void } | undefined;
  /** Given up on by its own connect attempt: its end is nobody's news. */
  abandoned: boolean;
  /** Why we cut it ourselves (dead-stream watchdog, forced reconnect). */
  cutReason: string | undefined;
  watchdog: ReturnType<typeof setInterval> | undefined;
  /** The `Last-Event-ID` it was opened with, until its first event id is checked against it. */
  resumeFrom: string | undefined;
}

/** An outage: attempts and time spent reconnecting since the stream was last stable. */
interface Outage {
  readonly startedAt: number;
  attempts: number;
}

type Phase = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

/**
 * The HTTP+SSE transport (MCP 2024-11-05) on `fetch` and eventsource-parser: GET opens the
 * stream, the `endpoint` event names the URL to POST each message to, and every answer
 * comes back on the stream. Not the browser EventSource, so headers work everywhere.
 *
 * With `reconnect`, a stream that ends, breaks or goes silent (no byte for a few heartbeat
 * intervals) is reopened with exponential backoff and full jitter, at least the server's
 * `retry:` hint apart, sending `Last-Event-ID` so that a resumable server replays what was
 * missed. Only `close()` is final: a server that ends the stream politely may be restarting.
 * Attempts and time per outage are bounded, and a 4xx answer (other than 408/429) to the
 * reconnect GET ends it at once, so a server that keeps refusing causes no storm.
 */
export class SseClientTransport implements Transport {
  onmessage?: (message: JSONRPCMessage) => void;
  onerror?: (error: McpSseClientError) => void;
  onreplaygap?: (info: ReplayGapInfo) => void;
  onclose?: (info: TransportCloseInfo) => void;
  ontools?: Transport['ontools'];
  onwire?: (event: WireEvent) => void;
  onreconnecting?: (info: ReconnectingInfo) => void;
  onreconnected?: (info: ReconnectedInfo) => void;

  /** The SSE URL. */
  readonly url: URL;
  readonly #fetch: typeof fetch;
  readonly #getHeaders: Record<string, string>;
  #postHeaders: Record<string, string>;
  readonly #connectTimeout: number;
  readonly #logger: Logger;
  readonly #reconnect: ResolvedReconnectOptions | undefined;
  /** POSTs in flight, aborted on close. */
  readonly #posts = new Set<AbortHandle>();
  /** The fetch is the client's own Node path: it takes an AbortHandle, no signal needed. */
  readonly #native: boolean;
  #endpoint: URL | undefined;
  #phase: Phase = 'idle';
  #closeFired = false;
  #stream: Stream | undefined;
  #outage: Outage | undefined;
  #stableTimer: ReturnType<typeof setTimeout> | undefined;
  #wake: (() => void) | undefined;
  #heartbeatSeen = false;
  #lastEventId: string | undefined;
  #retryMs: number | undefined;

  constructor(url: string | URL, options: SseClientTransportOptions = {}) {
    this.url = parseUrl(url);
    const fetchImpl = options.fetch ?? nodeHttpFetch;
    this.#native = fetchImpl === nodeHttpFetch;
    // Called unbound, a browser's fetch throws "Illegal invocation".
    this.#fetch = (input, init) => fetchImpl(input, init);
    const headers = options.headers ?? {};
    // No Cache-Control header (`cache: 'no-store'` does its job): in a browser it is not a
    // CORS-safelisted header, so it would need a preflight that many servers refuse.
    this.#getHeaders = { ...headers, accept: 'text/event-stream' };
    this.#postHeaders = { ...headers, 'content-type': 'application/json' };
    this.#connectTimeout = options.connectTimeout ?? DEFAULT_CONNECT_TIMEOUT;
    this.#logger = options.logger ?? silentLogger;
    this.#reconnect = options.reconnect ? resolveReconnectOptions(options.reconnect) : undefined;
  }

  /** The resolved URL messages are POSTed to, once the endpoint event arrived. */
  get endpoint(): string | undefined {
    return this.#endpoint?.href;
  }

  /** The id of the last SSE event that carried one (sent as `Last-Event-ID` to resume). */
  get lastEventId(): string | undefined {
    return this.#lastEventId;
  }

  /** The server's last `retry:` hint in ms. */
  get retryMs(): number | undefined {
    return this.#retryMs;
  }

  /** True while the stream is down and being reopened. */
  get reconnecting(): boolean {
    return this.#phase === 'reconnecting';
  }

  get #closed(): boolean {
    return this.#phase === 'closed';
  }

  setProtocolVersion(version: string): void {
    this.#postHeaders = { ...this.#postHeaders, [McpHeader.ProtocolVersion]: version };
  }

  async start(): Promise<void> {
    if (this.#phase !== 'idle') {
      throw new McpSseClientError('protocol_error', 'The transport was already started');
    }
    this.#phase = 'connecting';
    try {
      await this.#connect(undefined);
    } catch (error) {
      this.#shutdown();
      throw error;
    }
    // The stream may already have ended again: then `onclose` fired, or a reconnect runs.
    if (this.#phase === 'connecting') this.#phase = 'open';
  }

  /**
   * Opens a stream and resolves once its `endpoint` event arrived; rejects (and drops the
   * stream) on an HTTP error, a stream that ends first, or after `connectTimeout`.
   */
  #connect(lastEventId: string | undefined): Promise<void> {
    const stream: Stream = {
      controller: new AbortController(),
      openedAt: Date.now(),
      lastByteAt: Date.now(),
      waiter: undefined,
      abandoned: false,
      cutReason: undefined,
      watchdog: undefined,
      resumeFrom: lastEventId,
    };
    this.#stream = stream;
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
              'Check the URL is an HTTP+SSE endpoint (often /sse; Streamable HTTP servers use /mcp: leave the transport unset to negotiate) and the server is running.',
          ),
        );
      }, this.#connectTimeout);
      const fail = (error: McpSseClientError) => {
        if (!stream.waiter) return;
        stream.waiter = undefined;
        stream.abandoned = true;
        clearTimeout(timer);
        stream.controller.abort();
        reject(error);
      };
      stream.waiter = {
        resolve: () => {
          stream.waiter = undefined;
          clearTimeout(timer);
          stream.openedAt = Date.now();
          this.#armWatchdog(stream);
          resolve();
        },
        reject: fail,
      };
      this.#open(stream, lastEventId, () => {
        opened = true;
      }).catch((error: unknown) => fail(asClientError(error, this.url.href, this.#closed)));
    });
  }

  async #open(
    stream: Stream,
    lastEventId: string | undefined,
    onOpened: () => void,
  ): Promise<void> {
    // Redirects are followed within the origin only: the API key must not go elsewhere.
    const { response } = await fetchSameOrigin(this.#fetch, this.url, {
      method: 'GET',
      headers:
        lastEventId === undefined
          ? this.#getHeaders
          : { ...this.#getHeaders, [McpHeader.LastEventId]: lastEventId },
      signal: stream.controller.signal,
      cache: 'no-store',
    });
    this.onwire?.({ direction: 'in', kind: 'open', status: response.status });
    if (!response.ok) throw await httpStatusError(response, 'GET', this.url.href);
    const type = response.headers.get('content-type') ?? '';
    if (!type.toLowerCase().includes('text/event-stream') || !hasBody(response)) {
      await discardBody(response, 0);
      throw new McpSseClientError(
        'protocol_error',
        `The server answered GET ${this.url.href} with content-type "${type || 'none'}", not an SSE ` +
          'stream. Check the URL is an HTTP+SSE endpoint (often /sse), or leave the transport unset to negotiate.',
      );
    }
    onOpened();
    void this.#pump(response, stream);
  }

  async #pump(body: Response, stream: Stream): Promise<void> {
    // The reader shared with the Streamable HTTP transport; a timestamp per network chunk
    // feeds the dead-stream watchdog.
    const { failure } = await readSseBody(
      body,
      (item) => this.#onItem(item, stream),
      () => {
        stream.lastByteAt = Date.now();
      },
    );
    if (stream.watchdog !== undefined) clearInterval(stream.watchdog);
    if (this.#closed || stream.abandoned || stream !== this.#stream) return;
    if (stream.waiter) {
      stream.waiter.reject(
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
      stream.cutReason ??
      (failure instanceof Error ? `broke (${failure.message})` : 'was ended by the server');
    if (!this.#reconnect) {
      this.#shutdown();
      this.#fireClose({
        reason: 'stream_ended',
        error: new McpSseClientError(
          'session_lost',
          `The SSE stream ${reason}; the session is gone. Check the server is still running, then connect again.`,
          { cause: failure },
        ),
      });
      return;
    }
    void this.#reconnectLoop(
      new McpSseClientError('session_lost', `The SSE stream ${reason}`, { cause: failure }),
    );
  }

  async #reconnectLoop(cause: McpSseClientError): Promise<void> {
    const options = this.#reconnect as ResolvedReconnectOptions;
    this.#phase = 'reconnecting';
    clearTimeout(this.#stableTimer);
    this.#outage ??= { startedAt: Date.now(), attempts: 0 };
    const outage = this.#outage;
    let lastError = cause;
    for (;;) {
      if (this.#closed) return;
      const elapsed = Date.now() - outage.startedAt;
      if (outage.attempts >= options.maxAttempts || elapsed >= options.maxElapsedMs) {
        this.#giveUp(lastError, outage);
        return;
      }
      const attempt = ++outage.attempts;
      const delayMs = Math.min(
        backoffDelay(attempt, options, this.#retryMs),
        options.maxElapsedMs - elapsed,
      );
      this.#logger.info?.(
        `SSE stream lost (${lastError.message}); reconnect attempt ${attempt} in ${delayMs} ms`,
      );
      this.onreconnecting?.({ attempt, delayMs, cause: lastError });
      await this.#sleep(delayMs);
      if (this.#closed) return;
      const previous = this.#endpoint?.href;
      const sentId = this.#lastEventId;
      try {
        await this.#connect(sentId);
      } catch (error) {
        if (this.#closed) return;
        lastError = asClientError(error, this.url.href, false);
        if (isFinalRefusal(lastError)) {
          this.#giveUp(lastError, outage);
          return;
        }
        continue;
      }
      if (this.#closed) return;
      this.#phase = 'open';
      const stream = this.#stream;
      this.#stableTimer = setTimeout(() => {
        if (this.#stream === stream && this.#phase === 'open') this.#outage = undefined;
      }, options.stableAfterMs);
      (this.#stableTimer as { unref?: () => void }).unref?.();
      const endpoint = this.#endpoint?.href ?? '';
      const resumed = sentId !== undefined && endpoint === previous;
      this.#logger.info?.(
        resumed
          ? `SSE stream resumed (attempt ${attempt})`
          : `New session at ${endpoint} (attempt ${attempt})`,
      );
      this.onreconnected?.({ attempt, endpoint, resumed });
      return;
    }
  }

  #giveUp(error: McpSseClientError, outage: Outage): void {
    const ms = Date.now() - outage.startedAt;
    this.#shutdown();
    this.#fireClose({
      reason: 'stream_ended',
      error: new McpSseClientError(
        'session_lost',
        `The SSE stream dropped and could not be reopened (${outage.attempts} attempt(s) in ${ms} ms): ` +
          `${error.message}`,
        { cause: error, ...(error.status === undefined ? {} : { status: error.status }) },
      ),
    });
  }

  #sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      this.#wake = done;
    });
  }

  /**
   * Cuts the stream and reconnects: for a POST that got 404 while the stream still looks
   * alive. Returns false when this transport does not reconnect or is closed.
   */
  reconnect(): boolean {
    // Not before the first stream is up (connect() reports its own failures), nor after close.
    if (!this.#reconnect || (this.#phase !== 'open' && this.#phase !== 'reconnecting')) {
      return false;
    }
    const stream = this.#stream;
    if (this.#phase !== 'open' || !stream) return true;
    stream.cutReason = 'was dropped on purpose: the server no longer knew the session';
    stream.controller.abort();
    return true;
  }

  /** Arms the dead-stream check once we know the server sends heartbeats. */
  #armWatchdog(stream: Stream): void {
    const options = this.#reconnect;
    if (!options || stream.watchdog !== undefined || stream.waiter || stream.abandoned) return;
    if (!options.heartbeatKnown && !this.#heartbeatSeen) return;
    const deadAfter = options.heartbeatMs * options.deadAfterHeartbeats;
    // A timestamp per chunk and a coarse interval: no timer reset on every read.
    stream.watchdog = setInterval(
      () => {
        if (Date.now() - stream.lastByteAt <= deadAfter) return;
        clearInterval(stream.watchdog);
        stream.cutReason = `went silent (no data for ${deadAfter} ms, heartbeats expected every ${options.heartbeatMs} ms)`;
        stream.controller.abort();
      },
      Math.max(10, Math.floor(deadAfter / 4)),
    );
    (stream.watchdog as { unref?: () => void }).unref?.();
  }

  #onItem(item: SseItem, stream: Stream): void {
    if (stream !== this.#stream) return;
    try {
      switch (item.type) {
        case 'event': {
          const event = item.event;
          if (event.id !== undefined) this.#onEventId(event.id, stream);
          this.onwire?.({ direction: 'in', kind: 'event', name: event.event, data: event.data });
          if (event.event === 'message') this.onmessage?.(event.data);
          else if (event.event === 'endpoint') this.#onEndpoint(event.data, stream);
          else if (event.event === 'tools') this.ontools?.(event.data);
          else this.#logger.debug?.(`Ignoring a "${event.event}" event (simple call form)`);
          return;
        }
        case 'unknown':
          if (item.raw.id !== undefined) this.#onEventId(item.raw.id, stream);
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
          if (!this.#heartbeatSeen) {
            this.#heartbeatSeen = true;
            this.#armWatchdog(stream);
          }
          return;
        case 'retry':
          this.#retryMs = item.retry;
          return;
        case 'error':
          this.#onBadItem(item, stream);
          return;
      }
    } catch (error) {
      // A throwing handler must not kill the stream that every other call depends on.
      this.#logger.error?.('Handler failed on an incoming SSE item', error);
    }
  }

  #onEventId(id: string, stream: Stream): void {
    const from = stream.resumeFrom;
    this.#lastEventId = id;
    if (from === undefined) return;
    stream.resumeFrom = undefined;
    const missed = missedEvents(from, id);
    if (missed > 0) {
      this.onreplaygap?.({ stream: 'sse', from, to: id, missed });
      this.onerror?.(
        new McpSseClientError(
          'protocol_error',
          `The server resumed the stream without ${missed} event(s) after ${from} (its replay ` +
            'buffer had dropped them): progress notifications or answers among them are lost; a ' +
            'call whose answer was lost ends with request_timeout. Raise the server replay buffer.',
          { data: { from, to: id } },
        ),
      );
    }
  }

  #onEndpoint(data: string, stream: Stream): void {
    let url: URL;
    try {
      url = resolveEndpoint(data, this.url);
    } catch (error) {
      const clientError = error as McpSseClientError;
      if (stream.waiter) stream.waiter.reject(clientError);
      else this.onerror?.(clientError);
      return;
    }
    if (!stream.waiter && this.#endpoint && this.#endpoint.href !== url.href) {
      this.#logger.info?.(`The server moved the endpoint to ${url.href}`);
    }
    this.#endpoint = url;
    stream.waiter?.resolve();
  }

  #onBadItem(item: Extract<SseItem, { type: 'error' }>, stream: Stream): void {
    const name = item.raw?.event ?? 'message';
    const error = new McpSseClientError(
      'protocol_error',
      `The server sent an unreadable SSE ${name} event: ${item.error.message}`,
      { cause: item.error, data: { event: name, requestId: requestIdOf(item.raw?.data) } },
    );
    if (name === 'endpoint' && stream.waiter) stream.waiter.reject(error);
    else this.onerror?.(error);
  }

  async send(message: JSONRPCMessage, options: SendOptions = {}): Promise<void> {
    const endpoint = this.#endpoint;
    if (this.#closed || !endpoint) {
      throw new McpSseClientError(
        'closed',
        this.#closed ? 'The connection is closed' : 'Not connected yet: no endpoint',
      );
    }
    // One abort switch per POST, not the transport's long-lived signal: undici only drops a
    // signal's abort listener when the request is garbage collected, so a shared signal
    // piles up one listener per POST. A handle, not an AbortController: see AbortHandle.
    const controller = new AbortHandle();
    this.#posts.add(controller);
    // The call's own end (timeout, abort) ends its POST too, body included.
    const unlink = linkAbort(options.abort ?? options.signal, controller);
    const done = () => {
      unlink();
      this.#posts.delete(controller);
    };
    let response: Response;
    try {
      ({ response } = await fetchSameOrigin(this.#fetch, endpoint, {
        method: 'POST',
        headers: this.#postHeaders,
        body: JSON.stringify(message),
        ...abortInit(controller, this.#native),
      }));
    } catch (error) {
      done();
      if (this.#closed)
        throw new McpSseClientError('closed', 'The connection was closed during a POST');
      if (McpSseClientError.isInstance(error)) throw error;
      if (controller.aborted) {
        throw new McpSseClientError(
          'aborted',
          `POST to ${endpoint.href} was abandoned: its call ended`,
          {
            cause: error,
          },
        );
      }
      throw new McpSseClientError(
        'connect_failed',
        `POST to ${endpoint.href} failed: ${(error as Error).message}. Check the server is still running.`,
        { cause: error },
      );
    }
    this.onwire?.({ direction: 'out', kind: 'post', data: message, status: response.status });
    if (!response.ok) {
      try {
        throw await httpStatusError(response, 'POST', endpoint.href);
      } finally {
        done();
      }
    }
    // Drained in the background, bounded, so that a short `Accepted` lets the socket return
    // to the pool without delaying the caller, and an endless body is cut off.
    void discardBody(response).finally(done);
  }

  async close(): Promise<void> {
    if (this.#closeFired || this.#closed) return;
    const connecting = this.#phase === 'connecting';
    const waiter = this.#stream?.waiter;
    this.#shutdown();
    waiter?.reject(new McpSseClientError('closed', 'The connection was closed while connecting'));
    // start() reports a close while connecting by rejecting; there was no connection to close.
    if (connecting) return;
    this.#fireClose({ reason: 'closed' });
  }

  #shutdown(): void {
    this.#phase = 'closed';
    clearTimeout(this.#stableTimer);
    const stream = this.#stream;
    if (stream) {
      if (stream.watchdog !== undefined) clearInterval(stream.watchdog);
      stream.controller.abort();
    }
    this.#wake?.();
    for (const post of this.#posts) post.abort();
    this.#posts.clear();
  }

  #fireClose(info: TransportCloseInfo): void {
    if (this.#closeFired) return;
    this.#closeFired = true;
    this.onclose?.(info);
  }
}

/**
 * Whether an answer to the reconnect GET means "stop trying": credentials refused, or any
 * other 4xx but 408 (timeout) and 429 (too many requests), which are worth another try.
 */
function isFinalRefusal(error: McpSseClientError): boolean {
  if (error.code === 'auth_failed' || error.code === 'redirect_refused') return true;
  const status = error.status;
  return (
    error.code === 'http_status' &&
    status !== undefined &&
    status >= 400 &&
    status < 500 &&
    status !== 408 &&
    status !== 429
  );
}

/**
 * How many events a resumed stream skipped, for ids of the `<session>:<sequence>` form
 * (`@mcp-sse/server`); 0 when the ids are of another form or another session.
 */
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
