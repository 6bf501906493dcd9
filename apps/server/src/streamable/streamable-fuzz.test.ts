import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import {
  body,
  contentType,
  FUZZ_KEY,
  fuzzRuns,
  headerValue,
  jsonRpcLike,
} from '../../test/fuzz-arbitraries.js';
import { guardAgainstCrashes } from '../../test/fuzz-server.js';
import { initParams } from './test-client.js';

const RUNS = fuzzRuns();
const TIMEOUT = 60_000 + RUNS * 5;

const fuzzed = guardAgainstCrashes();

function fuzzServer() {
  // A short tool timeout: a fuzzed sleep must not hold a case (inject waits for the stream to end).
  return fuzzed.start({ toolTimeoutMs: 100 });
}

/** A 4xx on the MCP endpoint is a JSON-RPC error response saying what is wrong. */
function expectJsonRpcError(reply: LightMyRequestResponse): void {
  expect(reply.statusCode).toBeGreaterThanOrEqual(400);
  expect(reply.statusCode).toBeLessThan(500);
  const json = reply.json() as { jsonrpc?: unknown; error?: { code?: unknown; message?: unknown } };
  expect(json.jsonrpc).toBe('2.0');
  expect(json.error?.code).toBeTypeOf('number');
  expect(json.error?.message).toBeTypeOf('string');
  expect(reply.body).not.toContain('    at ');
}

const VERSIONS = ['2025-03-26', '2025-06-18', '2025-11-25', '2026-07-28', '1999-01-01'];

/** Headers of a Streamable HTTP POST: right, wrong or missing, each independently. */
const mcpHeaders = (sessionId: string) =>
  fc
    .record(
      {
        auth: fc.oneof(
          { weight: 10, arbitrary: fc.constant<Record<string, string>>({ 'x-api-key': FUZZ_KEY }) },
          { weight: 1, arbitrary: headerValue.map((v) => ({ authorization: v })) },
          { weight: 1, arbitrary: fc.constant<Record<string, string>>({}) },
        ),
        accept: fc.oneof(
          { weight: 8, arbitrary: fc.constant('application/json, text/event-stream') },
          fc.constantFrom('application/json', 'text/event-stream', '*/*'),
          headerValue,
        ),
        session: fc.oneof({ weight: 5, arbitrary: fc.constant(sessionId) }, fc.uuid(), headerValue),
        version: fc.oneof(fc.constantFrom(...VERSIONS), headerValue),
        method: fc.oneof(
          fc.constantFrom('tools/call', 'tools/list', 'server/discover'),
          headerValue,
        ),
        name: fc.oneof(
          fc.constantFrom('echo', 'add', '=?base64?ZWNobw==?=', '=?base64?!!?='),
          headerValue,
        ),
        lastEventId: headerValue,
      },
      { requiredKeys: ['auth'] },
    )
    .map((h) => {
      const out: Record<string, string> = { ...h.auth };
      if (h.accept !== undefined) out.accept = h.accept;
      if (h.session !== undefined) out['mcp-session-id'] = h.session;
      if (h.version !== undefined) out['mcp-protocol-version'] = h.version;
      if (h.method !== undefined) out['mcp-method'] = h.method;
      if (h.name !== undefined) out['mcp-name'] = h.name;
      if (h.lastEventId !== undefined) out['last-event-id'] = h.lastEventId;
      return out;
    });

/** JSON-RPC-like bodies, some carrying 2026-07-28 `_meta`, some batched. */
const mcpBody = fc.oneof(
  { weight: 3, arbitrary: jsonRpcLike },
  {
    weight: 2,
    arbitrary: fc
      .tuple(jsonRpcLike, fc.constantFrom(...VERSIONS), fc.anything())
      .map(([message, version, caps]) => {
        const m = message as { params?: Record<string, unknown> };
        return {
          ...m,
          params: {
            ...(typeof m.params === 'object' && m.params !== null ? m.params : {}),
            _meta: {
              'io.modelcontextprotocol/protocolVersion': version,
              'io.modelcontextprotocol/clientCapabilities': caps,
            },
          },
        };
      }),
  },
  { weight: 1, arbitrary: fc.array(jsonRpcLike, { maxLength: 3 }) },
);

describe('fuzz: the Streamable HTTP endpoint', () => {
  it(
    'POST /mcp and /sse: any body and headers get a 2xx or a 4xx JSON-RPC error, never a crash or a hang',
    async () => {
      const { app } = await fuzzServer();
      const init = await app.inject({
        method: 'POST',
        url: '/mcp',
        headers: {
          'x-api-key': FUZZ_KEY,
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
        },
        payload: { jsonrpc: '2.0', id: 0, method: 'initialize', params: initParams() },
      });
      const sessionId = init.headers['mcp-session-id'] as string;
      expect(sessionId).toBeTypeOf('string');
      const statuses = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(
          body(mcpBody),
          contentType,
          mcpHeaders(sessionId),
          fc.constantFrom('/mcp', '/sse'),
          async (payload, type, extra, url) => {
            const reply = await app.inject({
              method: 'POST',
              url,
              headers: { ...extra, ...(type === undefined ? {} : { 'content-type': type }) },
              payload,
            });
            statuses.set(reply.statusCode, (statuses.get(reply.statusCode) ?? 0) + 1);
            if (reply.statusCode === 202) {
              expect(reply.body).toBe('');
            } else if (reply.statusCode === 200) {
              expect(reply.headers['content-type']).toMatch(
                /^(application\/json|text\/event-stream)/,
              );
            } else if (url === '/mcp' || reply.json().jsonrpc !== undefined) {
              expectJsonRpcError(reply);
            } else {
              // A /sse POST that is not JSON-RPC is the simple form's business.
              expect(reply.statusCode).toBeLessThan(500);
            }
          },
        ),
        { numRuns: RUNS },
      );
      console.log(
        `[fuzz POST /mcp] ${RUNS} cases; statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
      );
    },
    TIMEOUT,
  );

  it(
    'GET and DELETE /mcp with any session id, Last-Event-ID and version get a stream, 204, 405 or a 4xx JSON-RPC error',
    async () => {
      const { app, base } = await fuzzServer();
      const statuses = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(
          mcpHeaders('00000000-0000-4000-8000-000000000000'),
          fc.constantFrom('GET', 'DELETE'),
          async (h, method) => {
            // A GET that opens a stream never ends: ask with a short-lived real request.
            const controller = new AbortController();
            const res = await fetch(`${base}/mcp`, {
              method,
              headers: h,
              signal: controller.signal,
            });
            statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
            if (res.status === 200 && res.headers.get('content-type') === 'text/event-stream') {
              controller.abort();
              return;
            }
            const text = await res.text();
            if (res.status >= 400) {
              const json = JSON.parse(text) as { jsonrpc?: unknown; error?: { code?: unknown } };
              expect(res.status).toBeLessThan(500);
              expect(json.jsonrpc).toBe('2.0');
              expect(json.error?.code).toBeTypeOf('number');
            }
          },
        ),
        { numRuns: Math.min(RUNS, 300) },
      );
      expect(app.mcp.stats().callsInFlight).toBe(0);
      console.log(
        `[fuzz GET/DELETE /mcp] statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
      );
    },
    TIMEOUT,
  );
});
