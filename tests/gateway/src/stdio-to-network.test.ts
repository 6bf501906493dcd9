import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../conformance/src/interop/peers/peer.js';
import { ChaosProxy } from '../../resilience/src/chaos-proxy.js';
import { type Column, comparisonTable } from './comparison-table.js';
import { startHttpHost } from './hosts/http-host.js';
import { FEATURES, type Findings, probeAll } from './probes.js';
import { spawnGateway } from './servers/spawned-gateway.js';
import { startStepListener } from './servers/step-listener.js';

const require = createRequire(import.meta.url);
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));
const SHOWCASE = fileURLToPath(new URL('./servers/stdio-showcase.ts', import.meta.url));
/** The stdio server every gateway runs: one command line, as a user would give it. */
const STDIO_COMMAND = `${process.execPath} --import tsx ${SHOWCASE}`;

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
  'supergateway streamable': { ...ALL, 'resume after a dropped stream': false },
  'supergateway sse': { ...ALL, 'resume after a dropped stream': false },
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
      const findings = await probeAll(host, steps.steps, chaos);
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

describe('stdio -> network gateways side by side, on the same stdio server', () => {
  for (const output of ['streamable', 'sse'] as const) {
    it(`supergateway over ${output === 'sse' ? 'HTTP+SSE' : 'Streamable HTTP'}`, async () => {
      const findings = await compare(SUPERGATEWAY, output);
      expect(findings).toEqual(EXPECTED[`supergateway ${output}`]);
    });
  }
});
