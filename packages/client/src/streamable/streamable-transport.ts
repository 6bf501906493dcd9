import {
  type JSONRPCMessage,
  McpHeader,
  offersSameIdResend,
  type RequestId,
  type SseItem,
  toJSONRPCMessage,
} from '@mcp-sse/protocol';
import { McpSseClientError } from '../errors.js';
import type { WireEvent } from '../events.js';
import { AbortHandle, abortInit, linkAbort } from '../http/abort-handle.js';
import { discardBody, readBodyPrefix } from '../http/bounded-body.js';
import { neverReachedServer } from '../http/never-reached-server.js';
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
import { sleep } from '../reconnect/sleep.js';
import { readSseBody, type SseBodyEnd } from '../transport/read-sse.js';
import { missedEvents, type ReplayGapInfo } from '../transport/replay-gap.js';
import type {
  ReconnectedInfo,
  ReconnectingInfo,
  SendOptions,
  Transport,
  TransportCloseInfo,
} from '../transport/transport.js';
import { brokenStreamError, SAFE_TO_RESEND, sessionGoneError } from './broken-stream.js';
import { type ModernIdentity, withModernMeta } from './modern.js';
import { modernRequestHeaders } from './request-headers.js';
import { SilenceWatchdog } from './silence-watchdog.js';
import { streamableStatusError } from './status-error.js';
import type { HeaderParam } from './x-mcp-header.js';

/** Options of {@link StreamableHttpClientTransport}. */
export interface StreamableHttpClientTransportOptions {
  /** Headers sent on every request (auth goes here). */
  headers?: Record<string, string>;
  /**
   * The fetch to use. Default on Node: Node's own `http`/`https` with keep-alive agents
   * (a fraction of the CPU of the global `fetch` per call); elsewhere the global `fetch`.
   */
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
/** One decoder for every JSON answer (decoding without `stream` keeps no state). */
const UTF8 = new TextDecoder();
/** Bound on the `DELETE` that ends the session at close. */
const DELETE_TIMEOUT = 2_000;

/** One response stream (a POST's SSE answer, then the GETs that resume it). */
interface ResponseStream {
  readonly requestId: RequestId;
  readonly controller: AbortHandle;
  lastEventId: string | undefined;
  retryMs: number | undefined;
  answered: boolean;
  /** Items seen since the last (re)open: a stream that made progress resets the attempts. */
  progressed: boolean;
  /** The `Last-Event-ID` of the GET that resumed it, until the first new id shows a gap or none. */
  resumeFrom: string | undefined;
}

/**
 * A request of a 2025 session, kept to send it again with the same JSON-RPC id on the same
 * session when its POST or its answer broke with nothing to resume: the server re-attaches
 * the new POST to the call it runs (or ran), so the call runs once.
 */
interface Resend {
  /** The request exactly as POSTed. */
  readonly body: JSONRPCMessage;
  /** The session it belongs to: on another one the old rules apply (re-run only idempotent). */
  readonly session: string;
  /** A POST of it may have reached the server. */
  mayHaveRun: boolean;
  /** Sent again this many times since its answer last made progress. */
  resends: number;
}

/** How reading one answer (a JSON body, or an SSE stream and its GET resumptions) ended. */
interface AnswerEnd {
  /** Answered, or failed for good (reported), or given up (closed, aborted): nothing to do. */
  done: boolean;
  /** Broken with no event id to resume from: sending it again with its id is the way back. */
  failure?: unknown;
  /** The stream carried items before it broke: the re-send attempts start afresh. */
  progressed?: boolean;
  /** The server's `retry` hint. */
  retryMs?: number | undefined;
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
  onreplaygap?: (info: ReplayGapInfo) => void;
  /** The `x-mcp-header` arguments of a tool (modern mode), so calls can mirror them. */
  toolHeaderParams?: (tool: string) => readonly HeaderParam[] | undefined;

