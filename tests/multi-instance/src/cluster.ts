import { RedisProcess, RoundRobinProxy, ServerProcess } from '@mcp-sse/test-kit';

/** Redis, N server processes on it, and the round-robin proxy in front of them. */
export interface Cluster {
  redis: RedisProcess;
  servers: ServerProcess[];
  proxy: RoundRobinProxy;
  /** `<proxy>/sse`. */
  url: string;
  /** Stops everything (bounded). */
  close(): Promise<void>;
}

/**
 * Starts a cluster. Servers resume dropped sessions for 30 s and answer with a short
 * `retry:` so reconnects are quick; rate limiting is off (the proxy is one address).
 */
export async function startCluster(
  instances: number,
  extraArgs: string[] = [],
  options: { persist?: boolean } = {},
): Promise<Cluster> {
  const redis = await RedisProcess.start(options);
  const servers: ServerProcess[] = [];
  try {
    for (let i = 0; i < instances; i++) {
      servers.push(
        await ServerProcess.start(`instance-${i + 1}`, [
          '--redis-url',
          redis.url,
          '--rate-limit',
          '0',
          '--resume-grace-ms',
          '30000',
          '--heartbeat-ms',
          '1000',
          ...extraArgs,
        ]),
      );
    }
  } catch (error) {
    await Promise.all(servers.map((server) => server.stop('SIGKILL')));
    await redis.dispose();
    throw error;
  }
  const proxy = await RoundRobinProxy.start(
    servers.map((server) => ({ name: server.name, port: server.port })),
  );
  return {
    redis,
    servers,
    proxy,
    url: `${proxy.origin}/sse`,
    async close() {
      if (process.env.MULTI_INSTANCE_LOGS !== undefined) {
        for (const server of servers) {
          process.stderr.write(`--- ${server.name}\n${server.stderr.join('\n')}\n`);
        }
      }
      await proxy.close();
      await Promise.all(servers.map((server) => server.stop()));
      await redis.dispose();
    },
  };
}
