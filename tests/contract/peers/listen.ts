import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A peer server started for one test: its SSE URL and how to stop it. */
export interface RunningPeer {
  /** The URL a client GETs to open the SSE stream. */
  url: string;
  /** Stops the server and cuts every open stream. */
  close(): Promise<void>;
}

/**
 * Listens on a free loopback port and returns the peer handle. Open SSE streams would keep
 * `server.close()` waiting forever, so close cuts every connection first.
 */
export async function listenLoopback(server: Server, ssePath: string): Promise<RunningPeer> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${ssePath}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
