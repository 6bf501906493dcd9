import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One content block of a scripted reply. */
export type FakeBlock =
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> };

/** A scripted reply: content and stop reason, or an HTTP error. */
export type FakeReply =
  | { content: FakeBlock[]; stop_reason: 'end_turn' | 'tool_use' | 'max_tokens' }
  | { status: number; error: { type: string; message: string } };

/** A request the fake received. */
export interface FakeRequest {
  headers: IncomingHttpHeaders;
  body: {
    model: string;
    stream?: boolean;
    messages: { role: string; content: unknown }[];
    tools?: { name: string; input_schema: unknown }[];
    [key: string]: unknown;
  };
}

/** A running fake Messages API. */
export interface FakeAnthropic {
  /** Base URL, for ANTHROPIC_BASE_URL. */
  url: string;
  requests: FakeRequest[];
  close(): Promise<void>;
}

function sse(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

// Split in small pieces so that the client must really assemble a stream.
function pieces(text: string, size: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out.length > 0 ? out : [''];
}

function streamReply(
  model: string,
  n: number,
  reply: Extract<FakeReply, { content: unknown }>,
): string {
  let out = sse('message_start', {
    type: 'message_start',
    message: {
      id: `msg_${n}`,
      type: 'message',
      role: 'assistant',
      model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 10, output_tokens: 1 },
    },
  });
  reply.content.forEach((block, index) => {
    if (block.type === 'text') {
      out += sse('content_block_start', {
        type: 'content_block_start',
        index,
        content_block: { type: 'text', text: '' },
      });
      for (const text of pieces(block.text, 4)) {
        out += sse('content_block_delta', {
          type: 'content_block_delta',
          index,
          delta: { type: 'text_delta', text },
        });
      }
    } else {
      out += sse('content_block_start', {
        type: 'content_block_start',
        index,
        content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} },
      });
      for (const partial_json of pieces(JSON.stringify(block.input), 5)) {
        out += sse('content_block_delta', {
          type: 'content_block_delta',
          index,
          delta: { type: 'input_json_delta', partial_json },
        });
      }
    }
    out += sse('content_block_stop', { type: 'content_block_stop', index });
  });
  out += sse('message_delta', {
    type: 'message_delta',
    delta: { stop_reason: reply.stop_reason, stop_sequence: null },
    usage: { output_tokens: 20 },
  });
  out += sse('message_stop', { type: 'message_stop' });
  return out;
}

/**
 * A local fake of the Anthropic Messages API (`POST /v1/messages`) on 127.0.0.1:0: it
 * answers each request with the next scripted reply, streamed as the real API streams
 * (text deltas, tool_use with input_json_delta) or as JSON, and records what it was sent.
 */
export async function startFakeAnthropic(replies: FakeReply[]): Promise<FakeAnthropic> {
  const requests: FakeRequest[] = [];
  let n = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method !== 'POST' || !req.url?.startsWith('/v1/messages')) {
        res
          .writeHead(404, { 'content-type': 'application/json' })
          .end('{"type":"error","error":{"type":"not_found_error","message":"no"}}');
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as FakeRequest['body'];
      // Deep copy: the client keeps mutating its conversation array after sending it.
      requests.push({ headers: req.headers, body: structuredClone(body) });
      const reply = replies[n++];
      if (!reply) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            type: 'error',
            error: { type: 'api_error', message: 'no more scripted replies' },
          }),
        );
        return;
      }
      if ('status' in reply) {
        res.writeHead(reply.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ type: 'error', error: reply.error }));
        return;
      }
      if (body.stream) {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
        res.end(streamReply(body.model, n, reply));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          id: `msg_${n}`,
          type: 'message',
          role: 'assistant',
          model: body.model,
          content: reply.content,
          stop_reason: reply.stop_reason,
          stop_sequence: null,
          usage: { input_tokens: 10, output_tokens: 20 },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
