import { afterEach, test } from 'vitest';
import type { RunningPeer } from '../../peers/listen.js';
import { startOurServerProcess } from '../../peers/our-server.js';
import { runSdkClientScenario } from '../helpers/sdk-client-scenario.js';
import { standardTools } from '../helpers/tool-names.js';

let peer: RunningPeer | undefined;
afterEach(async () => {
  await peer?.close();
  peer = undefined;
});

test('official TypeScript SDK client (SSEClientTransport) × our server', async () => {
  peer = await startOurServerProcess();
  await runSdkClientScenario(peer.url, standardTools);
});
