import { expect, test } from 'vitest';
import { formatHttp, type HttpTrace, tracingFetch } from './http-trace.js';

test('tracingFetch reports the request, the response and the end of an SSE stream', async () => {
  const traces: HttpTrace[] = [];
  const inner: typeof fetch = async () =>
    new Response('id: 1\ndata: {}\n\n', {
      status: 200,
      headers: { 'content-type': 'text/event-stream; charset=utf-8', 'mcp-session-id': 's-1' },
    });
  const traced = tracingFetch((trace) => traces.push(trace), inner);
  const response = await traced('http://127.0.0.1:1/mcp?x=1', {
    method: 'POST',
    headers: { 'mcp-session-id': 's-1', 'last-event-id': '1:2', accept: 'text/event-stream' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call' }),
  });
  expect(await response.text()).toBe('id: 1\ndata: {}\n\n');
  expect(traces.map((trace) => trace.direction)).toEqual(['out', 'in', 'end']);
  expect(new Set(traces.map((trace) => trace.exchange)).size).toBe(1);
  expect(traces[0]).toMatchObject({
    method: 'POST',
    path: '/mcp?x=1',
    rpc: 'tools/call',
    headers: { 'mcp-session-id': 's-1', 'last-event-id': '1:2' },
  });
  expect(traces[0]!.headers).not.toHaveProperty('accept');
  expect(traces[1]).toMatchObject({
    status: 200,
    headers: { 'content-type': 'text/event-stream', 'mcp-session-id': 's-1' },
  });
});

test('a JSON answer is passed on as is, with no end trace', async () => {
  const traces: HttpTrace[] = [];
  const answer = new Response('{}', { headers: { 'content-type': 'application/json' } });
  const traced = tracingFetch(
    (trace) => traces.push(trace),
    async () => answer,
  );
  expect(await traced('http://127.0.0.1:1/mcp')).toBe(answer);
  expect(traces.map((trace) => `${trace.direction} ${trace.method}`)).toEqual([
    'out GET',
    'in GET',
  ]);
});

test('formatHttp shows the MCP headers, a session id shortened', () => {
  const line = formatHttp({
    direction: 'out',
    exchange: 1,
    method: 'GET',
    path: '/mcp',
    headers: { 'mcp-session-id': '0a8b4863-23e5-4172-964d-1e6d5157f1b6', 'last-event-id': '3:3' },
  });
  expect(line).toBe('→ GET /mcp  [Mcp-Session-Id: 0a8b4863…, Last-Event-ID: 3:3]');
  expect(
    formatHttp({
      direction: 'in',
      exchange: 1,
      method: 'POST',
      path: '/',
      status: 202,
      headers: {},
    }),
  ).toBe('← HTTP 202');
});
