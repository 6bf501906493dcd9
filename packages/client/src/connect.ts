import { applyAuth } from './auth/apply-auth.js';
import { explainAuthFailure } from './auth/auth-failure.js';
import { McpSseClient } from './client.js';
import { negotiateConnect } from './negotiate/negotiate.js';
import type { McpSseClientOptions } from './options.js';

/**
 * Connects to an MCP server and resolves with a ready client (initialized, tools known),
 * or rejects with a McpSseClientError that says what failed. Unless `transport` or
 * `protocolVersion` pins one, it negotiates: 2026-07-28 (`server/discover`), then
 * Streamable HTTP with `initialize`, then HTTP+SSE, as the specification's
 * backward-compatibility rules say.
 *
 * @example
 * const client = await connect('http://127.0.0.1:3000/mcp', { apiKey: process.env.MCP_API_KEY });
 * const result = await client.callTool('echo', { text: 'hi' });
 * await client.close();
 */
export async function connect(
  url: string | URL,
  given: McpSseClientOptions = {},
): Promise<McpSseClient> {
  // Wrapped once here so the probe and the transport share one token and one flow.
  const options = applyAuth(url, given);
  try {
    if (typeof options.transport !== 'object') return await negotiateConnect(url, options);
    const client = new McpSseClient(url, options);
    await client.connect();
    return client;
  } catch (error) {
    throw explainAuthFailure(error, options);
  }
}
