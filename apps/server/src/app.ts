import Fastify, {
  type FastifyInstance,
  type FastifyServerOptions,
  type LogController,
} from 'fastify';
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
}

/**
 * Creates a Fastify instance with the plugin registered and ready, not listening. Tools
 * default to {@link exampleTools}.
 */
export async function buildApp(options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const { logger = false, ...plugin } = options;
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
    // POST bodies are checked by the plugin's own parser; this only guards other routes.
    bodyLimit: plugin.bodyLimit ?? 1024 * 1024,
  });
  await app.register(mcpSsePlugin, { ...plugin, tools: plugin.tools ?? exampleTools });
  await app.ready();
  return app;
}
