import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ChaosProxy, freePort } from '@mcp-sse/test-kit';
import { afterAll, describe, expect, it } from 'vitest';
import { type Column, comparisonTable } from './comparison-table.js';
import { startHttpHost } from './hosts/http-host.js';
import { FEATURES, type Findings, probeAll } from './probes.js';
import { resumesWithOurClient } from './resume-with-our-client.js';
import { STDIO_SHOWCASE_JS } from './servers/compile-showcase.js';
import { spawnGateway } from './servers/spawned-gateway.js';
import { startStepListener } from './servers/step-listener.js';

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));
/** The stdio server every gateway runs: one command line, as a user would give it. */
const STDIO_COMMAND = `${process.execPath} ${STDIO_SHOWCASE_JS}`;

type Output = 'streamable' | 'sse';

/** A stdio -> network gateway: its command line for a stdio command, a port and a transport. */
interface NetworkGateway {
  name: string;
  argv(stdio: string, port: number, output: Output): string[];
  /** The URL path of each output transport. */
  path: Record<Output, string>;
}

const SUPERGATEWAY: NetworkGateway = {
  name: 'supergateway',
  argv: (stdio, port, output) => [
    join(packageDir('supergateway'), 'dist', 'index.js'),
    '--stdio',
    stdio,
    '--outputTransport',
    output === 'sse' ? 'sse' : 'streamableHttp',
    '--port',
    String(port),
    ...(output === 'streamable' ? ['--stateful'] : []),
    '--logLevel',
    'none',
  ],
  path: { streamable: '/mcp', sse: '/sse' },
};

const ALL = Object.fromEntries(FEATURES.map((feature) => [feature, true])) as Findings;

/**
 * What each gateway passes through, as seen with supergateway 4.0.0: everything while the
 * connection holds (in --stateful Streamable HTTP mode and in SSE mode), but no event
 * store, so a call whose stream drops is lost.
 */
const EXPECTED: Record<string, Findings> = {
  'mcp-sse-server --stdio streamable': ALL,
  'mcp-sse-server --stdio sse': ALL,
  'supergateway streamable': { ...ALL, 'resume after a dropped stream': false },
  'supergateway sse': { ...ALL, 'resume after a dropped stream': false },
};

/** Ours: `mcp-sse-server --stdio "..."` (the built bin of @mcp-sse/server). */
const MCP_SSE_SERVER: NetworkGateway = {
  name: 'mcp-sse-server --stdio',
  argv: (stdio, port) => [
    join(packageDir('@mcp-sse/server'), 'bin', 'mcp-sse-server.js'),
    '--stdio',
    stdio,
    '--port',
    String(port),
    '--log-level',
    'silent',
    '--rate-limit',
    '0',
  ],
  path: { streamable: '/mcp', sse: '/sse' },
};

const columns: Column[] = [];

afterAll(() => {
  console.log(
    `\nstdio -> network gateways (SDK client as the host):\n${comparisonTable(FEATURES, columns)}\n`,
  );
});

async function compare(gateway: NetworkGateway, output: Output): Promise<Findings> {
  const steps = await startStepListener();
  const port = await freePort();
  const spawned = await spawnGateway(
    process.execPath,
    gateway.argv(STDIO_COMMAND, port, output),
    port,
    { STEP_URL: steps.url },
  );
  const chaos = await ChaosProxy.start({ target: { host: '127.0.0.1', port }, seed: 17 });
  chaos.chaos = false;
  try {
    const host = await startHttpHost(`${chaos.origin}${gateway.path[output]}`, output);
    try {
      // The SDK's HTTP+SSE client never reconnects: over HTTP+SSE our client tries the cut.
      const findings = await probeAll(host, steps.steps, chaos, output !== 'sse');
      if (output === 'sse') {
        findings['resume after a dropped stream'] = await resumesWithOurClient(
          `${chaos.origin}${gateway.path.sse}`,
          steps.steps,
          chaos,
        );
      }
      columns.push({
        title: `${gateway.name} (${output === 'sse' ? 'HTTP+SSE' : 'Streamable HTTP'})`,
        cells: findings,
      });
      return findings;
    } finally {
      await host.close().catch(() => {});
    }
  } finally {
    await chaos.close();
    await spawned.close();
    await steps.close();
  }
}

/**
 * Registers the stdio -> network comparison for one output transport: each gateway serving
 * the stdio showcase server, the SDK client on HTTP as the host through a cutting proxy;
 * findings asserted against EXPECTED and printed as a table when the file ends.
 */
export function compareGateways(output: Output): void {
  const label = output === 'sse' ? 'HTTP+SSE' : 'Streamable HTTP';
  afterAll(() => {
    console.log(
      `\nstdio -> network gateways over ${label} (SDK client as the host):\n${comparisonTable(FEATURES, columns)}\n`,
    );
  });
  describe(`stdio -> network gateways side by side, on one stdio server, over ${label}`, () => {
    for (const gateway of [MCP_SSE_SERVER, SUPERGATEWAY]) {
      it(gateway.name, async () => {
        const findings = await compare(gateway, output);
        expect(findings).toEqual(EXPECTED[`${gateway.name} ${output}`]);
      });
    }
  });
}
