import { connect } from '@mcp-sse/client';
import { exerciseEcho, type InteropCell, textOf } from './cell.js';
import { startEverythingServer } from './peers/everything-server.js';
import { startFastMcpServer } from './peers/fastmcp-server.js';
import type { RunningPeer } from './peers/peer.js';
import { startSdk1Server } from './peers/sdk1-server.js';
import { startSdk2Server } from './peers/sdk2-server.js';

/** Our client, with no transport or version option, against a server no one here wrote. */
function ourClientCell(id: string, startPeer: () => Promise<RunningPeer>): InteropCell {
  return {
    id: `ours -> ${id}`,
    async run() {
      const peer = await startPeer();
      try {
        const client = await connect(peer.url, { connectTimeout: 20_000 });
        await exerciseEcho({
          listToolNames: async () => (await client.listTools()).map((tool) => tool.name),
          callEcho: async (message) => textOf(await client.callTool('echo', { message })),
          close: () => client.close(),
        });
      } finally {
        await peer.close();
      }
    },
  };
}

/** Issue 14's interop cells: our client against other people's Streamable HTTP servers. */
export const OUR_CLIENT_CELLS: InteropCell[] = [
  ourClientCell('sdk-1.32 streamable stateful', () => startSdk1Server('stateful')),
  ourClientCell('sdk-1.32 streamable stateless', () => startSdk1Server('stateless')),
  ourClientCell('sdk-2.4 streamable stateful', () => startSdk2Server('stateful')),
  ourClientCell('sdk-2.4 createMcpHandler', () => startSdk2Server('handler')),
  ourClientCell('server-everything streamableHttp', () => startEverythingServer()),
  ourClientCell('fastmcp httpStream', () => startFastMcpServer()),
];
