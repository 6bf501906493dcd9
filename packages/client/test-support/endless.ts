import type { ServerResponse } from 'node:http';

/** What an endless body cost the server: bytes the client took before it hung up. */
export interface EndlessBody {
  /** Bytes written so far (each write waits for the client to take the last). */
  readonly written: () => number;
  /** Resolves once the client closed the connection, with the bytes written by then. */
  readonly closed: Promise<number>;
}

const CHUNK = Buffer.alloc(64 * 1024, 'x');

/**
 * Streams `x` to `res` forever, as fast as the client reads and no faster, until the client
 * hangs up: a hostile server's endless body. Bounded by the client, not by time.
 */
export function writeEndless(res: ServerResponse): EndlessBody {
  let written = 0;
  let open = true;
  const closed = new Promise<number>((resolve) => {
    res.on('close', () => {
      open = false;
      resolve(written);
    });
  });
  const pump = () => {
    while (open && !res.writableEnded && !res.destroyed) {
      written += CHUNK.length;
      if (!res.write(CHUNK)) {
        res.once('drain', pump);
        return;
      }
    }
  };
  pump();
  return { written: () => written, closed };
}
