import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { connect, type McpSseClient } from '@mcp-sse/client';
import { afterEach, expect, test } from 'vitest';
import type { RunningPeer } from '../../peers/listen.js';
import { startProcess } from '../../peers/process.js';
import { resultText } from '../helpers/tool-names.js';

const require = createRequire(import.meta.url);
const preload = fileURLToPath(new URL('../../peers/force-loopback.cjs', import.meta.url));

/** server-everything in its default Streamable HTTP mode (`/mcp`), forced onto loopback. */
async function startEverythingStreamable(): Promise<RunningPeer> {
  const pkg = require.resolve('@modelcontextprotocol/server-everything/package.json');
  const main = fileURLToPath(new URL('./dist/index.js', `file://${pkg}`));
  const running = await startProcess({
    args: ['--require', preload, main, 'streamableHttp'],
    env: { PORT: '0' },
    readyPattern: /FORCE-LOOPBACK listening 127\.0\.0\.1:(\d+)/,
  });
  return { url: `http://127.0.0.1:${running.ready[1]}/mcp`, close: running.stop };
}

let peer: RunningPeer | undefined;
let client: McpSseClient | undefined;
afterEach(async () => {
  await client?.close();
  await peer?.close();
  client = undefined;
  peer = undefined;
});

test('our client × server-everything (Streamable HTTP, found by connect(url) without a flag)', async () => {
  peer = await startEverythingStreamable();
  client = await connect(peer.url, { connectTimeout: 30_000, requestTimeout: 60_000 });
  expect(client.protocolVersion).toBe('2025-11-25');
  expect(client.tools.map((tool) => tool.name)).toEqual(
    expect.arrayContaining(['echo', 'get-sum', 'trigger-long-running-operation']),
  );
  expect(resultText(await client.callTool('echo', { message: 'hi streamable' }))).toContain(
    'hi streamable',
  );
  const progress: number[] = [];
  await client.callTool(
    'trigger-long-running-operation',
    { duration: 0.4, steps: 4 },
    { onProgress: (update) => progress.push(update.progress) },
  );
  expect(progress.length).toBeGreaterThanOrEqual(2);

  const resources = await client.listResources();
  expect(resources.length).toBeGreaterThan(0);
  const first = resources[0];
  if (first) expect((await client.readResource(first.uri)).contents.length).toBeGreaterThan(0);
  expect((await client.listResourceTemplates()).length).toBeGreaterThan(0);
  const prompts = await client.listPrompts();
  expect(prompts.map((prompt) => prompt.name)).toEqual(expect.arrayContaining(['simple-prompt']));
  const prompt = await client.getPrompt('simple-prompt');
  expect(prompt.messages.length).toBeGreaterThan(0);
  const names = await client.complete(
    { type: 'ref/prompt', name: 'completable-prompt' },
    { name: 'name', value: 'A' },
    { department: 'Engineering' },
  );
  expect(names.values).toEqual(['Alice']);
  await client.setLoggingLevel('error');
  await client.ping();
}, 120_000);
