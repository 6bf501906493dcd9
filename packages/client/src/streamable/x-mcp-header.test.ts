import { encodeHeaderValue } from '@mcp-sse/protocol';
import { describe, expect, it } from 'vitest';
import { headerArgument, headerParamsOf } from './x-mcp-header.js';

const tool = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  inputSchema: { type: 'object' as const, properties, ...extra },
});

describe('headerParamsOf', () => {
  it('finds annotations reached through properties, nested ones included', () => {
    const result = headerParamsOf(
      tool({
        region: { type: 'string', 'x-mcp-header': 'Region' },
        options: {
          type: 'object',
          properties: { dry: { type: 'boolean', 'x-mcp-header': 'Dry' } },
        },
        // A property that happens to be called x-mcp-header is no annotation.
        'x-mcp-header': { type: 'string' },
      }),
    );
    expect(result).toEqual({
      ok: true,
      params: [
        { name: 'Region', path: ['region'] },
        { name: 'Dry', path: ['options', 'dry'] },
      ],
    });
  });

  it.each([
    ['a number', tool({ n: { type: 'number', 'x-mcp-header': 'N' } })],
    ['an empty name', tool({ n: { type: 'string', 'x-mcp-header': '' } })],
    ['a name that is no token', tool({ n: { type: 'string', 'x-mcp-header': 'a b' } })],
    ['a CR LF', tool({ n: { type: 'string', 'x-mcp-header': 'a\r\nb' } })],
    [
      'a duplicate ignoring case',
      tool({
        a: { type: 'string', 'x-mcp-header': 'X' },
        b: { type: 'string', 'x-mcp-header': 'x' },
      }),
    ],
    [
      'one under items',
      tool({ list: { type: 'array', items: { type: 'string', 'x-mcp-header': 'L' } } }),
    ],
    [
      'one under oneOf',
      tool({}, { oneOf: [{ properties: { a: { type: 'string', 'x-mcp-header': 'A' } } }] }),
    ],
    ['one in $defs', tool({}, { $defs: { a: { type: 'string', 'x-mcp-header': 'A' } } })],
  ])('rejects %s', (_name, schema) => {
    expect(headerParamsOf(schema).ok).toBe(false);
  });
});

describe('headerArgument', () => {
  it('reads primitives at the path, and nothing else', () => {
    expect(headerArgument({ a: { b: 42 } }, ['a', 'b'])).toBe(42);
    expect(headerArgument({ a: false }, ['a'])).toBe(false);
    expect(headerArgument({ a: null }, ['a'])).toBeUndefined();
    expect(headerArgument({ a: 1.5 }, ['a'])).toBeUndefined();
    expect(headerArgument({}, ['a', 'b'])).toBeUndefined();
  });
});

describe('encodeHeaderValue', () => {
  it('follows the specification examples', () => {
    expect(encodeHeaderValue('us-west1')).toBe('us-west1');
    expect(encodeHeaderValue('Hello, 世界')).toBe('=?base64?SGVsbG8sIOS4lueVjA==?=');
    expect(encodeHeaderValue(' padded ')).toBe('=?base64?IHBhZGRlZCA=?=');
    expect(encodeHeaderValue('line1\nline2')).toBe('=?base64?bGluZTEKbGluZTI=?=');
    expect(encodeHeaderValue('=?base64?literal?=')).toBe('=?base64?PT9iYXNlNjQ/bGl0ZXJhbD89?=');
    expect(encodeHeaderValue(-7)).toBe('-7');
    expect(encodeHeaderValue(true)).toBe('true');
  });
});
