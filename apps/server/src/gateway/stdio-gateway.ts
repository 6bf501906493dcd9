import {
  isStatelessProtocolVersion,
  type JSONRPCMessage,
  type LoggingLevel,
  negotiateProtocolVersion,
  ProtocolVersion,
  type RequestId,
} from '@mcp-sse/protocol';
import type { CoreSession } from '../core/core-session.js';
import type { CoreLogger } from '../core/logger.js';
import { errorJson, resultJson } from '../core/wire.js';
import { type ChildAnswer, ChildLink, type ChildProcessSettings } from './child-link.js';
import { forwardParams } from './forward-params.js';
import { GatewayError } from './gateway-error.js';
import type { ResolvedGatewayOptions } from './gateway-options.js';
import { GatewaySession } from './gateway-session.js';
import type { LinkEntry } from './link-entry.js';
import { routeChildMessage } from './route-child-message.js';
import {
  type GatewayWireError,
  notInitializedError,
  notRelayedError,
  tooManyChildrenError,
} from './wire-errors.js';

/** The revision the gateway speaks to its shared child (the newest with `initialize`). */
export const GATEWAY_CHILD_PROTOCOL_VERSION = ProtocolVersion.V2025_11_25;

/** Counts for health checks. */
export interface GatewayStats {
  /** Per-session children running or restarting. */
  children: number;
  /** Requests waiting for a child's answer. */
  requestsInFlight: number;
}

type Params = Record<string, unknown> | undefined;

/**
 * Serves a stdio MCP server through the core's sessions: every client message goes to a
 * child (per-session, or the shared one with ids remapped) and everything the child sends
 * comes back to the right session. The transports see an ordinary core.
 */
export class StdioGateway {
  readonly options: ResolvedGatewayOptions;
  readonly #log: CoreLogger;
  readonly #settings: ChildProcessSettings;
  readonly #sessions = new Map<string, GatewaySession>();
  #shared: LinkEntry | undefined;
  #children = 0;
  #nextLabel = 1;
  #stopped = false;

