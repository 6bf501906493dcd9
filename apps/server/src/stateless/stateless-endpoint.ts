import { randomUUID } from 'node:crypto';
import type { OutgoingHttpHeaders } from 'node:http';
import {
  ALL_PROTOCOL_VERSIONS,
  ErrorCode,
  isKnownProtocolVersion,
  isStatelessProtocolVersion,
  type LoggingLevel,
  MetaKey,
  ProtocolVersion,
  type RequestId,
} from '@mcp-sse/protocol';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SendKind } from '../core/core-session.js';
import type { CoreLogger } from '../core/logger.js';
import type { McpServerCore } from '../core/mcp-server-core.js';
import type { ResolvedOptions } from '../plugin/options.js';
import { ResponseStream, requestKey } from '../streamable/response-stream.js';
import { checkMirroredHeaders } from './check-headers.js';
import {
  headerMismatch,
  methodNotFound,
  missingMeta,
  refusalJson,
  type StatelessRefusal,
  unsupportedVersion,
} from './stateless-errors.js';
import { type ListenFilter, listenFilter, notificationFor } from './subscription-filter.js';

/**
 * The HTTP status of an answer sent as JSON: 404 for a method this server does not have,
 * 400 for a missing client capability (2026-07-28 transport rules), 200 otherwise.
 */
function httpStatusOf(json: string): number {
  if (!json.includes('"error"')) return 200;
  const code = (JSON.parse(json) as { error?: { code?: unknown } }).error?.code;
  if (code === ErrorCode.MethodNotFound) return 404;
  if (code === ErrorCode.MissingRequiredClientCapability) return 400;
  return 200;
}

/** Methods of the session revisions that 2026-07-28 removed: 404 / -32601 here. */
const REMOVED = new Set([
  'initialize',
  'ping',
  'logging/setLevel',
  'resources/subscribe',
  'resources/unsubscribe',
]);

/** Results that carry caching hints (2026-07-28 caching). */
const CACHEABLE = new Set([
  'tools/list',
  'prompts/list',
  'resources/list',
  'resources/templates/list',
  'resources/read',
]);

/** Options of {@link StatelessEndpoint}. */
export interface StatelessEndpointOptions {
  core: McpServerCore;
  options: ResolvedOptions;
  logger: CoreLogger;
  /** Whether auth is on: cached results are then private to the caller. */
  authenticated: boolean;
}

const header = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

type Body = { jsonrpc?: unknown; id?: unknown; method?: unknown; params?: unknown };

/**
 * The 2026-07-28 revision of Streamable HTTP on the MCP endpoint: no `initialize`, no
 * session; every POST is validated from its own `_meta` and headers and runs on a core
 * session that lives as long as the request. `subscriptions/listen` keeps its response
 * stream open for the notifications asked for.
 */
export class StatelessEndpoint {
  readonly #o: StatelessEndpointOptions;
  /** Response streams open now: heartbeats and shutdown. */
  readonly #live = new Map<ResponseStream, () => void>();
  #capabilities: Record<string, unknown> | undefined;

  constructor(options: StatelessEndpointOptions) {
    this.#o = options;
  }

  /** Whether a POST is 2026-07-28 traffic (or a modern probe with a version we do not know). */
  claims(request: FastifyRequest): boolean {
    const version = header(request, 'mcp-protocol-version');
    if (isStatelessProtocolVersion(version)) return true;
    const body = request.body as Body | undefined;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
    if (body.method === 'server/discover') return true;
    const meta = (body.params as { _meta?: Record<string, unknown> } | undefined)?._meta;
    if (typeof meta === 'object' && meta !== null && MetaKey.ProtocolVersion in meta) return true;
    // An unknown version without a session that is not an initialize: a newer client probing.
    return (
      version !== undefined &&
      !isKnownProtocolVersion(version) &&
      header(request, 'mcp-session-id') === undefined &&
      body.method !== 'initialize'
    );
  }

