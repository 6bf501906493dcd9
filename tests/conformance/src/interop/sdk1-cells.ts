import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { exerciseEcho, type InteropCell, textOf } from './cell.js';

/** The official SDK 1.32 client over StreamableHTTPClientTransport. */
function sdk1Cell(path: string): InteropCell {
  return {
    id: `sdk-1.32 streamable-http -> ${path}`,
    async run(origin) {
      const client = new Client({ name: 'interop-sdk1', version: '1.0.0' });
      await client.connect(new StreamableHTTPClientTransport(new URL(path, origin)));
      await exerciseEcho({
        listToolNames: async () => (await client.listTools()).tools.map((tool) => tool.name),
        callEcho: async (message) =>
          textOf(await client.callTool({ name: 'echo', arguments: { message } })),
        close: () => client.close(),
      });
    },
  };
}

/** SDK 1.32 cells against /mcp and /sse. */
export const SDK1_CELLS: InteropCell[] = [sdk1Cell('/mcp'), sdk1Cell('/sse')];
