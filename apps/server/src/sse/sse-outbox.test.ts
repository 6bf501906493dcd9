import type { ServerResponse } from 'node:http';
import { PassThrough } from 'node:stream';
import { encodeSseFrame } from '@mcp-sse/protocol';
import { describe, expect, it } from 'vitest';
import { SseOutbox } from './sse-outbox.js';

/** A stand-in response that records what is written to it. */
function fakeResponse(): { res: ServerResponse; text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  return { res: stream as unknown as ServerResponse, text: () => text };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('SseOutbox', () => {
  it('writes a shared event exactly as encodeSseFrame would, and replays it the same', async () => {
    const json = JSON.stringify({ tools: [{ name: 'echo' }] });
    const first = fakeResponse();
    const outbox = new SseOutbox(first.res, {
      maxBufferedBytes: 1 << 20,
      onOverflow: () => {},
      replayEvents: 8,
      idPrefix: 'abc',
    });
    outbox.event('endpoint', '/messages?sessionId=abc');
    outbox.sharedEvent('tools', encodeSseFrame({ data: json }), true);
    await tick();
    const expected = encodeSseFrame({ event: 'tools', id: 'abc:2', data: json });
    expect(first.text()).toBe(
      encodeSseFrame({ event: 'endpoint', id: 'abc:1', data: '/messages?sessionId=abc' }) +
        expected,
    );
    expect(outbox.sentSeq).toBe(2);

    outbox.detach();
    outbox.message('{"jsonrpc":"2.0","id":1,"result":{}}');
    expect(outbox.sentSeq).toBe(2);
    const second = fakeResponse();
    expect(outbox.attach(second.res, '', 1)).toBe(true);
    await tick();
    expect(second.text()).toBe(
      `${expected}event: message\nid: abc:3\ndata: {"jsonrpc":"2.0","id":1,"result":{}}\n\n`,
    );
    expect(outbox.sentSeq).toBe(3);
  });
});