  /** Serves a claimed POST (the caller checked Accept). */
  async handle(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const body = request.body as Body;
    if (Array.isArray(body) || typeof body !== 'object' || body === null) {
      this.#refuse(reply, null, {
        status: 400,
        code: ErrorCode.InvalidRequest,
        message: 'Invalid request: 2026-07-28 allows one JSON-RPC message per POST, no batches',
      });
      return;
    }
    const id = body.id;
    if (typeof body.method !== 'string') {
      this.#refuse(reply, null, {
        status: 400,
        code: ErrorCode.InvalidRequest,
        message: 'Invalid request: send a JSON-RPC request with a method',
      });
      return;
    }
    // A notification: nothing to answer (this revision defines none from the client on HTTP).
    if (typeof id !== 'string' && typeof id !== 'number') {
      reply.code(202).send();
      return;
    }
    const method = body.method;
    const params = (
      typeof body.params === 'object' && body.params !== null ? body.params : {}
    ) as Record<string, unknown>;
    const refusal = this.#validate(request, method, params);
    if (refusal !== undefined) {
      this.#refuse(reply, id, refusal);
      return;
    }
    if (method === 'server/discover') {
      this.#json(reply, 200, this.#answer(id, 'server/discover', this.#discover()));
      return;
    }
    if (REMOVED.has(method)) {
      this.#refuse(reply, id, methodNotFound(method));
      return;
    }
    const meta = params._meta as Record<string, unknown>;
    if (method === 'subscriptions/listen') {
      this.#listen(request, reply, id, params);
      return;
    }
    this.#run(request, reply, id, method, body, meta);
  }

  /** Heartbeat comments on every open response stream. */
  heartbeat(): void {
    for (const stream of this.#live.keys()) stream.heartbeat();
  }

  /** Ends every open stream (shutdown): listen streams get their closing result. */
  closeAll(): void {
    for (const end of [...this.#live.values()]) end();
    this.#live.clear();
  }

  #validate(
    request: FastifyRequest,
    method: string,
    params: Record<string, unknown>,
  ): StatelessRefusal | undefined {
    const meta = params._meta;
    if (typeof meta !== 'object' || meta === null) return missingMeta('params._meta is missing');
    const version = (meta as Record<string, unknown>)[MetaKey.ProtocolVersion];
    if (version === undefined)
      return missingMeta(`params._meta["${MetaKey.ProtocolVersion}"] is missing`);
    // Header and body disagreeing is a mismatch first, whatever the versions are.
    const versionHeader = header(request, 'mcp-protocol-version');
    if (versionHeader !== undefined && versionHeader !== version) {
      return headerMismatch(
        `MCP-Protocol-Version header ${JSON.stringify(versionHeader)} does not match _meta protocolVersion ${JSON.stringify(version)}`,
      );
    }
    if (!isStatelessProtocolVersion(version))
      return unsupportedVersion(version, ALL_PROTOCOL_VERSIONS);
    const capabilities = (meta as Record<string, unknown>)[MetaKey.ClientCapabilities];
    if (typeof capabilities !== 'object' || capabilities === null) {
      return missingMeta(`params._meta["${MetaKey.ClientCapabilities}"] is missing`);
    }
    const toolName = method === 'tools/call' ? params.name : undefined;
    const tool = typeof toolName === 'string' ? this.#o.core.tools.get(toolName) : undefined;
    return checkMirroredHeaders(
      request.headers,
      method,
      params,
      version,
      tool?.descriptor.inputSchema,
    );
  }

  #refuse(reply: FastifyReply, id: RequestId | null, refusal: StatelessRefusal): void {
    this.#json(reply, refusal.status, refusalJson(id, refusal));
  }

  #json(reply: FastifyReply, status: number, json: string): void {
    reply.code(status).header('content-type', 'application/json').send(json);
  }

  #capabilitiesOf(): Record<string, unknown> {
    if (this.#capabilities !== undefined) return this.#capabilities;
    // What the core declares for this revision (tasks are an extension here): one place decides it.
    const capabilities = this.#o.core.serverCapabilities(ProtocolVersion.V2026_07_28) as Record<
      string,
      unknown
    >;
    this.#capabilities = capabilities;
    return capabilities;
  }

  #discover(): Record<string, unknown> {
    const { options } = this.#o;
    return {
      supportedVersions: [...ALL_PROTOCOL_VERSIONS],
      capabilities: this.#capabilitiesOf(),
      ...(options.instructions === undefined ? {} : { instructions: options.instructions }),
      ttlMs: 0,
      cacheScope: this.#o.authenticated ? 'private' : 'public',
    };
  }

  /** A result as 2026-07-28 wants it: `resultType`, `serverInfo` in `_meta`, caching hints. */
  #answer(id: RequestId, method: string, result: Record<string, unknown>): string {
    const meta = (result._meta ?? {}) as Record<string, unknown>;
    const out: Record<string, unknown> = {
      resultType: 'complete',
      ...result,
      _meta: { ...meta, [MetaKey.ServerInfo]: this.#o.options.serverInfo },
    };
    if (CACHEABLE.has(method) && out.resultType === 'complete') {
      out.ttlMs ??= 0;
      out.cacheScope ??= this.#o.authenticated ? 'private' : 'public';
    }
    return JSON.stringify({ jsonrpc: '2.0', id, result: out });
  }

  #rewrite(method: string, json: string): { json: string; notFound: boolean } {
    const message = JSON.parse(json) as {
      id: RequestId;
      result?: Record<string, unknown>;
      error?: { code?: unknown };
    };
    if (message.result !== undefined) {
      return { json: this.#answer(message.id, method, message.result), notFound: false };
    }
    return { json, notFound: message.error?.code === ErrorCode.MethodNotFound };
  }

  #headers(reply: FastifyReply): OutgoingHttpHeaders {
    return { ...reply.getHeaders() } as OutgoingHttpHeaders;
  }

  #stream(reply: FastifyReply, id: RequestId, mode: 'auto' | 'sse' | 'json'): ResponseStream {
    const o = this.#o.options;
    return new ResponseStream(
      {
        key: '1',
        mode,
        batch: false,
        prime: false, // not resumable in this revision
        retryMs: o.retryMs,
        maxBufferedBytes: o.maxBufferedBytes,
        replayEvents: 1,
        replayBytes: 1024,
        onOverflow: () => reply.raw.destroy(),
        statusOf: httpStatusOf,
      },
      reply.raw,
      this.#headers(reply),
      [id],
    );
  }

  #run(
    request: FastifyRequest,
    reply: FastifyReply,
    id: RequestId,
    method: string,
    body: Body,
    meta: Record<string, unknown>,
  ): void {
    const core = this.#o.core;
    const sessionId = `stateless:${randomUUID()}`;
    const key = requestKey(id);
    let stream: ResponseStream | undefined;
    const early: Array<{ json: string; kind: SendKind | undefined }> = [];
    let answered = false;
    // Set by encodeResult just before the core sends what it encoded (synchronously): that
    // answer is already in this revision's shape. Other answers (errors, results encoded
    // elsewhere) are reshaped on their way out.
    let shaped = false;
    const deliver = (json: string, kind: SendKind | undefined) => {
      if (kind === 'request') {
        // Server requests go through input_required results in this revision, never the stream.
        this.#o.logger.debug({ method }, 'stateless: server request dropped');
        return;
      }
      let text = json;
      if (kind === undefined) {
        answered = true;
        if (!shaped) text = this.#rewrite(method, json).json;
      }
      shaped = false;
      if (stream === undefined) early.push({ json: text, kind });
      else stream.deliver(text, kind, kind === undefined ? key : undefined);
      if (answered) {
        core.closeSession(sessionId);
        this.#live.delete(stream!);
      }
    };
    const session = core.openSession({
      id: sessionId,
      principal: request.mcpPrincipal ?? undefined,
      protocolVersion: meta[MetaKey.ProtocolVersion] as string,
      // A message of no request is a list change or resource update: in this revision only
      // subscriptions/listen streams carry those (a client listening too would hear it twice).
      send: (json, kind, related) => {
        if (kind !== 'notification' || related !== undefined) deliver(json, kind);
      },
      encodeResult: (answerId, result) => {
        const json = this.#answer(answerId, method, result);
        shaped = true;
        return json;
      },
    });
    session.clientInfo = meta[MetaKey.ClientInfo] as typeof session.clientInfo;
    // Logs only when the request asks for them, at the level it names.
    session.logLevel = (meta[MetaKey.LogLevel] as LoggingLevel | undefined) ?? 'emergency';
    // Checked above: a method and an id. The body is the message unless its `jsonrpc` is off.
    const message = body.jsonrpc === '2.0' ? body : { ...(body as object), jsonrpc: '2.0' };
    core.handle(sessionId, message as Parameters<McpServerCore['handle']>[1]);
    if (answered && early.length === 1) {
      // Answered at once: plain JSON, with the HTTP status the error calls for.
      this.#json(reply, httpStatusOf(early[0]!.json), early[0]!.json);
      return;
    }
    reply.hijack();
    stream = this.#stream(reply, id, 'auto');
    for (const item of early)
      stream.deliver(item.json, item.kind, item.kind === undefined ? key : undefined);
    if (answered) return;
    const s = stream;
    this.#live.set(s, () => {
      s.close();
      core.closeSession(sessionId, 'shutdown');
    });
    // A closed response stream cancels the request in this revision.
    reply.raw.once('close', () => {
      this.#live.delete(s);
      if (!answered) core.closeSession(sessionId, 'cancelled');
    });
  }

  #listen(
    request: FastifyRequest,
    reply: FastifyReply,
    id: RequestId,
    params: Record<string, unknown>,
  ): void {
    const filter = listenFilter(params.notifications, this.#capabilitiesOf());
    if (filter === undefined) {
      this.#refuse(reply, id, {
        status: 400,
        code: ErrorCode.InvalidParams,
        message: 'Invalid params: subscriptions/listen needs params.notifications (an object)',
      });
      return;
    }
    const core = this.#o.core;
    const sessionId = `stateless:${randomUUID()}`;
    reply.hijack();
    const stream = this.#stream(reply, id, 'sse');
    const ack = {
      jsonrpc: '2.0',
      method: 'notifications/subscriptions/acknowledged',
      params: { notifications: filter.accepted, _meta: { [MetaKey.SubscriptionId]: id } },
    };
    stream.deliver(JSON.stringify(ack), 'notification', undefined);
    core.openSession({
      id: sessionId,
      principal: request.mcpPrincipal ?? undefined,
      protocolVersion: (params._meta as Record<string, unknown>)[MetaKey.ProtocolVersion] as string,
      send: (json, kind, related) => {
        if (kind !== 'notification' || related !== undefined) return;
        const tagged = notificationFor(json, filter as ListenFilter, id);
        if (tagged !== undefined) stream.deliver(tagged, 'notification', undefined);
      },
    });
    // The URIs it watches, like a 2025 session's resources/subscribe: resource updates raised
    // here or on any other instance find it there, and closing the session forgets them.
    for (const uri of filter.resourceUris) core.features.subscriptions.subscribe(sessionId, uri);
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      core.closeSession(sessionId);
      this.#live.delete(stream);
    };
    this.#live.set(stream, () => {
      // The stream's end: a result naming the subscription it closes.
      stream.deliver(
        this.#answer(id, 'subscriptions/listen', { _meta: { [MetaKey.SubscriptionId]: id } }),
        undefined,
        requestKey(id),
      );
      end();
    });
    reply.raw.once('close', end);
  }
}
