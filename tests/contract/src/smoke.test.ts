import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { expect, test } from 'vitest';
import { startEverythingServer } from '../peers/everything.js';
import { startPythonStyleServer } from '../peers/python-style-server.js';
import { startSdkSseServer } from '../peers/sdk-sse-server.js';

for (const [name, start] of [
  ['sdk', startSdkSseServer],
  ['py', () => startPythonStyleServer({ pingIntervalMs: 50 })],
  ['everything', startEverythingServer],
] as const) {
  test(name, async () => {
    const peer = await start();
    try {
      const client = new Client({ name: 't', version: '1' });
      await client.connect(new SSEClientTransport(new URL(peer.url)));
      const tools = await client.listTools();
      console.log(name, peer.url, tools.tools.map((t) => t.name).join(','));
      const r = await client.callTool({ name: 'echo', arguments: { message: 'hi' } });
      expect(JSON.stringify(r)).toContain('hi');
      await client.close();
    } finally {
      await peer.close();
    }
  });
}
