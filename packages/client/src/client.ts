import {
  type CallToolResult,
  type CompleteResult,
  type GetPromptResult,
  type Implementation,
  type InitializeResult,
  InitializeResultSchema,
  isSupportedProtocolVersion,
  type JSONRPCNotification,
  LATEST_PROTOCOL_VERSION,
  ListToolsResultSchema,
  LoggingMessageNotificationSchema,
  type Prompt,
  parseWith,
  type ReadResourceResult,
  type Resource,
  type ResourceTemplate,
  type ServerCapabilities,
  SUPPORTED_PROTOCOL_VERSIONS,
  type Tool,
} from '@mcp-sse/protocol';
import { DEFAULT_CLIENT_INFO } from './client-info.js';
import { TypedEmitter } from './emitter.js';
import { McpSseClientError, toClientError } from './errors.js';
import type { CloseInfo, CloseReason, McpSseClientEvents } from './events.js';
import { discoverServer } from './features/discover.js';
import {
  type CompletionRef,
  FeatureMethods,
  type ListOptions,
  type LoggingLevel,
} from './features/feature-methods.js';
import { answerServerRequest, capabilitiesFor } from './features/handlers.js';
import { withInputRounds } from './features/input-required.js';
import { sendWithReissue } from './features/reissue.js';
import { CACHEABLE_METHODS, ResultCache } from './features/result-cache.js';
import { checkStructuredContent } from './features/structured-output.js';
import { startWatch, type Watch, type WatchFilter } from './features/watch.js';
import { type Logger, silentLogger } from './logger.js';
import { createTransport } from './negotiate/create-transport.js';
import { takeDiscovery } from './negotiate/prefetched-discovery.js';
import type { TransportKind } from './negotiate/transport-kind.js';
import type { McpSseClientOptions } from './options.js';
import { backoffDelay } from './reconnect/backoff.js';
import { resolveReconnectOptions } from './reconnect/reconnect-options.js';
import type { RequestOptions } from './session/request-options.js';
import { McpSession } from './session/session.js';
import { isModernProtocolVersion } from './streamable/modern.js';
import { StreamableHttpClientTransport } from './streamable/streamable-transport.js';
import { ToolHeaderRegistry } from './streamable/tool-headers.js';
import { toCallToolResult } from './tool-result.js';
import { DEFAULT_CONNECT_TIMEOUT, SseClientTransport } from './transport/sse-transport.js';
import type { ReconnectedInfo, ReconnectingInfo, Transport } from './transport/transport.js';

/**
 * Where a client is in its life. `reconnecting`: the stream is down and being reopened;
 * calls made meanwhile wait and go out once it is back.
 */
export type ClientState = 'idle' | 'connecting' | 'ready' | 'reconnecting' | 'closed';

/** Options of {@link McpSseClient.callTool}. */
export type CallToolOptions = RequestOptions;

/** Options of {@link McpSseClient.listTools}. */
export interface ListToolsOptions extends Pick<RequestOptions, 'signal' | 'timeout'> {
  /** Ask the server again instead of returning the cached list. */
  refresh?: boolean;
}

/** Bound on `tools/list` pages, so a server that keeps paging cannot keep us forever. */
const MAX_TOOL_PAGES = 1000;
const noop = () => {};
/** Numbers the clients of this process, for their default cache context. */
let clientCount = 0;

/**
 * An MCP client over HTTP+SSE. `connect()` opens the stream, initializes and learns the
 * tools; then `listTools()`, `callTool()` and `ping()`; `close()` at the end. Most code
 * calls {@link connect} instead, which returns a ready client.
 */
