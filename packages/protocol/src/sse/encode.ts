import type { SseEvent } from './events.js';

/** One SSE event as raw strings, before any MCP meaning is given to it. */
export interface SseFrame {
  /** Event name; omitted means the default `message`. */
  event?: string | undefined;
  /** Event id, echoed back by a reconnecting client as `Last-Event-ID`. */
  id?: string | undefined;
  /** Event data; may span several lines. */
  data: string;
  /** Reconnection delay hint in milliseconds. */
  retry?: number | undefined;
}

const LINE_BREAK = /\r\n|\r|\n/;
const HAS_LINE_BREAK = /[\r\n]/;

function assertSingleLine(value: string, what: string): void {
  // A CR or LF here would end the field early and let the rest of the value forge a
  // field or an event of its own; NUL makes parsers drop an id.
  if (/[\r\n\0]/.test(value)) {
    throw new RangeError(`SSE ${what} must not contain CR, LF or NUL: ${JSON.stringify(value)}`);
  }
}

/**
 * Encodes one frame as exact SSE wire text, ending in the blank line that dispatches it.
 *
 * Data is split at every line break into several `data:` lines, which the reader joins
 * with `\n`: so `\r\n` and `\r` in data arrive as `\n`, and no data can inject a field.
 * Event names and ids cannot be split, so a line break in them throws a RangeError.
 */
export function encodeSseFrame(frame: SseFrame): string {
  let out = '';
  if (frame.event !== undefined) {
    assertSingleLine(frame.event, 'event name');
    // An empty name reads back as the default `message`: refuse rather than change meaning.
    if (frame.event === '') throw new RangeError('SSE event name must not be empty');
    out += `event: ${frame.event}\n`;
  }
  if (frame.id !== undefined) {
    assertSingleLine(frame.id, 'event id');
    out += `id: ${frame.id}\n`;
  }
  if (frame.retry !== undefined) out += `retry: ${retryValue(frame.retry)}\n`;
  const { data } = frame;
  if (data.includes('\n') || data.includes('\r')) {
    for (const line of data.split(LINE_BREAK)) out += `data: ${line}\n`;
  } else {
    out += `data: ${data}\n`;
  }
  return `${out}\n`;
}

/** The data text of a typed event: the endpoint URL as is, everything else as JSON. */
export function sseEventData(event: SseEvent): string {
  return event.event === 'endpoint' ? event.data : JSON.stringify(event.data);
}

/** Encodes a typed event as SSE wire text. */
export function encodeSseEvent(event: SseEvent): string {
  return encodeSseFrame({ event: event.event, id: event.id, data: sseEventData(event) });
}

/**
 * Encodes a JSON-RPC message that is already serialised as a `message` event. Compact JSON
 * has no raw line breaks, so the splitting is skipped (the hot path of a busy server);
 * pretty-printed JSON is still split safely.
 */
export function encodeSseMessage(json: string, id?: string): string {
  if (id !== undefined) assertSingleLine(id, 'event id');
  if (HAS_LINE_BREAK.test(json)) {
    return encodeSseFrame({ event: 'message', id, data: json });
  }
  return id === undefined
    ? `event: message\ndata: ${json}\n\n`
    : `event: message\nid: ${id}\ndata: ${json}\n\n`;
}

/** Encodes a comment, which readers ignore: used as a heartbeat to keep proxies open. */
export function encodeSseComment(text = ''): string {
  return `${text
    .split(LINE_BREAK)
    .map((line) => `: ${line}`)
    .join('\n')}\n\n`;
}

/** Encodes a `retry:` hint on its own: how long a client should wait before reconnecting. */
export function encodeSseRetry(ms: number): string {
  return `retry: ${retryValue(ms)}\n\n`;
}

function retryValue(ms: number): number {
  if (!Number.isInteger(ms) || ms < 0) {
    throw new RangeError(`SSE retry must be a whole number of milliseconds >= 0, got ${ms}`);
  }
  return ms;
}
