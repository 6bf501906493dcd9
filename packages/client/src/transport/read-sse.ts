import type { IncomingMessage } from 'node:http';
import { createSseDecoder, type SseDecoder, type SseItem } from '@mcp-sse/protocol';
import type { AbortWatch } from '../http/abort-handle.js';
import { takeNodeMessage } from '../http/node-response.js';

/** How an SSE body ended: `failure` is what broke it, undefined when it ended cleanly. */
export interface SseBodyEnd {
  failure: unknown;
}

/**
 * Reads an SSE response body to its end, handing each decoded item to `onItem` and calling
 * `onChunk` per network chunk (for dead-stream watchdogs). Shared by both HTTP transports.
 * Never rejects: a body that breaks (network, abort) resolves with the failure. Aborting
 * `cut` (an AbortHandle) ends this body alone (a watchdog found it silent), not the request it answers.
 * A response of the client's own Node HTTP path is read from the Node message; any other
 * (a `fetch` of the caller's) from its web stream.
 */
export function readSseBody(
  response: Response,
  onItem: (item: SseItem) => void,
  onChunk?: () => void,
  cut?: AbortWatch,
): Promise<SseBodyEnd> {
  const message = takeNodeMessage(response);
  if (message) return readMessage(message, onItem, onChunk, cut);
  const body = response.body;
  if (!body) return Promise.resolve({ failure: undefined });
  return readWebBody(body, onItem, onChunk, cut);
}

/** Feeds one chunk, remembering in `state` whether it ended with a CR. */
function feedChunk(decoder: SseDecoder, value: Uint8Array, state: { endsWithCr: boolean }): void {
  if (value.length > 0) state.endsWithCr = value[value.length - 1] === 13;
  decoder.feed(value);
}

/** The end of the stream: the parser holds a final CR back in case an LF follows. */
function finishDecoder(decoder: SseDecoder, state: { endsWithCr: boolean }): void {
  // At the end of the stream that CR is a line break of its own, which may be the blank
  // line that ends the last event.
  if (state.endsWithCr) decoder.feed('\n');
  decoder.end();
}

/**
 * Node's events straight into the push-style decoder: no web stream, no promise per
 * chunk. An item handler that throws ends the body like a network failure would.
 */
function readMessage(
  message: IncomingMessage,
  onItem: (item: SseItem) => void,
  onChunk: (() => void) | undefined,
  cut: AbortWatch | undefined,
): Promise<SseBodyEnd> {
  return new Promise((resolve) => {
    const decoder = createSseDecoder(onItem);
    const state = { endsWithCr: false };
    let settled = false;
    let uncut = noop;
    const finish = (failure: unknown) => {
      if (settled) return;
      settled = true;
      uncut();
      message.off('data', onData);
      if (failure === undefined) {
        try {
          finishDecoder(decoder, state);
        } catch (error) {
          resolve({ failure: error });
          return;
        }
      } else if (!message.destroyed) {
        message.destroy();
      }
      resolve({ failure });
    };
    const onData = (chunk: Buffer) => {
      if (settled) return;
      onChunk?.();
      try {
        feedChunk(decoder, chunk, state);
      } catch (error) {
        finish(error);
      }
    };
    if (cut?.aborted) {
      finish(cut.reason);
      return;
    }
    if (cut) uncut = cut.onAbort((reason) => finish(reason));
    message.on('data', onData);
    message.once('end', () => finish(undefined));
    message.once('error', (error) => finish(error));
    message.once('close', () => {
      if (!message.complete)
        finish(message.errored ?? new Error('The response stream broke off (aborted)'));
      else finish(undefined);
    });
  });
}

async function readWebBody(
  body: ReadableStream<Uint8Array>,
  onItem: (item: SseItem) => void,
  onChunk: (() => void) | undefined,
  cut: AbortWatch | undefined,
): Promise<SseBodyEnd> {
  // The push-style decoder on the body's own reader: one read per network chunk and no
  // extra stream hop or promise per event (pipeThrough(SseDecoderStream) costs both).
  const reader = body.getReader();
  const decoder = createSseDecoder(onItem);
  const state = { endsWithCr: false };
  const uncut =
    cut?.onAbort((reason) => {
      reader.cancel(reason).catch(() => undefined);
    }) ?? noop;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      // A cancelled reader ends like a finished body: it was cut, not finished.
      if (cut?.aborted) return { failure: cut.reason };
      if (done) break;
      onChunk?.();
      feedChunk(decoder, value, state);
    }
    finishDecoder(decoder, state);
    return { failure: undefined };
  } catch (error) {
    reader.cancel().catch(() => undefined);
    return { failure: cut?.aborted ? cut.reason : error };
  } finally {
    uncut();
  }
}

function noop(): void {}
