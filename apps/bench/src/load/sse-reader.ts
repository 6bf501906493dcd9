/** Called for every dispatched event: its name (`message` when unnamed) and its data. */
export type SseEventHandler = (event: string, data: string) => void;

/** A push-style SSE reader: feed it text as it arrives. */
export interface SseReader {
  feed(chunk: string): void;
}

/**
 * The load generator's own small SSE reader: just enough of the standard for the servers
 * under test (fields `event` and `data`, comments skipped, CRLF tolerated), and cheap, so
 * that the load generator costs far less CPU than the servers it measures. It deliberately
 * shares no code with our client or the SDK.
 */
export function createSseReader(onEvent: SseEventHandler): SseReader {
  let buffer = '';
  return {
    feed(chunk) {
      buffer += chunk.includes('\r') ? chunk.replace(/\r\n?/g, '\n') : chunk;
      let start = 0;
      let end = buffer.indexOf('\n\n', start);
      while (end !== -1) {
        dispatch(buffer.slice(start, end), onEvent);
        start = end + 2;
        end = buffer.indexOf('\n\n', start);
      }
      if (start > 0) buffer = buffer.slice(start);
    },
  };
}

function dispatch(block: string, onEvent: SseEventHandler): void {
  let event = 'message';
  let data: string | undefined;
  for (const line of block.split('\n')) {
    if (line === '' || line.charCodeAt(0) === 58 /* ':' comment */) continue;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data = data === undefined ? value : `${data}\n${value}`;
  }
  if (data !== undefined) onEvent(event, data);
}
