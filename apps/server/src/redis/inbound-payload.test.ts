import {
  jsonRpcError,
  jsonRpcNotification,
  jsonRpcRequest,
  jsonRpcResult,
} from '@mcp-sse/protocol';
import { describe, expect, it } from 'vitest';
import { answeredField, decodeInbound, encodeInbound, pendingField } from './inbound-payload.js';

describe('inbound payloads on a session channel', () => {
  it('round-trips messages and simple calls', () => {
    const message = jsonRpcRequest(7, 'tools/call', { name: 'echo', arguments: { message: 'x' } });
    expect(decodeInbound(encodeInbound({ kind: 'message', message }))).toEqual({
      kind: 'message',
      message,
    });
    const simple = { kind: 'simple', tool: 'add', args: { a: 1, b: 2 } } as const;
    expect(decodeInbound(encodeInbound(simple))).toEqual(simple);
    expect(decodeInbound('m{not json')).toBeUndefined();
    expect(decodeInbound('a3')).toBeUndefined();
  });

  it('keys requests by their id as JSON, so 1 and "1" differ, and notifications not at all', () => {
    const request = (id: number | string) => ({
      kind: 'message' as const,
      message: jsonRpcRequest(id, 'ping'),
    });
    expect(pendingField(request(1))).toBe('1');
    expect(pendingField(request('1'))).toBe('"1"');
    expect(
      pendingField({ kind: 'message', message: jsonRpcNotification('notifications/initialized') }),
    ).toBe('');
    expect(pendingField({ kind: 'simple', tool: 'echo', args: {} })).toBe('');
  });

  it('reads the answered request id from the head of an outgoing message', () => {
    for (const id of [0, 42, -3, 'a"b', 'x\\y']) {
      const field = JSON.stringify(id);
      expect(answeredField(JSON.stringify(jsonRpcResult(id, { ok: true })))).toBe(field);
      expect(answeredField(JSON.stringify(jsonRpcError(id, -32602, 'bad')))).toBe(field);
      expect(pendingField({ kind: 'message', message: jsonRpcRequest(id, 'ping') })).toBe(field);
    }
    expect(answeredField(JSON.stringify(jsonRpcNotification('notifications/progress', {})))).toBe(
      '',
    );
  });
});
