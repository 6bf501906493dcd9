import {
  type JSONRPCMessage,
  type RequestId,
  type SseItem,
  toJSONRPCMessage,
} from '@mcp-sse/protocol';
import { McpSseClientError } from '../errors.js';
import type { WireEvent } from '../events.js';
import { discardBody, readBodyPrefix } from '../http/bounded-body.js';
import { neverReachedServer } from '../http/never-reached-server.js';
import { fetchSameOrigin } from '../http/same-origin-fetch.js';
import { type Logger, silentLogger } from '../logger.js';
import { backoffDelay } from '../reconnect/backoff.js';
import {
  type ReconnectOptions,
  type ResolvedReconnectOptions,
  resolveReconnectOptions,
} from '../reconnect/reconnect-options.js';
import { readSseBody } from '../transport/read-sse.js';
import type {
  ReconnectedInfo,
  ReconnectingInfo,
  SendOptions,
  Transport,
  TransportCloseInfo,
} from '../transport/transport.js';
import { type ModernIdentity, withModernMeta } from './modern.js';
import { modernRequestHeaders } from './request-headers.js';
import { streamableStatusError } from './status-error.js';
import type { HeaderParam } from './x-mcp-header.js';

/** Options of {@link StreamableHttpClientTransport}. */
export interface StreamableHttpClientTransportOptions {
  /** Headers sent on every request (auth goes here). */
  headers?: Record<string, string>;
  /** The fetch to use; defaults to the global one. */
  fetch?: typeof fetch;
  /** Where diagnostics go. */
  logger?: Logger;
  /**
   * Resume broken response streams (GET with `Last-Event-ID`), keep the standalone GET
   * stream open, and start a new session when the server lost ours. Off unless given; the
   * client turns it on by default.
   */
  reconnect?: ReconnectOptions;
  /** Open the standalone GET stream for server-initiated messages (default true). */
  standaloneStream?: boolean;
}

/** Largest JSON answer read, so that a hostile server cannot exhaust memory. */
export const MAX_JSON_RESPONSE_BYTES = 16 * 1024 * 1024;
/** Bound on the `DELETE` that ends the session at close. */
const DELETE_TIMEOUT = 2_000;

/** One response stream (a POST's SSE answer, then the GETs that resume it). */
interface ResponseStream {
  readonly requestId: RequestId;
  readonly controller: AbortController;
  lastEventId: string | undefined;
  retryMs: number | undefined;
  answered: boolean;
  /** Items seen since the last (re)open: a stream that made progress resets the attempts. */
  progressed: boolean;
}

/**
 * The Streamable HTTP transport (2025-03-26 .. 2025-11-25, and the stateless 2026-07-28):
 * one MCP endpoint, every message its own POST with `Accept: application/json,
 * text/event-stream`; a request is answered as JSON or as an SSE stream. Keeps the
 * `Mcp-Session-Id` the server issues and sends it back, `MCP-Protocol-Version` once known,
 * resumes a broken response stream with `GET` + `Last-Event-ID` (honouring `retry`, so SEP-1699
 * polling works), opens the optional standalone GET stream (405 = none), and ends the
 * session with `DELETE` on close. A 404 on the session means the server lost it:
 * {@link reconnect} then drops it and reports a new session, which the client initializes.
 *
 * In modern mode ({@link useModern}) every request carries the `_meta` identity and the
 * `Mcp-Method` / `Mcp-Name` / `Mcp-Param-*` headers; there is no session, no GET stream and
 * no resumption, and a cancellation closes the request's stream instead of being sent.
 */
export class StreamableHttpClientTransport implements Transport {
  onmessage?: (message: JSONRPCMessage) => void;
  onerror?: (error: McpSseClientError) => void;
  onclose?: (info: TransportCloseInfo) => void;
  onwire?: (event: WireEvent) => void;
  onreconnecting?: (info: ReconnectingInfo) => void;
  onreconnected?: (info: ReconnectedInfo) => void;
  /** The `x-mcp-header` arguments of a tool (modern mode), so calls can mirror them. */
  toolHeaderParams?: (tool: string) => readonly HeaderParam[] | undefined;

