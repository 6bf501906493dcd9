import { McpSseClient } from './client.js';
import type { McpSseClientOptions } from './options.js';

/**
 * Connects to an MCP server's SSE URL and resolves with a ready client (initialized, tools
 * known), or rejects with a McpSseClientError that says what failed.
 *
 * @example
 * const client = await connect('http://127.0.0.1:3000/sse', { apiKey: process.env.MCP_API_KEY });
 * const result = await client.callTool('echo', { text: 'hi' });
 * await client.close();
 */
export async function connect(
  url: string | URL,
  options: McpSseClientOptions = {},
): Promise<McpSseClient> {
  const client = new McpSseClient(url, options);
  await client.connect();
  return client;
}
