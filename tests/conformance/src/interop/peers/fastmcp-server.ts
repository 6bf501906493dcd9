import { freePort } from '@mcp-sse/test-kit';
import { FastMCP } from 'fastmcp';
import { z } from 'zod';
import type { RunningPeer } from './peer.js';

// FastMCP and its mcp-proxy log every session to the console; the cell says what failed.
const quiet = () => undefined;
const QUIET = { debug: quiet, error: quiet, info: quiet, log: quiet, warn: quiet };

/** FastMCP (TypeScript) on its `httpStream` transport at /mcp. */
export async function startFastMcpServer(): Promise<RunningPeer> {
  const server = new FastMCP({ name: 'fastmcp-peer', version: '1.0.0', logger: QUIET });
  server.addTool({
    name: 'echo',
    description: 'Echoes a message',
    parameters: z.object({ message: z.string() }),
    execute: async ({ message }) => message,
  });
  const port = await freePort();
  await server.start({
    transportType: 'httpStream',
    httpStream: { port, host: '127.0.0.1', endpoint: '/mcp' },
  });
  return { url: `http://127.0.0.1:${port}/mcp`, close: () => server.stop() };
}
