import { SseDecoderStream } from '@mcp-sse/protocol';

/**
 * The JSON-RPC messages of one Streamable HTTP response, whether it came as
 * `application/json` (one message, or a batch) or as `text/event-stream` (one per event;
 * priming events, comments and retry hints skipped), read in order as they arrive.
 */
export class ResponseMessages {
  readonly #queue: unknown[] = [];
  readonly #wakes = new Set<() => void>();
  #ended = false;

  constructor(response: Response) {
    void this.#read(response).finally(() => {
      this.#ended = true;
      this.#wake();
    });
  }

  async #read(response: Response): Promise<void> {
    try {
      const type = response.headers.get('content-type') ?? '';
      if (type.startsWith('application/json')) {
        const body: unknown = await response.json();
        for (const message of Array.isArray(body) ? body : [body]) this.#push(message);
        return;
      }
      if (!type.startsWith('text/event-stream') || !response.body) {
        await response.arrayBuffer();
        return;
      }
      const reader = response.body.pipeThrough(new SseDecoderStream()).getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        if (value.type === 'event') this.#push(value.event.data);
        else if (value.type === 'unknown') this.#push(JSON.parse(value.raw.data));
      }
    } catch {
      // Aborted at the end of the replay, or a body that is not what it says: it ends here.
    }
  }

  #push(message: unknown): void {
    this.#queue.push(message);
    this.#wake();
  }

  #wake(): void {
    for (const wake of [...this.#wakes]) wake();
  }

  /** Takes the first queued message if `accept` says so, without waiting. */
  takeIf(accept: (message: unknown) => boolean): unknown {
    if (this.#queue.length > 0 && accept(this.#queue[0])) return this.#queue.shift();
    return undefined;
  }

  /** What is queued now and was not taken (left at the end of a replay). */
  drain(): unknown[] {
    return this.#queue.splice(0);
  }

  /** The next message, or an error when the response ended or nothing came in time. */
  async next(timeoutMs: number): Promise<unknown> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.#queue.length > 0) return this.#queue.shift();
      if (this.#ended) throw new Error('the response ended');
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no message within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.#wakes.delete(done);
          resolve();
        };
        const timer = setTimeout(done, left);
        this.#wakes.add(done);
      });
    }
  }
}
