import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeHeaderValue,
  encodeHeaderValue,
  isBase64HeaderValue,
  isPlainHeaderValue,
} from './header-value.js';
import { MCP_NAME_SOURCE, McpHeader, mcpParamHeaderName } from './headers.js';

describe('header values (2026-07-28 Streamable HTTP)', () => {
  // The specification's own encoding table.
  it.each([
    ['us-west1', 'us-west1'],
    ['Hello, 世界', '=?base64?SGVsbG8sIOS4lueVjA==?='],
    [' padded ', '=?base64?IHBhZGRlZCA=?='],
    ['line1\nline2', '=?base64?bGluZTEKbGluZTI=?='],
    ['=?base64?literal?=', '=?base64?PT9iYXNlNjQ/bGl0ZXJhbD89?='],
  ])('encodes %j as the specification shows', (value, encoded) => {
    expect(encodeHeaderValue(value)).toBe(encoded);
    expect(decodeHeaderValue(encoded)).toBe(value);
  });

  it('writes numbers in decimal and booleans in lower case', () => {
    expect(encodeHeaderValue(42)).toBe('42');
    expect(encodeHeaderValue(-7)).toBe('-7');
    expect(encodeHeaderValue(true)).toBe('true');
  });

  // Code points, lone surrogates excepted (they are not UTF-8), mostly ASCII so that plain
  // values and sentinel look-alikes come up too.
  const codePoint = fc.oneof(
    fc.integer({ min: 0, max: 0x7f }),
    fc.constantFrom(0x3d, 0x3f, 0x20, 0x09, 0x0a),
    fc.integer({ min: 0x80, max: 0x10ffff }).filter((c) => c < 0xd800 || c > 0xdfff),
  );
  const text = fc.array(codePoint, { maxLength: 40 }).map((cs) => String.fromCodePoint(...cs));

  it('round-trips any string, and never emits a byte a header cannot carry', () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.constant('=?base64?x?=')), (value) => {
        const encoded = encodeHeaderValue(value);
        expect(encoded).toMatch(/^[\x20-\x7e]*$/);
        expect(encoded.trim()).toBe(encoded);
        expect(decodeHeaderValue(encoded)).toBe(value);
      }),
      { numRuns: 500 },
    );
  }, 60_000);

  it('refuses a sentinel whose content is not Base64 of UTF-8', () => {
    expect(decodeHeaderValue('=?base64?not base64!?=')).toBeUndefined();
    expect(decodeHeaderValue('=?base64?/w==?=')).toBeUndefined(); // 0xFF is not UTF-8
    expect(decodeHeaderValue('=?base64?A?=')).toBeUndefined();
  });

  it('leaves plain values alone and tells the two forms apart', () => {
    expect(decodeHeaderValue('plain value')).toBe('plain value');
    expect(isBase64HeaderValue('=?base64??=')).toBe(true);
    expect(decodeHeaderValue('=?base64??=')).toBe('');
    expect(isPlainHeaderValue('a b')).toBe(true);
    expect(isPlainHeaderValue('tab\there')).toBe(false);
    expect(isPlainHeaderValue('=?BASE64?x?=')).toBe(true); // the markers are case-sensitive
  });

  it('names the headers as the specification spells them', () => {
    expect(McpHeader).toMatchObject({
      ProtocolVersion: 'MCP-Protocol-Version',
      SessionId: 'Mcp-Session-Id',
      Method: 'Mcp-Method',
      Name: 'Mcp-Name',
    });
    expect(mcpParamHeaderName('Region')).toBe('Mcp-Param-Region');
    expect(MCP_NAME_SOURCE['resources/read']).toBe('uri');
    expect(MCP_NAME_SOURCE['tools/call']).toBe('name');
  });
});
