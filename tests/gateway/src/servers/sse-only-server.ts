import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSdkServer } from '../../../../packages/client/test-support/sdk-server.js';

/** An HTTP+SSE-only server (no Streamable HTTP), and its URL. */
export interface SseOnlyServer {
  url: string;
  close(): Promise<void>;
}

/**
 * The official SDK's HTTP+SSE server (2024-11-05) behind a front that answers the
 * Streamable HTTP probe (a POST to the SSE URL) with `postStatus`: 404 or 405 as the spec's
 * backward-compatibility section expects, or what real old servers also send (400, 500).
 * Everything else is passed through unchanged.
 */
export async function startSseOnlyServer(postStatus: number): Promise<SseOnlyServer> {
  const sdk = await startSdkServer();
  const target = new URL(sdk.url);
  const front = createServer((req, res) => {
    if (req.method === 'POST' && req.url?.startsWith(target.pathname)) {
      res.writeHead(postStatus, { 'content-type': 'text/plain' }).end('not here');
      return;
    }
    const upstream = request(
      {
        host: target.hostname,
        port: target.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', () => resolve()));
  const { port } = front.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${target.pathname}`,
    async close() {
      front.closeAllConnections();
      await new Promise<void>((resolve) => front.close(() => resolve()));
      await sdk.close();
    },
  };
}
