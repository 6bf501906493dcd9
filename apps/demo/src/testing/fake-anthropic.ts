import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A loopback stand-in for the Anthropic Messages API, streaming scripted replies. */
export interface FakeAnthropic {
  baseUrl: string;
  /** The request bodies received, parsed. */
  requests: Array<{ tools?: Array<{ name: string }>; messages?: unknown[] }>;
  close(): Promise<void>;
}

type Block = { type: 'text'; text: string } | { type: 'tool_use'; name: string; input: object };

/**
 * Starts the fake: the n-th request gets the n-th scripted block as a streamed message
 * (message_start … message_stop), so the chat's tool loop can be driven offline.
 */
export async function startFakeAnthropic(script: Block[]): Promise<FakeAnthropic> {
  const requests: FakeAnthropic['requests'] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      requests.push(JSON.parse(body || '{}'));
      const n = requests.length;
      const block = script[Math.min(n, script.length) - 1] ?? { type: 'text', text: 'done' };
      const send = (type: string, data: object) =>
        res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      send('message_start', {
        message: {
          id: `msg_${n}`,
          type: 'message',
          role: 'assistant',
          model: 'fake',
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: 1, output_tokens: 0 },
        },
      });
      if (block.type === 'tool_use') {
        send('content_block_start', {
          index: 0,
          content_block: { type: 'tool_use', id: `toolu_${n}`, name: block.name, input: {} },
        });
        send('content_block_delta', {
          index: 0,
          delta: { type: 'input_json_delta', partial_json: JSON.stringify(block.input) },
        });
      } else {
        send('content_block_start', { index: 0, content_block: { type: 'text', text: '' } });
        send('content_block_delta', { index: 0, delta: { type: 'text_delta', text: block.text } });
      }
      send('content_block_stop', { index: 0 });
      send('message_delta', {
        delta: {
          stop_reason: block.type === 'tool_use' ? 'tool_use' : 'end_turn',
          stop_sequence: null,
        },
        usage: { output_tokens: 1 },
      });
      send('message_stop', {});
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
