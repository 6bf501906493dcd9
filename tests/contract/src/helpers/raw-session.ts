import {
  type JSONRPCMessage,
  SseDecoderStream,
  type SseEvent,
  type SseItem,
} from '@mcp-sse/protocol';

// A bound on an event that should come, sized for a loaded machine.
const DEFAULT_WAIT_MS = 30_000;

/**
 * A bare SSE session for tests that must see the wire as it is: it opens the stream with
 * fetch, reads it with @mcp-sse/protocol's decoder and queues every item.
 */
export interface RawSession {
  /** The HTTP answer to the GET. */
  response: Response;
  /** The `endpoint` event's data, resolved against the SSE URL. */
  endpoint: URL;
  /** Every item read so far, in order. */
  items: SseItem[];
  /** Waits for the next typed event matching `accept` (events already seen count too). */
  waitFor(
    accept: (event: SseEvent) => boolean,
    what: string,
    timeoutMs?: number,
  ): Promise<SseEvent>;
  /** Waits for the JSON-RPC `message` event with this response id. */
  reply(id: string | number, timeoutMs?: number): Promise<JSONRPCMessage>;
  /** POSTs one JSON-RPC message (or any body) to the endpoint. */
  post(body: unknown): Promise<Response>;
  close(): void;
}

/** Opens a raw session and waits for its `endpoint` event. */
export async function openRawSession(url: string, init: RequestInit = {}): Promise<RawSession> {
  const controller = new AbortController();
  const response = await fetch(url, {
    ...init,
    headers: { accept: 'text/event-stream', ...(init.headers as Record<string, string>) },
    signal: controller.signal,
  });
  if (!response.ok || !response.body) {
    controller.abort();
    throw new Error(`GET ${url} answered ${response.status}`);
  }
  const items: SseItem[] = [];
  const waiters = new Set<() => void>();
  const reader = response.body.pipeThrough(new SseDecoderStream()).getReader();
  void (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        items.push(value);
        for (const wake of waiters) wake();
      }
    } catch {
      // Aborted by close(): the test is over.
    }
  })();

  // Each event satisfies one wait only, so two waits for look-alike events get one each.
  const taken = new Set<number>();
  const waitFor: RawSession['waitFor'] = (accept, what, timeoutMs = DEFAULT_WAIT_MS) =>
    new Promise((resolve, reject) => {
      const check = () => {
        for (let i = 0; i < items.length; i++) {
          const item = items[i];
          if (!taken.has(i) && item?.type === 'event' && accept(item.event)) {
            taken.add(i);
            cleanup();
            resolve(item.event);
            return;
          }
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`no ${what} within ${timeoutMs} ms; seen: ${JSON.stringify(items)}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });

  const first = await waitFor((event) => event.event === 'endpoint', 'endpoint event');
  const endpoint = new URL(first.data as string, url);
  return {
    response,
    endpoint,
    items,
    waitFor,
    async reply(id, timeoutMs) {
      const event = await waitFor(
        (e) => e.event === 'message' && 'id' in e.data && e.data.id === id && !('method' in e.data),
        `response to id ${id}`,
        timeoutMs,
      );
      return event.data as JSONRPCMessage;
    },
    post: (body) =>
      fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    close: () => controller.abort(),
  };
}
