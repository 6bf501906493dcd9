import type { OutgoingHttpHeaders } from 'node:http';
import {
  isSupportedProtocolVersion,
  parseWith,
  SimpleCallSchema,
  toJSONRPCMessage,
} from '@mcp-sse/protocol';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { McpServerCore } from '../core/mcp-server-core.js';
import {
  InvalidBodyError,
  InvalidSessionIdError,
  MissingSessionIdError,
  SessionForbiddenError,
  SessionNotFoundError,
  ShuttingDownError,
  TooManyClientSessionsError,
  TooManySessionsError,
} from '../errors/http-errors.js';
import { markJsonRpcErrors } from '../http/error-handler.js';
import { quote } from '../http/quote.js';
import { clientKey } from '../sessions/client-key.js';
import type { Inbound, SessionDelivery } from '../sessions/session-delivery.js';
import { isValidSessionId, newSessionId } from '../sessions/session-id.js';
import type { MaybePromise, SessionStore } from '../sessions/session-store.js';
import type { SessionTransport } from '../sessions/session-transport.js';
import { SSE_HEADERS } from '../sse/sse-headers.js';
import type { MemoryStreamableSessions } from '../streamable/memory-streamable-sessions.js';
import type { SharedStreamableSessions } from '../streamable/shared-sessions.js';
import {
  createStreamableHandlers,
  isJsonRpcBody,
  registerStreamableRoutes,
} from '../streamable/streamable-routes.js';
import { chain, isPromise } from './maybe-promise.js';
import type { ResolvedOptions } from './options.js';

/** What the routes need. */
export interface RouteDeps {
  options: ResolvedOptions;
  core: McpServerCore;
  transport: SessionTransport;
  store: SessionStore;
  delivery: SessionDelivery;
  /** The Streamable HTTP sessions, when the MCP endpoint is on. */
  streamable?: MemoryStreamableSessions;
  /** Streamable HTTP 2025 sessions shared by several instances (Redis). */
  sharedStreamable?: SharedStreamableSessions | undefined;
}

