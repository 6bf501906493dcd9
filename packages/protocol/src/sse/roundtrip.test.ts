import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSseDecoder, type SseItem } from './decode.js';
import { encodeSseComment, encodeSseEvent, encodeSseFrame, type SseFrame } from './encode.js';
import type { SseEvent } from './events.js';

// At least 1,000 runs per property, in CI and locally alike.
const NUM_RUNS = 1000;

/** Text with every kind of line break mixed into arbitrary Unicode (no lone surrogates). */
const text = fc.string({
  unit: fc.oneof(
    { weight: 6, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
    {
      weight: 2,
      arbitrary: fc.constantFrom('\n', '\r', '\r\n', '\n\n', ' ', ':', 'data: ', '👋', 'é'),
    },
  ),
  maxLength: 40,
});

/** A value allowed on a single SSE line (event names, ids). */
const singleLine = fc
  .string({
    unit: fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), fc.constant(' ')),
    maxLength: 20,
  })
  .filter((value) => !/[\r\n\0]/.test(value));

const KNOWN = ['endpoint', 'message', 'tools', 'result', 'error'];
const customName = singleLine.filter((name) => name !== '' && !KNOWN.includes(name));

const frame: fc.Arbitrary<SseFrame> = fc.record(
  { event: customName, id: singleLine, data: text },
  { requiredKeys: ['event', 'data'] },
);

/** Splits bytes at arbitrary points, including inside multi-byte characters. */
function chunk(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let start = 0;
  for (const point of [...points, bytes.length]) {
    chunks.push(bytes.slice(start, point));
    start = point;
  }
  return chunks;
}

function decodeChunks(chunks: (string | Uint8Array)[]): SseItem[] {
  const items: SseItem[] = [];
  const decoder = createSseDecoder((item) => items.push(item));
  for (const part of chunks) decoder.feed(part);
  decoder.end();
  return items;
}

const lf = (value: string) => value.replace(/\r\n|\r/g, '\n');

describe('SSE round trip (properties)', () => {
  it('frames with arbitrary data survive any byte chunking; CR and CRLF arrive as LF', () => {
    fc.assert(
      fc.property(
        fc.array(frame, { maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        (frames, cuts) => {
          const wire = frames.map(encodeSseFrame).join('');
          const items = decodeChunks(chunk(new TextEncoder().encode(wire), cuts));
          expect(items).toEqual(
            frames.map((f) => ({
              type: 'unknown',
              raw: { event: f.event, id: f.id, data: lf(f.data) },
            })),
          );
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  const json = <T>(value: T): T => JSON.parse(JSON.stringify(value));
  const typedEvent: fc.Arbitrary<SseEvent> = fc.oneof(
    fc.record({
      event: fc.constant('endpoint' as const),
      data: text.filter((t) => lf(t) === t && t !== ''),
    }),
    fc.record({
      event: fc.constant('message' as const),
      id: singleLine,
      data: fc.record({
        jsonrpc: fc.constant('2.0' as const),
        id: fc.oneof(fc.string(), fc.integer()),
        result: fc.record({ text, value: fc.jsonValue().map(json) }),
      }),
    }),
    fc.record({
      event: fc.constant('tools' as const),
      data: fc.array(
        fc.record({
          name: text.filter((t) => t !== ''),
          description: text,
          inputSchema: fc.constant({ type: 'object' as const }),
        }),
        { maxLength: 3 },
      ),
    }),
    fc.record({
      event: fc.constant('result' as const),
      data: fc.record({
        content: fc.array(fc.record({ type: fc.constant('text' as const), text }), {
          maxLength: 3,
        }),
      }),
    }),
    fc.record({
      event: fc.constant('error' as const),
      data: fc.record({ code: fc.integer(), message: text }),
    }),
  );

  it('typed events come back equal, whatever the chunking and whatever heartbeats sit between', () => {
    fc.assert(
      fc.property(
        fc.array(typedEvent, { maxLength: 5 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        (events, cuts) => {
          const wire = events
            .map((event) => encodeSseEvent(event) + encodeSseComment('ping'))
            .join('');
          const items = decodeChunks(chunk(new TextEncoder().encode(wire), cuts));
          const expected = events.flatMap((event) => [
            { type: 'event', event: json(event) },
            { type: 'comment', text: 'ping' },
          ]);
          expect(items).toEqual(expected);
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it('text chunks decode the same as byte chunks', () => {
    fc.assert(
      fc.property(
        fc.array(frame, { maxLength: 4 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (frames, cuts) => {
          const wire = frames.map(encodeSseFrame).join('');
          const points = [...new Set(cuts.map((cut) => cut % (wire.length + 1)))].sort(
            (a, b) => a - b,
          );
          const parts = [...points, wire.length].map((end, i, all) =>
            wire.slice(i === 0 ? 0 : all[i - 1], end),
          );
          expect(decodeChunks(parts)).toEqual(decodeChunks([new TextEncoder().encode(wire)]));
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('hostile input (properties)', () => {
  const garbage = fc.array(
    fc.oneof(
      fc.uint8Array({ maxLength: 64 }),
      fc.string({ unit: 'binary', maxLength: 64 }),
      fc.constantFrom(
        '\n\n',
        '\r\r',
        'event: message\n',
        'event: tools\n',
        'event: endpoint\n',
        'event: result\n',
        'event: error\n',
        'data: {"jsonrpc":"2.0"',
        'data: null\n\n',
        'data: []\n\n',
        'id: \0\n',
        'retry: -1\n',
        ': comment\n',
        'nonsense\n',
        new Uint8Array([0xf0, 0x9f]),
        new Uint8Array([0xff, 0xfe, 0x00]),
      ),
    ),
    { maxLength: 20 },
  );

  it('never escapes the decoder as an exception, and yields only known item types', () => {
    fc.assert(
      fc.property(garbage, (chunks) => {
        const items = decodeChunks(chunks);
        for (const item of items)
          expect(['event', 'unknown', 'comment', 'retry', 'error']).toContain(item.type);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('the encoder refuses any event name or id with CR or LF', () => {
    const withBreak = fc
      .tuple(singleLine, fc.constantFrom('\r', '\n', '\r\n'), singleLine)
      .map(([a, brk, b]) => a + brk + b);
    fc.assert(
      fc.property(withBreak, (value) => {
        expect(() => encodeSseFrame({ event: value, data: 'x' })).toThrow(RangeError);
        expect(() => encodeSseFrame({ id: value, data: 'x' })).toThrow(RangeError);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('data can never forge another field or event', () => {
    fc.assert(
      fc.property(text, (data) => {
        const items = decodeChunks([encodeSseFrame({ event: 'x-probe', data })]);
        expect(items).toEqual([
          { type: 'unknown', raw: { event: 'x-probe', id: undefined, data: lf(data) } },
        ]);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