export class McpSseClient {
  /** The SSE URL given. */
  readonly url: string;
  readonly #options: McpSseClientOptions;
  readonly #transport: Transport;
  readonly #session: McpSession;
  readonly #emitter: TypedEmitter<McpSseClientEvents>;
  readonly #logger: Logger;
  #state: ClientState = 'idle';
  #init: InitializeResult | undefined;
  #tools: Tool[] | undefined;
  #pushedTools: Tool[] | undefined;
  #refreshing: Promise<void> | undefined;
  #closeInfo: CloseInfo | undefined;
  #detachSignal: (() => void) | undefined;
  /** The server lost our session and the new one is not initialized yet. */
  #needsInit = false;
  /** Bumped per re-initialization, so that a superseded one gives up quietly. */
  #reinitRun = 0;
  /** Speaking the stateless 2026-07-28 revision: no `initialize`, `_meta` on every request. */
  readonly #modern: boolean;
  readonly #toolHeaders: ToolHeaderRegistry;
  /** Aborted at close: handlers still answering the server stop. */
  readonly #lifetime = new AbortController();
  /** Watches waiting for `notifications/subscriptions/acknowledged`, oldest first. */
  readonly #ackListeners: ((filter: WatchFilter) => void)[] = [];
  /** When the cached tool list goes stale (the server's `ttlMs`), if it said. */
  #toolsExpireAt: number | undefined;
  readonly #features = new FeatureMethods((method, params, options) => {
    this.#assertReady();
    return this.#call(method, params, options);
  });
  /** List and read results kept while the server says they are fresh (undefined: none). */
  readonly #cache: ResultCache | undefined;
  /** Private cached results are reused only under this authorization context. */
  readonly #cacheContext: string;

  constructor(url: string | URL, options: McpSseClientOptions = {}) {
    this.url = String(url);
    this.#options = options;
    this.#logger = options.logger ?? silentLogger;
    this.#emitter = new TypedEmitter((error) =>
      this.#logger.error?.('An event listener threw', error),
    );
    const reconnect = options.reconnect === false ? undefined : (options.reconnect ?? {});
    this.#transport =
      typeof options.transport === 'object'
        ? options.transport
        : createTransport(options.transport ?? 'sse', url, options, this.#logger, reconnect);
    this.#toolHeaders = new ToolHeaderRegistry(this.#logger);
    this.#cache = options.cache === false ? undefined : (options.cache ?? new ResultCache());
    this.#cacheContext = options.cacheContext ?? `client-${++clientCount}-${Math.random()}`;
    const transport = this.#transport;
    this.#modern =
      isModernProtocolVersion(options.protocolVersion) &&
      transport instanceof StreamableHttpClientTransport;
    if (this.#modern && transport instanceof StreamableHttpClientTransport) {
      transport.useModern({
        protocolVersion: options.protocolVersion as string,
        clientInfo: options.clientInfo ?? DEFAULT_CLIENT_INFO,
        clientCapabilities: capabilitiesFor(options.handlers, options.capabilities),
      });
      transport.toolHeaderParams = (tool) => this.#toolHeaders.get(tool);
    }
    // Re-sending is only safe with a transport that can also get us a new session (there
    // are no sessions, and no ping to fence a resend with, in the stateless revision).
    const resolved =
      reconnect && typeof this.#transport.reconnect === 'function' && !this.#modern
        ? resolveReconnectOptions(reconnect)
        : undefined;
    this.#session = new McpSession(this.#transport, {
      ...options,
      logger: this.#logger,
      ...(resolved
        ? {
            recovery: {
              retryDelay: (failures: number) => backoffDelay(failures, resolved),
              maxFailures: Math.max(1, resolved.maxAttempts),
            },
          }
        : {}),
    });
    this.#transport.ontools = (tools) => this.#onPushedTools(tools);
    this.#transport.onreconnecting = (info) => this.#onReconnecting(info);
    this.#transport.onreconnected = (info) => this.#onReconnected(info);
    this.#transport.onreplaygap = (info) => {
      this.#logger.warn?.(
        `A resumed ${info.stream} stream lacked ${info.missed} event(s) after ${info.from}`,
      );
      this.#emitter.emit('replayGap', info);
    };
    this.#session.onsessiongone = () => this.#transport.reconnect?.() === true;
    this.#session.onnotification = (notification) => this.#onNotification(notification);
    this.#session.onrequest = (method, params, id) =>
      answerServerRequest(options.handlers, method, params, this.#lifetime.signal, id);
    this.#session.onerror = (error) => this.#emitter.emit('error', error);
    this.#session.onclose = (info) => {
      if (this.#state !== 'closed') void this.#shutdown(info.reason, info.error);
    };
  }

  /** Where the client is in its life. */
  get state(): ClientState {
    return this.#state;
  }
  /** The server's name and version, once connected. */
  get serverInfo(): Implementation | undefined {
    return this.#init?.serverInfo;
  }
  /** What the server offers, once connected. */
  get serverCapabilities(): ServerCapabilities | undefined {
    return this.#init?.capabilities;
  }
  /** The negotiated protocol version, once connected. */
  get protocolVersion(): string | undefined {
    return this.#init?.protocolVersion;
  }
  /** The server's instructions for the model, if it gave any. */
  get instructions(): string | undefined {
    return this.#init?.instructions;
  }
  /** How the client reaches the server: `streamable-http`, `sse`, or `custom` (a given transport). */
  get transportKind(): TransportKind | 'custom' {
    if (this.#transport instanceof StreamableHttpClientTransport) return 'streamable-http';
    if (this.#transport instanceof SseClientTransport) return 'sse';
    return 'custom';
  }

  /** The resolved URL messages are POSTed to. */
  get endpoint(): string | undefined {
    return this.#transport.endpoint;
  }
  /** The cached tool list (empty before `ready`). */
  get tools(): readonly Tool[] {
    return this.#tools ?? [];
  }
  /** Why the client closed, once it has. */
  get closeInfo(): CloseInfo | undefined {
    return this.#closeInfo;
  }

  /** Listens to an event; returns a function that stops listening. */
  on<K extends keyof McpSseClientEvents>(
    event: K,
    listener: (payload: McpSseClientEvents[K]) => void,
  ): () => void {
    // The wire trace costs an object per message, so the transport only builds it when asked.
    if (event === 'wire' && !this.#transport.onwire) {
      this.#transport.onwire = (wire) => this.#emitter.emit('wire', wire);
    }
    return this.#emitter.on(event, listener);
  }

  /** Opens the stream, initializes and learns the tools; resolves once `ready`. */
  async connect(): Promise<this> {
    if (this.#state !== 'idle') {
      throw (
        this.#closeInfo?.error ??
        new McpSseClientError('closed', `connect() called on a ${this.#state} client`)
      );
    }
    this.#state = 'connecting';
    this.#watchSignal();
    try {
      if (this.#state !== 'connecting') throw this.#closedError();
      await this.#transport.start();
      const init = this.#modern ? await this.#discover() : await this.#initialize();
      if (!this.#modern) await this.#session.notifySurely('notifications/initialized');
      const tools =
        this.#pushedTools ?? (init.capabilities.tools ? await this.#fetchAllTools() : []);
      if (this.#state !== 'connecting') throw this.#closedError();
      this.#tools = tools;
      // A new session met while connecting was initialized by connect() itself.
      this.#needsInit = false;
      this.#state = 'ready';
      this.#emitter.emit('ready', {
        serverInfo: init.serverInfo,
        serverCapabilities: init.capabilities,
        protocolVersion: init.protocolVersion,
        instructions: init.instructions,
        endpoint: this.endpoint,
        tools,
      });
      return this;
    } catch (error) {
      const failure =
        this.#closeInfo?.error ?? toClientError(error, 'protocol_error', 'Connecting failed');
      await this.#shutdown('connect_failed', failure);
      throw failure;
    }
  }

  async #initialize(urgent = false): Promise<InitializeResult> {
    const protocolVersion = this.#options.protocolVersion ?? LATEST_PROTOCOL_VERSION;
    const send = urgent
      ? this.#session.requestNow.bind(this.#session)
      : this.#session.request.bind(this.#session);
    const raw = await send(
      'initialize',
      {
        protocolVersion,
        capabilities: capabilitiesFor(this.#options.handlers, this.#options.capabilities),
        clientInfo: this.#options.clientInfo ?? DEFAULT_CLIENT_INFO,
      },
      { timeout: this.#options.connectTimeout ?? DEFAULT_CONNECT_TIMEOUT },
    );
    const parsed = parseWith(InitializeResultSchema, raw, 'initialize result');
    if (!parsed.ok)
      throw new McpSseClientError('protocol_error', parsed.error.message, { data: raw });
    const init = parsed.value;
    if (!isSupportedProtocolVersion(init.protocolVersion)) {
      throw new McpSseClientError(
        'protocol_error',
        `The server answered with protocol version ${JSON.stringify(init.protocolVersion)}, which this ` +
          `client does not support (it supports ${SUPPORTED_PROTOCOL_VERSIONS.join(', ')}). ` +
          'Upgrade the client or the server.',
        { data: init.protocolVersion },
      );
    }
    this.#init = init;
    this.#transport.setProtocolVersion?.(init.protocolVersion);
    return init;
  }

  /** 2026-07-28: learns the server's identity and capabilities with `server/discover`. */
  async #discover(): Promise<InitializeResult> {
    const prefetched = takeDiscovery(this.#options);
    const init = await discoverServer(
      (method, params, options) =>
        prefetched && method === 'server/discover'
          ? Promise.resolve(prefetched)
          : this.#session.request(method, params, options),
      this.#options.protocolVersion as string,
      this.#options.connectTimeout ?? DEFAULT_CONNECT_TIMEOUT,
    );
    this.#init = init;
    return init;
  }

  /**
   * Sends a request; in the stateless revision a result of `input_required` is answered
   * with the registered handlers and the request sent again, until it is complete.
   */
  #call(
    method: string,
    params: Record<string, unknown> | undefined,
    options: RequestOptions,
  ): Promise<Record<string, unknown>> {
    const policy = {
      method,
      idempotent: options.idempotent === true,
      refreshTools: () => this.listTools({ refresh: true }),
    };
    const send = (next: Record<string, unknown> | undefined) => {
      const go = () => sendWithReissue(() => this.#session.request(method, next, options), policy);
      // Only a first round is cacheable: a retry carrying inputResponses / requestState
      // depends on inputs that are not part of the cache key.
      return next === params ? this.#cachedCall(method, next, {}, go) : go();
    };
    if (!this.#modern) return send(params);
    return withInputRounds(
      send,
      params,
      (asked, askedParams) =>
        answerServerRequest(this.#options.handlers, asked, askedParams, this.#lifetime.signal),
      method,
    );
  }

  /**
   * A cacheable request (lists, reads) served from the cache while the server's `ttlMs` says
   * it is fresh; otherwise `fetch` runs and a complete result is kept as its `cacheScope`
   * allows. Results of earlier revisions carry no `ttlMs` and are never kept.
   */
  async #cachedCall(
    method: string,
    params: Record<string, unknown> | undefined,
    options: { refresh?: boolean },
    fetch: () => Promise<Record<string, unknown>>,
  ): Promise<Record<string, unknown>> {
    const cache = this.#cache;
    if (!cache || !CACHEABLE_METHODS.has(method)) return fetch();
    const key = { server: this.url, context: this.#cacheContext, method, params };
    const hit = options.refresh ? undefined : cache.get(key);
    if (hit) return hit;
    const result = await fetch();
    cache.set(key, result);
    return result;
  }

  /** The server's tools: the cached list, or a fresh one with `refresh: true`. */
  async listTools(options: ListToolsOptions = {}): Promise<readonly Tool[]> {
    this.#assertReady();
    // A 2026-07-28 server may bound how long its list stays fresh (`ttlMs`).
    const fresh = this.#toolsExpireAt === undefined || Date.now() < this.#toolsExpireAt;
    if (!options.refresh && this.#tools && fresh) return this.#tools;
    const tools = await this.#fetchAllTools(options);
    this.#tools = tools;
    return tools;
  }

  /**
   * Calls a tool and resolves with its result. A failure inside the tool is a result with
   * `isError: true`; protocol failures reject with a McpSseClientError. Every call carries
   * a progress token, so `resetTimeoutOnProgress` works whether or not `onProgress` is given.
   */
  async callTool(
    name: string,
    args: Record<string, unknown> = {},
    options: CallToolOptions = {},
  ): Promise<CallToolResult> {
    this.#assertReady();
    const raw = await this.#call(
      'tools/call',
      { name, arguments: args },
      { ...options, onProgress: options.onProgress ?? noop },
    );
    const result = toCallToolResult(name, raw);
    checkStructuredContent(
      this.#tools?.find((tool) => tool.name === name),
      result,
    );
    return result;
  }

  /**
   * Sends any request and resolves with its raw result: an escape hatch for methods this
   * client has no helper for (resources, prompts). The result is not validated.
   */
  async request(
    method: string,
    params?: Record<string, unknown>,
    options: RequestOptions = {},
  ): Promise<Record<string, unknown>> {
    this.#assertReady();
    return this.#call(method, params, options);
  }

  /**
   * Sends any notification as it is (`notifications/roots/list_changed`, ...): the escape
   * hatch of {@link request} for notifications, used by the stdio proxy to relay its host's.
   */
  async notify(method: string, params?: Record<string, unknown>): Promise<void> {
    this.#assertReady();
    await this.#session.notify(method, params);
  }

  /** Every resource the server lists (all pages). */
  listResources(options: ListOptions = {}): Promise<Resource[]> {
    return this.#features.listResources(options);
  }

  /** Every resource template the server lists (all pages). */
  listResourceTemplates(options: ListOptions = {}): Promise<ResourceTemplate[]> {
    return this.#features.listResourceTemplates(options);
  }

  /** Reads the resource at `uri`. */
  readResource(uri: string, options: RequestOptions = {}): Promise<ReadResourceResult> {
    return this.#features.readResource(uri, options);
  }

  /** Asks the server for `resourceUpdated` events when `uri` changes. */
  subscribeResource(uri: string, options: ListOptions = {}): Promise<void> {
    return this.#features.subscribeResource(uri, options);
  }

  /** Stops the updates of `uri`. */
  unsubscribeResource(uri: string, options: ListOptions = {}): Promise<void> {
    return this.#features.unsubscribeResource(uri, options);
  }

  /** Every prompt the server lists (all pages). */
  listPrompts(options: ListOptions = {}): Promise<Prompt[]> {
    return this.#features.listPrompts(options);
  }

  /** The prompt `name` filled in with `args`. */
  getPrompt(
    name: string,
    args: Record<string, string> = {},
    options: RequestOptions = {},
  ): Promise<GetPromptResult> {
    return this.#features.getPrompt(name, args, options);
  }

  /** Completion suggestions for the argument `argument.name` of a prompt or template. */
  complete(
    ref: CompletionRef,
    argument: { name: string; value: string },
    context: Record<string, string> = {},
    options: ListOptions = {},
  ): Promise<CompleteResult['completion']> {
    return this.#features.complete(ref, argument, context, options);
  }

  /**
   * The least severe log level the server should send as `log` events: `logging/setLevel`,
   * or on 2026-07-28 the `_meta` log level of every later request.
   */
  setLoggingLevel(level: LoggingLevel, options: ListOptions = {}): Promise<void> {
    // 2026-07-28 has no logging/setLevel: each request names its level in `_meta`.
    if (this.#modern && this.#transport instanceof StreamableHttpClientTransport) {
      this.#transport.setModernLogLevel(level);
      return Promise.resolve();
    }
    return this.#features.setLoggingLevel(level, options);
  }

  /**
   * Watches for changes: list changes and updates of the given resources arrive as the
   * `toolsChanged`, `resourcesChanged`, `promptsChanged` and `resourceUpdated` events until
   * `close()`. 2026-07-28: one `subscriptions/listen` stream, reopened if it breaks;
   * earlier revisions: `resources/subscribe` per URI (list changes come by themselves).
   */
  watch(
    filter: WatchFilter = {
      toolsListChanged: true,
      promptsListChanged: true,
      resourcesListChanged: true,
    },
    options: { signal?: AbortSignal } = {},
  ): Watch {
    this.#assertReady();
    return startWatch(
      {
        modern: this.#modern,
        call: (method, params, requestOptions) => this.#call(method, params, requestOptions),
        onAcknowledged: (listener) => {
          this.#ackListeners.push(listener);
          return () => {
            const at = this.#ackListeners.indexOf(listener);
            if (at !== -1) this.#ackListeners.splice(at, 1);
          };
        },
        isOpen: () => this.#state === 'ready' || this.#state === 'reconnecting',
        onError: (error) => this.#emitter.emit('error', error),
      },
      filter,
      options.signal,
    );
  }

  /** Checks the server is alive; rejects on timeout. */
  async ping(options: Pick<RequestOptions, 'signal' | 'timeout'> = {}): Promise<void> {
    this.#assertReady();
    // The stateless revision has no ping: discovery is the cheapest request it has.
    const method = this.#modern ? 'server/discover' : 'ping';
    await this.#session.request(method, undefined, { ...options, idempotent: true });
  }

  /**
   * Ends the stream and rejects everything pending with a `closed` error. Cancellations
   * still on their way to the server get a moment (at most 1 s) to arrive first.
   */
  async close(): Promise<void> {
    if (this.#state === 'ready' || this.#state === 'reconnecting') await this.#session.flush();
    await this.#shutdown('closed', undefined);
  }

  async #fetchAllTools(
    options: Pick<RequestOptions, 'signal' | 'timeout'> & { refresh?: boolean } = {},
    urgent = false,
  ): Promise<Tool[]> {
    const tools: Tool[] = [];
    const seen = new Set<string>();
    let cursor: string | undefined;
    for (let page = 0; page < MAX_TOOL_PAGES; page++) {
      const params = cursor === undefined ? undefined : { cursor };
      // Listing runs nothing on the server: safe to send again on a new session.
      const raw = urgent
        ? await this.#session.requestNow('tools/list', params, options)
        : await this.#cachedCall('tools/list', params, options, () =>
            this.#session.request('tools/list', params, { ...options, idempotent: true }),
          );
      const parsed = parseWith(ListToolsResultSchema, raw, 'tools/list result');
      if (!parsed.ok)
        throw new McpSseClientError('protocol_error', parsed.error.message, { data: raw });
      if (page === 0) {
        const ttl = (raw as { ttlMs?: unknown }).ttlMs;
        this.#toolsExpireAt =
          typeof ttl === 'number' && Number.isFinite(ttl) && ttl >= 0
            ? Date.now() + ttl
            : undefined;
      }
      tools.push(
        ...(this.#modern ? this.#toolHeaders.admit(parsed.value.tools) : parsed.value.tools),
      );
      cursor = parsed.value.nextCursor;
      if (cursor === undefined) return tools;
      if (seen.has(cursor)) {
        throw new McpSseClientError(
          'protocol_error',
          `tools/list returned the cursor ${JSON.stringify(cursor)} twice; the server's paging loops.`,
        );
      }
      seen.add(cursor);
    }
    throw new McpSseClientError(
      'protocol_error',
      `tools/list kept paging past ${MAX_TOOL_PAGES} pages`,
    );
  }

  #onReconnecting(info: ReconnectingInfo): void {
    if (this.#state === 'closed') return;
    this.#session.pause();
    // Tools pushed from here on come from the stream we reconnect to.
    this.#pushedTools = undefined;
    if (this.#state === 'ready') this.#state = 'reconnecting';
    this.#emitter.emit('reconnecting', {
      attempt: info.attempt,
      delayMs: info.delayMs,
      error: info.cause,
    });
  }

  #onReconnected(info: ReconnectedInfo): void {
    if (this.#state === 'closed') return;
    if (!info.resumed) {
      const error = new McpSseClientError(
        'session_lost',
        `The server no longer knew our session (restarted, or the session expired); started a new one at ${info.endpoint}.`,
      );
      this.#needsInit = true;
      this.#session.sessionLost(error);
      this.#emitter.emit('sessionLost', { error });
    }
    if (this.#needsInit && this.#state !== 'connecting') {
      void this.#reinitialize(info);
      return;
    }
    this.#session.resume();
    if (this.#state === 'reconnecting') this.#state = 'ready';
    this.#emitter.emit('reconnected', { ...info });
  }

  /** Initializes a new session, learns its tools, then lets the held-back requests go. */
  async #reinitialize(info: ReconnectedInfo): Promise<void> {
    const run = ++this.#reinitRun;
    try {
      await this.#initialize(true);
      await this.#session.notifySurely('notifications/initialized');
      const previous = this.#tools;
      const tools =
        this.#pushedTools ??
        (this.#init?.capabilities.tools ? await this.#fetchAllTools({}, true) : []);
      if (run !== this.#reinitRun || this.#state === 'closed') return;
      this.#needsInit = false;
      this.#tools = tools;
      this.#session.resume();
      this.#state = 'ready';
      this.#emitter.emit('reconnected', { ...info });
      if (JSON.stringify(previous) !== JSON.stringify(tools))
        this.#emitter.emit('toolsChanged', tools);
    } catch (error) {
      if (run !== this.#reinitRun || this.#state === 'closed') return;
      // The stream dropped again mid-way, or the new session is gone too (404, a reconnect
      // is on its way): the next `reconnected` starts over.
      const gone = McpSseClientError.isInstance(error) && error.status === 404;
      if (this.#transportReconnecting() || gone) return;
      await this.#shutdown(
        'stream_ended',
        toClientError(
          error,
          'session_lost',
          'Starting a new session after the old one was lost failed',
        ),
      );
    }
  }

  #transportReconnecting(): boolean {
    return (this.#transport as { reconnecting?: boolean }).reconnecting === true;
  }

  #onPushedTools(tools: Tool[]): void {
    this.#pushedTools = tools;
    if (this.#state !== 'ready') return;
    this.#tools = tools;
    this.#emitter.emit('toolsChanged', tools);
  }

  #onNotification(notification: JSONRPCNotification): void {
    if (notification.method === 'notifications/message') {
      const parsed = LoggingMessageNotificationSchema.safeParse(notification);
      if (parsed.success) this.#emitter.emit('log', parsed.data.params);
      else
        this.#emitter.emit(
          'error',
          new McpSseClientError(
            'protocol_error',
            'The server sent a malformed notifications/message',
            { data: notification },
          ),
        );
    } else if (notification.method === 'notifications/subscriptions/acknowledged') {
      const agreed = (notification.params as { notifications?: WatchFilter } | undefined)
        ?.notifications;
      this.#ackListeners.shift()?.(agreed ?? {});
    } else if (notification.method === 'notifications/resources/list_changed') {
      this.#cache?.invalidate(this.url, 'resources/list');
      this.#cache?.invalidate(this.url, 'resources/templates/list');
      this.#emitter.emit('resourcesChanged', {});
    } else if (notification.method === 'notifications/prompts/list_changed') {
      this.#cache?.invalidate(this.url, 'prompts/list');
      this.#emitter.emit('promptsChanged', {});
    } else if (notification.method === 'notifications/resources/updated') {
      const uri = (notification.params as { uri?: unknown } | undefined)?.uri;
      if (typeof uri === 'string') {
        this.#cache?.invalidate(this.url, 'resources/read', { uri });
        this.#emitter.emit('resourceUpdated', { uri });
      }
    } else if (notification.method === 'notifications/tools/list_changed') {
      this.#cache?.invalidate(this.url, 'tools/list');
      this.#refreshTools();
    }
    this.#emitter.emit('notification', notification);
  }

  #refreshTools(): void {
    if (this.#state !== 'ready' || this.#refreshing) return;
    this.#refreshing = this.#fetchAllTools()
      .then((tools) => {
        if (this.#state !== 'ready') return;
        this.#tools = tools;
        this.#emitter.emit('toolsChanged', tools);
      })
      .catch((error: unknown) => {
        if (this.#state === 'ready') {
          this.#emitter.emit(
            'error',
            toClientError(error, 'protocol_error', 'Refreshing the tool list failed'),
          );
        }
      })
      .finally(() => {
        this.#refreshing = undefined;
      });
  }

  #watchSignal(): void {
    const signal = this.#options.signal;
    if (!signal) return;
    const onAbort = () => {
      const why = signal.reason instanceof Error ? `: ${signal.reason.message}` : '';
      void this.#shutdown(
        'aborted',
        new McpSseClientError('aborted', `The client was aborted${why}`, { cause: signal.reason }),
      );
    };
    if (signal.aborted) {
      onAbort();
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    this.#detachSignal = () => signal.removeEventListener('abort', onAbort);
  }

  #assertReady(): void {
    if (this.#state === 'ready' || this.#state === 'reconnecting') return;
    if (this.#state === 'closed') throw this.#closedError();
    throw new McpSseClientError(
      'closed',
      'The client is not connected yet: await connect() first.',
    );
  }

  #closedError(): McpSseClientError {
    return this.#closeInfo?.error ?? new McpSseClientError('closed', 'The client is closed.');
  }

  async #shutdown(reason: CloseReason, error: McpSseClientError | undefined): Promise<void> {
    if (this.#state === 'closed') return;
    this.#state = 'closed';
    this.#closeInfo = error ? { reason, error } : { reason };
    this.#detachSignal?.();
    this.#lifetime.abort();
    this.#session.close(
      error ?? new McpSseClientError('closed', 'The client was closed before the answer came.'),
    );
    await this.#transport.close().catch(noop);
    this.#emitter.emit('close', this.#closeInfo);
  }
}