/** Registers GET/POST on the SSE path, POST on the messages path and the health check. */
export function registerRoutes(scope: FastifyInstance, deps: RouteDeps): void {
  const { options, core, transport, store, delivery } = deps;
  const ssePath = `${scope.prefix}${options.ssePath}`;
  const messagesUrl = `${scope.prefix}${options.messagesPath}`;

  /**
   * The path of every POST: check the session id, find the session, check its owner,
   * validate the message (only then, so a stranger learns nothing about the session), hand the
   * message to the connection holding the session, answer 202. Stays synchronous while
   * the store and delivery do (in memory): no promise per call on the hot path.
   */
  function accept(
    request: FastifyRequest,
    reply: FastifyReply,
    rawId: unknown,
    toInbound: () => Inbound,
    answer: (id: string) => FastifyReply,
  ): MaybePromise<FastifyReply> {
    if (rawId === undefined || rawId === '') throw new MissingSessionIdError();
    if (typeof rawId !== 'string' || !isValidSessionId(rawId)) {
      throw new InvalidSessionIdError(quote(rawId));
    }
    const id = rawId;
    return chain(store.get(id), (record) => {
      if (record === undefined) throw new SessionNotFoundError(id, ssePath);
      if (record.principalId !== (request.mcpPrincipal?.id ?? null)) {
        throw new SessionForbiddenError(id);
      }
      const inbound = toInbound();
      return chain(delivery.deliver(id, inbound), (delivered) => {
        if (!delivered) throw new SessionNotFoundError(id, ssePath);
        const touched = store.touch(id, Date.now());
        if (isPromise(touched)) {
          touched.catch((err: unknown) =>
            reply.log.error({ err, sessionId: id }, 'session touch failed'),
          );
        }
        return answer(id);
      });
    });
  }

  /** Opens (or resumes) an HTTP+SSE session: `GET /sse`, and a legacy client's GET on the MCP endpoint. */
  const legacyGet = async (request: FastifyRequest, reply: FastifyReply) => {
    if (core.shuttingDown) throw new ShuttingDownError();
    const principal = request.mcpPrincipal ?? undefined;
    const lastEventId = request.headers['last-event-id'];
    // A GET that names the version it negotiated is a client reconnecting after a drop
    // (the official SDK client adds it on its reconnect only, and never Last-Event-ID).
    const header = request.headers['mcp-protocol-version'];
    const version = isSupportedProtocolVersion(header) ? header : undefined;
    const client = {
      principalId: principal?.id ?? null,
      address: request.ip,
      userAgent: request.headers['user-agent'] ?? '',
    };
    const resuming =
      lastEventId !== undefined
        ? await transport.canResume(lastEventId, principal)
        : version !== undefined && transport.canReattach(client, version);
    if (
      !resuming &&
      (await store.count()) >= options.maxSessions &&
      // Sessions waiting for a client that may never come back make room for one that is here.
      !(await transport.evictDetached?.())
    ) {
      throw new TooManySessionsError(options.maxSessions);
    }
    // One client holding idle streams must not take every slot from everyone else.
    const held = transport.sessionsOf?.(clientKey(client.principalId, client.address)) ?? 0;
    if (!resuming && held >= options.maxSessionsPerClient) {
      throw new TooManyClientSessionsError(options.maxSessionsPerClient);
    }
    reply.hijack();
    const res = reply.raw;
    // Hijacked replies skip onSend, so CORS and rate-limit headers set by hooks go in here.
    res.writeHead(200, { ...reply.getHeaders(), ...SSE_HEADERS } as OutgoingHttpHeaders);
    request.raw.socket.setNoDelay(true);
    request.raw.socket.setKeepAlive(true);
    // An unknown or foreign Last-Event-ID gets a fresh session, never an error: clients
    // stop reconnecting for good after a non-200.
    if (resuming) {
      if (lastEventId !== undefined && (await transport.resume(res, lastEventId, principal))) {
        return;
      }
      if (version !== undefined && transport.reattach(res, client, version)) return;
    }
    const id = newSessionId();
    try {
      // A reconnecting client that lost its session will not initialise again: its new
      // session starts at the version it names, so its calls are served at once.
      await transport.open(res, id, principal, `${messagesUrl}?sessionId=${id}`, {
        ...(version === undefined ? {} : { protocolVersion: version }),
        client: { address: client.address, userAgent: client.userAgent },
      });
    } catch (err) {
      // The 200 is already out: all that is left is to log and end the stream.
      request.log.error({ err, sessionId: id }, 'could not open session');
      await transport.close(id, 'open failed');
      res.destroy();
    }
  };

  const streamable =
    deps.streamable === undefined
      ? undefined
      : createStreamableHandlers({
          options,
          core,
          local: deps.streamable,
          // A shared store counts the shared Streamable HTTP sessions too.
          countSessions: () =>
            chain(store.count(), (count) =>
              deps.sharedStreamable === undefined ? count + deps.streamable!.size : count,
            ),
          legacyGet,
          shared: deps.sharedStreamable,
        });
  if (streamable !== undefined && options.mcpPath !== false) {
    registerStreamableRoutes(scope, options.mcpPath, streamable);
  }
  // No automatic HEAD twin: it would run this handler and hold a session open for nobody.
  // A GET or DELETE naming a Streamable HTTP session is that client's (given this URL).
  scope.get(options.ssePath, { exposeHeadRoute: false }, (request, reply) => {
    if (streamable === undefined || request.headers['mcp-session-id'] === undefined) {
      return legacyGet(request, reply);
    }
    markJsonRpcErrors(request);
    return streamable.get(request, reply);
  });
  if (streamable !== undefined) {
    scope.delete(options.ssePath, (request, reply) => {
      markJsonRpcErrors(request);
      return streamable.delete(request, reply);
    });
  }

  scope.post(options.messagesPath, (request: FastifyRequest, reply: FastifyReply) => {
    const query = request.query as Record<string, unknown>;
    const result = accept(
      request,
      reply,
      query.sessionId ?? query.session_id,
      () => {
        const parsed = toJSONRPCMessage(request.body);
        if (!parsed.ok) throw new InvalidBodyError(parsed.error.message);
        return { kind: 'message', message: parsed.value };
      },
      () => reply.code(202).send(),
    );
    // A sync handler must return undefined once it has sent; a promise is awaited by Fastify.
    return isPromise(result) ? result : undefined;
  });

  scope.post(options.ssePath, (request: FastifyRequest, reply: FastifyReply) => {
    const body = request.body as Record<string, unknown> | undefined;
    // A client given this URL that speaks Streamable HTTP: several never fall back to HTTP+SSE.
    if (streamable !== undefined && isJsonRpcBody(body)) {
      markJsonRpcErrors(request);
      return streamable.post(request, reply);
    }
    const sessionId = typeof body === 'object' && body !== null ? body.session_id : undefined;
    const result = accept(
      request,
      reply,
      sessionId,
      () => {
        const parsed = parseWith(SimpleCallSchema, body, 'simple call');
        if (!parsed.ok) throw new InvalidBodyError(parsed.error.message);
        return { kind: 'simple', tool: parsed.value.tool, args: parsed.value.args };
      },
      (id) => reply.code(202).send({ accepted: true, session_id: id }),
    );
    return isPromise(result) ? result : undefined;
  });

  const open = { config: { rateLimit: false as const, mcpPublic: true } };
  const preflight = async (_request: FastifyRequest, reply: FastifyReply) => reply.code(204).send();
  scope.options(options.ssePath, open, preflight);
  // The simple form's answer names its session in the body; the header is for the MCP endpoint.
  scope.options(options.messagesPath, open, preflight);

  if (options.healthPath !== false) {
    scope.get(options.healthPath, open, async (_request, reply) => {
      const stats = core.stats();
      // A shared backend (Redis) reports its own state; without it the instance cannot serve.
      const { ok = true, ...backend } = transport.health?.() ?? {};
      const status = core.shuttingDown ? 'shutting_down' : ok ? 'ok' : 'backend_unavailable';
      return reply.code(status === 'ok' ? 200 : 503).send({
        status,
        ...backend,
        sessions: transport.size,
        sessionsDetached: transport.detached,
        streamableSessions: deps.streamable?.size ?? 0,
        callsInFlight: stats.callsInFlight,
        callsQueued: stats.callsQueued,
        uptimeSeconds: Math.round(process.uptime()),
      });
    });
  }
}
