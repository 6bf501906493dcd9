import { toJSONRPCMessage } from '@mcp-sse/protocol';
import fc from 'fast-check';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import {
  body,
  contentType,
  FUZZ_KEY,
  fuzzRuns,
  headers,
  headerValue,
  jsonRpcLike,
  simpleLike,
} from '../../test/fuzz-arbitraries.js';
import { guardAgainstCrashes } from '../../test/fuzz-server.js';
import { openSession, type TestStream, until } from '../../test/helpers.js';

const RUNS = fuzzRuns();
// About 1 ms per case through inject, more for real sockets; generous so 100,000 fit.
const TIMEOUT = 60_000 + RUNS * 5;

const fuzzed = guardAgainstCrashes();

function fuzzServer(resumeGraceMs = 30_000) {
  return fuzzed.start({ toolTimeoutMs: 2000, resumeGraceMs });
}

/** A 4xx must be a JSON error that says what is wrong, without a stack trace. */
function expectClientError(reply: LightMyRequestResponse): void {
  expect(reply.statusCode).toBeGreaterThanOrEqual(400);
  expect(reply.statusCode).toBeLessThan(500);
  const json = reply.json() as { statusCode?: unknown; message?: unknown; code?: unknown };
  expect(json.statusCode).toBe(reply.statusCode);
  expect(json.message).toBeTypeOf('string');
  expect(reply.body).not.toContain('    at ');
}

/** Requests the stream must answer: accepted ids, less those the client then cancelled. */
function expectAllAnswered(stream: TestStream, accepted: string[], cancelled: Set<string>): void {
  const answered = new Set(
    stream.items.flatMap((i) =>
      i.type === 'event' && i.event.event === 'message'
        ? [JSON.stringify((i.event.data as { id?: unknown }).id)]
        : [],
    ),
  );
  const missing = accepted.filter((id) => !answered.has(id) && !cancelled.has(id));
  expect(missing).toEqual([]);
}

async function settle(app: FastifyInstance): Promise<void> {
  await until(
    () => app.mcp.stats().callsInFlight + app.mcp.stats().callsQueued === 0,
    'fuzzed calls to settle',
    10_000,
  );
}

