import type { ServerOptions } from 'node:http';
import Fastify, {
  type FastifyInstance,
  type FastifyServerOptions,
  type LogController,
} from 'fastify';
import { McpServerError } from './errors/mcp-server-error.js';
import { exampleTools } from './examples/example-tools.js';
import type { McpSseOptions } from './plugin/options.js';
import { mcpSsePlugin } from './plugin/plugin.js';

type LogControllerClass = new (options: { disableRequestLogging: boolean }) => LogController;

/**
 * Turns off Fastify's two log lines per request: through `logController` where this
 * Fastify has it (5.12+, where the old option is deprecated), else the old option.
 */
function quietRequests(): Pick<FastifyServerOptions, 'logController' | 'disableRequestLogging'> {
  const Controller = (Fastify as unknown as { LogController?: LogControllerClass }).LogController;
  return Controller === undefined
    ? { disableRequestLogging: true }
    : { logController: new Controller({ disableRequestLogging: true }) };
}

/** Options of {@link buildApp}: the plugin's, plus Fastify's logger. */
export interface BuildAppOptions extends McpSseOptions {
  /** Fastify's `logger` option; default off (tests stay quiet). */
  logger?: FastifyServerOptions['logger'];
  /**
   * Milliseconds a client has to send a whole request (headers and body); past it the
   * socket is closed. Node checks every `min(30 s, half of this)`, so a stalled request is
   * closed within 1.5 times this. SSE streams are responses, not requests being received,
   * and are not cut. 0 turns it off (not advised). Default 60000.
   */
  requestTimeoutMs?: number;
}

/** Node's timers hold at most a signed 32-bit count of milliseconds. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The HTTP server's timeouts for receiving requests, from {@link BuildAppOptions.requestTimeoutMs}. */
function requestTimeouts(ms: number | undefined): {
  requestTimeout: number;
  http?: ServerOptions;
} {
  const requestTimeout = ms ?? 60_000;
  if (!Number.isInteger(requestTimeout) || requestTimeout < 0 || requestTimeout > MAX_TIMER_MS) {
    throw new McpServerError(
      'invalid_options',
      `Option requestTimeoutMs must be a whole number from 0 to ${MAX_TIMER_MS}, got ${JSON.stringify(ms)}`,
    );
  }
  if (requestTimeout === 0) return { requestTimeout: 0 };
  return {
    requestTimeout,
    http: {
      requestTimeout,
      // Node refuses a headers timeout above the request timeout.
      headersTimeout: Math.min(60_000, requestTimeout),
      connectionsCheckingInterval: Math.min(30_000, Math.max(100, Math.floor(requestTimeout / 2))),
    },
  };
}

/**
 * Creates a Fastify instance with the plugin registered and ready, not listening. Tools
 * default to {@link exampleTools}.
 */
export async function buildApp(options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const { logger = false, requestTimeoutMs, ...plugin } = options;
  const app = Fastify({
    logger,
    // By the time the server closes, the plugin has drained calls and ended the streams; a
    // client's spare keep-alive socket must not hold the exit up.
    forceCloseConnections: true,
    // Two log lines per POST would cost more than the call itself; the plugin logs sessions,
    // calls (debug) and errors instead.
    ...quietRequests(),
    // No pino child per request: every SSE stream would keep one alive for its lifetime,
    // and the plugin's own log lines carry the session id instead of a request id.
    childLoggerFactory: (logger) => logger,
    // Without these a POST with its headers and no body was held forever (1,100 of them
    // used every descriptor), also after a 429 had answered it.
    ...requestTimeouts(requestTimeoutMs),
    // POST bodies are checked by the plugin's own parser; this only guards other routes.
    bodyLimit: plugin.bodyLimit ?? 4 * 1024 * 1024,
    // A stdio child (npx, a slow machine) may take longer than Fastify's 10 s plugin
    // timeout to answer its initialize; the gateway bounds that wait itself.
    ...(plugin.stdio === undefined ? {} : { pluginTimeout: 0 }),
  });
  await app.register(mcpSsePlugin, { ...plugin, tools: plugin.tools ?? exampleTools });
  await app.ready();
  return app;
}
