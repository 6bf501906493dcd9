/**
 * Child process of the ready-under-load scenario: opens `--count` sessions one after another
 * (200 ms apart) and prints `{ readyMs, failed }` as JSON: the time from before each GET
 * (HTTP+SSE) or `initialize` POST (Streamable HTTP) until the session was ready; for a
 * stateless 2026-07-28 server, the time of a first `echo` call on a fresh connection.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { createPostAgent } from '../load/agents.js';
import { openerFor } from '../load/open-session.js';
import { echoed } from '../load/session.js';
import type { LoadProtocol } from '../servers/kinds.js';

const PROTOCOLS: readonly LoadProtocol[] = ['http+sse', 'sessions', 'stateless-2025', 'modern'];
const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    count: { type: 'string', default: '5' },
    protocol: { type: 'string', default: 'http+sse' },
  },
});
const count = Number(values.count);
const protocol = values.protocol as LoadProtocol;
if (
  values.url === undefined ||
  !Number.isInteger(count) ||
  count < 1 ||
  count > 1000 ||
  !PROTOCOLS.includes(protocol)
) {
  process.stderr.write(
    `usage: ready-probe --url <url> [--count 1..1000] [--protocol ${PROTOCOLS.join('|')}]\n`,
  );
  process.exit(2);
}
const open = openerFor(protocol);
const readyMs: number[] = [];
let failed = 0;
for (let i = 0; i < count; i += 1) {
  // A fresh agent each time: a new client opens a new connection.
  const agent = createPostAgent(2);
  const started = performance.now();
  try {
    const session = await open(new URL(values.url), agent, 10_000);
    if (protocol === 'modern') {
      const first = await session.call(
        'tools/call',
        { name: 'echo', arguments: { message: 'ready' } },
        echoed('ready'),
      );
      if (!first.ok) throw new Error(first.kind);
    }
    readyMs.push(performance.now() - started);
    session.close();
  } catch {
    failed += 1;
  }
  agent.destroy();
  await sleep(200);
}
process.stdout.write(`${JSON.stringify({ readyMs, failed })}\n`);
