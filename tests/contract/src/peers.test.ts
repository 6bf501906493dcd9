import { afterEach, describe, test } from 'vitest';
import { startEverythingServer } from '../peers/everything.js';
import type { RunningPeer } from '../peers/listen.js';
import { startPythonStyleServer } from '../peers/python-style-server.js';
import { startSdkSseServer } from '../peers/sdk-sse-server.js';
import { runSdkClientScenario } from './helpers/sdk-client-scenario.js';
import { everythingTools, standardTools } from './helpers/tool-names.js';

// The peers are test fixtures themselves: the official client must get through the whole
// scenario with each, or a failing matrix cell would say nothing about our side.
describe('peers pass the scenario with the official SDK client', () => {
  let peer: RunningPeer | undefined;
  afterEach(async () => {
    await peer?.close();
    peer = undefined;
  });

  test('official SDK SSE server', async () => {
    peer = await startSdkSseServer();
    await runSdkClientScenario(peer.url, standardTools);
  });

  test('Python-style server', async () => {
    peer = await startPythonStyleServer({ pingIntervalMs: 50 });
    await runSdkClientScenario(peer.url, standardTools);
  });

  test('server-everything in SSE mode, on loopback only', async () => {
    peer = await startEverythingServer();
    await runSdkClientScenario(peer.url, everythingTools);
  });
});
