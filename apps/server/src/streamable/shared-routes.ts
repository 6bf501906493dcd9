import type { OutgoingHttpHeaders } from 'node:http';
import type { JSONRPCMessage, RequestId } from '@mcp-sse/protocol';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SessionForbiddenError } from '../errors/http-errors.js';
import { quote } from '../http/quote.js';
import type { ResolvedOptions } from '../plugin/options.js';
import type { StreamMode } from './response-stream.js';
import type { SharedSessionInfo, SharedStreamableSessions } from './shared-sessions.js';
import { parseStreamEventId } from './stream-event-id.js';
import {
  InvalidMessageError,
  McpSessionNotFoundError,
  MethodNotAllowedError,
  MissingMcpSessionIdError,
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

const isRequest = (message: JSONRPCMessage): message is JSONRPCMessage & { id: RequestId } =>
  'method' in message && 'id' in message && message.id !== undefined;

/** Priming events came with 2025-11-25; older clients may choke on an empty event. */
const primes = (info: SharedSessionInfo): boolean => (info.protocolVersion ?? '') >= '2025-11-25';

/**
 * The Streamable HTTP session routes (2025 revisions) when sessions are shared by several
 * instances: the same statuses and checks as in one process (400 without
 * `Mcp-Session-Id`, 404 for a session that is unknown or ended on any instance, 403 for
 * another principal's), with the HTTP responses handed to {@link SharedStreamableSessions}.
 * One difference: a second standalone GET replaces the first instead of a 409, since the
 * first may be held by an instance that died.
 */
export function createSharedHandlers(shared: SharedStreamableSessions, ctx: SharedRouteContext) {
  const { options } = ctx;

  async function sessionOf(request: FastifyRequest, fresh: boolean) {
    const id = header(request, 'mcp-session-id');
    if (id === undefined || id === '') throw new MissingMcpSessionIdError();
    // A string that cannot be one of our ids is not looked up at all.
    const info = /^[0-9a-f-]{36}$/i.test(id) ? await shared.info(id, fresh) : undefined;
    if (info === undefined) throw new McpSessionNotFoundError(quote(id));
    if (info.principalId !== (request.mcpPrincipal?.id ?? null)) {
      throw new SessionForbiddenError(id);
    }
    return { id, info };
  }

  return {
    /** `initialize`: a new session held by this instance, answered like any POST. */
    async initialize(
      request: FastifyRequest,
      reply: FastifyReply,
      message: JSONRPCMessage & { id: RequestId },
    ): Promise<void> {
      const id = await shared.create(request.mcpPrincipal ?? undefined);
      const claim = await shared.claim(id, [message], false);
      if (claim.kind === 'gone') throw new McpSessionNotFoundError(quote(id));
      reply.hijack();
      await shared.serve(id, claim, [message], reply.raw, ctx.headersOf(reply, id), {
        mode: 'json',
        batch: false,
        prime: false,
        stream: false,
        pollAfterMs: 0,
      });
      request.log.info({ sessionId: id }, 'streamable session opened (shared)');
    },

    async post(
      request: FastifyRequest,
      reply: FastifyReply,
      messages: JSONRPCMessage[],
      batch: boolean,
    ): Promise<FastifyReply> {
      const { id, info } = await sessionOf(request, false);
      ctx.checkVersionHeader(request);
      if (batch && info.protocolVersion !== '2025-03-26') {
        throw new InvalidMessageError(
          `Batches are only allowed in protocol version 2025-03-26; this session speaks ${info.protocolVersion}: send one message per POST`,
        );
      }
      shared.touch(id);
      const requests = messages.filter(isRequest);
      if (requests.length === 0) {
        if (!(await shared.notify(id, messages))) throw new McpSessionNotFoundError(quote(id));
        return reply.code(202).send();
      }
      // A re-sent request (same id, after a cut) re-attaches to its stream, on any instance.
      const claim = await shared.claim(id, requests, batch);
      if (claim.kind === 'gone') throw new McpSessionNotFoundError(quote(id));
      reply.hijack();
      await shared.serve(id, claim, messages, reply.raw, ctx.headersOf(reply, id), {
        mode: ctx.mode,
        batch,
        prime: primes(info),
        stream: messages.some((m) => isRequest(m) && m.method === 'tools/call'),
        pollAfterMs: options.pollAfterMs,
      });
      return reply;
    },

    async get(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
      const { id, info } = await sessionOf(request, true);
      ctx.checkVersionHeader(request);
      const lastEventId = header(request, 'last-event-id');
      const lastEvent = lastEventId === undefined ? undefined : parseStreamEventId(lastEventId);
      if (lastEventId !== undefined && lastEvent === undefined) {
        throw new UnknownEventIdError(quote(lastEventId));
      }
      if (lastEvent === undefined && !options.standaloneGet) {
        throw new MethodNotAllowedError('this server opens no GET stream; POST requests instead');
      }
      const plan = await shared.planResume(id, lastEvent);
      if (plan.kind === 'unknown') throw new UnknownEventIdError(quote(lastEventId));
      shared.touch(id);
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
      await shared.attach(id, plan, reply.raw, headers, primes(info));
      return reply;
    },

    async delete(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
      const { id } = await sessionOf(request, true);
      await shared.end(id);
      request.log.info({ sessionId: id }, 'streamable session ended by the client');
      return reply.code(200).send();
    },
  };
}
