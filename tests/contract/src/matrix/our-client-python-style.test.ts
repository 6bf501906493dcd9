import { afterEach, expect, test } from 'vitest';
import type { RunningPeer } from '../../peers/listen.js';
import { startPythonStyleServer } from '../../peers/python-style-server.js';
import { runOurClientScenario } from '../helpers/our-client-scenario.js';
import { standardTools } from '../helpers/tool-names.js';

let peer: RunningPeer | undefined;
afterEach(async () => {
  await peer?.close();
  peer = undefined;
});

// /messages/?session_id=<hex>, CRLF line ends and `: ping` comments every 50 ms.
test('our client × a Python-SDK-style server (/messages/?session_id=)', async () => {
  peer = await startPythonStyleServer({ pingIntervalMs: 50 });
  let heartbeats = 0;
  await runOurClientScenario(peer.url, standardTools, (client) => {
    client.on('wire', (wire) => {
      if (wire.kind === 'comment') heartbeats += 1;
    });
  });
  expect(heartbeats).toBeGreaterThan(0);
});
