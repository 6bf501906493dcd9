import { describe, expect, it } from 'vitest';
import { parseWith } from './parse.js';
import { isSimpleCall, SimpleCallSchema, SimpleErrorSchema } from './simple.js';

describe('simple call form', () => {
  it('reads { session_id, tool, args } and defaults args to {}', () => {
    const call = { session_id: 'abc', tool: 'echo', args: { message: 'hi' } };
    expect(SimpleCallSchema.parse(call)).toEqual(call);
    expect(SimpleCallSchema.parse({ session_id: 'abc', tool: 'ping' })).toEqual({
      session_id: 'abc',
      tool: 'ping',
      args: {},
    });
    expect(isSimpleCall(call)).toBe(true);
  });

  it.each([
    ['session_id', { tool: 'echo' }],
    ['session_id', { session_id: '', tool: 'echo' }],
    ['tool', { session_id: 'abc' }],
    ['args', { session_id: 'abc', tool: 'echo', args: ['hi'] }],
  ])('rejects a body with a bad %s, naming it', (field, body) => {
    const parsed = parseWith(SimpleCallSchema, body, 'simple call');
    expect(parsed.ok ? undefined : parsed.error.field).toBe(field);
  });

  it('reads error event data with a numeric or string code', () => {
    expect(SimpleErrorSchema.safeParse({ code: -32602, message: 'Unknown tool: x' }).success).toBe(
      true,
    );
    expect(
      SimpleErrorSchema.safeParse({ code: 'rate_limited', message: 'slow down' }).success,
    ).toBe(true);
    expect(SimpleErrorSchema.safeParse({ message: 'no code' }).success).toBe(false);
  });
});
