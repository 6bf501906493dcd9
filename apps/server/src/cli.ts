import { buildApp } from './app.js';
import { EXAMPLE_SETS, mergeDefinitions } from './cli/example-sets.js';
import { loadServerConfig } from './cli/load-server-config.js';
import { parseCli, USAGE } from './cli/parse-cli.js';
import { USAGE_HINT } from './cli/usage.js';
import { packageVersion } from './cli/version.js';
import { GatewayError } from './gateway/gateway-error.js';

/** Runs `mcp-sse-server`: parse, build, listen, print one line, shut down gracefully on signals. */
async function main(): Promise<void> {
  const parsed = parseCli(process.argv.slice(2), process.env);
  if (parsed.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (parsed.kind === 'version') {
    process.stdout.write(`${packageVersion()}\n`);
    return;
  }
  if (parsed.kind === 'error') {
    // The error and where to look, not forty lines of help that push the error off screen.
    process.stderr.write(`mcp-sse-server: ${parsed.message}\n${USAGE_HINT}\n`);
    process.exitCode = 2;
    return;
  }
  const { config } = parsed;
  let loaded = {};
  try {
    if (config.config !== undefined) loaded = await loadServerConfig(config.config);
  } catch (error) {
    // A config that does not load is bad input, like a bad flag: say why, exit 2.
    process.stderr.write(`mcp-sse-server: ${(error as Error).message}\n`);
    process.exitCode = 2;
    return;
  }
  const definitions = mergeDefinitions(EXAMPLE_SETS[config.examples], loaded);
  const app = await buildApp({
    ...definitions,
    tools: definitions.tools ?? [],
    ...(config.requestStateSecret === undefined
      ? {}
      : { requestStateSecret: config.requestStateSecret }),
    logger: { level: config.logLevel, stream: process.stderr },
    apiKeys: config.apiKeys,
    ...(config.allowedOrigins === undefined ? {} : { allowedOrigins: config.allowedOrigins }),
    ...(config.allowedHosts === undefined ? {} : { allowedHosts: config.allowedHosts }),
    ...(config.maxSessions === undefined ? {} : { maxSessions: config.maxSessions }),
    ...(config.rateLimit === undefined ? {} : { rateLimit: config.rateLimit }),
    ...(config.authFailureLimit === undefined ? {} : { authFailureLimit: config.authFailureLimit }),
    ...(config.heartbeatMs === undefined ? {} : { heartbeatMs: config.heartbeatMs }),
    ...(config.resumeGraceMs === undefined ? {} : { resumeGraceMs: config.resumeGraceMs }),
    ...(config.redisUrl === undefined ? {} : { redis: config.redisUrl }),
    ...(config.oauth === undefined ? {} : { oauth: config.oauth }),
    ...(config.stdio === undefined
      ? {}
      : {
          stdio: {
            command: config.stdio.command,
            mode: config.stdio.mode,
            ...(config.stdio.maxChildren === undefined
              ? {}
              : { maxChildren: config.stdio.maxChildren }),
          },
        }),
  });
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  process.stdout.write(`mcp-sse-server listening on http://${host}:${port}/sse\n`);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`mcp-sse-server: ${(error as Error).message ?? String(error)}\n`);
  // A --stdio command that does not run is bad input, like a bad flag.
  process.exitCode = GatewayError.isInstance(error) ? 2 : 1;
});
