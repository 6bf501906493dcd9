import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { ProtocolError } from '../errors.js';
import { parseJson, parseWith, toJSONRPCMessage } from '../parse.js';
import {
  SseEndpointEventSchema,
  SseErrorEventSchema,
  type SseEvent,
  type SseEventName,
  SseResultEventSchema,
  SseToolsEventSchema,
} from './events.js';
import { createIdOnlyEventScanner } from './id-only-events.js';

/** A raw SSE event as the parser hands it over. */
export type RawSseEvent = EventSourceMessage;

/** One thing read off an SSE stream, in the order it arrived. */
export type SseItem =
  /** A known event, validated. */
  | { type: 'event'; event: SseEvent }
  /** An event with a name this package does not know: left to the caller, unvalidated. */
  | { type: 'unknown'; raw: RawSseEvent }
  /** A comment line (`: ping`): servers send them as heartbeats. */
  | { type: 'comment'; text: string }
  /** A `retry:` hint in milliseconds. */
  | { type: 'retry'; retry: number }
  /**
   * A priming event: an id with empty data (or no data line at all), which Streamable HTTP
   * servers (2025-11-25) send first so that a client can resume from it. Nothing to read,
   * but its id is the stream's last event id from now on.
   */
  | { type: 'priming'; id: string; raw: RawSseEvent }
  /** Something malformed; the stream goes on after it. */
  | { type: 'error'; error: ProtocolError; raw?: RawSseEvent };

const KNOWN: ReadonlySet<string> = new Set<SseEventName>([
  'endpoint',
  'message',
  'tools',
  'result',
  'error',
]);

/**
 * Gives a raw SSE event its MCP meaning. An event with no name is a `message`, as the SSE
 * standard says. Never throws: bad data comes back as an `error` item naming the fault.
 */
export function toSseItem(raw: RawSseEvent): SseItem {
  const name = raw.event ?? 'message';
  if (!KNOWN.has(name)) return { type: 'unknown', raw };
  const id = raw.id;
  // Blank data carries no message: with an id it is a priming event, not a broken one.
  if (id !== undefined && name !== 'endpoint' && raw.data.trim() === '') {
    return { type: 'priming', id, raw };
  }
  if (name === 'endpoint') {
    const parsed = parseWith(
      SseEndpointEventSchema,
      { event: name, data: raw.data, id },
      'endpoint event',
      'invalid_event',
    );
    return parsed.ok
      ? { type: 'event', event: parsed.value }
      : { type: 'error', error: parsed.error, raw };
  }
  const json = parseJson(raw.data);
  if (!json.ok) {
    const error = new ProtocolError(
      'invalid_event',
      `Invalid ${name} event: ${json.error.message}`,
      {
        cause: json.error,
      },
    );
    return { type: 'error', error, raw };
  }
  if (name === 'message') {
    const message = toJSONRPCMessage(json.value);
    return message.ok
      ? { type: 'event', event: { event: 'message', data: message.value, id } }
      : { type: 'error', error: message.error, raw };
  }
  const schema =
    name === 'tools'
      ? SseToolsEventSchema
      : name === 'result'
        ? SseResultEventSchema
        : SseErrorEventSchema;
  const parsed = parseWith(
    schema,
    { event: name, data: json.value, id },
    `${name} event`,
    'invalid_event',
  );
  return parsed.ok
    ? { type: 'event', event: parsed.value }
    : { type: 'error', error: parsed.error, raw };
}

/**
 * The event id an item carries, if any: what a client sends back as `Last-Event-ID`. Every
 * event's id counts (also one whose data could not be read), as in an EventSource.
 */
export function sseItemEventId(item: SseItem): string | undefined {
  switch (item.type) {
    case 'event':
      return item.event.id;
    case 'priming':
      return item.id;
    case 'unknown':
      return item.raw.id;
    case 'error':
      return item.raw?.id;
    default:
      return undefined;
  }
}

/** A push-style SSE decoder: feed it bytes or text as they arrive. */
export interface SseDecoder {
  /** Feeds the next chunk; a multi-byte character may be split across chunks. */
  feed(chunk: string | Uint8Array): void;
  /** Ends the stream. An event not closed by a blank line is dropped, as the standard says. */
  end(): void;
  /** The id of the last event read that had one (priming events included); what to resume from. */
  readonly lastEventId: string | undefined;
}

/** Limits for {@link createSseDecoder}. */
export interface SseDecoderOptions {
  /**
   * Most characters one event (or one unfinished line) may buffer; a longer one is dropped
   * with an `invalid_stream` error item and reading resumes after its blank line, so that a
   * peer that never ends a line cannot exhaust memory. Default 16 MiB.
   */
  maxEventSize?: number;
}

