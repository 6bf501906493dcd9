import { afterEach, test } from 'vitest';
import type { RunningPeer } from '../../peers/listen.js';
import { startOurServerProcess } from '../../peers/our-server.js';
import { runOurClientScenario } from '../helpers/our-client-scenario.js';
import { standardTools } from '../helpers/tool-names.js';

let peer: RunningPeer | undefined;
afterEach(async () => {
  await peer?.close();
  peer = undefined;
});

test('our client × our server (mcp-sse-server process)', async () => {
  peer = await startOurServerProcess();
  await runOurClientScenario(peer.url, standardTools);
});
