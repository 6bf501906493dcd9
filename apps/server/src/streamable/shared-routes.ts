import type { OutgoingHttpHeaders } from 'node:http';
import type { JSONRPCMessage, RequestId } from '@mcp-sse/protocol';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SessionForbiddenError } from '../errors/http-errors.js';
import { quote } from '../http/quote.js';
import { chain, isPromise } from '../plugin/maybe-promise.js';
import type { ResolvedOptions } from '../plugin/options.js';
import { isValidSessionId } from '../sessions/session-id.js';
import type { MaybePromise } from '../sessions/session-store.js';
import type { StreamMode } from './response-stream.js';
import type {
  ServeOptions,
  SharedSessionInfo,
  SharedStreamableSessions,
} from './shared-sessions.js';
import { parseStreamEventId } from './stream-event-id.js';
import {
  InvalidMessageError,
  McpSessionNotFoundError,
  MethodNotAllowedError,
  MissingMcpSessionIdError,
  StreamConflictError,
  UnknownEventIdError,
} from './streamable-errors.js';

/** What the shared routes take from the Streamable HTTP endpoint. */
export interface SharedRouteContext {
  options: ResolvedOptions;
  mode: StreamMode;
  headersOf: (reply: FastifyReply, sessionId: string) => OutgoingHttpHeaders;
  checkVersionHeader: (request: FastifyRequest) => void;
}

const header = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

const isRequest = (
  message: JSONRPCMessage,
): message is JSONRPCMessage & { id: RequestId; method: string } =>
  'method' in message && 'id' in message && message.id !== undefined;

/** Priming events came with 2025-11-25; older clients may choke on an empty event. */
const primes = (info: SharedSessionInfo): boolean => (info.protocolVersion ?? '') >= '2025-11-25';

/** How `initialize` is answered: JSON, never streamed. */
const INITIALIZE: ServeOptions = Object.freeze({
  mode: 'json',
  batch: false,
  prime: false,
  stream: false,
  pollAfterMs: 0,
});

/** The session id a request names: 400 without one. */
function sessionIdOf(request: FastifyRequest): string {
  const id = header(request, 'mcp-session-id');
  if (id === undefined || id === '') throw new MissingMcpSessionIdError();
  return id;
}

/** 404 for a session that is unknown or ended, 403 for another principal's. */
function owned(
  request: FastifyRequest,
  id: string,
  info: SharedSessionInfo | undefined,
): SharedSessionInfo {
  if (info === undefined) throw new McpSessionNotFoundError(quote(id));
  if (info.principalId !== (request.mcpPrincipal?.id ?? null)) {
    throw new SessionForbiddenError(id);
  }
  return info;
}

/**
 * The Streamable HTTP session routes (2025 revisions), the same for sessions in this
 * process and sessions shared by several instances: 400 without `Mcp-Session-Id`, 404 for
 * a session that is unknown or ended (on any instance), 403 for another principal's, 409
 * for a second standalone GET while the first is open; the HTTP responses are handed to
 * {@link SharedStreamableSessions}. Only promises are awaited: in memory a POST runs in
 * one turn of the event loop.
 */
