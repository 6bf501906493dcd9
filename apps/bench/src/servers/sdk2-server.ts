/**
 * The official SDK v2 server (`@modelcontextprotocol/server` 2.4 with
 * `@modelcontextprotocol/node`) in its documented Streamable HTTP setups at /mcp:
 * `--mode json` / `--mode sse` are stateful (one `NodeStreamableHTTPServerTransport` and
 * one `McpServer` per session, JSON or SSE answers); `--mode handler` is `createMcpHandler`
 * (stateless, a new server per request; the 2026-07-28 revision). Host header checked
 * (DNS rebinding protection), as the SDK's examples do.
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  localhostHostValidation,
  NodeStreamableHTTPServerTransport,
  toNodeHandler,
} from '@modelcontextprotocol/node';
import { createMcpHandler, McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import { fillerToolDescription, fillerToolName } from './extra-tools.js';
import { announce, exitOnSignal, intOption, readServerArgs } from './server-args.js';

const NAME = 'sdk2-server';
const { port, host, extra } = readServerArgs(NAME, process.argv.slice(2), ['mode', 'tools']);
const mode = extra.mode ?? 'sse';
if (!['json', 'sse', 'handler'].includes(mode)) {
  process.stderr.write(`${NAME}: --mode must be json, sse or handler, got ${mode}\n`);
  process.exit(2);
}
const fillers = intOption(NAME, 'tools', extra.tools, 0, 0, 10_000);
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function getServer(): McpServer {
  const server = new McpServer({ name: NAME, version: '1.0.0' });
  server.registerTool(
    'echo',
    { description: 'Echoes the message back', inputSchema: z.object({ message: z.string() }) },
    async ({ message }) => ({ content: [{ type: 'text', text: message }] }),
  );
  server.registerTool(
    'add',
    { description: 'Adds two numbers', inputSchema: z.object({ a: z.number(), b: z.number() }) },
    async ({ a, b }) => ({ content: [{ type: 'text', text: String(a + b) }] }),
  );
  server.registerTool(
    'sleep',
    {
      description: 'Waits ms milliseconds, reporting progress about every 100 ms',
      inputSchema: z.object({ ms: z.number().int().min(0).max(60_000) }),
    },
    async ({ ms }, ctx) => {
      const token = ctx.mcpReq._meta?.progressToken;
      const steps = Math.max(1, Math.ceil(ms / 100));
      for (let step = 1; step <= steps; step += 1) {
        await delay(Math.min(100, ms - (step - 1) * 100));
        if (token !== undefined) {
          await ctx.mcpReq.notify({
            method: 'notifications/progress',
            params: { progressToken: token, progress: step, total: steps },
          });
        }
      }
      return { content: [{ type: 'text', text: `slept ${ms} ms` }] };
    },
  );
  for (let i = 0; i < fillers; i += 1) {
    server.registerTool(
      fillerToolName(i),
      {
        description: fillerToolDescription(i),
        inputSchema: z.object({ key: z.string().describe('The key to look up') }),
      },
      async ({ key }) => ({ content: [{ type: 'text', text: key }] }),
    );
  }
  return server;
}

const validHost = localhostHostValidation();
const transports = new Map<string, NodeStreamableHTTPServerTransport>();
const handler = mode === 'handler' ? toNodeHandler(createMcpHandler(() => getServer())) : undefined;

const listener = createServer((req, res) => {
  if (!validHost(req, res)) return;
  if (!req.url?.startsWith('/mcp')) {
    res.writeHead(404).end();
    return;
  }
  if (handler !== undefined) {
    void handler(req, res);
    return;
  }
  const sessionId = req.headers['mcp-session-id'];
  const known = typeof sessionId === 'string' ? transports.get(sessionId) : undefined;
  if (known !== undefined) {
    void known.handleRequest(req, res);
    return;
  }
  if (sessionId !== undefined) {
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        jsonrpc: '2.0',
        error: { code: -32001, message: 'Session not found' },
        id: null,
      }),
    );
    return;
  }
  const transport = new NodeStreamableHTTPServerTransport({
    sessionIdGenerator: () => randomUUID(),
    enableJsonResponse: mode === 'json',
    onsessioninitialized: (id) => {
      transports.set(id, transport);
    },
  });
  transport.onclose = () => {
    if (transport.sessionId !== undefined) transports.delete(transport.sessionId);
  };
  void getServer()
    .connect(transport)
    .then(() => transport.handleRequest(req, res));
});

listener.listen(port, host, () => {
  announce(NAME, host, (listener.address() as AddressInfo).port, '/mcp');
});
exitOnSignal(
  () =>
    new Promise<void>((resolve) => {
      for (const transport of transports.values()) void transport.close();
      listener.close(() => resolve());
      listener.closeAllConnections();
    }),
);
