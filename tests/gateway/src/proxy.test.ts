import { ChaosProxy } from '@mcp-sse/test-kit';
import { describe, expect, it } from 'vitest';
import { mcpSseProxy } from './hosts/bridges.js';
import { startStdioHost } from './hosts/stdio-host.js';
import { FEATURES, probeAll } from './probes.js';
import { startOurServer, WATCHED_URI } from './servers/our-server.js';
import type { RunningServer } from './servers/running-server.js';
import { urlOf } from './servers/running-server.js';
import { startSdk2Server } from './servers/sdk2-server.js';

/** Our proxy between the SDK's stdio client and `server`, through a chaos proxy (off until cut). */
async function throughProxy(server: RunningServer) {
  const chaos = await ChaosProxy.start({
    target: { host: server.host, port: server.port },
    seed: 17,
  });
  chaos.chaos = false;
  const host = await startStdioHost(mcpSseProxy(urlOf(server, 'streamable', chaos.origin)));
  return {
    host,
    chaos,
    async close() {
      await host.close().catch(() => {});
      await chaos.close();
      await server.close();
    },
  };
}

describe('mcp-sse proxy against the official SDK v2 server', () => {
  it('passes every notification and server request through, and resumes a dropped stream', async () => {
    const server = await startSdk2Server();
    const run = await throughProxy(server);
    try {
      const findings = await probeAll(run.host, server.steps, run.chaos);
      expect(findings).toEqual(Object.fromEntries(FEATURES.map((feature) => [feature, true])));
      // Exactly what the server sent, under the host's own progress token.
      const progress = run.host.notifications('notifications/progress').slice(0, 3);
      expect(progress.map((message) => (message as { params: unknown }).params)).toEqual(
        [1, 2, 3].map((step) => ({
          progressToken: expect.anything(),
          progress: step,
          total: 3,
          message: `step ${step}`,
        })),
      );
      expect(run.host.stderr()).toContain('Connected to');
    } finally {
      await run.close();
    }
  });
});

describe('mcp-sse proxy when the server loses the session', () => {
  it('starts a new session and redoes the host resource subscriptions on it', async () => {
    const first = await startOurServer();
    const second = await startOurServer();
    const run = await throughProxy(first);
    try {
      await run.host.client.subscribeResource({ uri: WATCHED_URI });
      // A restart, as the proxy sees it: the same address, a server that never saw us.
      run.chaos.setTarget({ host: second.host, port: second.port });
      run.chaos.cutAll();
      // The next request meets the unknown session (404): the client starts a new one.
      await run.host.client.ping();
      await expect
        .poll(() => run.host.stderr(), { timeout: 60_000 })
        .toContain('Reconnected to a new session');
      // The new server only tells subscribed sessions, so an update arrives once the proxy
      // has subscribed again on the host's behalf (it does so right after reconnecting).
      let updated = false;
      for (let attempt = 0; attempt < 40 && !updated; attempt++) {
        const before = run.host.notifications('notifications/resources/updated').length;
        await run.host.client.callTool({ name: 'change', arguments: {} });
        await run.host.client.ping();
        updated = run.host.notifications('notifications/resources/updated').length > before;
      }
      expect(updated).toBe(true);
    } finally {
      await run.close();
      await second.close();
    }
  });
});
