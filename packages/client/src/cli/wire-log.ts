import { createParser } from 'eventsource-parser';
import type { CliIO } from './io.js';
import { forTerminal } from './terminal-text.js';

/** A wire line longer than this is clipped: the whole message is one `--json` away. */
const MAX_LINE = 300;

/**
 * `--verbose`: a fetch that writes the wire to stderr, one line per message, as the demo
 * shows it: `→ POST {...}` for what is sent, `← 200 {...}` for a JSON answer and
 * `← event: message {...}` for each event of an SSE stream. It sits under both transports
 * and the negotiation probe, so the handshake is shown too.
 */
export function wireLoggingFetch(io: CliIO, base: typeof fetch = fetch): typeof fetch {
  const line = (text: string) => {
    const clipped = text.length > MAX_LINE ? `${text.slice(0, MAX_LINE - 1)}…` : text;
    io.err(forTerminal(`${clipped.replace(/\s*\n\s*/g, ' ')}\n`, io.stderrIsTTY));
  };
  return async (input, init) => {
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    const body = typeof init?.body === 'string' ? ` ${init.body}` : '';
    line(`→ ${method} ${pathOf(input)}${body}`);
    const response = await base(input, init);
    const type = response.headers.get('content-type') ?? '';
    if (type.includes('text/event-stream') && response.body) {
      line(`← ${response.status} event stream`);
      // One branch for the transport, one read here as it arrives.
      const [logged, kept] = response.body.tee();
      void logEvents(logged, line);
      return withBody(response, kept);
    }
    if (type.includes('json')) {
      const text = await response
        .clone()
        .text()
        .catch(() => '');
      line(`← ${response.status} ${text}`);
    } else {
      line(`← ${response.status}`);
    }
    return response;
  };
}

function pathOf(input: RequestInfo | URL): string {
  try {
    const url = new URL(input instanceof Request ? input.url : String(input));
    return url.pathname;
  } catch {
    return '';
  }
}

/** The same answer with another body (a Response's body can only be read once). */
function withBody(response: Response, body: ReadableStream<Uint8Array>): Response {
  const copy = new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
  // Keeps the final URL (after redirects), which a transport may resolve endpoints against.
  Object.defineProperty(copy, 'url', { value: response.url });
  return copy;
}

async function logEvents(
  stream: ReadableStream<Uint8Array>,
  line: (text: string) => void,
): Promise<void> {
  const parser = createParser({
    onEvent: (event) =>
      line(`← event: ${event.event ?? 'message'} ${event.data === '' ? '(priming)' : event.data}`),
    onComment: (comment) => line(`← : ${comment}`),
  });
  const decoder = new TextDecoder();
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.feed(decoder.decode(value, { stream: true }));
    }
  } catch {
    // The transport's branch reports the break; the log just stops.
  }
}
