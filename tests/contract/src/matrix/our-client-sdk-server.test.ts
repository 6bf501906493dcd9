import { afterEach, expect, test } from 'vitest';
import type { RunningPeer } from '../../peers/listen.js';
import { startSdkSseServer } from '../../peers/sdk-sse-server.js';
import { runOurClientScenario } from '../helpers/our-client-scenario.js';
import { standardTools } from '../helpers/tool-names.js';

let peer: RunningPeer | undefined;
afterEach(async () => {
  await peer?.close();
  peer = undefined;
});

test('our client × official TypeScript SDK server (McpServer + SSEServerTransport)', async () => {
  peer = await startSdkSseServer();
  await runOurClientScenario(peer.url, standardTools);
  expect(peer.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/sse$/);
});
