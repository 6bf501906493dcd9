import { ChaosProxy } from '@mcp-sse/test-kit';
import { afterAll, describe, expect, it } from 'vitest';
import { type Column, comparisonTable } from './comparison-table.js';
import { BRIDGES, type Bridge, type BridgeTransport } from './hosts/bridges.js';
import { startStdioHost } from './hosts/stdio-host.js';
import { FEATURES, type Findings, probeAll } from './probes.js';
import { startOurServer } from './servers/our-server.js';
import { urlOf } from './servers/running-server.js';

const columns: Column[] = [];

const ALL = Object.fromEntries(FEATURES.map((feature) => [feature, true])) as Findings;
const NONE = Object.fromEntries(FEATURES.map((feature) => [feature, false])) as Findings;

/**
 * What each bridge passes through, as seen here with supergateway 4.0.0 and mcp-remote
 * 0.15.1: a change in either (a fix upstream, a regression of ours) fails the test, and the
 * README's Gateway table is updated with it.
 */
const EXPECTED: Record<string, Findings> = {
  'mcp-sse proxy streamable': ALL,
  'mcp-sse proxy sse': ALL,
  'mcp-remote streamable': ALL,
  // Its HTTP+SSE client does not reconnect: the call on the dropped stream is lost.
  'mcp-remote sse': { ...ALL, 'resume after a dropped stream': false },
  // Notifications and server requests never reach the host (the host's cancellations do
  // reach the server); the SDK client under it resumes over Streamable HTTP.
  'supergateway streamable': {
    ...NONE,
    'cancelled (host -> server)': true,
    'resume after a dropped stream': true,
  },
  'supergateway sse': { ...NONE, 'cancelled (host -> server)': true },
};

async function compare(
  make: (url: string, transport: BridgeTransport) => Bridge,
  transport: 'streamable' | 'sse',
): Promise<Findings> {
  const server = await startOurServer();
  const chaos = await ChaosProxy.start({
    target: { host: server.host, port: server.port },
    seed: 17,
  });
  chaos.chaos = false;
  const bridge = make(urlOf(server, transport, chaos.origin), transport);
  try {
    const host = await startStdioHost(bridge);
    try {
      const findings = await probeAll(host, server.steps, chaos);
      columns.push({
        title: `${bridge.name} (${transport === 'sse' ? 'HTTP+SSE' : 'Streamable HTTP'})`,
        cells: findings,
      });
      return findings;
    } finally {
      await host.close().catch(() => {});
    }
  } finally {
    await chaos.close();
    await server.close();
  }
}

/**
 * Registers the network -> stdio comparison over one transport of mcp-sse-server: each
 * bridge started by an SDK stdio host, every probe run, the findings asserted against
 * EXPECTED and printed as a table (the README's Gateway section) when the file ends.
 */
export function compareBridges(transport: 'streamable' | 'sse'): void {
  const label = transport === 'sse' ? 'HTTP+SSE' : 'Streamable HTTP';
  afterAll(() => {
    console.log(
      `\nnetwork -> stdio bridges on mcp-sse-server (${label}):\n${comparisonTable(FEATURES, columns)}\n`,
    );
  });
  describe(`network -> stdio bridges side by side, on mcp-sse-server over ${label}`, () => {
    for (const [name, make] of Object.entries(BRIDGES)) {
      it(name, async () => {
        const findings = await compare(make, transport);
        expect(findings).toEqual(EXPECTED[`${name} ${transport}`]);
      });
    }
  });
}
