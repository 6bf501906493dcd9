import type { Implementation } from '@mcp-sse/protocol';
import type { NotificationBroadcast } from '../broadcast/notification-broadcast.js';
import { McpServerError } from '../errors/mcp-server-error.js';
import type { DefinedPrompt } from '../features/define-prompt.js';
import type { DefinedResource } from '../features/define-resource.js';
import type { DefinedResourceTemplate } from '../features/define-resource-template.js';
import type { FeatureRegistry } from '../features/feature-registry.js';
import type { TaskManagerOptions } from '../features/tasks/task-manager.js';
import type { StdioGatewayOptions } from '../gateway/gateway-options.js';
import type { Authenticate } from '../http/auth.js';
import type { AllowedHosts } from '../http/host.js';
import type { AllowedOrigins } from '../http/origin.js';
import type { OAuthOptions } from '../oauth/oauth-options.js';
import type { RedisConnectOption } from '../redis/redis-connections.js';
import type { SessionDelivery } from '../sessions/session-delivery.js';
import type { SessionStore } from '../sessions/session-store.js';
import type { DefinedTool } from '../tools/define-tool.js';
import type { ToolRegistry } from '../tools/tool-registry.js';

/** Options of the `mcpSse` plugin. Everything has a safe default. */
export interface McpSseOptions {
  /**
   * Serve a stdio MCP server (`npx some-mcp-server`) instead of our own tools, over every
   * transport, with our auth, limits and sessions: see the README's gateway section.
   */
  stdio?: StdioGatewayOptions;
  /** The tools to serve (a list or a live registry). Default: none. */
  tools?: Iterable<DefinedTool> | ToolRegistry;
  /** Resources at fixed URIs (`defineResource`). Passing a list, even empty, declares the capability. */
  resources?: Iterable<DefinedResource> | FeatureRegistry<DefinedResource>;
  /** Resource templates (`defineResourceTemplate`, RFC 6570). */
  resourceTemplates?: Iterable<DefinedResourceTemplate> | FeatureRegistry<DefinedResourceTemplate>;
  /** Prompts (`definePrompt`). Passing a list, even empty, declares the capability. */
  prompts?: Iterable<DefinedPrompt> | FeatureRegistry<DefinedPrompt>;
  /**
   * Signs the `requestState` of 2026-07-28 multi round-trip requests (elicitation, sampling,
   * roots): give every instance behind one URL the same secret. Default: random per process.
   */
  requestStateSecret?: string;
  /**
   * Tools with `execution.taskSupport` run as tasks: where tasks are kept (`store`, default
   * in memory), how long (`ttlMs`, default one hour) and the poll interval suggested.
   */
  tasks?: TaskManagerOptions;
  /** Mounts every route under this prefix (`/mcp` gives `/mcp/sse`); the endpoint URL includes it. */
  prefix?: string;
  /** Path of the SSE stream (GET) and of the simple form (POST). Default `/sse`. */
  ssePath?: string;
  /** Path clients POST JSON-RPC messages to. Default `/messages`. */
  messagesPath?: string;
  /**
   * Path of the Streamable HTTP endpoint (the MCP endpoint: POST, GET, DELETE); false turns
   * it off. A GET there without `Mcp-Session-Id` is a legacy client and gets an HTTP+SSE
   * stream. Default `/mcp`.
   */
  mcpPath?: string | false;
  /**
   * Streamable HTTP: answer every request with `application/json`, never with an SSE
   * stream (request-scoped progress and logs are then dropped). Default false: JSON unless
   * the request streams something first; `tools/call` streams at once.
   */
  jsonResponse?: boolean;
  /**
   * Streamable HTTP 2025-03-26 .. 2025-11-25 with sessions (`Mcp-Session-Id`); false serves
   * those clients statelessly: no session id is issued, every POST runs on its own (at the
   * `MCP-Protocol-Version` it names), GET and DELETE get 405. Default true.
   */
  streamableSessions?: boolean;
  /** Streamable HTTP: serve the standalone GET stream (otherwise 405). Default true. */
  standaloneGet?: boolean;
  /**
   * Streamable HTTP, SEP-1699 polling: after this many ms a `tools/call` stream's connection
   * is ended (after the `retry` hint) and the client resumes it with GET; 0 never. Default 0.
   */
  pollAfterMs?: number;
  /** Path of the health check; false turns it off. Default `/healthz`. */
  healthPath?: string | false;
  /** Accepted API keys; a non-empty list turns auth on. Default: none (no auth). */
  apiKeys?: readonly string[];
  /** Custom authentication; when set it replaces `apiKeys`. */
  authenticate?: Authenticate;
  /**
   * OAuth 2.1 resource server (MCP authorization): Bearer access tokens from this issuer
   * are accepted beside `apiKeys`/`authenticate`, and the RFC 9728 metadata is served.
   */
  oauth?: OAuthOptions;
  /** Browser origins allowed to call; `'*'` for any. Default: loopback origins only. */
  allowedOrigins?: AllowedOrigins;
  /**
   * `Host` headers accepted (names, ports ignored); `'*'` for any. Default: on a request
   * that came in on a loopback address only loopback names (DNS rebinding protection),
   * any host otherwise. Behind a proxy on the same machine, list the public name.
   */
  allowedHosts?: AllowedHosts;
  /** Requests per minute per principal (per IP when anonymous); 0 turns it off. Default 1000. */
  rateLimit?: number;
  /**
   * Failed authentication attempts per minute per client address; past it the address gets
   * 429 instead of 401, so keys cannot be guessed at full speed. 0 turns it off. Default 30.
   */
  authFailureLimit?: number;
  /** Milliseconds between heartbeat comments; 0 turns them off. Default 15000. */
  heartbeatMs?: number;
  /** A session with no message for this long is closed; 0 never. Default 3600000 (1 h). */
  sessionTtlMs?: number;
  /**
   * How long a session outlives its stream so the client can resume it with
   * `Last-Event-ID` (events get ids and are kept for replay); 0 turns resuming off.
   * Default 30000 (30 s).
   */
  resumeGraceMs?: number;
  /** Events kept per session for replay when resuming is on. Default 256. */
  replayEvents?: number;
  /**
   * Bytes of event text kept per session for replay when resuming is on; the oldest events
   * fall out first (the newest is always kept). Default 262144 (256 KiB).
   */
  replayBytes?: number;
  /** The `retry:` hint (ms) sent on resumable streams. Default 1000. */
  retryMs?: number;
  /** Open sessions at most; more get 503. Default 10000. */
  maxSessions?: number;
  /** Handlers running at once per session. Default 32. */
  maxCallsPerSession?: number;
  /** Calls waiting per session beyond which calls get a JSON-RPC error. Default 128. */
  maxQueuedCallsPerSession?: number;
  /** Bytes buffered for a slow reader before its session is closed. Default 8 MiB. */
  maxBufferedBytes?: number;
  /**
   * Bytes buffered for slow readers across the whole server; past it the streams with the
   * most unread bytes are cut until under it. Default 64 MiB.
   */
  maxBufferedBytesTotal?: number;
  /**
   * Bytes buffered for one client's streams (per principal, per address when anonymous);
   * past it that client's slowest streams are cut. Default 16 MiB.
   */
  maxBufferedBytesPerClient?: number;
  /**
   * Sessions one client may hold open (per principal, per address when anonymous), so that
   * one client cannot take every slot; more get 429. Default half of `maxSessions`.
   */
  maxSessionsPerClient?: number;
  /**
   * Largest accepted POST body in bytes. Default 4 MiB (the official SDK accepts 4 MB: tool
   * arguments may carry a file or an image).
   */
  bodyLimit?: number;
  /** Milliseconds after which a tool call is answered with -32001 and aborted; 0 never. Default 120000. */
  toolTimeoutMs?: number;
  /** How long shutdown waits for calls in flight. Default 10000. */
  shutdownTimeoutMs?: number;
  /** Tools per `tools/list` page. Default 100. */
  pageSize?: number;
  /** Name and version in the `initialize` result. */
  serverInfo?: Implementation;
  /** `instructions` in the `initialize` result. */
  instructions?: string;
  /** Where session records live. Default: {@link MemorySessionStore}. */
  sessionStore?: SessionStore;
  /** How POSTs reach the connection holding a session. Default: {@link MemorySessionDelivery}. */
  sessionDelivery?: SessionDelivery;
  /**
   * Share sessions between several instances through Redis (no sticky sessions needed): a
   * URL, an ioredis client whose settings are copied, or `{ url, client, prefix }`.
   * Replaces `sessionStore` and `sessionDelivery`. Default: none (in memory).
   */
  redis?: RedisConnectOption;
  /**
   * Carries list changes and resource updates to the other instances, so that every
   * session and `subscriptions/listen` stream hears each change once. Default: Redis
   * pub/sub with `redis`, none without. A `MemoryBroadcastHub` member links servers of one
   * process; any other bus fits the interface. A given broadcast is yours to close.
   */
  broadcast?: NotificationBroadcast;
}

