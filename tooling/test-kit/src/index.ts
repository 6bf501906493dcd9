/*
 * What the test suites share, in one private package instead of a copy per suite. Tests
 * only: nothing published imports it.
 */

/** A TCP proxy that cuts, stalls and slows connections at seeded random points. */
export { ChaosProxy } from './chaos-proxy.js';
/** A loopback port that was free a moment ago. */
export { freePort } from './free-port.js';
/** A throwaway `redis-server` on a free loopback port: start, kill, restart, pause. */
export { RedisProcess } from './redis-process.js';
/** An HTTP proxy in front of several instances, each request to the next (no sticky sessions). */
export { RoundRobinProxy, type Upstream } from './round-robin-proxy.js';
/** A random number generator from a seed, so that a failing run can be replayed. */
export { seededRandom } from './seeded-random.js';
/** A built `mcp-sse-server` in a child process on a free loopback port. */
export { ServerProcess } from './server-process.js';
/** The transports a cross-package suite runs each of its cases over, and how to connect over one. */
export {
  connectOver,
  HTTP_SSE,
  SESSION_TRANSPORTS,
  STATELESS_HTTP,
  STREAMABLE_HTTP,
  type TransportCase,
} from './transports.js';
/** Polls a condition until it holds, with a bound. */
export { waitFor } from './wait-for.js';
