/**
 * Child process of the client comparison: drives one MCP client library (ours or the SDK's;
 * on HTTP+SSE `ours` / `sdk` (v1), on Streamable HTTP `ours-streamable` / `sdk2`)
 * in a closed loop of `echo` calls and prints calls/s and its own CPU per call as JSON.
 * A process of its own so that each client's CPU and start-up are measured alone.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';

/** What the runner prints. */
export interface ClientRunOutput {
  calls: number;
  errors: number;
  wrong: number;
  callsPerSec: number;
  cpuUsPerCall: number;
  cpuPct: number;
}

type EchoCall = (message: string) => Promise<unknown>;
interface Driver {
  call: EchoCall;
  close: () => Promise<unknown>;
}

async function sdkDriver(url: string): Promise<Driver> {
  const { Client } = await import('@modelcontextprotocol/sdk/client/index.js');
  const { SSEClientTransport } = await import('@modelcontextprotocol/sdk/client/sse.js');
  const client = new Client({ name: 'bench', version: '0.0.0' });
  await client.connect(new SSEClientTransport(new URL(url)));
  return {
    call: (message) => client.callTool({ name: 'echo', arguments: { message } }),
    close: () => client.close(),
  };
}

async function sdk2Driver(url: string): Promise<Driver> {
  const { Client, StreamableHTTPClientTransport } = await import('@modelcontextprotocol/client');
  const client = new Client({ name: 'bench', version: '0.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url)));
  return {
    call: (message) => client.callTool({ name: 'echo', arguments: { message } }),
    close: () => client.close(),
  };
}

interface OurClient {
  callTool(name: string, args: Record<string, unknown>): Promise<unknown>;
  close(): Promise<unknown> | unknown;
}

async function ourDriver(url: string, options: Record<string, unknown>): Promise<Driver> {
  // Through a variable, so the bench still builds while our client is missing or changing.
  const specifier = '@mcp-sse/client';
  const module = (await import(specifier)) as {
    connect: (url: string, options?: Record<string, unknown>) => Promise<OurClient>;
  };
  const client = await module.connect(url, options);
  return {
    call: (message) => client.callTool('echo', { message }),
    close: async () => client.close(),
  };
}

function echoedText(result: unknown, message: string): boolean {
  const content = (result as { content?: Array<{ text?: unknown }> } | undefined)?.content;
  return Array.isArray(content) && content.some((item) => item?.text === message);
}

const { values } = parseArgs({
  options: {
    client: { type: 'string' },
    url: { type: 'string' },
    concurrency: { type: 'string', default: '32' },
    warmup: { type: 'string', default: '1000' },
    'warmup-calls': { type: 'string', default: '0' },
    window: { type: 'string', default: '3000' },
  },
});
const concurrency = Number(values.concurrency);
const warmupMs = Number(values.warmup);
const warmupCalls = Number(values['warmup-calls']);
const windowMs = Number(values.window);
if (
  !['ours', 'sdk', 'ours-streamable', 'sdk2'].includes(values.client ?? '') ||
  values.url === undefined ||
  !(
    concurrency >= 1 &&
    concurrency <= 1000 &&
    warmupMs >= 0 &&
    warmupCalls >= 0 &&
    windowMs > 0 &&
    windowMs <= 600_000
  )
) {
  process.stderr.write(
    'usage: client-runner --client ours|sdk|ours-streamable|sdk2 --url <url> [--concurrency 32] [--warmup ms] [--warmup-calls n] [--window ms]\n',
  );
  process.exit(2);
}

const drivers: Record<string, (url: string) => Promise<Driver>> = {
  // Pinned to what the SDK client beside it speaks: left to negotiate, ours picks the
  // stateless 2026-07-28 revision on Streamable HTTP, even at the server's /sse URL (our
  // server serves every transport there), and the comparison would not be like for like.
  ours: (url) => ourDriver(url, { transport: 'sse' }),
  sdk: sdkDriver,
  'ours-streamable': (url) =>
    ourDriver(url, { transport: 'streamable-http', protocolVersion: '2025-11-25' }),
  sdk2: sdk2Driver,
};
const driver = await drivers[values.client!]!(values.url);
let stop = false;
let windowStart = Number.POSITIVE_INFINITY;
let windowEnd = Number.POSITIVE_INFINITY;
let calls = 0;
let completed = 0;
let errors = 0;
let wrong = 0;
const workers = Array.from({ length: concurrency }, async (_, worker) => {
  for (let n = 0; !stop; n += 1) {
    const message = `c${worker}-${n}`;
    let ok = false;
    let failed = false;
    try {
      ok = echoedText(await driver.call(message), message);
    } catch {
      failed = true;
    }
    completed += 1;
    const now = performance.now();
    if (now < windowStart || now > windowEnd) continue;
    if (failed) errors += 1;
    else if (ok) calls += 1;
    else wrong += 1;
  }
});
await sleep(warmupMs);
// Also a number of calls: on a busy machine half a second is a few dozen calls, and the window
// would then measure the JIT compiling the client rather than the client (bounded: 20 s).
const warmupDeadline = performance.now() + 20_000;
while (completed < warmupCalls && performance.now() < warmupDeadline) await sleep(50);
const cpu0 = process.cpuUsage();
windowStart = performance.now();
await sleep(windowMs);
windowEnd = performance.now();
const cpu = process.cpuUsage(cpu0);
stop = true;
await Promise.race([Promise.all(workers), sleep(10_000)]);
const cpuUs = cpu.user + cpu.system;
const output: ClientRunOutput = {
  calls,
  errors,
  wrong,
  callsPerSec: calls / ((windowEnd - windowStart) / 1000),
  cpuUsPerCall: calls === 0 ? Number.NaN : cpuUs / calls,
  cpuPct: (cpuUs / 1000 / (windowEnd - windowStart)) * 100,
};
process.stdout.write(`${JSON.stringify(output)}\n`);
await Promise.race([driver.close(), sleep(2_000)]);
process.exit(0);