/** {@link McpSseOptions} with every default filled in. */
export type ResolvedOptions = Required<
  Omit<
    McpSseOptions,
    | 'prefix'
    | 'tools'
    | 'resources'
    | 'resourceTemplates'
    | 'prompts'
    | 'requestStateSecret'
    | 'tasks'
    | 'authenticate'
    | 'allowedOrigins'
    | 'allowedHosts'
    | 'instructions'
    | 'sessionStore'
    | 'sessionDelivery'
    | 'redis'
    | 'broadcast'
    | 'apiKeys'
    | 'oauth'
    | 'stdio'
  >
> &
  Pick<McpSseOptions, 'authenticate' | 'allowedOrigins' | 'allowedHosts' | 'instructions'> & {
    apiKeys: readonly string[];
    prefix: string;
  };

/** Node's timers hold at most a signed 32-bit count of milliseconds; beyond, they fire at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

function count(
  options: McpSseOptions,
  key: keyof McpSseOptions,
  fallback: number,
  min = 0,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const value = options[key] ?? fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === MAX_TIMER_MS ? ` and <= ${max} (Node's timer limit)` : '';
    throw new McpServerError(
      'invalid_options',
      `Option ${key} must be a whole number >= ${min}${range}, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/** A duration in milliseconds: a count that a Node timer can hold. */
