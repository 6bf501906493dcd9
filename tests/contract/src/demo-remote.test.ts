import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { startEverythingServer } from '../peers/everything.js';
import type { RunningPeer } from '../peers/listen.js';
import { startSdkSseServer } from '../peers/sdk-sse-server.js';

const require = createRequire(import.meta.url);
const demo = join(dirname(require.resolve('@mcp-sse/demo/package.json')), 'dist', 'main.js');

interface DemoRecord {
  type: string;
  step?: string;
  status?: string;
  ok?: boolean;
  summary?: string;
}

async function runDemo(
  url: string,
): Promise<{ code: number | null; records: DemoRecord[]; out: string }> {
  const child = spawn(process.execPath, [demo, '--url', url, '--json'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (chunk) => {
    out += chunk;
  });
  child.stderr.on('data', (chunk) => {
    out += chunk;
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(timer);
  const records = out
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as DemoRecord);
  return { code, records, out };
}

const statuses = (records: DemoRecord[]) =>
  Object.fromEntries(records.filter((r) => r.type === 'result').map((r) => [r.step, r.status]));

let peer: RunningPeer | undefined;
afterEach(async () => {
  await peer?.close();
  peer = undefined;
});

// `pnpm demo -- --url` must carry its narrated flow to servers that are not ours.
test('the demo runs its flow against server-everything (--url --json)', async () => {
  peer = await startEverythingServer();
  const { code, records, out } = await runDemo(peer.url);
  expect(code, out).toBe(0);
  expect(statuses(records)).toMatchObject({
    connect: 'ok',
    'list-tools': 'ok',
    echo: 'ok',
    add: 'ok',
    sleep: 'ok',
    'bad-argument': 'ok',
    cancel: 'ok',
    shutdown: 'ok',
  });
  expect(records.at(-1)).toMatchObject({ type: 'finish', ok: true });
});

test('the demo runs its flow against an official-SDK server (--url --json)', async () => {
  peer = await startSdkSseServer();
  const { code, records, out } = await runDemo(peer.url);
  expect(code, out).toBe(0);
  expect(statuses(records)).toMatchObject({ connect: 'ok', sleep: 'ok', cancel: 'ok' });
});