/** Default {@link SseDecoderOptions.maxEventSize}. */
export const DEFAULT_MAX_SSE_EVENT_SIZE = 16 * 1024 * 1024;

// A blank line in any of SSE's three line-break spellings; a lone CR only counts when no LF
// follows it, as CRLF is a single break.
const EVENT_BOUNDARY = /(?:\r\n|\r(?!\n)|\n)(?:\r\n|\r(?!\n)|\n)/;

/**
 * Creates a push-style decoder on eventsource-parser that hands every item to `onItem`.
 * Nothing it reads can make it throw; an exception thrown by `onItem` itself propagates.
 */
export function createSseDecoder(
  onItem: (item: SseItem) => void,
  options: SseDecoderOptions = {},
): SseDecoder {
  const maxEventSize = options.maxEventSize ?? DEFAULT_MAX_SSE_EVENT_SIZE;
  let overflowed = false;
  let lastEventId: string | undefined;
  const parser = createParser({
    maxBufferSize: maxEventSize,
    onEvent: (raw) => {
      if (raw.id !== undefined) lastEventId = raw.id;
      onItem(toSseItem(raw));
    },
    onComment: (text) => onItem({ type: 'comment', text }),
    onRetry: (retry) => onItem({ type: 'retry', retry }),
    onError: (error) => {
      if (error.type === 'max-buffer-size-exceeded') overflowed = true;
      onItem({
        type: 'error',
        error: new ProtocolError('invalid_stream', `Malformed SSE stream: ${error.message}`, {
          cause: error,
        }),
      });
    },
  });
  // Events with an id and no data line, which the parser does not report.
  const ids = createIdOnlyEventScanner(maxEventSize);
  const feedParser = (piece: string): boolean => {
    if (piece.length > 0) parser.feed(piece);
    return !overflowed;
  };
  let text: TextDecoder | undefined;
  let started = false;
  // After an overflow the rest of the oversized event is skipped up to its blank line; the
  // tail keeps a line break split across chunks.
  let skipping = false;
  let tail = '';
  // The parser holds back a final CR in case an LF follows; at the end of the stream no LF
  // can, so that CR is a line break the parser still owes us.
  let endsWithCr = false;

  const feedText = (input: string): void => {
    let chunk = input;
    if (!started && chunk.length > 0) {
      started = true;
      // The parser strips a BOM only in its byte form; text may start with U+FEFF.
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    if (skipping) {
      const joined = tail + chunk;
      const boundary = EVENT_BOUNDARY.exec(joined);
      if (!boundary) {
        tail = joined.slice(-3);
        return;
      }
      skipping = false;
      tail = '';
      chunk = joined.slice(boundary.index + boundary[0].length);
    }
    if (chunk.length > 0) endsWithCr = chunk.charCodeAt(chunk.length - 1) === 13;
    const whole = ids.scan(chunk, feedParser, (id) => {
      lastEventId = id;
      onItem({ type: 'priming', id, raw: { id, data: '', event: undefined } });
    });
    if (!whole) {
      // The parser refuses all input once over its limit until it is reset.
      overflowed = false;
      parser.reset();
      ids.reset();
      skipping = true;
      tail = chunk.slice(-3);
    }
  };

  return {
    get lastEventId() {
      return lastEventId;
    },
    feed(chunk) {
      if (typeof chunk === 'string') {
        feedText(chunk);
      } else {
        // Not fatal: invalid UTF-8 becomes U+FFFD instead of killing the stream.
        text ??= new TextDecoder();
        feedText(text.decode(chunk, { stream: true }));
      }
    },
    end() {
      if (text) feedText(text.decode());
      if (endsWithCr && !skipping) parser.feed('\n');
      parser.reset();
      ids.reset();
      endsWithCr = false;
      started = false;
      skipping = false;
      tail = '';
    },
  };
}

/**
 * A TransformStream from an SSE body (bytes or text) to typed {@link SseItem}s:
 * `response.body.pipeThrough(new SseDecoderStream())`.
 *
 * It is eventsource-parser's stream with MCP validation on top; comments and retry hints
 * come through in order with the events, so a reader can count heartbeats as liveness.
 */
export class SseDecoderStream extends TransformStream<string | Uint8Array, SseItem> {
  readonly #decoder: () => SseDecoder | undefined;

  constructor(options: SseDecoderOptions = {}) {
    let decoder: SseDecoder | undefined;
    super({
      start(controller) {
        decoder = createSseDecoder((item) => controller.enqueue(item), options);
      },
      transform(chunk) {
        decoder?.feed(chunk);
      },
      flush() {
        decoder?.end();
      },
    });
    this.#decoder = () => decoder;
  }

  /** The id of the last event read that had one (priming events included). */
  get lastEventId(): string | undefined {
    return this.#decoder()?.lastEventId;
  }
}
