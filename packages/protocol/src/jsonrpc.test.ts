import { describe, expect, it } from 'vitest';
import { jsonRpcError, jsonRpcNotification, jsonRpcRequest, jsonRpcResult } from './build.js';
import { ErrorCode } from './error-codes.js';
import {
  isJSONRPCErrorResponse,
  isJSONRPCNotification,
  isJSONRPCRequest,
  isJSONRPCResultResponse,
  JSONRPCErrorResponseSchema,
  JSONRPCMessageSchema,
  JSONRPCRequestSchema,
} from './jsonrpc.js';
import { parseJSONRPCMessage, toJSONRPCMessage } from './parse.js';

// Examples from the MCP specification (2025-11-25: ping, progress, tools, lifecycle).
const specRequest = {
  jsonrpc: '2.0',
  id: 1,
  method: 'some_method',
  params: { _meta: { progressToken: 'abc123' } },
};
const specPing = { jsonrpc: '2.0', id: '123', method: 'ping' };
const specPingResult = { jsonrpc: '2.0', id: '123', result: {} };
const specError = {
  jsonrpc: '2.0',
  id: 1,
  error: {
    code: -32602,
    message: 'Unsupported protocol version',
    data: { supported: ['2024-11-05'], requested: '1.0.0' },
  },
};
const specNotification = { jsonrpc: '2.0', method: 'notifications/initialized' };

describe('JSON-RPC schemas', () => {
  it('accept the specification examples', () => {
    expect(isJSONRPCRequest(specRequest)).toBe(true);
    expect(isJSONRPCRequest(specPing)).toBe(true);
    expect(isJSONRPCResultResponse(specPingResult)).toBe(true);
    expect(isJSONRPCErrorResponse(specError)).toBe(true);
    expect(isJSONRPCNotification(specNotification)).toBe(true);
    for (const message of [specRequest, specPing, specPingResult, specError, specNotification]) {
      expect(JSONRPCMessageSchema.safeParse(message).success).toBe(true);
    }
  });

  it('treat id 0 as a real id', () => {
    expect(JSONRPCRequestSchema.parse({ jsonrpc: '2.0', id: 0, method: 'ping' }).id).toBe(0);
    expect(toJSONRPCMessage({ jsonrpc: '2.0', id: 0, result: {} })).toEqual({
      ok: true,
      value: { jsonrpc: '2.0', id: 0, result: {} },
    });
    expect(isJSONRPCNotification({ jsonrpc: '2.0', id: 0, method: 'x' })).toBe(false);
  });

  it('keep unknown members', () => {
    const message = { ...specPing, params: { extra: [1] }, future: { x: true } };
    expect(JSONRPCRequestSchema.parse(message)).toEqual(message);
  });

  it('accept an error response whose id is null or absent', () => {
    const error = { code: ErrorCode.ParseError, message: 'Parse error' };
    expect(JSONRPCErrorResponseSchema.safeParse({ jsonrpc: '2.0', id: null, error }).success).toBe(
      true,
    );
    expect(JSONRPCErrorResponseSchema.safeParse({ jsonrpc: '2.0', error }).success).toBe(true);
  });

  it('has the error codes MCP peers use', () => {
    expect(ErrorCode).toEqual({
      ParseError: -32700,
      InvalidRequest: -32600,
      MethodNotFound: -32601,
      InvalidParams: -32602,
      InternalError: -32603,
      ConnectionClosed: -32000,
      RequestTimeout: -32001,
      ResourceNotFound: -32002,
      HeaderMismatch: -32020,
      MissingRequiredClientCapability: -32021,
      UnsupportedProtocolVersion: -32022,
      UrlElicitationRequired: -32042,
    });
  });
});

describe('toJSONRPCMessage', () => {
  const fails = (value: unknown) => {
    const parsed = toJSONRPCMessage(value);
    if (parsed.ok) throw new Error(`expected ${JSON.stringify(value)} to be refused`);
    return parsed.error;
  };

  it.each([
    [{ ...specPing, jsonrpc: '1.0' }, 'jsonrpc', /jsonrpc: .*"2\.0"/],
    [{ ...specPing, id: null }, 'id', /id: expected a string or an integer/],
    [{ ...specPing, id: 1.5 }, 'id', /id: expected a string or an integer/],
    [{ ...specPing, method: 7 }, 'method', /method: .*string/],
    [{ ...specPing, params: [1, 2] }, 'params', /params: .*object/],
    [
      { ...specRequest, params: { _meta: { progressToken: true } } },
      'params._meta.progressToken',
      /progressToken/,
    ],
    [{ ...specPingResult, result: 'ok' }, 'result', /result: .*object/],
    [{ ...specError, error: { code: 'bad', message: 'x' } }, 'error.code', /error\.code: .*number/],
    [{ ...specError, error: { code: 1 } }, 'error.message', /error\.message/],
    [{ ...specNotification, params: 'x' }, 'params', /params/],
  ])('refuses %j naming %s', (value, field, message) => {
    const error = fails(value);
    expect(error.code).toBe('invalid_message');
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
  });

  it('refuses non-objects, batches and messages of no kind with a clear reason', () => {
    expect(fails(null).message).toMatch(/expected an object, got null/);
    expect(fails([specPing]).message).toMatch(/batches are not supported/);
    expect(fails(3).message).toMatch(/got number/);
    expect(fails({ jsonrpc: '2.0', id: 1 }).message).toMatch(
      /none of "method", "result" or "error"/,
    );
    expect(fails({ ...specPingResult, error: specError.error }).message).toMatch(
      /both "result" and "error"/,
    );
  });

  it('parseJSONRPCMessage reports bad JSON as invalid_json', () => {
    const parsed = parseJSONRPCMessage('{"jsonrpc":');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.code).toBe('invalid_json');
    expect(parseJSONRPCMessage(JSON.stringify(specPing))).toEqual({ ok: true, value: specPing });
  });
});

describe('builders', () => {
  it('build valid messages and leave out absent params and data', () => {
    expect(jsonRpcRequest(0, 'ping')).toEqual({ jsonrpc: '2.0', id: 0, method: 'ping' });
    expect(jsonRpcNotification('notifications/initialized')).toEqual(specNotification);
    expect(jsonRpcResult('123', {})).toEqual(specPingResult);
    expect(
      jsonRpcError(
        1,
        ErrorCode.InvalidParams,
        'Unsupported protocol version',
        specError.error.data,
      ),
    ).toEqual(specError);
    expect(jsonRpcError(null, ErrorCode.ParseError, 'Parse error')).toEqual({
      jsonrpc: '2.0',
      id: null,
      error: { code: -32700, message: 'Parse error' },
    });
  });
});