export function createSharedHandlers(sessions: SharedStreamableSessions, ctx: SharedRouteContext) {
  const { options } = ctx;

  /** The session's info; a string that cannot be one of our ids is not looked up at all. */
  function lookUp(id: string, fresh: boolean) {
    return isValidSessionId(id) ? sessions.info(id, fresh) : undefined;
  }

  return {
    /** `initialize`: a new session held by this instance, answered like any POST. */
    async initialize(
      request: FastifyRequest,
      reply: FastifyReply,
      message: JSONRPCMessage & { id: RequestId },
    ): Promise<void> {
      let id = sessions.create(request.mcpPrincipal ?? undefined);
      if (isPromise(id)) id = await id;
      let claim = sessions.claim(id, [message], false);
      if (isPromise(claim)) claim = await claim;
      if (claim.kind === 'gone') throw new McpSessionNotFoundError(quote(id));
      reply.hijack();
      const served = sessions.serve(
        id,
        claim,
        [message],
        reply.raw,
        ctx.headersOf(reply, id),
        INITIALIZE,
      );
      if (isPromise(served)) await served;
      request.log.info({ sessionId: id }, 'streamable session opened');
    },

    /**
     * A POST of a session. Returns undefined once the answer is under way (Fastify's
     * synchronous handler contract), or a promise where the session layer needs one.
     */
    post(
      request: FastifyRequest,
      reply: FastifyReply,
      messages: JSONRPCMessage[],
      batch: boolean,
    ): MaybePromise<undefined> {
      const id = sessionIdOf(request);
      return chain(lookUp(id, false), (found) => {
        const info = owned(request, id, found);
        ctx.checkVersionHeader(request);
        if (batch && info.protocolVersion !== '2025-03-26') {
          throw new InvalidMessageError(
            `Batches are only allowed in protocol version 2025-03-26; this session speaks ${info.protocolVersion}: send one message per POST`,
          );
        }
        sessions.touch(id);
        const requests = messages.filter(isRequest);
        if (requests.length === 0) {
          return chain(sessions.notify(id, messages), (delivered) => {
            if (!delivered) throw new McpSessionNotFoundError(quote(id));
            reply.code(202).send();
            return undefined;
          });
        }
        // A re-sent request (same id, after a cut) re-attaches to its stream, on any instance.
        return chain(sessions.claim(id, requests, batch), (claim) => {
          if (claim.kind === 'gone') throw new McpSessionNotFoundError(quote(id));
          reply.hijack();
          const served = sessions.serve(id, claim, messages, reply.raw, ctx.headersOf(reply, id), {
            mode: ctx.mode,
            batch,
            prime: primes(info),
            stream: requests.some((m) => m.method === 'tools/call'),
            pollAfterMs: options.pollAfterMs,
          });
          return isPromise(served) ? served.then(() => undefined) : undefined;
        });
      });
    },

    async get(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
      const id = sessionIdOf(request);
      let found = lookUp(id, true);
      if (isPromise(found)) found = await found;
      const info = owned(request, id, found);
      ctx.checkVersionHeader(request);
      const lastEventId = header(request, 'last-event-id');
      const lastEvent = lastEventId === undefined ? undefined : parseStreamEventId(lastEventId);
      if (lastEventId !== undefined && lastEvent === undefined) {
        throw new UnknownEventIdError(quote(lastEventId));
      }
      if (lastEvent === undefined && !options.standaloneGet) {
        throw new MethodNotAllowedError('this server opens no GET stream; POST requests instead');
      }
      let plan = sessions.planResume(id, lastEvent);
      if (isPromise(plan)) plan = await plan;
      if (plan.kind === 'unknown') throw new UnknownEventIdError(quote(lastEventId));
      if (plan.kind === 'conflict') throw new StreamConflictError();
      sessions.touch(id);
      const headers = ctx.headersOf(reply, id);
      reply.hijack();
      if (plan.kind === 'complete') {
        // Complete and fully seen: nothing to stream (a 204 also stops the SDK client polling it).
        reply.raw.writeHead(204, headers);
        reply.raw.end();
        return reply;
      }
      request.raw.socket.setNoDelay(true);
      request.raw.socket.setKeepAlive(true);
      const attached = sessions.attach(id, plan, reply.raw, headers, primes(info));
      if (isPromise(attached)) await attached;
      return reply;
    },

    async delete(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
      const id = sessionIdOf(request);
      let found = lookUp(id, true);
      if (isPromise(found)) found = await found;
      owned(request, id, found);
      const ended = sessions.end(id);
      if (isPromise(ended)) await ended;
      request.log.info({ sessionId: id }, 'streamable session ended by the client');
      return reply.code(200).send();
    },
  };
}
