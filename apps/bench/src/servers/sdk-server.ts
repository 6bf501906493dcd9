/**
 * The official TypeScript SDK's documented HTTP+SSE server: McpServer + SSEServerTransport
 * on express, one McpServer per session (the SDK refuses to connect one server to two
 * transports), tools registered with zod shapes as the SDK docs show.
 */
import type { AddressInfo } from 'node:net';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import express from 'express';
import { z } from 'zod';
import { announce, exitOnSignal, readServerArgs } from './server-args.js';

const NAME = 'sdk-server';
const { port, host } = readServerArgs(NAME);

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function getServer(): McpServer {
  const server = new McpServer({ name: NAME, version: '1.0.0' });
  server.registerTool(
    'echo',
    { description: 'Echoes the message back', inputSchema: { message: z.string() } },
    async ({ message }) => ({ content: [{ type: 'text', text: message }] }),
  );
  server.registerTool(
    'add',
    { description: 'Adds two numbers', inputSchema: { a: z.number(), b: z.number() } },
    async ({ a, b }) => ({ content: [{ type: 'text', text: String(a + b) }] }),
  );
  server.registerTool(
    'sleep',
    {
      description: 'Waits ms milliseconds, reporting progress about every 100 ms',
      inputSchema: { ms: z.number().int().min(0).max(60_000) },
    },
    async ({ ms }, extra) => {
      const token = extra._meta?.progressToken;
      const steps = Math.max(1, Math.ceil(ms / 100));
      for (let step = 1; step <= steps; step += 1) {
        await delay(Math.min(100, ms - (step - 1) * 100));
        if (token !== undefined) {
          await extra.sendNotification({
            method: 'notifications/progress',
            params: { progressToken: token, progress: step, total: steps },
          });
        }
      }
      return { content: [{ type: 'text', text: `slept ${ms} ms` }] };
    },
  );
  return server;
}

const app = express();
app.use(express.json());
const transports: Record<string, SSEServerTransport> = {};

app.get('/sse', async (_req, res) => {
  const transport = new SSEServerTransport('/messages', res);
  transports[transport.sessionId] = transport;
  res.on('close', () => {
    delete transports[transport.sessionId];
  });
  await getServer().connect(transport);
});

app.post('/messages', async (req, res) => {
  const sessionId = req.query.sessionId as string;
  const transport = transports[sessionId];
  if (transport) {
    await transport.handlePostMessage(req, res, req.body);
  } else {
    res.status(400).send('No transport found for sessionId');
  }
});

const listener = app.listen(port, host, () => {
  announce(NAME, host, (listener.address() as AddressInfo).port);
});
exitOnSignal(
  () =>
    new Promise<void>((resolve) => {
      for (const transport of Object.values(transports)) void transport.close();
      listener.close(() => resolve());
      listener.closeAllConnections();
    }),
);
