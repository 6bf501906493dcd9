import { SseDecoderStream, type SseItem } from '@mcp-sse/protocol';

/** An SSE event as read off the wire: its name and parsed data (the endpoint as text). */
export interface ReadEvent {
  event: string;
  data: unknown;
}

/**
 * Reads an SSE body in order, one event at a time, with @mcp-sse/protocol's decoder.
 * Comments and retry hints are heartbeats, not part of any exchange: they are skipped.
 */
export class SseQueue {
  readonly #items: SseItem[] = [];
  #wake: (() => void) | undefined;
  #ended = false;

  constructor(body: ReadableStream<Uint8Array>) {
    const reader = body.pipeThrough(new SseDecoderStream()).getReader();
    void (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          this.#items.push(value);
          this.#wake?.();
        }
      } catch {
        // The stream was aborted: the replay is over.
      } finally {
        this.#ended = true;
        this.#wake?.();
      }
    })();
  }

  /** The next event, or an error saying what arrived instead or that nothing did in time. */
  async next(timeoutMs: number): Promise<ReadEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const item = this.#items.shift();
      if (item?.type === 'event') return { event: item.event.event, data: item.event.data };
      if (item?.type === 'unknown')
        return { event: item.raw.event ?? 'message', data: item.raw.data };
      if (item?.type === 'error') throw new Error(`unreadable SSE event: ${item.error.message}`);
      if (item) continue;
      if (this.#ended) throw new Error('the stream ended');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no event within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wake = undefined;
    }
  }
}