  /** The MCP endpoint. */
  readonly url: URL;
  readonly #fetch: typeof fetch;
  readonly #headers: Record<string, string>;
  readonly #logger: Logger;
  readonly #reconnect: ResolvedReconnectOptions | undefined;
  readonly #standalone: boolean;
  /** Controllers of requests in flight (POSTs, response streams), by request id. */
  readonly #requests = new Map<RequestId, AbortController>();
  /** Every controller in flight, aborted on close. */
  readonly #inFlight = new Set<AbortController>();
  #sessionId: string | undefined;
  #protocolVersion: string | undefined;
  #modern: ModernIdentity | undefined;
  #closed = false;
  #started = false;
  #renewing = false;
  #standaloneRun: AbortController | undefined;

  constructor(url: string | URL, options: StreamableHttpClientTransportOptions = {}) {
    this.url = parseUrl(url);
    const fetchImpl = options.fetch ?? globalThis.fetch;
    // Called unbound, a browser's fetch throws "Illegal invocation".
    this.#fetch = (input, init) => fetchImpl(input, init);
    this.#headers = { ...(options.headers ?? {}) };
    this.#logger = options.logger ?? silentLogger;
    this.#reconnect = options.reconnect ? resolveReconnectOptions(options.reconnect) : undefined;
    this.#standalone = options.standaloneStream ?? true;
  }

  /** The MCP endpoint, where every message goes. */
  get endpoint(): string {
    return this.url.href;
  }

  /** The session id the server issued, if any. */
  get sessionId(): string | undefined {
    return this.#sessionId;
  }

  /** The protocol version sent in `MCP-Protocol-Version`, once known. */
  get protocolVersion(): string | undefined {
    return this.#protocolVersion;
  }

  /** True in the stateless 2026-07-28 mode. */
  get modern(): boolean {
    return this.#modern !== undefined;
  }

  async start(): Promise<void> {
    if (this.#started || this.#closed) {
      throw new McpSseClientError('protocol_error', 'The transport was already started');
    }
    this.#started = true;
  }

  setProtocolVersion(version: string): void {
    this.#protocolVersion = version;
  }

