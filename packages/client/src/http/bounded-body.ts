import type { IncomingMessage } from 'node:http';
import { takeNodeMessage } from './node-response.js';

/** Bytes of an error body read for the snippet shown in an error message. */
export const SNIPPET_BYTES = 4096;

/**
 * Bytes of a body nobody needs (a POST's `Accepted`) read so that the socket can go back to
 * the keep-alive pool; a longer body is cancelled, which closes the connection instead.
 */
export const DISCARD_BYTES = 16 * 1024;

/** The start of a body, and whether there was more. */
export interface BodyPrefix {
  /** At most the bytes asked for. */
  bytes: Uint8Array;
  /** True when the body went on past them (the rest was cancelled, not read). */
  truncated: boolean;
}

/**
 * Reads at most `maxBytes` of a response body and cancels the rest, so an endless or huge
 * body costs a bounded amount of memory. Never throws: a body that breaks mid-way gives
 * what arrived before. Abort the request's signal to stop a body that trickles forever.
 */
export async function readBodyPrefix(response: Response, maxBytes: number): Promise<BodyPrefix> {
  const message = takeNodeMessage(response);
  if (message) return readMessagePrefix(message, maxBytes);
  const body = response.body;
  if (!body) return { bytes: new Uint8Array(0), truncated: false };
  let reader: ReadableStreamDefaultReader<Uint8Array>;
  try {
    reader = body.getReader();
  } catch {
    // Already read or locked by someone else: nothing for us to take.
    return { bytes: new Uint8Array(0), truncated: false };
  }
  const chunks: Uint8Array[] = [];
  let length = 0;
  let truncated = false;
  try {
    while (length <= maxBytes) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      length += value.length;
    }
    truncated = length > maxBytes;
  } catch {
    // Broken or aborted: keep what arrived.
  }
  // A no-op on a finished body; on a live one it stops the download and frees the socket.
  reader.cancel().catch(() => undefined);
  return { bytes: joinPrefix(chunks, length, maxBytes), truncated };
}

/** The first `maxBytes` of the chunks, as one array (the only chunk itself when it fits). */
function joinPrefix(chunks: Uint8Array[], length: number, maxBytes: number): Uint8Array {
  if (chunks.length === 1 && length <= maxBytes) return chunks[0] as Uint8Array;
  const bytes = new Uint8Array(Math.min(length, maxBytes));
  let offset = 0;
  for (const chunk of chunks) {
    if (offset >= bytes.length) break;
    const part = chunk.subarray(0, bytes.length - offset);
    bytes.set(part, offset);
    offset += part.length;
  }
  return bytes;
}

/**
 * {@link readBodyPrefix} on a Node message (the client's own HTTP path): its events, no web
 * stream. Past `maxBytes` the message is destroyed, which closes that connection.
 */
function readMessagePrefix(message: IncomingMessage, maxBytes: number): Promise<BodyPrefix> {
  return new Promise((resolve) => {
    const chunks: Uint8Array[] = [];
    let length = 0;
    let settled = false;
    const finish = (truncated: boolean) => {
      if (settled) return;
      settled = true;
      message.off('data', onData);
      resolve({ bytes: joinPrefix(chunks, length, maxBytes), truncated });
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      length += chunk.length;
      if (length > maxBytes) {
        message.destroy();
        finish(true);
      }
    };
    message.on('data', onData);
    // Broken or aborted: keep what arrived, as the web path does.
    message.once('end', () => finish(false));
    message.once('error', () => finish(false));
    message.once('close', () => finish(false));
  });
}

/**
 * A short, trimmed text snippet of a body (an error page), for an error message: at most
 * `maxChars` characters from at most {@link SNIPPET_BYTES} bytes, `…` when cut.
 */
export async function bodySnippet(response: Response, maxChars = 300): Promise<string> {
  const { bytes, truncated } = await readBodyPrefix(response, SNIPPET_BYTES);
  // `stream: true` leaves a multi-byte character cut at the byte bound out, not as U+FFFD.
  const text = new TextDecoder().decode(bytes, { stream: truncated }).trim();
  return text.length > maxChars || truncated ? `${text.slice(0, maxChars)}…` : text;
}

/**
 * Reads and drops a body nobody needs, at most {@link DISCARD_BYTES}: a short body lets the
 * connection be reused, a long or endless one is cancelled rather than drained.
 */
export async function discardBody(response: Response, maxBytes = DISCARD_BYTES): Promise<void> {
  await readBodyPrefix(response, maxBytes);
}
