import { McpServerCore, type McpServerCoreOptions } from '../core/mcp-server-core.js';

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON-RPC shapes
export type Msg = Record<string, any>;

/**
 * An in-memory session on a core, for the feature tests: what it sent, a way to send
 * requests, responses and notifications, and to wait for a message.
 */
export function coreHarness(options: McpServerCoreOptions = {}, protocolVersion?: string) {
  const sessionId = 's1';
  const core = new McpServerCore(options);
  const sent: Array<Msg & { kind?: string; related?: unknown }> = [];
  const waiters: Array<{ test: (m: Msg) => boolean; resolve: (m: Msg) => void }> = [];
  core.openSession({
    id: sessionId,
    // A 2026-07-28 transport opens each request's session already at its version.
    ...(protocolVersion === undefined ? {} : { protocolVersion }),
    send: (json, kind, related) => {
      const message = { ...JSON.parse(json), ...(kind ? { kind } : {}), related };
      sent.push(message);
      for (const waiter of [...waiters]) {
        if (waiter.test(message)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(message);
        }
      }
    },
  });
  const request = (id: number | string, method: string, params?: Record<string, unknown>) =>
    core.handle(sessionId, { jsonrpc: '2.0', id, method, ...(params ? { params } : {}) });
  const notify = (method: string, params?: Record<string, unknown>) =>
    core.handle(sessionId, { jsonrpc: '2.0', method, ...(params ? { params } : {}) });
  const respond = (id: string | number, result: Record<string, unknown>) =>
    core.handle(sessionId, { jsonrpc: '2.0', id, result });
  /** Resolves with the first message (already sent or to come) that passes `test`. */
  const next = (test: (m: Msg) => boolean): Promise<Msg> => {
    const found = sent.find(test);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve) => waiters.push({ test, resolve }));
  };
  /** The answer to request `id`. */
  const answer = (id: number | string) => next((m) => m.id === id && !('method' in m));
  /** The next server-to-client request of `method` not yet taken. */
  const taken = new Set<Msg>();
  const serverRequest = async (method: string) => {
    const message = await next((m) => m.method === method && 'id' in m && !taken.has(m));
    taken.add(message);
    return message;
  };
  const initialize = (
    capabilities: Record<string, unknown> = {},
    protocolVersion = '2025-11-25',
  ) => {
    request('init', 'initialize', {
      protocolVersion,
      capabilities,
      clientInfo: { name: 'test', version: '1' },
    });
    notify('notifications/initialized');
  };
  return { core, sent, request, notify, respond, next, answer, serverRequest, initialize };
}
