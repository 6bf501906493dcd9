import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A server no one here wrote, started for one cell: its MCP URL and how to stop it. */
export interface RunningPeer {
  url: string;
  close(): Promise<void>;
}

/**
 * Listens on a free 127.0.0.1 port. Closing cuts every open connection first (open SSE
 * streams would keep `close` waiting).
 */
export async function listenLoopback(server: Server, path: string): Promise<RunningPeer> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
