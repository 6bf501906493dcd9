/**
 * Child process of the ready-under-load scenario: opens `--count` sessions one after another
 * (200 ms apart) and prints `{ readyMs, failed }` as JSON: the time from before each GET
 * until its `initialize` was answered.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { createPostAgent } from '../load/agents.js';
import { LoadSession } from '../load/session.js';

const { values } = parseArgs({
  options: { url: { type: 'string' }, count: { type: 'string', default: '5' } },
});
const count = Number(values.count);
if (values.url === undefined || !Number.isInteger(count) || count < 1 || count > 1000) {
  process.stderr.write('usage: ready-probe --url <sse url> [--count 1..1000]\n');
  process.exit(2);
}
const agent = createPostAgent(2);
const readyMs: number[] = [];
let failed = 0;
for (let i = 0; i < count; i += 1) {
  const started = performance.now();
  try {
    const session = await LoadSession.open(new URL(values.url), agent, 10_000);
    readyMs.push(performance.now() - started);
    session.close();
  } catch {
    failed += 1;
  }
  await sleep(200);
}
agent.destroy();
process.stdout.write(`${JSON.stringify({ readyMs, failed })}\n`);
