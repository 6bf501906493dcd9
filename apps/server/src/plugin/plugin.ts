import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import {
  AuthRateLimitedError,
  HostNotAllowedError,
  JsonTooDeepError,
  OriginNotAllowedError,
  RateLimitedError,
  UnauthorizedError,
} from '../errors/http-errors.js';
import { RedisTaskStore } from '../features/tasks/redis-task-store.js';
import { createCore } from '../gateway/create-core.js';
import { admitGatewaySessions, startGateway } from '../gateway/plugin-hooks.js';
import { type Authenticate, apiKeyAuthenticator } from '../http/auth.js';
import { createErrorHandler } from '../http/error-handler.js';
import { isHostAllowed } from '../http/host.js';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../http/json-depth.js';
import { CORS_EXPOSE_HEADERS, corsAllowHeaders, isOriginAllowed } from '../http/origin.js';
import { quote } from '../http/quote.js';
import { mcpRoutePaths } from '../oauth/mcp-resources.js';
import type { WithChallenge } from '../oauth/oauth-errors.js';
import { OAuthResourceServer } from '../oauth/oauth-resource-server.js';
import { withOAuth } from '../oauth/with-oauth.js';
import { createRedisBackend } from '../redis/create-redis-backend.js';
import { RedisBroadcast } from '../redis/redis-broadcast.js';
import { MemorySessionDelivery } from '../sessions/memory-session-delivery.js';
import { MemorySessionStore } from '../sessions/memory-session-store.js';
import type { SessionTransport } from '../sessions/session-transport.js';
import { OutboundBudget } from '../sse/outbound-budget.js';
import { SseTransport } from '../sse/sse-transport.js';
import { MemoryStreamableSessions } from '../streamable/memory-streamable-sessions.js';
import type { Principal } from '../tools/tool-context.js';
import { isPromise } from './maybe-promise.js';
import { type McpSseOptions, type ResolvedOptions, resolveOptions } from './options.js';
import { registerRoutes } from './routes.js';
import './types.js';

/** Counts one failed authentication of a request's address and says whether it is over the limit. */
type AuthFailureLimiter = ReturnType<FastifyInstance['createRateLimit']>;

function authenticatorOf(
  options: ResolvedOptions,
  oauth: OAuthResourceServer | undefined,
): Authenticate | undefined {
  const base =
    options.authenticate ??
    (options.apiKeys.length > 0 ? apiKeyAuthenticator(options.apiKeys) : undefined);
  return oauth === undefined ? base : withOAuth(oauth, base);
}

/** Fails a request, with the `WWW-Authenticate` challenge an OAuth error carries. */
function fail(reply: FastifyReply, error: Error, done: (err?: Error) => void): void {
  const challenge = (error as WithChallenge).wwwAuthenticate;
  if (typeof challenge === 'string') reply.header('www-authenticate', challenge);
  done(error);
}

function addSecurityHooks(
  scope: FastifyInstance,
  options: ResolvedOptions,
  authFailures: () => AuthFailureLimiter | undefined,
  oauth: OAuthResourceServer | undefined,
): void {
  const authenticate = authenticatorOf(options, oauth);
  const unauthorized = () => oauth?.unauthorized() ?? new UnauthorizedError();

  // Origin first: a refused browser page learns nothing, not even whether its key was good.
  // Callback style: this runs on every request, and an async hook costs a promise each time.
  scope.addHook(
    'onRequest',
    (request: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void) => {
      const host = request.headers.host;
      if (!isHostAllowed(host, options.allowedHosts, request.raw.socket?.localAddress)) {
        done(new HostNotAllowedError(quote(host ?? '')));
        return;
      }
      const origin = request.headers.origin;
      if (origin === undefined) {
        done();
        return;
      }
      if (!isOriginAllowed(origin, options.allowedOrigins)) {
        done(new OriginNotAllowedError(quote(origin)));
        return;
      }
      reply.header('access-control-allow-origin', origin);
      reply.header('vary', 'Origin');
      // A browser client must read the session id and version of a Streamable HTTP answer.
      reply.header('access-control-expose-headers', CORS_EXPOSE_HEADERS);
      if (request.method === 'OPTIONS') {
        reply.header('access-control-allow-methods', 'GET, POST, DELETE, OPTIONS');
        reply.header('access-control-allow-headers', corsAllowHeaders(request.headers));
        reply.header('access-control-max-age', '600');
      }
      done();
    },
  );

  if (authenticate === undefined) return;
  // Only failures are counted, per address: a client with a good key is never slowed by
  // this, while a key guesser gets 429 after a few tries instead of an endless run of 401s.
  const refuse = (request: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void) => {
    reply.header('www-authenticate', oauth?.challenge(request) ?? 'Bearer realm="mcp-sse"');
    const limiter = authFailures();
    if (limiter === undefined) {
      done(unauthorized());
      return;
    }
    limiter(request).then(
      (verdict) => {
        if (!verdict.isAllowed && verdict.isExceeded) {
          reply.header('retry-after', String(verdict.ttlInSeconds));
          done(new AuthRateLimitedError(verdict.ttlInSeconds));
        } else {
          done(unauthorized());
        }
      },
      () => done(unauthorized()),
    );
  };
  const admit = (
    request: FastifyRequest,
    reply: FastifyReply,
    principal: Principal | null | undefined,
    done: (err?: Error) => void,
  ): void => {
    if (principal === null || principal === undefined) {
      refuse(request, reply, done);
      return;
    }
    request.mcpPrincipal = principal;
    done();
  };
  // Callback style with a synchronous path: API keys need no promise per request.
  scope.addHook(
    'onRequest',
    (request: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void) => {
      if (request.routeOptions.config.mcpPublic === true) {
        done();
        return;
      }
      let result: ReturnType<Authenticate>;
      try {
        result = authenticate(request);
      } catch (error) {
        fail(reply, error as Error, done);
        return;
      }
      if (isPromise(result)) {
        result.then(
          (principal) => admit(request, reply, principal, done),
          (error: Error) => fail(reply, error, done),
        );
      } else {
        admit(request, reply, result, done);
      }
    },
  );
}

