import type { OutgoingHttpHeaders } from 'node:http';
import {
  isStatelessProtocolVersion,
  isSupportedProtocolVersion,
  type JSONRPCMessage,
  type RequestId,
  SUPPORTED_PROTOCOL_VERSIONS,
  toJSONRPCMessage,
} from '@mcp-sse/protocol';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { silentLogger } from '../core/logger.js';
import type { McpServerCore } from '../core/mcp-server-core.js';
import {
  SessionForbiddenError,
  ShuttingDownError,
  TooManySessionsError,
} from '../errors/http-errors.js';
import { quote } from '../http/quote.js';
import type { ResolvedOptions } from '../plugin/options.js';
import type { MaybePromise } from '../sessions/session-store.js';
import { StatelessEndpoint } from '../stateless/stateless-endpoint.js';
import { accepts, POST_ACCEPT } from './accept.js';
import type { StreamMode } from './response-stream.js';
import { createSharedHandlers } from './shared-routes.js';
import type { SharedStreamableSessions } from './shared-sessions.js';
import {
  InvalidMessageError,
  McpSessionNotFoundError,
  MethodNotAllowedError,
  MissingMcpSessionIdError,
  NotAcceptableError,
  StreamConflictError,
  UnknownEventIdError,
  UnsupportedProtocolVersionHeaderError,
} from './streamable-errors.js';
import type { StreamableSession } from './streamable-session.js';
import type { StreamableTransport } from './streamable-transport.js';

/** A route handler. */
export type Handler = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/** What the Streamable HTTP routes need. */
export interface StreamableRouteDeps {
  options: ResolvedOptions;
  core: McpServerCore;
  transport: StreamableTransport;
  /** Sessions open on every transport, for `maxSessions`. */
  countSessions: () => MaybePromise<number>;
  /** The legacy HTTP+SSE stream: what a GET without `Mcp-Session-Id` gets. */
  legacyGet: Handler;
  /** Sessions shared by several instances (Redis); without it sessions live in this process. */
  shared?: SharedStreamableSessions | undefined;
}

const header = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

function isRequest(
  message: JSONRPCMessage,
): message is JSONRPCMessage & { id: RequestId; method: string } {
  return 'method' in message && 'id' in message && message.id !== undefined;
}

const isJsonRpcObject = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && (value as { jsonrpc?: unknown }).jsonrpc === '2.0';

/**
 * Whether a POST body is JSON-RPC (a message with `"jsonrpc": "2.0"`, or a batch of them)
 * rather than a simple-form call: what decides that a POST to `/sse` is Streamable HTTP.
 */
export function isJsonRpcBody(body: unknown): boolean {
  if (Array.isArray(body)) return body.length > 0 && body.every(isJsonRpcObject);
  return isJsonRpcObject(body);
}

/**
 * The Streamable HTTP endpoint (2025-03-26 .. 2025-11-25, sessions on): POST, GET, DELETE.
 * Returns the POST handler, which the HTTP+SSE path also uses for JSON-RPC bodies.
 */
