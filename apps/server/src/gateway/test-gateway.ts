import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { onCleanup } from '../../test/helpers.js';

/** The scripted stdio child of these tests (node, no SDK). */
export const SCRIPTED_CHILD = [
  process.execPath,
  fileURLToPath(new URL('./fixtures/scripted-child.mjs', import.meta.url)),
];

/** `@modelcontextprotocol/server-everything` in stdio mode, run with this node (no npx). */
export function everythingCommand(): string[] {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('@modelcontextprotocol/server-everything/package.json');
  return [process.execPath, pkg.replace(/package\.json$/, 'dist/index.js'), 'stdio'];
}

/** Which official SDK 1.32 client transport to use. */
export type SdkTransportKind = 'streamable' | 'sse';

/** An SDK 1.32 client connected to `base` over that transport, closed after the test. */
export async function sdkClient(
  base: string,
  kind: SdkTransportKind,
  capabilities: Record<string, unknown> = {},
  before?: (client: Client) => void,
): Promise<Client> {
  const client = new Client({ name: 'gateway-test', version: '1.0.0' }, { capabilities });
  before?.(client);
  const transport =
    kind === 'streamable'
      ? new StreamableHTTPClientTransport(new URL(`${base}/mcp`))
      : new SSEClientTransport(new URL(`${base}/sse`));
  await client.connect(transport);
  onCleanup(() => client.close());
  return client;
}

/** The text of a tool result's first content block. */
export const textOf = (result: unknown): string =>
  (result as { content: Array<{ text: string }> }).content[0]!.text;

/** A raw 2025-11-25 `initialize` POSTed to `/mcp`, for tests that look at the HTTP answer. */
export function postInitialize(base: string, headers: Record<string, string> = {}) {
  return fetch(`${base}/mcp`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...headers,
    },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: {
        protocolVersion: '2025-11-25',
        capabilities: {},
        clientInfo: { name: 'raw', version: '1.0.0' },
      },
    }),
  });
}
