/**
 * Streamable HTTP (2025-11-25) spoken by hand, for tests that must pick the instance of
 * every request and read event ids: the client library hides both.
 */

/** The revision the raw sessions speak. */
export const RAW_VERSION = '2025-11-25';

/** One SSE event as read (comments skipped). */
export interface SseEvent {
  id: string | undefined;
  /** The event's name when it has one (HTTP+SSE: `endpoint`, `tools`, ...). */
  event?: string;
  data: string;
}

/** A JSON-RPC message as the tests read it. */
export interface RpcMessage {
  id?: string | number;
  method?: string;
  result?: { content?: Array<{ text?: string }> } & Record<string, unknown>;
  error?: { code: number; message: string; data?: Record<string, unknown> };
  params?: Record<string, unknown>;
}

/** Headers of every request of a raw session. */
export function rawHeaders(
  sessionId: string | undefined,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    'mcp-protocol-version': RAW_VERSION,
    ...(sessionId === undefined ? {} : { 'mcp-session-id': sessionId }),
    ...extra,
  };
}

/** Opens a session on `origin` (initialize + initialized); returns its id. */
export async function rawInitialize(
  origin: string,
  extra: Record<string, string> = {},
): Promise<string> {
  const res = await fetch(`${origin}/mcp`, {
    method: 'POST',
    headers: rawHeaders(undefined, extra),
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 0,
      method: 'initialize',
      params: {
        protocolVersion: RAW_VERSION,
        capabilities: {},
        clientInfo: { name: 'multi-instance-raw', version: '0' },
      },
    }),
  });
  const sessionId = res.headers.get('mcp-session-id');
  if (res.status !== 200 || sessionId === null) {
    throw new Error(`initialize on ${origin}: ${res.status} ${await res.text()}`);
  }
  await res.text();
  const initialized = await rawPost(
    origin,
    sessionId,
    { jsonrpc: '2.0', method: 'notifications/initialized' },
    extra,
  );
  if (initialized.status !== 202) throw new Error(`initialized: ${initialized.status}`);
  return sessionId;
}

/** POSTs one message of a session to `origin`. */
export function rawPost(
  origin: string,
  sessionId: string,
  body: unknown,
  extra: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${origin}/mcp`, {
    method: 'POST',
    headers: rawHeaders(sessionId, extra),
    body: JSON.stringify(body),
  });
}

/** GETs a session's stream on `origin` (resuming after `lastEventId` when given). */
export function rawGet(
  origin: string,
  sessionId: string,
  lastEventId?: string,
  extra: Record<string, string> = {},
): Promise<Response> {
  const headers: Record<string, string> = {
    ...rawHeaders(sessionId, extra),
    accept: 'text/event-stream',
  };
  if (lastEventId !== undefined) headers['last-event-id'] = lastEventId;
  return fetch(`${origin}/mcp`, { method: 'GET', headers });
}

/** A `tools/call` request. */
export function callRequest(id: number, name: string, args: Record<string, unknown>): unknown {
  return {
    jsonrpc: '2.0',
    id,
    method: 'tools/call',
    params: { name, arguments: args, _meta: { progressToken: `p${id}` } },
  };
}

/**
 * Reads an SSE response event by event. Ends when the body ends or breaks (an instance
 * killed mid-stream): `broken` says which.
 */
export class SseReader {
  readonly events: SseEvent[] = [];
  broken = false;
  ended = false;
  readonly #waiters: Array<() => void> = [];

  constructor(res: Response) {
    void this.#pump(res);
  }

  /** The last event id seen. */
  get lastId(): string | undefined {
    return this.events.filter((event) => event.id !== undefined).at(-1)?.id;
  }

  /** The JSON-RPC messages read (the priming event has none; named events are not messages). */
  get messages(): RpcMessage[] {
    return this.events
      .filter((e) => e.data !== '' && (e.event === undefined || e.event === 'message'))
      .map((e) => JSON.parse(e.data) as RpcMessage);
  }

  /** The answers read for request `id`. */
  answers(id: number): RpcMessage[] {
    return this.messages.filter((m) => m.id === id && m.method === undefined);
  }

  /** Waits (bounded) until `check` holds or the stream is over. */
  async until(check: (reader: SseReader) => boolean, ms = 30_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!check(this) && !this.ended) {
      if (Date.now() > deadline) throw new Error(`SSE wait timed out after ${ms} ms`);
      await new Promise<void>((resolve) => {
        this.#waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  async #pump(res: Response): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          this.#parse(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          end = buffer.indexOf('\n\n');
        }
        this.#wake();
      }
    } catch {
      this.broken = true;
    }
    this.ended = true;
    this.#wake();
  }

  #parse(block: string): void {
    let id: string | undefined;
    let event: string | undefined;
    const data: string[] = [];
    let any = false;
    for (const line of block.split('\n')) {
      if (line.startsWith('event:')) {
        event = line.slice(6).trim();
      } else if (line.startsWith('id:')) {
        id = line.slice(3).trim();
        any = true;
      } else if (line.startsWith('data:')) {
        data.push(line.slice(5).replace(/^ /, ''));
        any = true;
      }
    }
    if (any)
      this.events.push({ id, ...(event === undefined ? {} : { event }), data: data.join('\n') });
  }

  #wake(): void {
    for (const waiter of this.#waiters.splice(0)) waiter();
  }
}