const ms = (options: McpSseOptions, key: keyof McpSseOptions, fallback: number) =>
  count(options, key, fallback, 0, MAX_TIMER_MS);

function path(value: unknown, key: string, fallback: string): string {
  const result = value ?? fallback;
  if (typeof result !== 'string' || !result.startsWith('/')) {
    throw new McpServerError(
      'invalid_options',
      `Option ${key} must be a path starting with "/", got ${JSON.stringify(result)}`,
    );
  }
  return result;
}

/** Checks the options and fills in defaults; throws `invalid_options` naming the bad one. */
export function resolveOptions(options: McpSseOptions): ResolvedOptions {
  const apiKeys = (options.apiKeys ?? []).filter((key) => key !== '');
  const prefix = options.prefix ?? '';
  if (
    typeof prefix !== 'string' ||
    (prefix !== '' && (!prefix.startsWith('/') || prefix.endsWith('/')))
  ) {
    throw new McpServerError(
      'invalid_options',
      `Option prefix must look like "/mcp" (leading, no trailing slash), got ${JSON.stringify(prefix)}`,
    );
  }
  const maxSessions = count(options, 'maxSessions', 10_000, 1);
  return {
    prefix,
    ssePath: path(options.ssePath, 'ssePath', '/sse'),
    messagesPath: path(options.messagesPath, 'messagesPath', '/messages'),
    healthPath:
      options.healthPath === false ? false : path(options.healthPath, 'healthPath', '/healthz'),
    mcpPath: options.mcpPath === false ? false : path(options.mcpPath, 'mcpPath', '/mcp'),
    jsonResponse: options.jsonResponse === true,
    standaloneGet: options.standaloneGet !== false,
    streamableSessions: options.streamableSessions !== false,
    pollAfterMs: ms(options, 'pollAfterMs', 0),
    apiKeys,
    authenticate: options.authenticate,
    allowedOrigins: options.allowedOrigins,
    allowedHosts: options.allowedHosts,
    rateLimit: count(options, 'rateLimit', 1000),
    authFailureLimit: count(options, 'authFailureLimit', 30),
    heartbeatMs: ms(options, 'heartbeatMs', 15_000),
    sessionTtlMs: ms(options, 'sessionTtlMs', 3_600_000),
    resumeGraceMs: ms(options, 'resumeGraceMs', 30_000),
    replayEvents: count(options, 'replayEvents', 256, 1),
    replayBytes: count(options, 'replayBytes', 256 * 1024, 1024),
    retryMs: ms(options, 'retryMs', 1000),
    maxSessions,
    maxSessionsPerClient: count(
      options,
      'maxSessionsPerClient',
      Math.max(1, Math.floor(maxSessions / 2)),
      1,
    ),
    maxCallsPerSession: count(options, 'maxCallsPerSession', 32, 1),
    maxQueuedCallsPerSession: count(options, 'maxQueuedCallsPerSession', 128),
    maxBufferedBytes: count(options, 'maxBufferedBytes', 8 * 1024 * 1024, 1024),
    maxBufferedBytesTotal: count(options, 'maxBufferedBytesTotal', 64 * 1024 * 1024, 1024),
    maxBufferedBytesPerClient: count(options, 'maxBufferedBytesPerClient', 16 * 1024 * 1024, 1024),
    bodyLimit: count(options, 'bodyLimit', 4 * 1024 * 1024, 1),
    toolTimeoutMs: ms(options, 'toolTimeoutMs', 120_000),
    shutdownTimeoutMs: ms(options, 'shutdownTimeoutMs', 10_000),
    pageSize: count(options, 'pageSize', 100, 1),
    serverInfo: options.serverInfo ?? { name: 'mcp-sse-server', version: '0.1.0' },
    instructions: options.instructions,
  };
}
