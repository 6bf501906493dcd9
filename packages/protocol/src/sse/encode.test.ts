import { describe, expect, it } from 'vitest';
import {
  encodeSseComment,
  encodeSseEvent,
  encodeSseFrame,
  encodeSseMessage,
  encodeSseRetry,
} from './encode.js';

describe('encodeSseFrame', () => {
  it('writes event, id, retry and data fields and ends with a blank line', () => {
    expect(encodeSseFrame({ event: 'tools', id: '7', retry: 3000, data: '[]' })).toBe(
      'event: tools\nid: 7\nretry: 3000\ndata: []\n\n',
    );
    expect(encodeSseFrame({ data: '' })).toBe('data: \n\n');
  });

  it('splits data at every kind of line break so no line can become a field', () => {
    expect(encodeSseFrame({ data: 'a\nevent: forged\r\n\r\nid: x\rz' })).toBe(
      'data: a\ndata: event: forged\ndata: \ndata: id: x\ndata: z\n\n',
    );
  });

  it.each(['a\nb', 'a\rb', 'a\r\nb', '\n', 'x\0y'])('refuses the event name or id %j', (value) => {
    expect(() => encodeSseFrame({ event: value, data: '' })).toThrow(RangeError);
    expect(() => encodeSseFrame({ id: value, data: '' })).toThrow(RangeError);
    expect(() => encodeSseMessage('{}', value)).toThrow(/must not contain CR, LF or NUL/);
  });

  it('refuses an empty event name, which would read back as "message"', () => {
    expect(() => encodeSseFrame({ event: '', data: '' })).toThrow(/must not be empty/);
  });

  it.each([-1, 1.5, Number.NaN])('refuses the retry value %d', (retry) => {
    expect(() => encodeSseFrame({ retry, data: '' })).toThrow(/whole number/);
    expect(() => encodeSseRetry(retry)).toThrow(RangeError);
  });
});

describe('typed events', () => {
  it('writes the endpoint URL as it is and everything else as JSON', () => {
    expect(encodeSseEvent({ event: 'endpoint', data: '/messages?sessionId=abc' })).toBe(
      'event: endpoint\ndata: /messages?sessionId=abc\n\n',
    );
    expect(
      encodeSseEvent({ event: 'message', id: '1', data: { jsonrpc: '2.0', id: 0, result: {} } }),
    ).toBe('event: message\nid: 1\ndata: {"jsonrpc":"2.0","id":0,"result":{}}\n\n');
    expect(
      encodeSseEvent({ event: 'error', data: { code: -32602, message: 'Unknown tool: x' } }),
    ).toBe('event: error\ndata: {"code":-32602,"message":"Unknown tool: x"}\n\n');
  });

  it('encodeSseMessage matches encodeSseEvent, and still splits pretty-printed JSON', () => {
    const message = { jsonrpc: '2.0' as const, method: 'notifications/initialized' };
    expect(encodeSseMessage(JSON.stringify(message), '9')).toBe(
      encodeSseEvent({ event: 'message', id: '9', data: message }),
    );
    expect(encodeSseMessage('{\n"a": 1\n}')).toBe(
      'event: message\ndata: {\ndata: "a": 1\ndata: }\n\n',
    );
  });
});

describe('comments and retry', () => {
  it('writes heartbeat comments, one comment line per input line', () => {
    expect(encodeSseComment('ping')).toBe(': ping\n\n');
    expect(encodeSseComment()).toBe(': \n\n');
    expect(encodeSseComment('a\nb')).toBe(': a\n: b\n\n');
  });

  it('writes a retry hint on its own', () => {
    expect(encodeSseRetry(3000)).toBe('retry: 3000\n\n');
  });
});