  constructor(options: ResolvedGatewayOptions, logger: CoreLogger) {
    this.options = options;
    this.#log = logger;
    this.#settings = {
      command: options.command,
      cwd: options.cwd,
      env: options.env,
      logger,
      maxMessageBytes: options.maxMessageBytes,
      maxStderrLineChars: options.maxStderrLineChars,
      restartBaseMs: options.restartBaseMs,
      restartMaxMs: options.restartMaxMs,
      initializeTimeoutMs: options.initializeTimeoutMs,
      maxQueued: 128,
      stableAfterMs: 10_000,
    };
  }

  /**
   * Starts the shared child and waits for its `initialize` answer: it serves clients that
   * never initialize (2026-07-28, sessionless Streamable HTTP), every client in shared mode,
   * and tells `server/discover` what the server offers. Rejects with a {@link GatewayError}
   * when the command does not start or answer.
   */
  async start(): Promise<void> {
    const entry = this.#entry(true);
    const answer = await entry.link.start(
      {
        protocolVersion: GATEWAY_CHILD_PROTOCOL_VERSION,
        // None declared: nobody could answer the shared child's questions for sure.
        capabilities: {},
        clientInfo: { name: 'mcp-sse-gateway', version: '0.1.0' },
      },
      true,
    );
    if (answer.error !== undefined) {
      throw new GatewayError(
        'child_start_failed',
        `The stdio server ${JSON.stringify(this.options.display)} did not start: ${answer.error.message}`,
      );
    }
    this.#shared = entry;
  }

  /** What the child offers (its `initialize` capabilities), once it answered. */
  capabilities(): Record<string, unknown> | undefined {
    return this.#shared?.link.initializeResult?.capabilities as Record<string, unknown> | undefined;
  }

  /** The child's `initialize` result (serverInfo, instructions). */
  initializeResult(): Record<string, unknown> | undefined {
    return this.#shared?.link.initializeResult;
  }

  /** Whether a new session could get a child now (the 503 check before `initialize`). */
  hasRoom(): boolean {
    return this.options.mode === 'shared' || this.#children < this.options.maxChildren;
  }

  /** Children and requests in flight. */
  stats(): GatewayStats {
    let requestsInFlight = 0;
    for (const gs of this.#sessions.values()) requestsInFlight += gs.toChild.size;
    return { children: this.#children, requestsInFlight };
  }

  /** A session opened on the core. */
  open(session: CoreSession): void {
    const version = session.protocolVersion;
    const gs = new GatewaySession(
      session,
      version !== undefined && isStatelessProtocolVersion(version),
    );
    this.#sessions.set(session.id, gs);
    // Already initialized (no `initialize` will come): the shared child serves it.
    if (version !== undefined || this.options.mode === 'shared') this.#attach(gs, this.#shared);
  }

  /** A session closed: its requests are cancelled on the child, its own child stopped. */
  close(session: CoreSession): void {
    const gs = this.#sessions.get(session.id);
    if (gs === undefined) return;
    this.#sessions.delete(session.id);
    const entry = gs.entry;
    if (entry === undefined) return;
    // Detached first: a start still pending sees that the session is gone and frees nothing twice.
    gs.entry = undefined;
    entry.sessions.delete(gs);
    for (const childId of gs.toChild.values()) {
      entry.routes.delete(childId);
      entry.link.cancel(childId, 'The client session closed');
    }
    gs.toChild.clear();
    for (const held of gs.fromChild.values()) {
      entry.link.respond(held.generation, held.childId, {
        error: notRelayedError(held.method, 'the client session closed'),
      });
    }
    gs.fromChild.clear();
    if (!entry.shared) {
      entry.link.stop();
      this.#children--;
    }
  }

  /** One message from a client. Never throws. */
  handle(session: CoreSession, message: JSONRPCMessage): void {
    const gs = this.#sessions.get(session.id);
    if (gs === undefined) return;
    if (!('method' in message)) {
      this.#clientAnswer(gs, message as { id?: RequestId; result?: unknown; error?: unknown });
      return;
    }
    const { id, method, params } = message as {
      id?: RequestId | null;
      method: string;
      params?: Params;
    };
    if (id !== undefined && id !== null) this.#clientRequest(gs, id, method, params);
    else this.#clientNotification(gs, method, params);
  }

  /** Waits for requests in flight (at most `timeoutMs`), then stops every child. */
  async drain(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.stats().requestsInFlight > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    this.stop();
  }

  /** Stops every child now; requests in flight get an error. */
  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    for (const gs of this.#sessions.values()) {
      if (gs.entry !== undefined && !gs.entry.shared) gs.entry.link.stop();
    }
    this.#shared?.link.stop();
  }

  #entry(shared: boolean): LinkEntry {
    const label = shared ? 'stdio[shared]' : `stdio[${this.#nextLabel++}]`;
    const entry: LinkEntry = {
      shared,
      sessions: new Set(),
      routes: new Map(),
      link: new ChildLink(label, this.#settings, {
        onMessage: (message, generation) => routeChildMessage(entry, message, generation),
        onRestarted: () => this.#replay(entry),
        onExit: () => {
          // The requests in flight were failed by the link: their routes go too.
          for (const route of entry.routes.values()) route.session.toChild.delete(route.clientId);
          entry.routes.clear();
          for (const gs of entry.sessions) gs.fromChild.clear();
        },
      }),
    };
    return entry;
  }

  #attach(gs: GatewaySession, entry: LinkEntry | undefined): void {
    if (entry === undefined) return;
    gs.entry = entry;
    entry.sessions.add(gs);
  }

  /** A restarted child knows nothing: give it back each client's log level and subscriptions. */
  #replay(entry: LinkEntry): void {
    const ignore = () => {};
    for (const gs of entry.sessions) {
      if (!entry.shared && gs.logLevelParams !== undefined) {
        entry.link.request('logging/setLevel', gs.logLevelParams, ignore);
      }
      for (const uri of gs.subscriptions)
        entry.link.request('resources/subscribe', { uri }, ignore);
    }
  }

  #reply(gs: GatewaySession, id: RequestId, answer: ChildAnswer): void {
    if (gs.session.closed) return;
    if (answer.error !== undefined) {
      const { code, message, data } = answer.error;
      gs.session.reply(id, errorJson(id, code, message, data));
    } else {
      gs.session.reply(id, resultJson(id, answer.result));
    }
  }

  #fail(gs: GatewaySession, id: RequestId, error: GatewayWireError): void {
    this.#reply(gs, id, { error });
  }

  #clientRequest(gs: GatewaySession, id: RequestId, method: string, params: Params): void {
    if (method === 'initialize') {
      this.#initialize(gs, id, params);
      return;
    }
    if (method === 'ping') {
      this.#reply(gs, id, { result: {} });
      return;
    }
    const refused = this.#resume(gs);
    if (refused !== undefined) {
      this.#fail(gs, id, refused);
      return;
    }
    const entry = gs.entry;
    if (entry === undefined || entry.link.closed) {
      this.#fail(gs, id, notInitializedError());
      return;
    }
    if (method === 'logging/setLevel') {
      const level = params?.level;
      if (typeof level === 'string') gs.session.logLevel = level as LoggingLevel;
      if (entry.shared) {
        // One child for everyone: its level stays; each session's threshold filters here.
        this.#reply(gs, id, { result: {} });
        return;
      }
      gs.logLevelParams = params;
    }
    const uri = params?.uri;
    if (method === 'resources/subscribe' && typeof uri === 'string') gs.subscriptions.add(uri);
    if (method === 'resources/unsubscribe' && typeof uri === 'string') gs.subscriptions.delete(uri);
    if (gs.toChild.has(id)) {
      this.#reply(gs, id, {
        error: {
          code: -32600,
          message: `Request id ${JSON.stringify(id)} is in use by a request in flight; ids must not be reused within a session`,
        },
      });
      return;
    }
    const childId = entry.link.reserveId();
    const forwarded = forwardParams(params, childId, gs.stateless);
    // Routed before it is sent: a refusal answers at once, and must find the route to clear.
    gs.toChild.set(id, childId);
    entry.routes.set(childId, { session: gs, clientId: id, clientToken: forwarded.clientToken });
    entry.link.request(
      method,
      forwarded.params,
      (result) => {
        if (entry.routes.get(childId)?.session === gs) entry.routes.delete(childId);
        if (gs.toChild.get(id) === childId) gs.toChild.delete(id);
        this.#reply(gs, id, result);
      },
      childId,
    );
  }

  #initialize(gs: GatewaySession, id: RequestId, params: Params): void {
    if (gs.initializeSeen || (gs.entry !== undefined && !gs.entry.shared)) {
      this.#reply(gs, id, {
        error: { code: -32600, message: 'Session already initialized: initialize is sent once' },
      });
      return;
    }
    gs.initializeSeen = true;
    const session = gs.session;
    const requested = typeof params?.protocolVersion === 'string' ? params.protocolVersion : '';
    // Set now: a transport reads the negotiated version as soon as initialize is handed over.
    session.protocolVersion = negotiateProtocolVersion(requested);
    session.clientInfo = params?.clientInfo as CoreSession['clientInfo'];
    session.clientCapabilities = params?.capabilities as Record<string, unknown> | undefined;
    if (this.options.mode === 'shared') {
      const result = this.#shared?.link.initializeResult;
      if (result === undefined) {
        this.#fail(gs, id, tooManyChildrenError(0));
        return;
      }
      this.#attach(gs, this.#shared);
      this.#reply(gs, id, { result: { ...result, protocolVersion: session.protocolVersion } });
      return;
    }
    const started = this.#startChild(gs, params ?? {}, false);
    if (!('then' in started)) {
      this.#fail(gs, id, started);
      return;
    }
    void started.then((answer) => {
      if (answer.error === undefined && typeof answer.result.protocolVersion === 'string') {
        // The child had the last word on the version: the client will speak that one.
        session.protocolVersion = answer.result.protocolVersion;
      }
      this.#reply(gs, id, answer);
    });
  }

  /**
   * Starts a child of this session's own (within the cap) with these `initialize` params;
   * resolves with its answer, or returns the error when there is no room.
   */
  #startChild(
    gs: GatewaySession,
    params: Record<string, unknown>,
    sendInitialized: boolean,
  ): Promise<ChildAnswer> | GatewayWireError {
    if (this.#stopped || this.#children >= this.options.maxChildren) {
      return tooManyChildrenError(this.options.maxChildren);
    }
    this.#children++;
    const entry = this.#entry(false);
    this.#attach(gs, entry);
    this.#log.debug({ sessionId: gs.session.id, child: entry.link.label }, 'stdio child starting');
    return entry.link.start(params, sendInitialized).then((answer) => {
      if (answer.error !== undefined && gs.entry === entry) {
        entry.sessions.delete(gs);
        gs.entry = undefined;
        this.#children--;
      }
      return answer;
    });
  }

  /**
   * A session whose state was restored after it opened (another instance took it over
   * through Redis) gets a child of its own, initialized as its client once initialized it.
   */
  #resume(gs: GatewaySession): GatewayWireError | undefined {
    const session = gs.session;
    if (gs.entry !== undefined || session.protocolVersion === undefined) return undefined;
    if (this.options.mode === 'shared') {
      this.#attach(gs, this.#shared);
      return undefined;
    }
    const started = this.#startChild(
      gs,
      {
        protocolVersion: session.protocolVersion,
        capabilities: session.clientCapabilities ?? {},
        clientInfo: session.clientInfo ?? { name: 'mcp-sse-gateway', version: '0.1.0' },
      },
      true,
    );
    return 'then' in started ? undefined : started;
  }

  #clientNotification(gs: GatewaySession, method: string, params: Params): void {
    const entry = gs.entry;
    if (method === 'notifications/initialized') gs.session.initialized = true;
    if (entry === undefined) return;
    if (method === 'notifications/cancelled') {
      const requestId = params?.requestId as RequestId | undefined;
      const childId = requestId === undefined ? undefined : gs.toChild.get(requestId);
      if (childId === undefined) return;
      gs.toChild.delete(requestId as RequestId);
      entry.routes.delete(childId);
      entry.link.cancel(childId, typeof params?.reason === 'string' ? params.reason : undefined);
      return;
    }
    // A shared child has no per-client state: roots changes and the like mean nothing to it.
    if (entry.shared) return;
    entry.link.notify(method, params);
  }

  /** A client's answer to one of the child's requests: back to the child, under its id. */
  #clientAnswer(
    gs: GatewaySession,
    message: { id?: RequestId; result?: unknown; error?: unknown },
  ): void {
    if (typeof message.id !== 'number') return;
    const held = gs.fromChild.get(message.id);
    if (held === undefined || gs.entry === undefined) return;
    gs.fromChild.delete(message.id);
    const answer: ChildAnswer =
      message.error !== undefined
        ? { error: message.error as { code: number; message: string } }
        : { result: (message.result ?? {}) as Record<string, unknown> };
    gs.entry.link.respond(held.generation, held.childId, answer);
  }
}
