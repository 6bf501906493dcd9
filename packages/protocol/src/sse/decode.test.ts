import { describe, expect, it } from 'vitest';
import {
  createSseDecoder,
  SseDecoderStream,
  type SseItem,
  sseItemEventId,
  toSseItem,
} from './decode.js';

function decode(...chunks: (string | Uint8Array)[]): SseItem[] {
  const items: SseItem[] = [];
  const decoder = createSseDecoder((item) => items.push(item));
  for (const chunk of chunks) decoder.feed(chunk);
  decoder.end();
  return items;
}

const endpoint = 'event: endpoint\ndata: /messages?sessionId=s1\n\n';
const tools = 'event: tools\ndata: [{"name":"echo","inputSchema":{"type":"object"}}]\n\n';
const message = 'event: message\nid: 4\ndata: {"jsonrpc":"2.0","id":0,"result":{}}\n\n';

describe('createSseDecoder', () => {
  it('yields typed events, comments and retry hints in order', () => {
    expect(decode(endpoint, ': ping\n\n', tools, 'retry: 2500\n\n', message)).toEqual([
      { type: 'event', event: { event: 'endpoint', data: '/messages?sessionId=s1' } },
      { type: 'comment', text: 'ping' },
      {
        type: 'event',
        event: { event: 'tools', data: [{ name: 'echo', inputSchema: { type: 'object' } }] },
      },
      { type: 'retry', retry: 2500 },
      {
        type: 'event',
        event: { event: 'message', id: '4', data: { jsonrpc: '2.0', id: 0, result: {} } },
      },
    ]);
  });

  it('reads an unnamed event as a message, and a tools object as its list', () => {
    const items = decode(
      'data: {"jsonrpc":"2.0","method":"x"}\n\n',
      'event: tools\ndata: {"tools":[]}\n\n',
    );
    expect(items).toEqual([
      { type: 'event', event: { event: 'message', data: { jsonrpc: '2.0', method: 'x' } } },
      { type: 'event', event: { event: 'tools', data: [] } },
    ]);
  });

  it('reads result and error events of the simple form', () => {
    const items = decode(
      'event: result\ndata: {"content":[{"type":"text","text":"hi"}]}\n\n',
      'event: error\ndata: {"code":-32602,"message":"Unknown tool: x"}\n\n',
    );
    expect(items.map((item) => item.type === 'event' && item.event)).toEqual([
      { event: 'result', data: { content: [{ type: 'text', text: 'hi' }] } },
      { event: 'error', data: { code: -32602, message: 'Unknown tool: x' } },
    ]);
  });

  it('reads a priming event (an id and empty data) as such, and resumes from its id', () => {
    const items: SseItem[] = [];
    const decoder = createSseDecoder((item) => items.push(item));
    decoder.feed('id: prime-1\ndata:\n\n');
    expect(items).toEqual([
      { type: 'priming', id: 'prime-1', raw: { id: 'prime-1', data: '', event: undefined } },
    ]);
    expect(decoder.lastEventId).toBe('prime-1');
    decoder.feed('event: message\nid: prime-2\ndata: \n\n');
    expect(items[1]?.type).toBe('priming');
    expect(decoder.lastEventId).toBe('prime-2');
    decoder.feed(message);
    expect(decoder.lastEventId).toBe('4');
    expect(items.map(sseItemEventId)).toEqual(['prime-1', 'prime-2', '4']);
  });

  it('reads an event with an id and no data line as priming too, in stream order', () => {
    const msg = 'data: {"jsonrpc":"2.0","method":"x"}\n\n';
    const stream = `id: 1\n\n${msg}id: 2\nretry: 500\n\n: ping\n\n${message}id\n\n`;
    const expected = [
      { type: 'priming', id: '1', raw: { id: '1', data: '', event: undefined } },
      { type: 'event', event: { event: 'message', data: { jsonrpc: '2.0', method: 'x' } } },
      { type: 'retry', retry: 500 },
      { type: 'priming', id: '2', raw: { id: '2', data: '', event: undefined } },
      { type: 'comment', text: 'ping' },
      {
        type: 'event',
        event: { event: 'message', id: '4', data: { jsonrpc: '2.0', id: 0, result: {} } },
      },
      { type: 'priming', id: '', raw: { id: '', data: '', event: undefined } },
    ];
    for (const breaks of ['\n', '\r\n', '\r']) {
      const text = stream.replace(/\n/g, breaks);
      expect(decode(text), JSON.stringify(breaks)).toEqual(expected);
      // Cut anywhere, even inside a CRLF: the same items.
      for (let cut = 1; cut < text.length; cut += 1) {
        expect(decode(text.slice(0, cut), text.slice(cut)), `cut at ${cut}`).toEqual(expected);
      }
    }
  });

  it('ignores an id with NUL in it, and ids inside data lines', () => {
    expect(decode('id: a\u0000b\n\n', 'data: id: 5\n\n').map((item) => item.type)).toEqual([
      'error',
    ]);
    const items: SseItem[] = [];
    const decoder = createSseDecoder((item) => items.push(item));
    decoder.feed('data: {"jsonrpc":"2.0","method":"x"}\nid: 6\n\n');
    expect(items.map((item) => item.type)).toEqual(['event']);
    expect(decoder.lastEventId).toBe('6');
  });

  it('keeps the id of an event it cannot read as the last event id', () => {
    const items: SseItem[] = [];
    const decoder = createSseDecoder((item) => items.push(item));
    decoder.feed('id: 7\ndata: {not json\n\n');
    expect(items[0]?.type).toBe('error');
    expect(sseItemEventId(items[0]!)).toBe('7');
    expect(decoder.lastEventId).toBe('7');
  });

  it('exposes the last event id on the stream form too', async () => {
    const stream = new SseDecoderStream();
    const writer = stream.writable.getWriter();
    const reader = stream.readable.getReader();
    void writer.write('id: p\ndata:\n\n');
    expect((await reader.read()).value?.type).toBe('priming');
    expect(stream.lastEventId).toBe('p');
    void writer.close();
  });

  it('hands events with other names over unvalidated', () => {
    expect(decode('event: custom\ndata: anything\n\n')).toEqual([
      { type: 'unknown', raw: { event: 'custom', data: 'anything', id: undefined } },
    ]);
  });

  it('reports malformed events as typed errors naming the field, and carries on', () => {
    const items = decode(
      'event: message\ndata: {not json\n\n',
      'event: message\ndata: {"jsonrpc":"2.0","id":true,"result":{}}\n\n',
      'event: result\ndata: {"content":[{"type":"text"}]}\n\n',
      'event: endpoint\ndata: \n\n',
      'retry: soon\n\n',
      endpoint,
    );
    expect(items.map((item) => item.type)).toEqual([
      'error',
      'error',
      'error',
      'error',
      'error',
      'event',
    ]);
    const errors = items.flatMap((item) => (item.type === 'error' ? [item.error] : []));
    expect(errors.map((error) => error.code)).toEqual([
      'invalid_event',
      'invalid_message',
      'invalid_event',
      'invalid_event',
      'invalid_stream',
    ]);
    expect(errors[1]?.field).toBe('id');
    expect(errors[2]?.message).toMatch(/data\.content\.0\.text/);
    expect(errors[4]?.message).toMatch(/retry/);
  });

  it('joins bytes split inside a multi-byte character', () => {
    const bytes = new TextEncoder().encode(
      'event: result\ndata: {"content":[{"type":"text","text":"👋é"}]}\n\n',
    );
    const at = bytes.indexOf(0xf0) + 2;
    const items = decode(bytes.slice(0, at), bytes.slice(at));
    expect(items).toEqual([
      {
        type: 'event',
        event: { event: 'result', data: { content: [{ type: 'text', text: '👋é' }] } },
      },
    ]);
  });

  it('drops a leading byte order mark, in bytes or text', () => {
    expect(decode(new Uint8Array([0xef, 0xbb, 0xbf]), endpoint)).toHaveLength(1);
    expect(decode(`\uFEFF${endpoint}`)).toEqual(decode(endpoint));
  });

  it('drops an event the stream ends before finishing', () => {
    expect(decode('event: endpoint\ndata: /x')).toEqual([]);
  });

  it('takes a lone CR at the very end of the stream as the line break it is', () => {
    expect(decode('event: endpoint\rdata: /m\r\r')).toEqual([
      { type: 'event', event: { event: 'endpoint', data: '/m' } },
    ]);
    // Only one line break: the event is unfinished and dropped.
    expect(decode('event: endpoint\rdata: /m\r')).toEqual([]);
  });

  it('drops an oversized event with an error and reads on after it', () => {
    const items: SseItem[] = [];
    const decoder = createSseDecoder((item) => items.push(item), { maxEventSize: 64 });
    decoder.feed(`event: message\ndata: ${'x'.repeat(100)}`);
    decoder.feed(`${'y'.repeat(100)}\ndata: more\n`);
    decoder.feed('\n');
    decoder.feed(endpoint);
    decoder.end();
    expect(items.map((item) => item.type)).toEqual(['error', 'event']);
    expect(items[0]?.type === 'error' && items[0].error.code).toBe('invalid_stream');
  });
});

describe('toSseItem', () => {
  it('never throws, whatever the raw event holds', () => {
    for (const data of ['', 'null', '[]', '1e999', '"x"', '{"jsonrpc":"2.0"}', '\u0000']) {
      for (const event of [undefined, 'message', 'tools', 'result', 'error', 'endpoint']) {
        expect(() => toSseItem({ event, data, id: undefined })).not.toThrow();
      }
    }
  });
});

describe('SseDecoderStream', () => {
  it('decodes a byte stream into items', async () => {
    const body = new Response(`${endpoint}: ping\n\n${message}`).body!;
    const items: SseItem[] = [];
    const reader = body.pipeThrough(new SseDecoderStream()).getReader();
    for (let i = 0; i < 100; i++) {
      const { done, value } = await reader.read();
      if (done) break;
      items.push(value);
    }
    expect(items.map((item) => item.type)).toEqual(['event', 'comment', 'event']);
  });
});
