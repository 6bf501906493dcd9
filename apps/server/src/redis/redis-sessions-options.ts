import type { CoreLogger } from '../core/logger.js';
import type { McpServerCore } from '../core/mcp-server-core.js';
import type { OutboundBudget } from '../sse/outbound-budget.js';
import type { RedisConnections } from './redis-connections.js';
import type { RedisSessionDelivery } from './redis-session-delivery.js';
import type { RedisSessionStore } from './redis-session-store.js';

/** What the sessions of either transport on Redis are built from (see `create-redis-backend.ts`). */
export interface RedisSessionsOptions {
  core: McpServerCore;
  conn: RedisConnections;
  store: RedisSessionStore;
  delivery: RedisSessionDelivery;
  logger: CoreLogger;
  maxBufferedBytes: number;
  /** Events kept per stream in its Redis Stream. */
  replayEvents: number;
  /** Bytes of events kept per stream (the newest is always kept). */
  replayBytes: number;
  /** The `retry:` hint, in ms. */
  retryMs: number;
  /** The server-wide bound on unread bytes: streams served here count, wherever their session is held. */
  budget?: OutboundBudget;
}
