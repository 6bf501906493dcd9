// A stdio MCP server (the official SDK v2) with the showcase tools: what a user runs with
// `npx some-mcp-server`, put on the network by a gateway in the tests. Each step of `slow`
// is reported to STEP_URL, so a test can cut the network while the call runs.
import type { McpServer } from '@modelcontextprotocol/server';
import { StdioServerTransport } from '@modelcontextprotocol/server/stdio';
import { showcase } from './showcase.js';

const stepUrl = process.env.STEP_URL;
const server = showcase(new Set<McpServer>(), (event, step) => {
  if (stepUrl) void fetch(`${stepUrl}?event=${event}&step=${step ?? 0}`).catch(() => {});
});
await server.connect(new StdioServerTransport());
