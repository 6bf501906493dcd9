import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';

/**
 * Answers with a whole JSON body and its length. Without a length, `writeHead` makes Node
 * send the body chunked: two writes and more bytes for every call answered with JSON.
 */
export function writeJsonBody(
  res: ServerResponse,
  status: number,
  headers: OutgoingHttpHeaders,
  body: string,
): void {
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}