describe(`hostile input (${RUNS} cases per property; FUZZ_RUNS raises it)`, () => {
  it(
    'POST /messages: any body, content type and headers get 202 or a 4xx JSON error; every accepted request an answer',
    async () => {
      const { app, base } = await fuzzServer();
      const session = await openSession(base, '/sse', { 'x-api-key': FUZZ_KEY });
      const accepted: string[] = [];
      const cancelled = new Set<string>();
      const statuses = new Map<number, number>();
      const sessionParam = fc.oneof(
        { weight: 6, arbitrary: fc.constant(`sessionId=${session.sessionId}`) },
        { weight: 1, arbitrary: fc.constant(`session_id=${session.sessionId}`) },
        { weight: 1, arbitrary: fc.uuid().map((id) => `sessionId=${id}`) },
        {
          weight: 1,
          arbitrary: fc
            .string({ maxLength: 40 })
            .map((id) => `sessionId=${encodeURIComponent(id)}`),
        },
        { weight: 1, arbitrary: fc.constantFrom('', 'sessionId=', 'sessionId=a&sessionId=b') },
      );
      await fc.assert(
        fc.asyncProperty(
          body(jsonRpcLike),
          contentType,
          headers,
          sessionParam,
          async (payload, type, extra, query) => {
            const reply = await app.inject({
              method: 'POST',
              url: `/messages?${query}`,
              headers: { ...extra, ...(type === undefined ? {} : { 'content-type': type }) },
              payload,
            });
            statuses.set(reply.statusCode, (statuses.get(reply.statusCode) ?? 0) + 1);
            if (reply.statusCode !== 202) {
              expectClientError(reply);
              return;
            }
            const parsed = toJSONRPCMessage(JSON.parse(payload.toString()));
            expect(parsed.ok).toBe(true);
            if (!parsed.ok || !('method' in parsed.value)) return;
            const message = parsed.value as { id?: unknown; method: string; params?: unknown };
            if (message.id !== undefined) accepted.push(JSON.stringify(message.id));
            if (message.method === 'notifications/cancelled') {
              const requestId = (message.params as { requestId?: unknown } | undefined)?.requestId;
              cancelled.add(JSON.stringify(requestId));
            }
          },
        ),
        { numRuns: RUNS },
      );
      await settle(app);
      await until(() => {
        try {
          expectAllAnswered(session.stream, accepted, cancelled);
          return true;
        } catch {
          return false;
        }
      }, 'answers to every accepted request');
      expectAllAnswered(session.stream, accepted, cancelled);
      expect(session.stream.done).toBe(false); // the session survived it all
      console.log(
        `[fuzz POST /messages] ${RUNS} cases; statuses ${JSON.stringify(Object.fromEntries(statuses))}; ${accepted.length} requests accepted and answered`,
      );
    },
    TIMEOUT,
  );

  it(
    'POST /sse (simple form): any body, content type and headers get 202 or a 4xx JSON error; every accepted call a result or error event',
    async () => {
      const { app, base } = await fuzzServer();
      const session = await openSession(base, '/sse', { 'x-api-key': FUZZ_KEY });
      let accepted = 0;
      const statuses = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(
          body(simpleLike(session.sessionId)),
          contentType,
          headers,
          async (payload, type, extra) => {
            const reply = await app.inject({
              method: 'POST',
              url: '/sse',
              headers: { ...extra, ...(type === undefined ? {} : { 'content-type': type }) },
              payload,
            });
            statuses.set(reply.statusCode, (statuses.get(reply.statusCode) ?? 0) + 1);
            if (reply.statusCode !== 202) {
              expectClientError(reply);
              return;
            }
            expect(reply.json()).toEqual({ accepted: true, session_id: session.sessionId });
            accepted++;
          },
        ),
        { numRuns: RUNS },
      );
      await settle(app);
      const outcomes = () =>
        session.stream.items.filter(
          (i) => i.type === 'event' && (i.event.event === 'result' || i.event.event === 'error'),
        ).length;
      await until(() => outcomes() === accepted, `${accepted} result or error events`);
      expect(session.stream.done).toBe(false);
      console.log(
        `[fuzz POST /sse] ${RUNS} cases; statuses ${JSON.stringify(Object.fromEntries(statuses))}; ${accepted} calls accepted and answered`,
      );
    },
    TIMEOUT,
  );

  it(
    'GET /sse: any Last-Event-ID, protocol version, Accept and auth headers get a stream with an endpoint or a 4xx JSON error',
    async () => {
      // A short grace: every case leaves a session behind, and they must not pile up.
      const { app, base } = await fuzzServer(20);
      const owner = await openSession(base, '/sse', { 'x-api-key': FUZZ_KEY });
      await owner.stream.event('tools');
      const statuses = new Map<number, number>();
      let resumed = 0;
      const lastEventId = fc.oneof(
        fc.constant(undefined),
        fc.nat({ max: 5 }).map((seq) => `${owner.sessionId}:${seq}`),
        fc.uuid().map((id) => `${id}:1`),
        headerValue,
      );
      await fc.assert(
        fc.asyncProperty(
          headers,
          lastEventId,
          fc.oneof(fc.constant('text/event-stream'), headerValue),
          async (extra, last, accept) => {
            const abort = new AbortController();
            const response = await fetch(`${base}/sse`, {
              headers: {
                ...extra,
                accept,
                ...(last === undefined ? {} : { 'last-event-id': last }),
              },
              signal: abort.signal,
            });
            statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
            try {
              if (response.status !== 200) {
                expect(response.status).toBeGreaterThanOrEqual(400);
                expect(response.status).toBeLessThan(500);
                const json = (await response.json()) as { message?: unknown };
                expect(json.message).toBeTypeOf('string');
                return;
              }
              expect(response.headers.get('content-type')).toBe('text/event-stream');
              // Read up to the endpoint event: every 200 stream starts with one.
              const reader = response.body!.getReader();
              let text = '';
              for (let chunk = 0; chunk < 20 && !text.includes('event: endpoint'); chunk++) {
                const { done, value } = await reader.read();
                if (done) break;
                text += Buffer.from(value).toString();
              }
              expect(text).toContain('event: endpoint');
              if (text.includes(`sessionId=${owner.sessionId}`)) resumed++;
            } finally {
              abort.abort();
            }
          },
        ),
        { numRuns: RUNS },
      );
      await until(() => app.mcp.stats().sessions <= 1, 'fuzzed sessions to end', 10_000);
      console.log(
        `[fuzz GET /sse] ${RUNS} cases; statuses ${JSON.stringify(Object.fromEntries(statuses))}; ${resumed} resumed the live session by its Last-Event-ID`,
      );
    },
    TIMEOUT,
  );
});
