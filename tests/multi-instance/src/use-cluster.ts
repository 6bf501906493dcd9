import type { McpSseClient, McpSseClientOptions } from '@mcp-sse/client';
import { connectOver, HTTP_SSE, type TransportCase } from '@mcp-sse/test-kit';
import { afterAll, beforeAll } from 'vitest';
import { type Cluster, startCluster } from './cluster.js';

/** Reconnect settings for tests that kill or stop an instance: quick retries, within 30 s. */
export const QUICK_RECONNECT = {
  initialDelayMs: 20,
  maxDelayMs: 200,
  maxAttempts: 50,
  maxElapsedMs: 30_000,
} as const;

/** The cluster of one `describe` block and the client its tests connect. */
export interface ClusterFixture {
  /** The running cluster; only inside a test (it starts in `beforeAll`). */
  readonly cluster: Cluster;
  /** The client last connected by {@link ClusterFixture.connect}, if any. */
  readonly client: McpSseClient | undefined;
  /**
   * Connects a client to the proxy over `over` (HTTP+SSE unless told); it is closed after
   * the tests, before the cluster.
   */
  connect(options: McpSseClientOptions, over?: TransportCase): Promise<McpSseClient>;
}

/**
 * Starts a cluster before the tests of the enclosing `describe` and closes the client and
 * then the cluster after them. Takes the arguments of {@link startCluster}.
 */
export function useCluster(...args: Parameters<typeof startCluster>): ClusterFixture {
  let cluster: Cluster | undefined;
  let client: McpSseClient | undefined;

  beforeAll(async () => {
    cluster = await startCluster(...args);
  });

  afterAll(async () => {
    await client?.close();
    await cluster?.close();
  });

  return {
    get cluster() {
      if (cluster === undefined) throw new Error('the cluster is not started: use it in a test');
      return cluster;
    },
    get client() {
      return client;
    },
    async connect(options, over = HTTP_SSE) {
      client = await connectOver(over, this.cluster.proxy.origin, options);
      return client;
    },
  };
}

/**
 * Records the client's session events in order: `sessionLost`, `resumed` or `newSession`,
 * and `reconnecting` too when asked.
 */
export function recordEvents(
  client: McpSseClient,
  track: { reconnecting?: boolean } = {},
): string[] {
  const events: string[] = [];
  if (track.reconnecting) client.on('reconnecting', () => events.push('reconnecting'));
  client.on('sessionLost', () => events.push('sessionLost'));
  client.on('reconnected', ({ resumed }) => events.push(resumed ? 'resumed' : 'newSession'));
  return events;
}
