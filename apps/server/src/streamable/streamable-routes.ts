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
import { ShuttingDownError, TooManySessionsError } from '../errors/http-errors.js';
import { quote } from '../http/quote.js';
import type { ResolvedOptions } from '../plugin/options.js';
import type { MaybePromise } from '../sessions/session-store.js';
import { StatelessEndpoint } from '../stateless/stateless-endpoint.js';
import { accepts, acceptsPostAnswers, POST_ACCEPT } from './accept.js';
import type { MemoryStreamableSessions } from './memory-streamable-sessions.js';
import type { StreamMode } from './response-stream.js';
import { createSharedHandlers } from './shared-routes.js';
import type { SharedStreamableSessions } from './shared-sessions.js';
import {
  InvalidMessageError,
  MethodNotAllowedError,
  NotAcceptableError,
  UnsupportedProtocolVersionHeaderError,
} from './streamable-errors.js';

/**
 * A route handler: synchronous ones return undefined once they answered (Fastify's
 * contract), asynchronous ones a promise.
 */
export type Handler = (request: FastifyRequest, reply: FastifyReply) => MaybePromise<unknown>;

/** What the Streamable HTTP routes need. */
export interface StreamableRouteDeps {
  options: ResolvedOptions;
  core: McpServerCore;
  /** Sessions in this process: the session layer without `shared`, and the one-POST sessions. */
  local: MemoryStreamableSessions;
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
  const { options, core, local } = deps;
  const mode: StreamMode = options.jsonResponse ? 'json' : 'auto';
  const stateless = new StatelessEndpoint({
    core,
    options,
    logger: silentLogger,
    authenticated: options.apiKeys.length > 0 || options.authenticate !== undefined,
  });
  local.addCompanion(stateless);
  /** 2026-07-28 has no GET stream and no sessions to delete. */
  const refuseStateless = (request: FastifyRequest) => {
    if (isStatelessProtocolVersion(header(request, 'mcp-protocol-version'))) {
      throw new MethodNotAllowedError(
        'protocol version 2026-07-28 has no GET stream or sessions; POST requests',
      );
    }
  };

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
    // getHeaders() returns a new object: it takes the session id itself (no second copy).
    const headers = reply.getHeaders() as OutgoingHttpHeaders;
    headers['mcp-session-id'] = sessionId;
    return headers;
  }

  // One code path for sessions in memory and on Redis.
  const sessions = createSharedHandlers(deps.shared ?? local, {
    options,
    mode,
    headersOf,
    checkVersionHeader,
  });

  async function initialize(
    request: FastifyRequest,
    reply: FastifyReply,
    message: JSONRPCMessage & { id: RequestId },
  ): Promise<void> {
    if (core.shuttingDown) throw new ShuttingDownError();
    if ((await deps.countSessions()) >= options.maxSessions) {
      throw new TooManySessionsError(options.maxSessions);
    }
    if (options.streamableSessions) return sessions.initialize(request, reply, message);
    // Without sessions, nothing is kept: the client gets no id to come back with.
    reply.hijack();
    const headers = { ...reply.getHeaders() } as OutgoingHttpHeaders;
    local.once(
      request.mcpPrincipal ?? undefined,
      undefined,
      [message],
      reply.raw,
      headers,
      'json',
      false,
    );
  }

  // Not async: a POST of a session in memory is answered without a promise of its own.
  const post: Handler = (request, reply) => {
    if (!acceptsPostAnswers(header(request, 'accept'))) throw new NotAcceptableError(POST_ACCEPT);
    if (stateless.claims(request)) return stateless.handle(request, reply).then(() => reply);
    const { messages, batch } = parseBody(request.body);
    const init = messages.find((message) => isRequest(message) && message.method === 'initialize');
    if (init !== undefined) {
      if (batch) throw new InvalidMessageError('initialize must be sent alone, not in a batch');
      return initialize(request, reply, init as JSONRPCMessage & { id: RequestId }).then(
        () => reply,
      );
    }
    if (!options.streamableSessions) return sessionless(request, reply, messages, batch);
    return sessions.post(request, reply, messages, batch);
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
    // Notifications and responses reach nothing that lasts: nothing waits for them.
    if (!messages.some(isRequest)) return reply.code(202).send();
    reply.hijack();
    const headers = { ...reply.getHeaders() } as OutgoingHttpHeaders;
    local.once(
      request.mcpPrincipal ?? undefined,
      version,
      messages,
      reply.raw,
      headers,
      mode,
      batch,
    );
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
    return sessions.get(request, reply);
  };

  const del: Handler = async (request, reply) => {
    refuseStateless(request);
    refuseSessionless();
    return sessions.delete(request, reply);
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