async function mcpSseImpl(fastify: FastifyInstance, opts: McpSseOptions): Promise<void> {
  const options = resolveOptions(opts);
  const oauth =
    opts.oauth === undefined
      ? undefined
      : new OAuthResourceServer(opts.oauth, mcpRoutePaths(options));
  // With Redis, tasks live there too (any instance answers for any task) unless a store is given.
  const taskStore =
    opts.redis !== undefined && opts.tasks?.store === undefined
      ? new RedisTaskStore(opts.redis, { logger: fastify.log })
      : undefined;
  const core = createCore(opts.stdio, {
    tools: opts.tools ?? [],
    ...(opts.resources === undefined ? {} : { resources: opts.resources }),
    ...(opts.resourceTemplates === undefined ? {} : { resourceTemplates: opts.resourceTemplates }),
    ...(opts.prompts === undefined ? {} : { prompts: opts.prompts }),
    ...(opts.requestStateSecret === undefined
      ? {}
      : { requestStateSecret: opts.requestStateSecret }),
    ...(opts.tasks === undefined && taskStore === undefined
      ? {}
      : { tasks: { ...opts.tasks, ...(taskStore === undefined ? {} : { store: taskStore }) } }),
    serverInfo: options.serverInfo,
    ...(options.instructions === undefined ? {} : { instructions: options.instructions }),
    maxCallsPerSession: options.maxCallsPerSession,
    maxQueuedCallsPerSession: options.maxQueuedCallsPerSession,
    toolTimeoutMs: options.toolTimeoutMs,
    pageSize: options.pageSize,
    logger: fastify.log,
  });
  // With `stdio`, the stdio server must answer before anything is served.
  await startGateway(fastify, core);
  // One bound on unread bytes for every stream of this server, whatever its transport.
  const budget = new OutboundBudget(
    options.maxBufferedBytesTotal,
    options.maxBufferedBytesPerClient,
  );
  const redis =
    opts.redis === undefined
      ? undefined
      : await createRedisBackend(opts.redis, { ...options, core, logger: fastify.log, budget });
  // List changes and resource updates reach the sessions and listen streams of every instance.
  const broadcast =
    opts.broadcast !== undefined || redis === undefined
      ? undefined
      : new RedisBroadcast(redis.connections, fastify.log);
  await broadcast?.start();
  const carrier = opts.broadcast ?? broadcast;
  if (carrier !== undefined) core.features.changes.use(carrier);
  const store = redis?.store ?? opts.sessionStore ?? new MemorySessionStore();
  const delivery = redis?.delivery ?? opts.sessionDelivery ?? new MemorySessionDelivery();
  const transport: SessionTransport =
    redis?.transport ??
    new SseTransport({
      core,
      store,
      delivery,
      logger: fastify.log,
      maxBufferedBytes: options.maxBufferedBytes,
      budget,
      resumeGraceMs: options.resumeGraceMs,
      replayEvents: options.replayEvents,
      replayBytes: options.replayBytes,
      retryMs: options.retryMs,
    });

  const streamable = new MemoryStreamableSessions({
    core,
    logger: fastify.log,
    retryMs: options.retryMs,
    maxBufferedBytes: options.maxBufferedBytes,
    replayEvents: options.replayEvents,
    replayBytes: options.replayBytes,
    keepFinished: 1024,
  });

  fastify.decorate('mcp', {
    addTool: (tool) => core.tools.add(tool),
    removeTool: (name) => core.tools.remove(name),
    stats: () => core.stats(),
    core,
  });

  // Our routes live in their own context, so that our error handler, body parser, hooks
  // and rate limit never touch the host application's routes.
  await fastify.register(
    async (scope) => {
      scope.decorateRequest('mcpPrincipal', null);
      scope.setErrorHandler(createErrorHandler(options.bodyLimit));
      // Only JSON bodies: anything else is a 415 rather than a confusing 400.
      const json = scope.getDefaultJsonParser('error', 'ignore');
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser(
        'application/json',
        { parseAs: 'string', bodyLimit: options.bodyLimit },
        (request, body, done) => {
          // Bounded at parse time: everything after (validation, error quoting, Redis)
          // walks the value recursively and a 100,000-deep one overflowed the stack.
          const text = String(body);
          if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
            done(new JsonTooDeepError(MAX_JSON_DEPTH), undefined);
            return;
          }
          json(request, text, done);
        },
      );
      let authFailures: AuthFailureLimiter | undefined;
      addSecurityHooks(scope, options, () => authFailures, oauth);
      // After the body is parsed: a tool's own scopes are checked before the call is accepted.
      if (oauth !== undefined) scope.addHook('preHandler', oauth.checkToolScopes);
      const limitAuthFailures =
        options.authFailureLimit > 0 && authenticatorOf(options, oauth) !== undefined;
      if (options.rateLimit > 0 || limitAuthFailures) {
        await scope.register(rateLimit, {
          // Registered for the failure limiter alone when the request limit is off.
          global: options.rateLimit > 0,
          max: options.rateLimit,
          timeWindow: 60_000,
          // After auth (onRequest), so that the key is the principal, not only the address.
          hook: 'preParsing',
          keyGenerator: (request) => request.mcpPrincipal?.id ?? request.ip,
          errorResponseBuilder: (_request, context) =>
            new RateLimitedError(context.max, context.after),
        });
        if (limitAuthFailures) {
          authFailures = scope.createRateLimit({
            max: options.authFailureLimit,
            timeWindow: 60_000,
            keyGenerator: (request) => `auth-failure:${request.ip}`,
          });
        }
      }
      admitGatewaySessions(scope, core);
      registerRoutes(scope, {
        options,
        core,
        transport,
        store,
        delivery,
        streamable,
        sharedStreamable: redis?.streamable,
      });
    },
    { prefix: options.prefix },
  );
  oauth?.registerMetadataRoutes(
    fastify,
    [options.mcpPath, options.ssePath, options.messagesPath]
      .filter((path): path is string => path !== false)
      .map((path) => `${options.prefix}${path}`),
  );

  const timers: NodeJS.Timeout[] = [];
  const every = (ms: number, task: () => void) => {
    const timer = setInterval(task, ms);
    timer.unref();
    timers.push(timer);
  };
  // One timer each for the whole server, none per session or per call.
  if (options.heartbeatMs > 0)
    every(options.heartbeatMs, () => {
      transport.heartbeat();
      streamable.heartbeat();
      redis?.streamable.heartbeat();
    });
  if (options.toolTimeoutMs > 0) every(Math.min(1000, options.toolTimeoutMs), () => core.tick());
  if (options.sessionTtlMs > 0) {
    every(Math.min(60_000, Math.max(10, Math.floor(options.sessionTtlMs / 2))), () => {
      streamable.sweep(options.sessionTtlMs);
      transport
        .sweep(options.sessionTtlMs)
        .catch((err: unknown) => fastify.log.error({ err }, 'sweep failed'));
    });
  }

  // preClose runs before the HTTP server stops: open streams would otherwise keep it waiting.
  fastify.addHook('preClose', async () => {
    core.beginShutdown();
    const { callsInFlight, callsQueued } = core.stats();
    if (callsInFlight + callsQueued > 0) {
      fastify.log.info({ callsInFlight, callsQueued }, 'shutdown: waiting for calls in flight');
    }
    await core.drain(options.shutdownTimeoutMs);
    streamable.closeAll();
    await redis?.streamable.closeAll();
    await transport.closeAll('server shutdown');
  });
  fastify.addHook('onClose', async () => {
    for (const timer of timers) clearInterval(timer);
    await broadcast?.close();
    await redis?.close();
    await taskStore?.close();
  });
}

/**
 * The MCP over HTTP+SSE Fastify plugin: `GET /sse`, `POST /messages`, the simple form
 * `POST /sse` and `GET /healthz`, with auth, origin checks, rate limits and sessions.
 * Decorates the instance with `fastify.mcp`.
 */
export const mcpSsePlugin: FastifyPluginAsync<McpSseOptions> = fp(mcpSseImpl, {
  fastify: '5.x',
  name: '@mcp-sse/server',
});

/** The same plugin as {@link mcpSsePlugin}, by its short name. */
export const mcpSse = mcpSsePlugin;
