import { describe, expect, it } from 'vitest';
import { parseWith } from '../parse.js';
import { SSE_EVENT_NAMES, SseEventSchema } from './events.js';

describe('SseEventSchema', () => {
  it('knows the five event names', () => {
    expect(SSE_EVENT_NAMES).toEqual(['endpoint', 'message', 'tools', 'result', 'error']);
  });

  it('accepts each event, with or without an id', () => {
    const events = [
      { event: 'endpoint', data: '/messages?sessionId=1' },
      { event: 'message', data: { jsonrpc: '2.0', id: 0, result: {} }, id: '1' },
      { event: 'tools', data: [{ name: 'echo', inputSchema: { type: 'object' } }] },
      { event: 'result', data: { content: [{ type: 'text', text: '5' }] }, id: '2' },
      { event: 'error', data: { code: -32602, message: 'Unknown tool: nope' } },
    ];
    for (const event of events) expect(SseEventSchema.parse(event)).toEqual(event);
  });

  it.each([
    ['data', { event: 'endpoint', data: '' }],
    ['data.id', { event: 'message', data: { jsonrpc: '2.0', id: false, result: {} } }],
    ['data.message', { event: 'error', data: { code: 1 } }],
    ['event', { event: 'ping', data: '' }],
    [
      'data.1.inputSchema',
      { event: 'tools', data: [{ name: 'a', inputSchema: { type: 'object' } }, { name: 'b' }] },
    ],
  ])('rejects a bad %s, naming it', (field, event) => {
    const parsed = parseWith(SseEventSchema, event, 'event', 'invalid_event');
    expect(parsed.ok ? undefined : parsed.error.field).toBe(field);
  });
});
