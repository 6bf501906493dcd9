import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { exerciseEcho, type InteropCell, textOf } from './cell.js';

/** The SDK v2 client (2.4): `legacy` is its default (initialize), `auto` probes server/discover. */
function sdk2Cell(mode: 'default' | 'auto', path: string): InteropCell {
  return {
    id: `sdk-2.4 ${mode} -> ${path}`,
    async run(origin) {
      const client = new Client(
        { name: 'interop-sdk2', version: '1.0.0' },
        mode === 'auto' ? { versionNegotiation: { mode: 'auto' } } : {},
      );
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

/** SDK v2 cells: both modes against /mcp and /sse. */
export const SDK2_CELLS: InteropCell[] = [
  sdk2Cell('default', '/mcp'),
  sdk2Cell('default', '/sse'),
  sdk2Cell('auto', '/mcp'),
  sdk2Cell('auto', '/sse'),
];