  /** Sets the log level every later request asks for in `_meta` (2026-07-28 only). */
  setModernLogLevel(level: string): void {
    if (this.#modern) this.#modern.logLevel = level;
  }

  /**
   * Switches to the stateless revision: every request carries `identity` in `_meta`, and the
   * mirrored headers. Call before the first request.
   */
  useModern(identity: ModernIdentity): void {
    this.#modern = identity;
    this.#protocolVersion = identity.protocolVersion;
  }

  async send(message: JSONRPCMessage, options: SendOptions = {}): Promise<void> {
    if (this.#closed) throw new McpSseClientError('closed', 'The connection is closed');
    const isRequest = 'method' in message && 'id' in message && message.id !== undefined;
    if (this.#modern && 'method' in message && message.method === 'notifications/cancelled') {
      // 2026-07-28 on HTTP: closing the request's stream is the cancellation.
      const requestId = (message.params as { requestId?: RequestId } | undefined)?.requestId;
      if (requestId !== undefined) this.#requests.get(requestId)?.abort();
      return;
    }
    const body =
      this.#modern && isRequest
        ? {
            ...message,
            params: withModernMeta(
              message.params as Record<string, unknown> | undefined,
              this.#modern,
            ),
          }
        : message;
    const controller = new AbortController();
    const onAbort = () => controller.abort(options.signal?.reason);
    if (options.signal?.aborted) onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const id = isRequest ? (message as { id: RequestId }).id : undefined;
    this.#track(controller, id);
    const release = () => {
      options.signal?.removeEventListener('abort', onAbort);
      this.#untrack(controller, id);
    };
    // Whether this POST named a session, fixed now: another POST's 404 may forget the session
    // before this one's answer comes, and this 404 must still read as "session gone".
    const sessionSent = this.#sessionId !== undefined && !this.#modern;
    let response: Response;
    try {
      response = await this.#request({
        method: 'POST',
        headers: this.#postHeaders(body as JSONRPCMessage),
        body: JSON.stringify(body),
        signal: controller.signal,
      });
    } catch (error) {
      release();
      if (McpSseClientError.isInstance(error)) throw error;
      if (this.#closed)
        throw new McpSseClientError('closed', 'The connection was closed during a POST');
      const method = 'method' in message ? String(message.method) : '';
      if (id !== undefined && !SAFE_TO_RESEND.has(method) && !neverReachedServer(error)) {
        // Each POST has its own answer here: no shared stream can prove the server never
        // took it, so sending it again could run it twice. The caller decides (idempotent).
        throw new McpSseClientError(
          'session_lost',
          `POST of ${method} (request ${String(id)}) to ${this.url.href} broke after it may have ` +
            `reached the server (${(error as Error).message}); it may have run there, so it was ` +
            'not sent again: retry it if that is safe (or pass `idempotent: true`).',
          { cause: error, data: { requestId: id, streamBroken: true } },
        );
      }
      throw new McpSseClientError(
        'connect_failed',
        `POST to ${this.url.href} failed: ${(error as Error).message}. Check the server is still running.`,
        { cause: error },
      );
    }
    this.onwire?.({ direction: 'out', kind: 'post', data: message, status: response.status });
    if (!response.ok) {
      try {
        // A JSON-RPC error answering this very request (2026-07-28 sends them with 4xx) is
        // its answer, delivered like any other.
        const answer = await this.#errorAnswer(response, id);
        if (answer) {
          queueMicrotask(() => this.#deliver(answer));
          return;
        }
        throw await streamableStatusError(response, this.url.href, {
          sessionSent,
        });
      } finally {
        release();
      }
    }
    const session = response.headers.get('mcp-session-id');
    if (session && !this.#modern) this.#sessionId = session;
    if ('method' in message && message.method === 'initialize') this.#renewing = false;
    const type = (response.headers.get('content-type') ?? '').toLowerCase();
    if (id !== undefined && type.includes('text/event-stream') && response.body) {
      void this.#followStream(response.body, id, controller).finally(release);
    } else if (id !== undefined && type.includes('application/json')) {
      void this.#readJson(response, id).finally(release);
    } else {
      void discardBody(response).finally(release);
      if (id !== undefined) {
        queueMicrotask(() =>
          this.#failRequest(
            id,
            new McpSseClientError(
              'protocol_error',
              `The server answered request ${String(id)} with HTTP ${response.status} and ` +
                `content-type "${type || 'none'}", neither JSON nor an SSE stream.`,
              { status: response.status },
            ),
          ),
        );
      }
    }
    if (
      'method' in message &&
      message.method === 'notifications/initialized' &&
      !this.#modern &&
      this.#standalone
    ) {
      this.#openStandalone();
    }
  }

  /** Fetches the endpoint, following redirects only within its origin (credentials stay there). */
  async #request(init: RequestInit): Promise<Response> {
    return (await fetchSameOrigin(this.#fetch, this.url, init)).response;
  }

  #postHeaders(message: JSONRPCMessage): Record<string, string> {
    const headers: Record<string, string> = {
      ...this.#headers,
      accept: 'application/json, text/event-stream',
      'content-type': 'application/json',
    };
    if (this.#sessionId !== undefined && !this.#modern) headers['mcp-session-id'] = this.#sessionId;
    if (this.#protocolVersion !== undefined)
      headers['mcp-protocol-version'] = this.#protocolVersion;
    if (this.#modern) {
      Object.assign(
        headers,
        modernRequestHeaders(message, (tool) => this.toolHeaderParams?.(tool)),
      );
    }
    return headers;
  }

  #getHeaders(lastEventId: string | undefined): Record<string, string> {
    const headers: Record<string, string> = { ...this.#headers, accept: 'text/event-stream' };
    if (this.#sessionId !== undefined) headers['mcp-session-id'] = this.#sessionId;
    if (this.#protocolVersion !== undefined)
      headers['mcp-protocol-version'] = this.#protocolVersion;
    if (lastEventId !== undefined) headers['last-event-id'] = lastEventId;
    return headers;
  }

  #track(controller: AbortController, id: RequestId | undefined): void {
    this.#inFlight.add(controller);
    if (id !== undefined) this.#requests.set(id, controller);
  }

  #untrack(controller: AbortController, id: RequestId | undefined): void {
    this.#inFlight.delete(controller);
    if (id !== undefined && this.#requests.get(id) === controller) this.#requests.delete(id);
  }

  /** The JSON-RPC error in a non-2xx body when it answers request `id`. */
  async #errorAnswer(
    response: Response,
    id: RequestId | undefined,
  ): Promise<JSONRPCMessage | undefined> {
    if (id === undefined) return undefined;
    const type = (response.headers.get('content-type') ?? '').toLowerCase();
    if (!type.includes('application/json')) return undefined;
    const text = await response
      .clone()
      .text()
      .catch(() => '');
    try {
      const parsed = toJSONRPCMessage(JSON.parse(text));
      if (parsed.ok && 'error' in parsed.value && parsed.value.id === id) return parsed.value;
    } catch {
      // Not JSON: an ordinary HTTP error.
    }
    return undefined;
  }

  async #readJson(response: Response, id: RequestId): Promise<void> {
    const { bytes, truncated } = await readBodyPrefix(response, MAX_JSON_RESPONSE_BYTES);
    if (this.#closed) return;
    if (truncated) {
      this.#failRequest(
        id,
        new McpSseClientError(
          'protocol_error',
          `The server's JSON answer to request ${String(id)} is larger than ${MAX_JSON_RESPONSE_BYTES} bytes.`,
        ),
      );
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(new TextDecoder().decode(bytes));
    } catch (cause) {
      this.#failRequest(
        id,
        // Most often the connection broke mid-body: the request ran, its answer is lost.
        new McpSseClientError(
          'session_lost',
          `The answer to request ${String(id)} broke off or is not JSON; the request may have ` +
            'run on the server: retry it if that is safe (or pass `idempotent: true`).',
          { cause, data: { requestId: id, streamBroken: true } },
        ),
      );
      return;
    }
    for (const item of Array.isArray(value) ? value : [value]) {
      const parsed = toJSONRPCMessage(item);
      if (parsed.ok) this.#deliver(parsed.value);
      else
        this.#failRequest(
          id,
          new McpSseClientError('protocol_error', parsed.error.message, { cause: parsed.error }),
        );
    }
  }

  /**
   * Reads a response stream; when it ends before the answer, resumes it with `GET` and
   * `Last-Event-ID` after the server's `retry` (or backoff), as long as it has an event id
   * to resume from and attempts remain. Aborting the request's controller stops it all.
   */
  async #followStream(
    first: ReadableStream<Uint8Array>,
    requestId: RequestId,
    controller: AbortController,
  ): Promise<void> {
    const stream: ResponseStream = {
      requestId,
      controller,
      lastEventId: undefined,
      retryMs: undefined,
      answered: false,
      progressed: false,
    };
    let body: ReadableStream<Uint8Array> | undefined = first;
    let failures = 0;
    let lastFailure: unknown;
    for (;;) {
      if (body) {
        stream.progressed = false;
        const end = await readSseBody(body, (item) => this.#onStreamItem(item, stream));
        lastFailure = end.failure;
        body = undefined;
      }
      if (stream.answered || this.#closed || controller.signal.aborted) return;
      // A stream that delivered something earns a fresh set of attempts (polling goes on as
      // long as the server makes progress); a failed GET or an empty stream does not.
      if (stream.progressed) failures = 0;
      stream.progressed = false;
      failures++;
      const options = this.#reconnect;
      if (
        this.#modern ||
        !options ||
        stream.lastEventId === undefined ||
        failures > options.maxAttempts
      ) {
        this.#failRequest(
          requestId,
          brokenStreamError(requestId, stream, lastFailure, !!this.#modern),
        );
        return;
      }
      // The server's retry is what it asked for (SEP-1699 polling); else our backoff.
      const delay = stream.retryMs ?? backoffDelay(failures, options);
      await sleep(delay, controller.signal);
      if (this.#closed || controller.signal.aborted) return;
      try {
        const response = await this.#request({
          method: 'GET',
          headers: this.#getHeaders(stream.lastEventId),
          signal: controller.signal,
          cache: 'no-store',
        });
        this.onwire?.({ direction: 'in', kind: 'open', status: response.status });
        const type = (response.headers.get('content-type') ?? '').toLowerCase();
        if (response.ok && type.includes('text/event-stream') && response.body) {
          body = response.body;
          continue;
        }
        lastFailure = await streamableStatusError(response, this.url.href, { method: 'GET' });
        // 404/405: nothing to resume from, now or later.
        if (response.status === 404 || response.status === 405) failures = Number.POSITIVE_INFINITY;
      } catch (error) {
        lastFailure = error;
      }
    }
  }

  #onStreamItem(item: SseItem, stream: ResponseStream): void {
    stream.progressed = true;
    switch (item.type) {
      case 'event':
        if (item.event.id !== undefined) stream.lastEventId = item.event.id;
        this.onwire?.({
          direction: 'in',
          kind: 'event',
          name: item.event.event,
          data: item.event.data,
        });
        if (item.event.event === 'message') {
          const message = item.event.data;
          if (!('method' in message) && message.id === stream.requestId) stream.answered = true;
          this.#deliver(message);
        }
        return;
      case 'unknown':
        if (item.raw.id !== undefined) stream.lastEventId = item.raw.id;
        return;
      case 'priming':
        stream.lastEventId = item.id;
        return;
      case 'retry':
        stream.retryMs = item.retry;
        return;
      case 'comment':
        this.onwire?.({ direction: 'in', kind: 'comment', data: item.text });
        return;
      case 'error':
        if (item.raw?.id !== undefined) stream.lastEventId = item.raw.id;
        // A priming event (an id and empty data) carries nothing to read.
        if (item.raw && item.raw.data.trim() === '') return;
        this.onerror?.(
          new McpSseClientError(
            'protocol_error',
            `The server sent an unreadable SSE event on the stream of request ${String(stream.requestId)}: ${item.error.message}`,
            { cause: item.error },
          ),
        );
        return;
    }
  }