export function createStreamableHandlers(deps: StreamableRouteDeps): {
  post: Handler;
  get: Handler;
  delete: Handler;
} {
  const { options, core, transport } = deps;
  const mode: StreamMode = options.jsonResponse ? 'json' : 'auto';
  const stateless = new StatelessEndpoint({
    core,
    options,
    logger: silentLogger,
    authenticated: options.apiKeys.length > 0 || options.authenticate !== undefined,
  });
  transport.addCompanion(stateless);
  /** 2026-07-28 has no GET stream and no sessions to delete. */
  const refuseStateless = (request: FastifyRequest) => {
    if (isStatelessProtocolVersion(header(request, 'mcp-protocol-version'))) {
      throw new MethodNotAllowedError(
        'protocol version 2026-07-28 has no GET stream or sessions; POST requests',
      );
    }
  };

  /** Finds the session a request names and checks its owner. */
  function sessionOf(request: FastifyRequest): StreamableSession {
    const id = header(request, 'mcp-session-id');
    if (id === undefined || id === '') throw new MissingMcpSessionIdError();
    const session = transport.get(id);
    if (session === undefined) throw new McpSessionNotFoundError(quote(id));
    if (session.principalId !== (request.mcpPrincipal?.id ?? null)) {
      throw new SessionForbiddenError(id);
    }
    return session;
  }

  function checkVersionHeader(request: FastifyRequest): void {
    const version = header(request, 'mcp-protocol-version');
    // Absent means 2025-03-26 (the revisions before the header).
    if (version !== undefined && !isSupportedProtocolVersion(version)) {
      throw new UnsupportedProtocolVersionHeaderError(
        quote(version),
        SUPPORTED_PROTOCOL_VERSIONS.join(', '),
      );
    }
  }

  function parseBody(body: unknown): { messages: JSONRPCMessage[]; batch: boolean } {
    const batch = Array.isArray(body);
    const raw: unknown[] = batch ? body : [body];
    if (raw.length === 0)
      throw new InvalidMessageError('Empty batch: send at least one JSON-RPC message');
    const messages: JSONRPCMessage[] = [];
    for (const item of raw) {
      const parsed = toJSONRPCMessage(item);
      if (!parsed.ok) throw new InvalidMessageError(parsed.error.message);
      messages.push(parsed.value);
    }
    return { messages, batch };
  }

  function headersOf(reply: FastifyReply, sessionId: string): OutgoingHttpHeaders {
    // Hijacked replies skip onSend: CORS and rate-limit headers set by hooks go in here.
    return { ...reply.getHeaders(), 'mcp-session-id': sessionId } as OutgoingHttpHeaders;
  }

  const shared =
    deps.shared === undefined || !options.streamableSessions
      ? undefined
      : createSharedHandlers(deps.shared, { options, mode, headersOf, checkVersionHeader });

  async function initialize(
    request: FastifyRequest,
    reply: FastifyReply,
    message: JSONRPCMessage & { id: RequestId },
  ): Promise<void> {
    if (core.shuttingDown) throw new ShuttingDownError();
    if ((await deps.countSessions()) >= options.maxSessions) {
      throw new TooManySessionsError(options.maxSessions);
    }
    if (shared !== undefined) {
      await shared.initialize(request, reply, message);
      return;
    }
    const session = transport.create(request.mcpPrincipal ?? undefined);
    reply.hijack();
    const headers = options.streamableSessions
      ? headersOf(reply, session.id)
      : ({ ...reply.getHeaders() } as OutgoingHttpHeaders);
    session.openPost(reply.raw, headers, [message.id], 'json', false);
    core.handle(session.id, message);
    const negotiated = core.session(session.id)?.protocolVersion;
    // A refused initialize leaves no session behind: the client has no id to use it with;
    // without sessions, nothing is kept at all.
    if (negotiated === undefined || !options.streamableSessions) transport.close(session.id);
    else session.protocolVersion = negotiated;
    request.log.info(
      { sessionId: session.id, protocolVersion: negotiated },
      'streamable session opened',
    );
  }

  const post: Handler = async (request, reply) => {
    if (
      !accepts(header(request, 'accept'), 'application/json') ||
      !accepts(header(request, 'accept'), 'text/event-stream')
    ) {
      throw new NotAcceptableError(POST_ACCEPT);
    }
    if (stateless.claims(request)) {
      await stateless.handle(request, reply);
      return reply;
    }
    const { messages, batch } = parseBody(request.body);
    const init = messages.find((message) => isRequest(message) && message.method === 'initialize');
    if (init !== undefined) {
      if (batch) throw new InvalidMessageError('initialize must be sent alone, not in a batch');
      await initialize(request, reply, init as JSONRPCMessage & { id: RequestId });
      return reply;
    }
    if (!options.streamableSessions) return sessionless(request, reply, messages, batch);
    if (shared !== undefined) return shared.post(request, reply, messages, batch);
    const session = sessionOf(request);
    checkVersionHeader(request);
    if (batch && session.protocolVersion !== '2025-03-26') {
      throw new InvalidMessageError(
        `Batches are only allowed in protocol version 2025-03-26; this session speaks ${session.protocolVersion}: send one message per POST`,
      );
    }
    session.lastActiveAt = Date.now();
    const ids = messages.filter(isRequest).map((message) => message.id);
    if (ids.length === 0) {
      for (const message of messages) core.handle(session.id, message);
      return reply.code(202).send();
    }
    // The same request again (same id) after its POST broke: re-attach, never run it twice.
    const resent = !batch && ids.length === 1 ? session.resent(ids[0]!) : undefined;
    if (resent !== undefined) {
      reply.hijack();
      if (session.adopt(resent, reply.raw, headersOf(reply, session.id))) return reply;
      reply.raw.writeHead(409, {
        ...headersOf(reply, session.id),
        'content-type': 'application/json',
      });
      reply.raw.end(
        JSON.stringify({
          jsonrpc: '2.0',
          id: ids[0],
          error: {
            code: -32600,
            message: 'Request id already answered: ids must not be reused within a session',
          },
        }),
      );
      return reply;
    }
    reply.hijack();
    const stream = session.openPost(reply.raw, headersOf(reply, session.id), ids, mode, batch);
    for (const message of messages) core.handle(session.id, message);
    // A call may run long: stream at once, so that the priming event makes it resumable.
    if (!stream.finished && messages.some((m) => isRequest(m) && m.method === 'tools/call')) {
      stream.stream();
      if (options.pollAfterMs > 0) {
        const timer = setTimeout(() => stream.poll(), options.pollAfterMs);
        timer.unref();
      }
    }
    return reply;
  };

  /**
   * `streamableSessions: false`: a 2025 client's POST runs on a session of its own that
   * starts at the version its header names and ends with the last answer (or when the
   * client goes: nothing could resume it).
   */
  async function sessionless(
    request: FastifyRequest,
    reply: FastifyReply,
    messages: JSONRPCMessage[],
    batch: boolean,
  ): Promise<FastifyReply> {
    checkVersionHeader(request);
    const version = header(request, 'mcp-protocol-version') ?? '2025-03-26';
    if (batch && version !== '2025-03-26') {
      throw new InvalidMessageError(
        `Batches are only allowed in protocol version 2025-03-26, not ${version}: send one message per POST`,
      );
    }
    if (core.shuttingDown) throw new ShuttingDownError();
    const ids = messages.filter(isRequest).map((message) => message.id);
    // Notifications and responses reach nothing that lasts: nothing waits for them.
    if (ids.length === 0) return reply.code(202).send();
    const session = transport.create(request.mcpPrincipal ?? undefined, version);
    session.onAllAnswered = () => transport.close(session.id);
    reply.hijack();
    const headers = { ...reply.getHeaders() } as OutgoingHttpHeaders;
    session.openPost(reply.raw, headers, ids, mode, batch);
    reply.raw.once('close', () => transport.close(session.id));
    for (const message of messages) core.handle(session.id, message);
    return reply;
  }

  /** Without sessions there is no GET stream and nothing to delete. */
  const refuseSessionless = () => {
    if (!options.streamableSessions) {
      throw new MethodNotAllowedError(
        'this server keeps no sessions (streamableSessions: false); POST requests',
      );
    }
  };

  const get: Handler = async (request, reply) => {
    refuseStateless(request);
    if (header(request, 'mcp-session-id') !== undefined) refuseSessionless();
    if (header(request, 'mcp-session-id') === undefined) return deps.legacyGet(request, reply);
    if (!accepts(header(request, 'accept'), 'text/event-stream')) {
      throw new NotAcceptableError('text/event-stream');
    }
    if (shared !== undefined) return shared.get(request, reply);
    const session = sessionOf(request);
    checkVersionHeader(request);
    const lastEventId = header(request, 'last-event-id');
    const target = lastEventId === undefined ? undefined : session.findResume(lastEventId);
    if (target?.kind === 'unknown') throw new UnknownEventIdError(quote(lastEventId));
    let seq: number | undefined;
    let stream = target?.stream;
    if (target !== undefined) {
      seq = target.seq;
    } else {
      if (!options.standaloneGet) {
        throw new MethodNotAllowedError('this server opens no GET stream; POST requests instead');
      }
      stream = session.standalone();
      if (stream.attached) throw new StreamConflictError();
    }
    session.lastActiveAt = Date.now();
    const headers = headersOf(reply, session.id);
    reply.hijack();
    request.raw.socket.setNoDelay(true);
    request.raw.socket.setKeepAlive(true);
    if (session.attach(stream!, reply.raw, headers, seq)) return reply;
    // Complete and fully seen: nothing to stream (a 204 also stops the SDK client polling it).
    reply.raw.writeHead(204, headers);
    reply.raw.end();
    return reply;
  };

  const del: Handler = async (request, reply) => {
    refuseStateless(request);
    refuseSessionless();
    if (shared !== undefined) return shared.delete(request, reply);
    const session = sessionOf(request);
    transport.close(session.id);
    request.log.info({ sessionId: session.id }, 'streamable session ended by the client');
    return reply.code(200).send();
  };

  return { post, get, delete: del };
}

/** Registers the MCP endpoint's routes on `path`. */
export function registerStreamableRoutes(
  scope: FastifyInstance,
  path: string,
  handlers: { post: Handler; get: Handler; delete: Handler },
): void {
  const config = { config: { mcpJsonRpcErrors: true } };
  scope.post(path, config, handlers.post);
  // No automatic HEAD twin: it would run the GET handler and hold a stream open for nobody.
  scope.get(path, { ...config, exposeHeadRoute: false }, handlers.get);
  scope.delete(path, config, handlers.delete);
  scope.options(
    path,
    { config: { rateLimit: false as const, mcpPublic: true } },
    async (_r, reply) => reply.code(204).send(),
  );
}
