import type { JSONRPCMessage } from '@mcp-sse/protocol';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { McpSseClientError } from '../errors.js';
import { SseClientTransport } from './sse-transport.js';
import type { TransportCloseInfo } from './transport.js';

/** Runs per property: 1 000 in CI, `pnpm fuzz` sets FUZZ_RUNS=100000. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
/** A run takes well under a millisecond; the bound only stops a hang, sized for a loaded machine. */
const TIMEOUT = Math.max(120_000, RUNS * 60);
const URL_ = 'http://127.0.0.1:9/sse';

/** A fetch whose GET answers with an SSE body made of exactly these chunks. */
function fetchOf(chunks: Uint8Array[]): typeof fetch {
  return async () => {
    let index = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunk = chunks[index++];
        if (chunk === undefined) controller.close();
        else controller.enqueue(chunk);
      },
    });
    return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
  };
}

/** Splits bytes at the given offsets: anywhere, inside a CRLF or a UTF-8 sequence too. */
function split(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const point of points) {
    chunks.push(bytes.subarray(start, point));
    start = point;
  }
  chunks.push(bytes.subarray(start));
  return chunks;
}

/** Feeds a body to a fresh transport and collects everything it reports until it closes. */
async function run(chunks: Uint8Array[]) {
  const transport = new SseClientTransport(URL_, { fetch: fetchOf(chunks), connectTimeout: 5_000 });
  const messages: JSONRPCMessage[] = [];
  const errors: McpSseClientError[] = [];
  transport.onmessage = (message) => messages.push(message);
  transport.onerror = (error) => errors.push(error);
  const closed = new Promise<TransportCloseInfo>((resolve) => {
    transport.onclose = resolve;
  });
  let started: boolean;
  try {
    await transport.start();
    started = true;
  } catch (error) {
    expect(McpSseClientError.isInstance(error)).toBe(true);
    started = false;
  }
  const close = started ? await closed : undefined;
  return { transport, messages, errors, started, close };
}

const noBreak = (text: string) => !/[\r\n]/.test(text);
const eol = fc.constantFrom('\n', '\r\n', '\r');

/** Lines and blocks a sloppy or hostile server may send between real events. */
const garbage = fc.oneof(
  fc.record({ kind: fc.constant('comment' as const), text: fc.string().filter(noBreak) }),
  fc.record({ kind: fc.constant('field' as const), text: fc.string().filter(noBreak) }),
  fc.record({ kind: fc.constant('badRetry' as const), text: fc.string().filter(noBreak) }),
  fc.record({ kind: fc.constant('unknownEvent' as const), text: fc.string().filter(noBreak) }),
  fc.record({ kind: fc.constant('badJson' as const), text: fc.string().filter(noBreak) }),
  fc.record({ kind: fc.constant('blank' as const), text: fc.constant('') }),
);

type Garbage = typeof garbage extends fc.Arbitrary<infer T> ? T : never;

function garbageText(item: Garbage, nl: string): string {
  switch (item.kind) {
    case 'comment':
      return `:${item.text}${nl}`;
    case 'field':
      // Unknown field names are ignored by the SSE rules.
      return `x-junk: ${item.text}${nl}`;
    case 'badRetry':
      return `retry: x${item.text.replace(/[0-9]/g, '')}${nl}${nl}`;
    case 'unknownEvent':
      return `event: weird${nl}data: ${item.text}${nl}${nl}`;
    case 'badJson':
      // Not JSON: starts with `{` and is never closed.
      return `event: message${nl}data: {${JSON.stringify(item.text)}${nl}${nl}`;
    case 'blank':
      return nl;
  }
}

describe('SSE decoding in the client transport (property)', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeAll(() => {
    process.on('unhandledRejection', onUnhandled);
  });
  afterAll(() => {
    process.off('unhandledRejection', onUnhandled);
    expect(unhandled).toEqual([]);
  });

  it(
    `delivers every message exactly once, in order, whatever the chunking and garbage (${RUNS} runs)`,
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.array(
            fc.record({
              text: fc.string({ unit: 'grapheme', maxLength: 40 }),
              before: fc.array(garbage, { maxLength: 3 }),
            }),
            { maxLength: 12 },
          ),
          eol,
          fc.array(fc.nat(), { maxLength: 30 }),
          async (items, nl, cuts) => {
            let text = `retry: 1000${nl}event: endpoint${nl}data: /messages?sessionId=s1${nl}${nl}`;
            const expected: JSONRPCMessage[] = [];
            let bad = 0;
            items.forEach((item, index) => {
              for (const junk of item.before) {
                text += garbageText(junk, nl);
                if (junk.kind === 'badJson') bad++;
              }
              const message = { jsonrpc: '2.0' as const, id: index, result: { text: item.text } };
              expected.push(message);
              text += `id: s1:${index + 2}${nl}event: message${nl}data: ${JSON.stringify(message)}${nl}${nl}`;
            });
            const result = await run(split(new TextEncoder().encode(text), cuts));
            expect(result.started).toBe(true);
            expect(result.messages).toEqual(expected);
            // Bad JSON is always reported; a bad retry or an unknown field may be too.
            expect(result.errors.length).toBeGreaterThanOrEqual(bad);
            for (const error of result.errors) expect(error.code).toBe('protocol_error');
            expect(result.close?.reason).toBe('stream_ended');
            expect(result.transport.retryMs).toBe(1000);
            if (items.length > 0)
              expect(result.transport.lastEventId).toBe(`s1:${items.length + 1}`);
          },
        ),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    `never throws or hangs on random bytes, with or without an endpoint first (${RUNS} runs)`,
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.boolean(),
          fc.uint8Array({ maxLength: 300 }),
          fc.array(fc.nat(), { maxLength: 10 }),
          async (withEndpoint, noise, cuts) => {
            const head = withEndpoint
              ? new TextEncoder().encode('event: endpoint\ndata: /messages?sessionId=s\n\n')
              : new Uint8Array();
            const bytes = new Uint8Array(head.length + noise.length);
            bytes.set(head);
            bytes.set(noise, head.length);
            const result = await run(split(bytes, cuts));
            if (withEndpoint) expect(result.started).toBe(true);
            for (const error of result.errors)
              expect(McpSseClientError.isInstance(error)).toBe(true);
          },
        ),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );
});