  #deliver(message: JSONRPCMessage): void {
    if (this.#closed) return;
    try {
      this.onmessage?.(message);
    } catch (error) {
      this.#logger.error?.('A message handler threw', error);
    }
  }

  #failRequest(requestId: RequestId, error: McpSseClientError): void {
    if (this.#closed) return;
    const data = typeof error.data === 'object' && error.data !== null ? error.data : {};
    this.onerror?.(
      new McpSseClientError(error.code, error.message, {
        cause: error,
        ...(error.status === undefined ? {} : { status: error.status }),
        data: { ...data, requestId },
      }),
    );
  }

  /** Opens the standalone GET stream (legacy revisions); keeps it open while it is wanted. */
  #openStandalone(): void {
    if (this.#standaloneRun || this.#closed) return;
    const run = new AbortController();
    this.#standaloneRun = run;
    this.#inFlight.add(run);
    void this.#standaloneLoop(run).finally(() => {
      this.#inFlight.delete(run);
      if (this.#standaloneRun === run) this.#standaloneRun = undefined;
    });
  }

  async #standaloneLoop(run: AbortController): Promise<void> {
    const options = this.#reconnect;
    let lastEventId: string | undefined;
    let retryMs: number | undefined;
    let failures = 0;
    for (;;) {
      if (this.#closed || run.signal.aborted) return;
      let response: Response;
      try {
        response = await this.#request({
          method: 'GET',
          headers: this.#getHeaders(lastEventId),
          signal: run.signal,
          cache: 'no-store',
        });
      } catch {
        response = undefined as unknown as Response;
      }
      if (response) this.onwire?.({ direction: 'in', kind: 'open', status: response.status });
      const type = (response?.headers.get('content-type') ?? '').toLowerCase();
      if (response?.ok && type.includes('text/event-stream') && response.body) {
        let progressed = false;
        await readSseBody(response.body, (item) => {
          progressed = true;
          if (item.type === 'retry') retryMs = item.retry;
          else if (item.type === 'event') {
            if (item.event.id !== undefined) lastEventId = item.event.id;
            this.onwire?.({
              direction: 'in',
              kind: 'event',
              name: item.event.event,
              data: item.event.data,
            });
            if (item.event.event === 'message') this.#deliver(item.event.data);
          } else if (item.type === 'priming') lastEventId = item.id;
        });
        if (progressed) failures = 0;
      } else {
        if (response) await discardBody(response);
        // 405: the server offers no standalone stream; 404: the session is gone (the next
        // POST finds out and starts a new one); 4xx: it will not change its mind.
        if (
          !response ||
          response.status >= 500 ||
          response.status === 408 ||
          response.status === 429
        ) {
          // worth another try
        } else {
          if (response.status !== 405) {
            this.#logger.debug?.(`The standalone GET stream was refused (HTTP ${response.status})`);
          }
          return;
        }
      }
      failures++;
      if (!options || failures > options.maxAttempts) return;
      await sleep(backoffDelay(failures, options, retryMs), run.signal);
    }
  }

  /**
   * The server no longer knows our session (a POST got 404): forgets it and reports a new
   * session, which the client initializes before the held-back requests go out. False when
   * recovery is off, the transport is closed, or in modern mode (there are no sessions).
   */
  reconnect(): boolean {
    if (!this.#reconnect || this.#closed || this.#modern || !this.#started) return false;
    if (this.#renewing) return true;
    this.#renewing = true;
    this.#sessionId = undefined;
    this.#standaloneRun?.abort();
    this.#standaloneRun = undefined;
    const cause = new McpSseClientError(
      'session_lost',
      `The server at ${this.url.href} no longer knows our session (HTTP 404)`,
      { status: 404 },
    );
    // Later, not inside the caller's stack: the session is in the middle of a failed send.
    setTimeout(() => {
      if (this.#closed) return;
      this.onreconnecting?.({ attempt: 1, delayMs: 0, cause });
      this.onreconnected?.({ attempt: 1, endpoint: this.url.href, resumed: false });
    }, 0);
    return true;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    for (const controller of this.#inFlight) controller.abort();
    this.#inFlight.clear();
    this.#requests.clear();
    const session = this.#sessionId;
    if (session !== undefined && !this.#modern) await this.#deleteSession(session);
    this.onclose?.({ reason: 'closed' });
  }

  /** Ends the session on the server; a 405 (it does not allow that) or a failure is fine. */
  async #deleteSession(session: string): Promise<void> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), DELETE_TIMEOUT);
    try {
      const headers: Record<string, string> = { ...this.#headers, 'mcp-session-id': session };
      if (this.#protocolVersion !== undefined)
        headers['mcp-protocol-version'] = this.#protocolVersion;
      const response = await this.#request({
        method: 'DELETE',
        headers,
        signal: controller.signal,
      });
      await discardBody(response);
    } catch (error) {
      this.#logger.debug?.('DELETE of the session failed', error);
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * Requests that change nothing on the server (or start over, as `initialize` does): a POST
 * of one that broke mid-way may be sent again. Anything else (`tools/call` above all) is
 * reported as may-have-run instead.
 */
const SAFE_TO_RESEND: ReadonlySet<string> = new Set([
  'initialize',
  'ping',
  'server/discover',
  'tools/list',
  'resources/list',
  'resources/templates/list',
  'resources/read',
  'resources/subscribe',
  'resources/unsubscribe',
  'prompts/list',
  'prompts/get',
  'completion/complete',
  'logging/setLevel',
]);

function brokenStreamError(
  requestId: RequestId,
  stream: ResponseStream,
  failure: unknown,
  modern: boolean,
): McpSseClientError {
  const why = failure instanceof Error ? ` (${failure.message})` : '';
  const resumable = stream.lastEventId !== undefined && !modern;
  return new McpSseClientError(
    'session_lost',
    `The response stream of request ${String(requestId)} ended before its answer${why}` +
      (resumable
        ? ' and could not be resumed'
        : ' and the server gave no event id to resume from') +
      '. The request may have run on the server: retry it if that is safe (or pass `idempotent: true`).',
    { cause: failure, data: { requestId, streamBroken: true } },
  );
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) {
      resolve();
      return;
    }
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    signal.addEventListener('abort', done, { once: true });
  });
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
