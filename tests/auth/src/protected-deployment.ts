import type { TestAuthorizationServer } from '@mcp-sse/test-authorization-server';
// The multi-instance suite's process helpers, reused as they are (one copy in the workspace).
import { freePort, RedisProcess, RoundRobinProxy, ServerProcess } from '@mcp-sse/test-kit';

/** Every token must hold this scope. */
export const BASE_SCOPE = 'mcp:tools';
/** The `add` tool needs this one too (a step-up). */
export const ADMIN_SCOPE = 'mcp:admin';

/** Our built `mcp-sse-server`, one instance or two on Redis, behind the authorization server. */
export interface ProtectedDeployment {
  /** Shown in test names. */
  name: string;
  /** Where clients go: the instance, or the round-robin proxy in front of two. */
  origin: string;
  /** The instances themselves (to send a request to each). */
  servers: ServerProcess[];
  close(): Promise<void>;
}

/** A busy 2-core machine may take a while to start a Node process: generous, never timed. */
const START = { startTimeoutMs: 60_000 };

/** The flags a user puts the bin behind an identity provider with. */
function oauthFlags(as: TestAuthorizationServer, extra: string[]): string[] {
  return [
    '--rate-limit',
    '0',
    '--oauth-issuer',
    as.issuer,
    '--oauth-scopes',
    BASE_SCOPE,
    '--oauth-tool-scopes',
    `add=${ADMIN_SCOPE}`,
    ...extra,
  ];
}

/**
 * One `mcp-sse-server` on a free port, started as a user would: `--oauth-issuer` and the
 * scopes, its resource defaulting to its own MCP URL.
 */
export async function startSingle(
  as: TestAuthorizationServer,
  extra: string[] = [],
): Promise<ProtectedDeployment> {
  const port = await freePort();
  const server = await ServerProcess.start(
    'single',
    ['--port', String(port), ...oauthFlags(as, extra)],
    START,
  );
  return {
    name: 'one instance',
    origin: server.origin,
    servers: [server],
    close: () => server.stop(),
  };
}

/**
 * Two instances on a real redis-server behind a round-robin proxy (no stickiness): the
 * proxy's URL is the public one, so it is the `--oauth-resource` of both.
 */
export async function startPair(
  as: TestAuthorizationServer,
  extra: string[] = [],
): Promise<ProtectedDeployment> {
  const redis = await RedisProcess.start();
  const ports = [await freePort(), await freePort()];
  const proxy = await RoundRobinProxy.start(
    ports.map((port, i) => ({ name: `instance-${i + 1}`, port })),
  );
  const servers: ServerProcess[] = [];
  try {
    for (const [i, port] of ports.entries()) {
      servers.push(
        await ServerProcess.start(
          `instance-${i + 1}`,
          [
            '--port',
            String(port),
            '--redis-url',
            redis.url,
            '--oauth-resource',
            `${proxy.origin}/mcp`,
            ...oauthFlags(as, extra),
          ],
          START,
        ),
      );
    }
  } catch (error) {
    await Promise.all(servers.map((server) => server.stop('SIGKILL')));
    await proxy.close();
    await redis.dispose();
    throw error;
  }
  return {
    name: 'two instances on Redis',
    origin: proxy.origin,
    servers,
    async close() {
      await proxy.close();
      await Promise.all(servers.map((server) => server.stop()));
      await redis.dispose();
    },
  };
}
