import { afterEach, test } from 'vitest';
import { startEverythingServer } from '../../peers/everything.js';
import type { RunningPeer } from '../../peers/listen.js';
import { runOurClientScenario } from '../helpers/our-client-scenario.js';
import { everythingTools } from '../helpers/tool-names.js';

let peer: RunningPeer | undefined;
afterEach(async () => {
  await peer?.close();
  peer = undefined;
});

test('our client × @modelcontextprotocol/server-everything (SSE mode, loopback only)', async () => {
  peer = await startEverythingServer();
  await runOurClientScenario(peer.url, everythingTools);
});
