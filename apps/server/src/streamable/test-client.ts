/** Test helpers for the Streamable HTTP routes: raw fetches and SSE bodies read to the end. */

/** Headers of a POST to the MCP endpoint. */
export function mcpHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    ...extra,
  };
}

/** The params of an `initialize` request. */
export const initParams = (protocolVersion = '2025-11-25') => ({
  protocolVersion,
  capabilities: {},
  clientInfo: { name: 'test', version: '1' },
});

/** POSTs a JSON-RPC body to `url`. */
export function mcpPost(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(url, { method: 'POST', headers: mcpHeaders(headers), body: JSON.stringify(body) });
}

/** Initialises a session at `version`; returns its id and the headers to send after. */
export async function initSession(
  url: string,
  version = '2025-11-25',
): Promise<{ sessionId: string; headers: Record<string, string> }> {
  const res = await mcpPost(url, {
    jsonrpc: '2.0',
    id: 0,
    method: 'initialize',
    params: initParams(version),
  });
  if (res.status !== 200) throw new Error(`initialize failed: ${res.status} ${await res.text()}`);
  await res.json();
  const sessionId = res.headers.get('mcp-session-id');
  if (sessionId === null) throw new Error('no Mcp-Session-Id on the initialize answer');
  const headers = { 'mcp-session-id': sessionId, 'mcp-protocol-version': version };
  const initialized = await mcpPost(
    url,
    { jsonrpc: '2.0', method: 'notifications/initialized' },
    headers,
  );
  if (initialized.status !== 202) throw new Error(`initialized: ${initialized.status}`);
  return { sessionId, headers };
}

/** One SSE event as read by the tests. */
export interface ReadEvent {
  id: string | undefined;
  data: string;
  retry: number | undefined;
}

function parseBlock(block: string): ReadEvent | undefined {
  let id: string | undefined;
  let retry: number | undefined;
  const data: string[] = [];
  let any = false;
  for (const line of block.split('\n')) {
    if (line === '' || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    any = true;
    if (field === 'id') id = value;
    else if (field === 'retry') retry = Number(value);
    else if (field === 'data') data.push(value);
  }
  return any ? { id, data: data.join('\n'), retry } : undefined;
}

/** Reads SSE events from a body as they come. */
export class EventReader {
  readonly events: ReadEvent[] = [];
  #buffer = '';
  #done = false;
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>;
  readonly #decoder = new TextDecoder();

  constructor(res: Response) {
    this.#reader = res.body!.getReader();
  }

  /** True once the server ended the body. */
  get done(): boolean {
    return this.#done;
  }

  /** Reads until `count` events arrived or the body ended. */
  async until(count: number): Promise<ReadEvent[]> {
    while (this.events.length < count && !this.#done) await this.#more();
    return this.events;
  }

  /** Reads to the end of the body. */
  async all(): Promise<ReadEvent[]> {
    while (!this.#done) await this.#more();
    return this.events;
  }

  /** Stops reading (closes the connection). */
  async cancel(): Promise<void> {
    await this.#reader.cancel().catch(() => {});
  }

  async #more(): Promise<void> {
    const { value, done } = await this.#reader.read();
    if (done) {
      this.#done = true;
      this.#buffer += '\n\n';
    } else {
      this.#buffer += this.#decoder.decode(value, { stream: true });
    }
    let end = this.#buffer.indexOf('\n\n');
    while (end >= 0) {
      const event = parseBlock(this.#buffer.slice(0, end));
      if (event !== undefined) this.events.push(event);
      this.#buffer = this.#buffer.slice(end + 2);
      end = this.#buffer.indexOf('\n\n');
    }
  }
}

/** Reads an SSE body to its end. */
export function readEvents(res: Response): Promise<ReadEvent[]> {
  return new EventReader(res).all();
}

/** The JSON-RPC messages among events (the priming event has no data). */
// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON-RPC shapes
export function messagesOf(events: readonly ReadEvent[]): Array<Record<string, any>> {
  return events.filter((e) => e.data !== '').map((e) => JSON.parse(e.data));
}

/** The messages of a POST's answer, whether it came as JSON or as an SSE stream. */
// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON-RPC shapes
export async function answerMessages(res: Response): Promise<Array<Record<string, any>>> {
  if (res.headers.get('content-type')?.includes('application/json')) {
    const body = await res.json();
    return Array.isArray(body) ? body : [body];
  }
  return messagesOf(await readEvents(res));
}
