/**
 * The ceiling: a bare Fastify server that answers the HTTP+SSE exchange (GET the stream,
 * `endpoint`, one POST per message answered 202, the response on the stream) with no MCP
 * logic at all: no validation, no sessions state beyond the stream, canned answers.
 * What a transport that needs one POST per call can reach on this machine.
 */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { encodeSseMessage } from '@mcp-sse/protocol';
import Fastify from 'fastify';
import { announce, exitOnSignal, readServerArgs } from './server-args.js';

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

const NAME = 'raw-fastify';
const { port, host } = readServerArgs(NAME);
const streams = new Map<string, ServerResponse>();
const app = Fastify({ logger: false });

function send(stream: ServerResponse, id: string | number, result: unknown): void {
  stream.write(encodeSseMessage(JSON.stringify({ jsonrpc: '2.0', id, result })));
}

function text(value: string) {
  return { content: [{ type: 'text', text: value }] };
}

function sleepWithProgress(stream: ServerResponse, body: RpcBody): void {
  const ms = Math.min(Math.max(Number(body.params?.arguments?.ms) || 0, 0), 60_000);
  const token = body.params?._meta?.progressToken;
  const steps = Math.max(1, Math.ceil(ms / 100));
  let step = 0;
  const tick = () => {
    step += 1;
    if (token !== undefined) {
      const params = { progressToken: token, progress: step, total: steps };
      stream.write(
        encodeSseMessage(
          JSON.stringify({ jsonrpc: '2.0', method: 'notifications/progress', params }),
        ),
      );
    }
    if (step < steps) setTimeout(tick, Math.min(100, ms - step * 100));
    else send(stream, body.id!, text(`slept ${ms} ms`));
  };
  setTimeout(tick, Math.min(100, ms));
}

/** The canned result for a request; undefined when the answer comes later (sleep). */
function resultFor(stream: ServerResponse, body: RpcBody): unknown {
  const args = body.params?.arguments ?? {};
  switch (body.method) {
    case 'initialize':
      return {
        protocolVersion: body.params?.protocolVersion ?? '2024-11-05',
        capabilities: { tools: {} },
        serverInfo: { name: NAME, version: '0.0.0' },
      };
    case 'tools/call':
      switch (body.params?.name) {
        case 'echo':
          return text(String(args.message));
        case 'add':
          return text(String(Number(args.a) + Number(args.b)));
        case 'sleep':
          sleepWithProgress(stream, body);
          return undefined;
        default:
          return { ...text('unknown tool'), isError: true };
      }
    default:
      return {};
  }
}

function answer(stream: ServerResponse, body: RpcBody): void {
  if (body.id === undefined) return; // a notification: nothing to answer
  const result = resultFor(stream, body);
  if (result !== undefined) send(stream, body.id, result);
}

app.get('/sse', (request, reply) => {
  const sessionId = randomUUID();
  reply.hijack();
  const stream = reply.raw;
  stream.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  stream.write(`event: endpoint\ndata: /messages?sessionId=${sessionId}\n\n`);
  streams.set(sessionId, stream);
  request.raw.on('close', () => streams.delete(sessionId));
});

app.post('/messages', (request, reply) => {
  const sessionId = (request.query as { sessionId?: string }).sessionId;
  const stream = sessionId === undefined ? undefined : streams.get(sessionId);
  if (stream === undefined) {
    return reply.code(404).send({ error: `unknown session ${String(sessionId)}` });
  }
  answer(stream, request.body as RpcBody);
  return reply.code(202).send();
});

await app.listen({ port, host });
announce(NAME, host, (app.server.address() as { port: number }).port);
exitOnSignal(async () => {
  for (const stream of streams.values()) stream.end();
  await app.close();
});
