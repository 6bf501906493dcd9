import type { ClientCapabilities, Implementation } from '@mcp-sse/protocol';
import type { AuthProvider } from './auth/auth-provider.js';
import type { ClientHandlers } from './features/handlers.js';
import type { ResultCache } from './features/result-cache.js';
import type { Logger } from './logger.js';
import type { TransportKind } from './negotiate/transport-kind.js';
import type { ReconnectOptions } from './reconnect/reconnect-options.js';
import type { AnswerQueueOptions } from './session/answer-queue.js';
import type { SessionDefaults } from './session/request-options.js';
import type { ApiKeyHeader } from './transport/headers.js';
import type { Transport } from './transport/transport.js';

/** Options of {@link McpSseClient} and {@link connect}. */
export interface McpSseClientOptions extends SessionDefaults {
  /** Extra headers on every request (GET and POSTs). */
  headers?: HeadersInit;
  /** An API key, sent as `Authorization: Bearer <key>` (or `X-API-Key`, see `apiKeyHeader`). */
  apiKey?: string;
  /** Which header carries `apiKey`: `authorization` (default, Bearer) or `x-api-key`. */
  apiKeyHeader?: ApiKeyHeader;
  /**
   * OAuth: sends the provider's token as `Authorization: Bearer` on every request; a 401 runs
   * the provider and retries once, a 403 `insufficient_scope` steps up (see `OAuthProvider`).
   */
  auth?: AuthProvider;
  /** How many step-ups one request may trigger before its 403 is reported (default 2). */
  maxStepUps?: number;
  /** Who we are, sent in `initialize`. */
  clientInfo?: Implementation;
  /** What we can do, sent in `initialize` (default: nothing beyond the basics). */
  capabilities?: ClientCapabilities;
  /**
   * The protocol version: offered in `initialize` (default: the newest supported), or
   * `'2026-07-28'` to speak the stateless revision (no `initialize`; Streamable HTTP only).
   */
  protocolVersion?: string;
  /**
   * The fetch to use. Default on Node: Node's own `http`/`https` with keep-alive agents
   * (a fraction of the CPU of the global `fetch` per call); elsewhere the global `fetch`.
   */
  fetch?: typeof fetch;
  /** Bound in ms on opening the stream, receiving the endpoint, and `initialize` (10 000). */
  connectTimeout?: number;
  /** Aborting it closes the client with reason `aborted`. */
  signal?: AbortSignal;
  /** Where diagnostics go (default: nowhere); `console` works. */
  logger?: Logger;
  /** The first request id (default 0, as the official SDK); any integer works. */
  firstId?: number;
  /**
   * Survive dropped connections (on by default): reconnect with backoff, resume with
   * `Last-Event-ID`, start a new session when the server lost ours, re-send what it never
   * accepted. `false` turns it off: a dropped stream then closes the client.
   */
  reconnect?: ReconnectOptions | false;
  /**
   * Bounds on answering the server's own requests (`ping`): at most `concurrency` answers
   * in flight (4) and `maxQueued` waiting (256); past that they are dropped with a warning,
   * so a server flooding requests cannot exhaust sockets or memory.
   */
  serverRequests?: AnswerQueueOptions;
  /**
   * How to reach the server. Unset, {@link connect} negotiates (2026-07-28, then Streamable
   * HTTP with `initialize`, then HTTP+SSE) and `new McpSseClient()` uses HTTP+SSE;
   * `'streamable-http'` or `'sse'` pins one; a {@link Transport} object is used as it is
   * (tests, in-memory servers).
   */
  transport?: Transport | TransportKind;
  /**
   * What the application answers when the server asks: elicitation, sampling, roots. Only
   * these are declared as client capabilities; other requests are answered with an error.
   */
  handlers?: ClientHandlers;
  /**
   * Where list and read results are kept while fresh (2026-07-28 `ttlMs`; `cacheScope`
   * decides who may reuse them). Default: a cache of this client's own; pass one
   * {@link ResultCache} to several clients to share `public` results; `false` keeps nothing.
   */
  cache?: ResultCache | false;
  /**
   * The authorization context of this client's credentials, for a shared `cache`: `private`
   * results are reused only by clients that name the same context (default: this client
   * alone). Give the same name only to clients that act for the same user with the same rights.
   */
  cacheContext?: string;
}