  /** The MCP endpoint. */
  readonly url: URL;
  readonly #fetch: typeof fetch;
  readonly #headers: Record<string, string>;
  readonly #logger: Logger;
  readonly #reconnect: ResolvedReconnectOptions | undefined;
  readonly #standalone: boolean;
  /** The fetch is the client's own Node path: it takes an AbortHandle, no signal needed. */
  readonly #native: boolean;
  /** Controllers of requests in flight (POSTs, response streams), by request id. */
  readonly #requests = new Map<RequestId, AbortHandle>();
  /** Every controller in flight, aborted on close. */
  readonly #inFlight = new Set<{ abort(): void }>();
  #sessionId: string | undefined;
  #protocolVersion: string | undefined;
  #modern: ModernIdentity | undefined;
  #closed = false;
  #started = false;
  #renewing = false;
  /** The id of the session's `initialize`, to read from its answer whether the server re-attaches re-sends. */
  #initializeId: RequestId | undefined;
  /** Whether the server of this session said it re-attaches a request re-sent with its id. */
  #serverReattaches = false;
  #standaloneRun: AbortController | undefined;
  /** A heartbeat comment arrived on some stream: the server sends them, so silence means dead. */
  #heartbeatSeen = false;

  constructor(url: string | URL, options: StreamableHttpClientTransportOptions = {}) {
    this.url = parseUrl(url);
    const fetchImpl = options.fetch ?? nodeHttpFetch;
    this.#native = fetchImpl === nodeHttpFetch;
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
    const controller = new AbortHandle();
    const unlink = linkAbort(options.abort ?? options.signal, controller);
    const id = isRequest ? (message as { id: RequestId }).id : undefined;
    if (id !== undefined && (message as { method?: string }).method === 'initialize') {
      this.#initializeId = id;
      this.#serverReattaches = false;
    }
    this.#track(controller, id);
    const release = () => {
      unlink();
      this.#untrack(controller, id);
    };
    // Whether this POST named a session, fixed now: another POST's 404 may forget the session
    // before this one's answer comes, and this 404 must still read as "session gone".
    const sessionSent = this.#sessionId !== undefined && !this.#modern;
    const resend = id === undefined ? undefined : this.#resendable(body as JSONRPCMessage);
    const method = 'method' in message ? String(message.method) : '';
    let response: Response;
    try {
      response = await this.#post(body as JSONRPCMessage, controller);
    } catch (error) {
      const failure = this.#postFailure(error, method, id, resend);
      if (failure !== undefined || !resend) {
        release();
        throw failure ?? error;
      }
      // It may have reached the server: send it again with its id on this session.
      const again = await this.#postAgain(resend, id as RequestId, controller, error);
      if (!McpSseClientError.isInstance(again)) response = again;
      else {
        release();
        throw again;
      }
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
          mayHaveRun: resend?.mayHaveRun === true,
        });
      } finally {
        release();
      }
    }
    const session = response.headers.get(McpHeader.SessionId);
    if (session && !this.#modern) this.#sessionId = session;
    if ('method' in message && message.method === 'initialize') this.#renewing = false;
    if (id !== undefined) {
      void this.#serve(response, id, controller, resend).finally(release);
    } else {
      void discardBody(response).finally(release);
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

  /**
   * A request that can be sent again with its id: inside a 2025 session with recovery on.
   * Without a session the server cannot tell the copy from a new call; 2026-07-28 has none.
   */
  #resendable(body: JSONRPCMessage): Resend | undefined {
    const session = this.#sessionId;
    const allowed = this.#reconnect?.resendSameId;
    if (session === undefined || this.#modern || allowed === undefined || allowed === false) {
      return undefined;
    }
    if (allowed === 'auto' && !this.#serverReattaches) return undefined;
    return { body, session, mayHaveRun: false, resends: 0 };
  }

  /**
   * The error to throw for a POST that got no HTTP answer, or undefined when it is to be sent
   * again with its id on the session (it may have reached the server, and `resend` allows).
   */
  #postFailure(
    error: unknown,
    method: string,
    id: RequestId | undefined,
    resend: Resend | undefined,
  ): McpSseClientError | undefined {
    if (McpSseClientError.isInstance(error)) return error;
    if (this.#closed)
      return new McpSseClientError('closed', 'The connection was closed during a POST');
    const reached = !neverReachedServer(error);
    if (resend && reached) return undefined;
    if (id !== undefined && !SAFE_TO_RESEND.has(method) && reached) {
      // No session to re-attach to: nothing proves the server never took it, so sending
      // it again could run it twice. The caller decides (idempotent).
      return new McpSseClientError(
        'session_lost',
        `POST of ${method} (request ${String(id)}) to ${this.url.href} broke after it may have ` +
          `reached the server (${(error as Error).message}); it may have run there, so it was ` +
          'not sent again: retry it if that is safe (or pass `idempotent: true`).',
        { cause: error, data: { requestId: id, streamBroken: true } },
      );
    }
    // Refused before a connection existed: the session's recovery sends it again.
    return new McpSseClientError(
      'connect_failed',
      `POST to ${this.url.href} failed: ${(error as Error).message}. Check the server is still running.`,
      { cause: error },
    );
  }

  /**
   * Sends a request again with the same id on the same session, after backoff, until some
   * POST gets an HTTP answer: the server re-attaches it to the call it already has (or runs
   * it, if the first never arrived). Resolves with that answer, or with the error to report.
   */
  async #postAgain(
    resend: Resend,
    id: RequestId,
    controller: AbortHandle,
    first: unknown,
  ): Promise<Response | McpSseClientError> {
    const options = this.#reconnect as ResolvedReconnectOptions;
    let failure = first;
    for (;;) {
      if (!neverReachedServer(failure)) resend.mayHaveRun = true;
      if (++resend.resends > options.maxAttempts) {
        return brokenStreamError(
          id,
          { lastEventId: undefined, resends: resend.resends - 1 },
          failure,
          false,
        );
      }
      await sleep(backoffDelay(resend.resends, options), controller.signal);
      if (this.#closed) return new McpSseClientError('closed', 'The connection was closed');
      if (controller.aborted) {
        return new McpSseClientError('aborted', `Request ${String(id)} was aborted`, {
          cause: controller.reason,
        });
      }
      // Moved to a new session meanwhile: the old rules (re-run only if idempotent).
      if (this.#sessionId !== resend.session) {
        return sessionGoneError(id, this.url.href, resend.mayHaveRun);
      }
      try {
        return await this.#post(resend.body, controller);
      } catch (error) {
        if (McpSseClientError.isInstance(error)) return error;
        failure = error;
      }
    }
  }

  /** POSTs one message (headers built now: the session may have changed since). */
  #post(message: JSONRPCMessage, controller: AbortHandle): Promise<Response> {
    return this.#request({
      method: 'POST',
      headers: this.#postHeaders(message),
      body: JSON.stringify(message),
      ...abortInit(controller, this.#native),
    });
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
    if (this.#sessionId !== undefined && !this.#modern)
      headers[McpHeader.SessionId] = this.#sessionId;
    if (this.#protocolVersion !== undefined)
      headers[McpHeader.ProtocolVersion] = this.#protocolVersion;
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
    if (this.#sessionId !== undefined) headers[McpHeader.SessionId] = this.#sessionId;
    if (this.#protocolVersion !== undefined)
      headers[McpHeader.ProtocolVersion] = this.#protocolVersion;
    if (lastEventId !== undefined) headers[McpHeader.LastEventId] = lastEventId;
    return headers;
  }

  #track(controller: AbortHandle, id: RequestId | undefined): void {
    this.#inFlight.add(controller);
    if (id !== undefined) this.#requests.set(id, controller);
  }

  #untrack(controller: AbortHandle, id: RequestId | undefined): void {
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

  /**
   * Reads the answer to request `id` from a 2xx response; when it broke with nothing to
   * resume from, sends the request again with its id on the session (where `resend` allows)
   * and reads that answer, until it comes or the attempts run out.
   */
  async #serve(
    first: Response,
    id: RequestId,
    controller: AbortHandle,
    resend: Resend | undefined,
  ): Promise<void> {
    let response = first;
    for (;;) {
      const end = await this.#readAnswer(response, id, controller);
      if (end.done || this.#closed || controller.aborted) return;
      if (!resend) {
        this.#failRequest(
          id,
          brokenStreamError(
            id,
            { lastEventId: undefined, resends: 0 },
            end.failure,
            !!this.#modern,
          ),
        );
        return;
      }
      // The server took it (2xx): it runs or ran there, whatever happens to the copy.
      resend.mayHaveRun = true;
      if (end.progressed) resend.resends = 0;
      const next = await this.#resendAccepted(resend, id, controller, end);
      if (next === undefined) return;
      this.onwire?.({ direction: 'out', kind: 'post', data: resend.body, status: next.status });
      response = next;
    }
  }

  /**
   * Sends an accepted request again with its id after its answer broke. Resolves with a 2xx
   * response to read, or undefined when settled otherwise: answered by an error body, failed,
   * or its session is gone (the session layer then settles it by the old rules: it was
   * accepted, so it is run again on the new session only if idempotent).
   */
  async #resendAccepted(
    resend: Resend,
    id: RequestId,
    controller: AbortHandle,
    end: AnswerEnd,
  ): Promise<Response | undefined> {
    const options = this.#reconnect as ResolvedReconnectOptions;
    let failure = end.failure;
    for (;;) {
      if (++resend.resends > options.maxAttempts) {
        this.#failRequest(
          id,
          brokenStreamError(
            id,
            { lastEventId: undefined, resends: resend.resends - 1 },
            failure,
            false,
          ),
        );
        return undefined;
      }
      await sleep(backoffDelay(resend.resends, options, end.retryMs), controller.signal);
      if (this.#closed || controller.aborted) return undefined;
      if (this.#sessionId !== resend.session) return undefined;
      let response: Response;
      try {
        response = await this.#post(resend.body, controller);
      } catch (error) {
        if (McpSseClientError.isInstance(error)) {
          this.#failRequest(id, error);
          return undefined;
        }
        failure = error;
        continue;
      }
      if (response.ok) return response;
      const answer = await this.#errorAnswer(response, id);
      if (answer) {
        await discardBody(response);
        this.#deliver(answer);
        return undefined;
      }
      const error = await streamableStatusError(response, this.url.href, {
        sessionSent: true,
        mayHaveRun: true,
      });
      if (response.status === 404) {
        // Lost with the session: a new one starts, and the session layer settles the call.
        if (this.#sessionId === resend.session && !this.reconnect()) this.#failRequest(id, error);
        return undefined;
      }
      this.#failRequest(id, error);
      return undefined;
    }
  }

  /** Reads one 2xx answer: a JSON body, or an SSE stream (resumed with GET while it can be). */
  async #readAnswer(
    response: Response,
    id: RequestId,
    controller: AbortHandle,
  ): Promise<AnswerEnd> {
    const type = (response.headers.get('content-type') ?? '').toLowerCase();
    if (type.includes('text/event-stream') && hasBody(response)) {
      return this.#followStream(response, id, controller);
    }
    if (type.includes('application/json')) return this.#readJson(response, id);
    void discardBody(response);
    this.#failRequest(
      id,
      new McpSseClientError(
        'protocol_error',
        `The server answered request ${String(id)} with HTTP ${response.status} and ` +
          `content-type "${type || 'none'}", neither JSON nor an SSE stream.`,
        { status: response.status },
      ),
    );
    return { done: true };
  }

  async #readJson(response: Response, id: RequestId): Promise<AnswerEnd> {
    const { bytes, truncated } = await readBodyPrefix(response, MAX_JSON_RESPONSE_BYTES);
    if (this.#closed) return { done: true };
    if (truncated) {
      this.#failRequest(
        id,
        new McpSseClientError(
          'protocol_error',
          `The server's JSON answer to request ${String(id)} is larger than ${MAX_JSON_RESPONSE_BYTES} bytes.`,
        ),
      );
      return { done: true };
    }
    let value: unknown;
    try {
      value = JSON.parse(UTF8.decode(bytes));
    } catch (cause) {
      // Most often the connection broke mid-body: the request ran, its answer is lost.
      return {
        done: false,
        failure: new McpSseClientError(
          'session_lost',
          `The JSON answer to request ${String(id)} broke off or is not JSON`,
          { cause },
        ),
      };
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
    return { done: true };
  }

  /**
   * Reads a response stream; when it ends before the answer, resumes it with `GET` and
   * `Last-Event-ID` after the server's `retry` (or backoff), as long as it has an event id
   * to resume from and attempts remain. Aborting the request's controller stops it all.
   * Ends not done (for a re-send with the same id) only when it never carried an event id.
   */
  async #followStream(
    first: Response,
    requestId: RequestId,
    controller: AbortHandle,
  ): Promise<AnswerEnd> {
    const stream: ResponseStream = {
      requestId,
      controller,
      lastEventId: undefined,
      retryMs: undefined,
      answered: false,
      progressed: false,
      resumeFrom: undefined,
    };
    let body: Response | undefined = first;
    let failures = 0;
    let lastFailure: unknown;
    let progressedOnce = false;
    for (;;) {
      if (body) {
        stream.progressed = false;
        const end = await this.#readWatched(body, (item) => this.#onStreamItem(item, stream));
        lastFailure = end.failure;
        body = undefined;
        if (stream.progressed) progressedOnce = true;
      }
      if (stream.answered || this.#closed || controller.aborted) return { done: true };
      // A stream that delivered something earns a fresh set of attempts (polling goes on as
      // long as the server makes progress); a failed GET or an empty stream does not.
      if (stream.progressed) failures = 0;
      stream.progressed = false;
      failures++;
      const options = this.#reconnect;
      if (stream.lastEventId === undefined && !this.#modern) {
        // Nothing to resume from: the caller may send it again with its id.
        return {
          done: false,
          failure: lastFailure,
          progressed: progressedOnce,
          retryMs: stream.retryMs,
        };
      }
      if (this.#modern || !options || failures > options.maxAttempts) {
        this.#failRequest(
          requestId,
          brokenStreamError(
            requestId,
            { lastEventId: stream.lastEventId, resends: 0 },
            lastFailure,
            !!this.#modern,
          ),
        );
        return { done: true };
      }
      // The server's retry is what it asked for (SEP-1699 polling); else our backoff.
      const delay = stream.retryMs ?? backoffDelay(failures, options);
      await sleep(delay, controller.signal);
      if (this.#closed || controller.aborted) return { done: true };
      try {
        const response = await this.#openGet(stream.lastEventId, controller.signal);
        this.onwire?.({ direction: 'in', kind: 'open', status: response.status });
        const type = (response.headers.get('content-type') ?? '').toLowerCase();
        if (response.ok && type.includes('text/event-stream') && hasBody(response)) {
          body = response;
          stream.resumeFrom = stream.lastEventId;
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

  /**
   * GETs a stream (resuming after `lastEventId`). Once the server is known to send
   * heartbeats, a GET whose answer does not start within the dead-stream window is given up
   * (a stalled connection would otherwise hold it until the request's own timeout).
   */
  async #openGet(lastEventId: string | undefined, signal: AbortSignal): Promise<Response> {
    const window = this.#deadWindow();
    if (window === undefined) {
      return this.#request({
        method: 'GET',
        headers: this.#getHeaders(lastEventId),
        signal,
        cache: 'no-store',
      });
    }
    // Its own deadline: it ends this attempt, not the request it resumes.
    const deadline = new AbortController();
    const timer = setTimeout(
      () =>
        deadline.abort(
          new McpSseClientError('session_lost', `The GET got no answer within ${window} ms`),
        ),
      window,
    );
    try {
      return await this.#request({
        method: 'GET',
        headers: this.#getHeaders(lastEventId),
        signal: AbortSignal.any([signal, deadline.signal]),
        cache: 'no-store',
      });
    } finally {
      clearTimeout(timer);
    }
  }

  /** The dead-stream window in ms, once armed (heartbeats seen, or `heartbeatMs` given). */
  #deadWindow(): number | undefined {
    const options = this.#reconnect;
    if (!options || (!options.heartbeatKnown && !this.#heartbeatSeen)) return undefined;
    return options.heartbeatMs * options.deadAfterHeartbeats;
  }

  /**
   * Reads an SSE body under the dead-stream watchdog: once the server is known to send
   * heartbeats (or the options say it does), a body silent for `deadAfterHeartbeats`
   * intervals is cut, so that it is resumed instead of waited on until the timeout.
   */
  #readWatched(body: Response, onItem: (item: SseItem) => void): Promise<SseBodyEnd> {
    const options = this.#reconnect;
    const cut = new AbortHandle();
    let watchdog: SilenceWatchdog | undefined;
    const arm = () => {
      const deadAfter = this.#deadWindow();
      if (watchdog || !options || deadAfter === undefined) return;
      watchdog = new SilenceWatchdog(deadAfter, () =>
        cut.abort(
          new McpSseClientError(
            'session_lost',
            `The stream went silent (no data for ${deadAfter} ms, heartbeats expected every ${options.heartbeatMs} ms)`,
          ),
        ),
      );
    };
    arm();
    return readSseBody(
      body,
      (item) => {
        if (item.type === 'comment' && !this.#heartbeatSeen) {
          this.#heartbeatSeen = true;
          arm();
        }
        onItem(item);
      },
      () => watchdog?.touch(),
      cut,
    ).finally(() => watchdog?.stop());
  }

  #onStreamItem(item: SseItem, stream: ResponseStream): void {
    stream.progressed = true;
    switch (item.type) {
      case 'event':
        if (item.event.id !== undefined) this.#onEventId(item.event.id, stream);
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
        if (item.raw.id !== undefined) this.#onEventId(item.raw.id, stream);
        return;
      case 'priming':
        this.#onEventId(item.id, stream);
        return;
      case 'retry':
        stream.retryMs = item.retry;
        return;
      case 'comment':
        this.onwire?.({ direction: 'in', kind: 'comment', data: item.text });
        return;
      case 'error':
        if (item.raw?.id !== undefined) this.#onEventId(item.raw.id, stream);
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

  /** Records an event id; the first new one after a resume tells whether the replay lacked events. */
  #onEventId(
    id: string,
    stream: {
      lastEventId: string | undefined;
      resumeFrom: string | undefined;
      requestId?: RequestId;
    },
  ): void {
    stream.lastEventId = id;
    const from = stream.resumeFrom;
    // The resumed stream's priming event repeats the id we came back with.
    if (from === undefined || id === from) return;
    stream.resumeFrom = undefined;
    const missed = missedEvents(from, id);
    if (missed === 0) return;
    const info: ReplayGapInfo =
      stream.requestId === undefined
        ? { stream: 'standalone', from, to: id, missed }
        : { stream: 'response', requestId: stream.requestId, from, to: id, missed };
    this.onreplaygap?.(info);
    const which =
      stream.requestId === undefined
        ? 'the standalone GET stream'
        : `the response stream of request ${String(stream.requestId)}`;
    // No requestId in `data`: the request itself goes on, only what was dropped is lost.
    this.onerror?.(
      new McpSseClientError(
        'protocol_error',
        `The server resumed ${which} without ${missed} event(s) after ${from} (its replay ` +
          'buffer had dropped them): progress notifications or messages among them are lost. ' +
          'Raise the server replay buffer.',
        { data: { from, to: id, missed } },
      ),
    );
  }

  #deliver(message: JSONRPCMessage): void {
    if (this.#closed) return;
    if ('result' in message && message.id === this.#initializeId && message.id !== undefined) {
      this.#serverReattaches = offersSameIdResend(
        (message.result as { capabilities?: unknown }).capabilities,
      );
    }
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
    const stream = {
      lastEventId: undefined as string | undefined,
      resumeFrom: undefined as string | undefined,
    };
    let retryMs: number | undefined;
    let failures = 0;
    for (;;) {
      if (this.#closed || run.signal.aborted) return;
      let response: Response;
      try {
        response = await this.#openGet(stream.lastEventId, run.signal);
      } catch {
        response = undefined as unknown as Response;
      }
      if (response) this.onwire?.({ direction: 'in', kind: 'open', status: response.status });
      const type = (response?.headers.get('content-type') ?? '').toLowerCase();
      if (response?.ok && type.includes('text/event-stream') && hasBody(response)) {
        let progressed = false;
        stream.resumeFrom = stream.lastEventId;
        await this.#readWatched(response, (item) => {
          progressed = true;
          if (item.type === 'retry') retryMs = item.retry;
          else if (item.type === 'event') {
            if (item.event.id !== undefined) this.#onEventId(item.event.id, stream);
            this.onwire?.({
              direction: 'in',
              kind: 'event',
              name: item.event.event,
              data: item.event.data,
            });
            if (item.event.event === 'message') this.#deliver(item.event.data);
          } else if (item.type === 'priming') this.#onEventId(item.id, stream);
          else if (item.type === 'comment')
            this.onwire?.({ direction: 'in', kind: 'comment', data: item.text });
        });
        if (progressed) failures = 0;
      } else {
        if (response) await discardBody(response);
        // 405: the server offers no standalone stream; 404: the session is gone (the next
        // POST finds out and starts a new one); 4xx: it will not change its mind. But 409:
        // the server still holds our previous standalone stream (it has not yet noticed that
        // the connection under it broke) and takes a new one once it has: try again later.
        if (
          !response ||
          response.status >= 500 ||
          response.status === 408 ||
          response.status === 409 ||
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
      const headers: Record<string, string> = { ...this.#headers, [McpHeader.SessionId]: session };
      if (this.#protocolVersion !== undefined)
        headers[McpHeader.ProtocolVersion] = this.#protocolVersion;
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
