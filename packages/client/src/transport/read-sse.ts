import { createSseDecoder, type SseItem } from '@mcp-sse/protocol';

/** How an SSE body ended: `failure` is what broke it, undefined when it ended cleanly. */
export interface SseBodyEnd {
  failure: unknown;
}

/**
 * Reads an SSE response body to its end, handing each decoded item to `onItem` and calling
 * `onChunk` per network chunk (for dead-stream watchdogs). Shared by both HTTP transports.
 * Never rejects: a body that breaks (network, abort) resolves with the failure. Aborting
 * `cut` ends this body alone (a watchdog found it silent), not the request it answers.
 */
export async function readSseBody(
  body: ReadableStream<Uint8Array>,
  onItem: (item: SseItem) => void,
  onChunk?: () => void,
  cut?: AbortSignal,
): Promise<SseBodyEnd> {
  // The push-style decoder on the body's own reader: one read per network chunk and no
  // extra stream hop or promise per event (pipeThrough(SseDecoderStream) costs both).
  const reader = body.getReader();
  const decoder = createSseDecoder(onItem);
  let endsWithCr = false;
  const onCut = () => {
    reader.cancel(cut?.reason).catch(() => undefined);
  };
  if (cut?.aborted) onCut();
  cut?.addEventListener('abort', onCut, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      // A cancelled reader ends like a finished body: it was cut, not finished.
      if (cut?.aborted) return { failure: cut.reason };
      if (done) break;
      onChunk?.();
      if (value.length > 0) endsWithCr = value[value.length - 1] === 13;
      decoder.feed(value);
    }
    // The parser holds a final CR back in case an LF follows; at the end of the stream it
    // is a line break of its own, which may be the blank line that ends the last event.
    if (endsWithCr) decoder.feed('\n');
    decoder.end();
    return { failure: undefined };
  } catch (error) {
    reader.cancel().catch(() => undefined);
    return { failure: cut?.aborted ? cut.reason : error };
  } finally {
    cut?.removeEventListener('abort', onCut);
  }
}
