/**
 * The Streamable HTTP ceiling: bare Fastify answering a POST to /mcp with canned JSON-RPC
 * (`application/json`), no MCP logic: no validation, no session state (`initialize` hands
 * out a fresh id that is never checked), no headers checked. `sleep` answers as an SSE
 * stream with its progress, so the progress scenario has a ceiling too. What one POST per
 * call can reach on this machine.
 */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import Fastify from 'fastify';
import { fillerToolDescription, fillerToolName } from './extra-tools.js';
import { announce, exitOnSignal, intOption, readServerArgs } from './server-args.js';

interface RpcBody {
  id?: string | number;
  method?: string;
  params?: {
    protocolVersion?: string;
    name?: string;
    arguments?: Record<string, unknown>;
    _meta?: { progressToken?: string | number };
  };
}

const NAME = 'raw-mcp';
const { port, host, extra } = readServerArgs(NAME, process.argv.slice(2), ['tools']);
const fillers = intOption(NAME, 'tools', extra.tools, 0, 0, 10_000);
const app = Fastify({ logger: false });

const schema = (property: string) => ({
  type: 'object',
  properties: { [property]: { type: 'string' } },
  required: [property],
});
const toolList = {
  tools: [
    { name: 'echo', description: 'Echoes the message back', inputSchema: schema('message') },
    ...Array.from({ length: fillers }, (_, i) => ({
      name: fillerToolName(i),
      description: fillerToolDescription(i),
      inputSchema: schema('key'),
    })),
  ],
};

const text = (value: string) => ({ content: [{ type: 'text', text: value }] });
const frame = (message: unknown) => `event: message\ndata: ${JSON.stringify(message)}\n\n`;

function sleepStream(raw: ServerResponse, body: RpcBody): void {
  const ms = Math.min(Math.max(Number(body.params?.arguments?.ms) || 0, 0), 60_000);
  const token = body.params?._meta?.progressToken;
  const steps = Math.max(1, Math.ceil(ms / 100));
  raw.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  let step = 0;
  const tick = () => {
    step += 1;
    if (token !== undefined) {
      const params = { progressToken: token, progress: step, total: steps };
      raw.write(frame({ jsonrpc: '2.0', method: 'notifications/progress', params }));
    }
    if (step < steps) setTimeout(tick, Math.min(100, ms - step * 100));
    else raw.end(frame({ jsonrpc: '2.0', id: body.id, result: text(`slept ${ms} ms`) }));
  };
  setTimeout(tick, Math.min(100, ms));
}

app.post('/mcp', (request, reply) => {
  const body = request.body as RpcBody;
  if (body.id === undefined) return reply.code(202).send();
  const args = body.params?.arguments ?? {};
  let result: unknown = {};
  if (body.method === 'initialize') {
    reply.header('mcp-session-id', randomUUID());
    result = {
      protocolVersion: body.params?.protocolVersion ?? '2025-11-25',
      capabilities: { tools: {} },
      serverInfo: { name: NAME, version: '0.0.0' },
    };
  } else if (body.method === 'tools/list') {
    result = toolList;
  } else if (body.method === 'tools/call') {
    if (body.params?.name === 'sleep') {
      reply.hijack();
      sleepStream(reply.raw, body);
      return reply;
    }
    result = text(String(args.message ?? args.key));
  }
  return reply.send({ jsonrpc: '2.0', id: body.id, result });
});

await app.listen({ port, host });
announce(NAME, host, (app.server.address() as { port: number }).port, '/mcp');
exitOnSignal(() => app.close());
