import type { WireTrace } from './narrator.js';

/** One HTTP exchange the client made, seen from the `fetch` it was given. */
export interface HttpTrace {
  /** `out`: a request; `in`: its response; `end`: the server closed a response stream. */
  direction: 'out' | 'in' | 'end';
  /** Numbers the exchanges of one tracing fetch: a request, its response and its end share it. */
  exchange: number;
  method: string;
  /** Path and query of the URL. */
  path: string;
  /** The JSON-RPC method (or `response`) of a request body, when it has one. */
  rpc?: string;
  status?: number;
  /** The MCP headers worth seeing: session, protocol version, resumption, content type. */
  headers: Record<string, string>;
}

// Headers that tell the story of a transport; the rest (accept, content-length) is noise.
const REQUEST_HEADERS = ['mcp-protocol-version', 'mcp-session-id', 'last-event-id', 'mcp-method'];
const RESPONSE_HEADERS = ['content-type', 'mcp-session-id'];

function pick(headers: Headers, names: readonly string[]): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of names) {
    const value = headers.get(name);
    if (value !== null) picked[name] = name === 'content-type' ? value.split(';')[0]! : value;
  }
  return picked;
}

function rpcOf(body: unknown): string | undefined {
  if (typeof body !== 'string') return undefined;
  try {
    const message = JSON.parse(body) as { method?: unknown; id?: unknown };
    if (typeof message.method === 'string') return message.method;
    return message.id === undefined ? undefined : 'response';
  } catch {
    return undefined;
  }
}

/**
 * A `fetch` that reports every request, response and the end of every SSE response it
 * passes on, so the demo can narrate what the transports do at the HTTP level (sessions,
 * resumption, negotiation) with the real headers. It changes nothing the client sees.
 */
export function tracingFetch(
  report: (trace: HttpTrace) => void,
  inner: typeof fetch = globalThis.fetch,
): typeof fetch {
  let exchanges = 0;
  return async (input, init) => {
    exchanges += 1;
    const exchange = exchanges;
    const request = input instanceof Request ? input : undefined;
    const url = new URL(request?.url ?? String(input));
    const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
    const path = `${url.pathname}${url.search}`;
    const rpc = rpcOf(init?.body);
    report({
      direction: 'out',
      exchange,
      method,
      path,
      ...(rpc === undefined ? {} : { rpc }),
      headers: pick(new Headers(init?.headers ?? request?.headers), REQUEST_HEADERS),
    });
    const response = await inner(input, init);
    const headers = pick(response.headers, RESPONSE_HEADERS);
    report({ direction: 'in', exchange, method, path, status: response.status, headers });
    if (!headers['content-type']?.includes('text/event-stream') || !response.body) return response;
    // Pass the stream through unchanged; its flush is the moment the server ended it.
    const watched = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        flush: () => report({ direction: 'end', exchange, method, path, headers: {} }),
      }),
    );
    return new Response(watched, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

const LABEL: Record<string, string> = {
  'mcp-protocol-version': 'MCP-Protocol-Version',
  'mcp-session-id': 'Mcp-Session-Id',
  'last-event-id': 'Last-Event-ID',
  'mcp-method': 'Mcp-Method',
  'content-type': 'Content-Type',
};

function shorten(id: string): string {
  return id.length > 12 ? `${id.slice(0, 8)}…` : id;
}

/** One readable line for an HTTP trace, in the style of the wire lines. */
export function formatHttp(trace: HttpTrace): string {
  const headers = Object.entries(trace.headers)
    // A session id is a long UUID; its start is enough to see that it stays the same.
    .map(
      ([name, value]) =>
        `${LABEL[name] ?? name}: ${name === 'mcp-session-id' ? shorten(value) : value}`,
    )
    .join(', ');
  const tail = headers ? `  [${headers}]` : '';
  switch (trace.direction) {
    case 'out':
      return `→ ${trace.method} ${trace.path}${trace.rpc ? ` ${trace.rpc}` : ''}${tail}`;
    case 'in':
      return `← HTTP ${trace.status}${tail}`;
    default:
      return `← the server ended the ${trace.method} stream`;
  }
}

/** An HTTP trace as a wire trace, for the narrators. */
export function httpWire(trace: HttpTrace): WireTrace {
  return { direction: trace.direction === 'out' ? 'out' : 'in', kind: 'http', data: trace };
}
