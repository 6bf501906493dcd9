import {
  connect,
  type McpSseClient,
  type McpSseClientOptions,
  MODERN_PROTOCOL_VERSION,
  type TransportKind,
} from '@mcp-sse/client';
import { afterAll, beforeAll } from 'vitest';
import { type Cluster, startCluster } from './cluster.js';

/** Reconnect settings for tests that kill or stop an instance: quick retries, within 30 s. */
export const QUICK_RECONNECT = {
  initialDelayMs: 20,
  maxDelayMs: 200,
  maxAttempts: 50,
  maxElapsedMs: 30_000,
} as const;

/** One way the client reaches the cluster: the transport it is pinned to, and where. */
export interface ClusterTransport {
  /** Shown in test names. */
  name: string;
  /** Pinned in the client's `transport` option, so no test depends on negotiation. */
  transport: TransportKind;
  /** The servers' endpoint for it. */
  path: string;
  /** Pinned in `protocolVersion`: a 2025 revision (sessions) or 2026-07-28 (stateless). */
  protocolVersion?: string;
}

/** HTTP+SSE (2024-11-05): its sessions live in Redis, so they span instances. */
export const HTTP_SSE: ClusterTransport = { name: 'HTTP+SSE', transport: 'sse', path: '/sse' };

/** Streamable HTTP with a 2025 session: the session lives on one instance (no Redis yet). */
export const STREAMABLE_HTTP: ClusterTransport = {
  name: 'Streamable HTTP',
  transport: 'streamable-http',
  path: '/mcp',
  protocolVersion: '2025-11-25',
};

/** Streamable HTTP, 2026-07-28: stateless, so any instance may answer any request. */
export const STATELESS_HTTP: ClusterTransport = {
  name: 'Streamable HTTP 2026-07-28',
  transport: 'streamable-http',
  path: '/mcp',
  protocolVersion: MODERN_PROTOCOL_VERSION,
};

/** Connects to `origin` over `over`, pinned (transport and protocol version). */
export function connectOver(
  over: ClusterTransport,
  origin: string,
  options: McpSseClientOptions = {},
): Promise<McpSseClient> {
  return connect(`${origin}${over.path}`, {
    ...options,
    transport: over.transport,
    ...(over.protocolVersion === undefined ? {} : { protocolVersion: over.protocolVersion }),
  });
}

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
  connect(options: McpSseClientOptions, over?: ClusterTransport): Promise<McpSseClient>;
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
