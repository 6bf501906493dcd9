import type { CoreLogger } from '../core/logger.js';
import type { McpServerCore } from '../core/mcp-server-core.js';
import type { OutboundBudget } from '../sse/outbound-budget.js';
import { RedisConnections, type RedisConnectOption } from './redis-connections.js';
import { RedisSessionDelivery } from './redis-session-delivery.js';
import { RedisSessionStore } from './redis-session-store.js';
import { RedisSseSessions } from './redis-sse-sessions.js';
import { RedisStreamableSessions } from './redis-streamable-sessions.js';

/** What {@link createRedisBackend} needs from the plugin. */
export interface RedisBackendOptions {
  core: McpServerCore;
  logger: CoreLogger;
  maxBufferedBytes: number;
  resumeGraceMs: number;
  replayEvents: number;
  replayBytes: number;
  retryMs: number;
  /** The plugin's idle TTL; Redis keys live a minute longer (a day when 0 = never). */
  sessionTtlMs: number;
  /** The server-wide bound on unread bytes. */
  budget?: OutboundBudget;
  /** Heartbeat period (0: off): how long a standalone stream counts as open unrefreshed. */
  heartbeatMs?: number;
}

/** The Redis-backed store, delivery and transport of one instance, and how to close them. */
export interface RedisBackend {
  connections: RedisConnections;
  store: RedisSessionStore;
  delivery: RedisSessionDelivery;
  /** HTTP+SSE sessions on the same holder and stream edge. */
  transport: RedisSseSessions;
  /** Streamable HTTP 2025 sessions, shared the same way. */
  streamable: RedisStreamableSessions;
  /** Closes the connections. */
  close(): Promise<void>;
}

/**
 * Connects to Redis (waiting up to 5 s; if Redis is not there yet the instance starts
 * anyway, answers 503 and recovers once it appears) and builds the backend.
 */
export async function createRedisBackend(
  option: RedisConnectOption,
  options: RedisBackendOptions,
): Promise<RedisBackend> {
  const connections = new RedisConnections(option, options.logger);
  if (!(await connections.connect())) {
    options.logger.warn({}, 'redis not reachable yet: answering 503 until it is');
  }
  const ttlMs = options.sessionTtlMs > 0 ? options.sessionTtlMs + 60_000 : 86_400_000;
  const store = new RedisSessionStore(connections, { ttlMs });
  const delivery = new RedisSessionDelivery(connections, ttlMs);
  // Both transports on the same store, delivery, holder rules and stream logs.
  const shared = {
    core: options.core,
    conn: connections,
    store,
    delivery,
    logger: options.logger,
    maxBufferedBytes: options.maxBufferedBytes,
    replayEvents: options.replayEvents,
    replayBytes: options.replayBytes,
    retryMs: options.retryMs,
    ...(options.budget === undefined ? {} : { budget: options.budget }),
  };
  const transport = new RedisSseSessions({ ...shared, resumeGraceMs: options.resumeGraceMs });
  const streamable = new RedisStreamableSessions({
    ...shared,
    heartbeatMs: options.heartbeatMs ?? 0,
  });
  return {
    connections,
    store,
    delivery,
    transport,
    streamable,
    close: () => connections.close(),
  };
}
