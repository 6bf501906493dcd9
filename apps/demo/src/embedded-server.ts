import type { Socket } from 'node:net';
import { buildApp } from '@mcp-sse/server';

/** The demo's own server, in this process on a free loopback port. */
export interface EmbeddedServer {
  /** The SSE URL to connect to. */
  url: string;
  /** Cuts every open SSE stream at the socket, as a failing network would; returns how many. */
  dropStreams(): number;
  close(): Promise<void>;
}

/**
 * Starts `@mcp-sse/server` with its example tools and in-memory defaults on 127.0.0.1,
 * port 0: nothing to install, nothing left behind.
 */
export async function startEmbeddedServer(): Promise<EmbeddedServer> {
  // Resumable, so that the drop step's call completes on the same session after a reconnect.
  const app = await buildApp({ logger: false, resumeGraceMs: 30_000, retryMs: 200 });
  const streams = new Set<Socket>();
  // Watch at the HTTP level, below the plugin, so the drop does not depend on its internals.
  app.server.on('request', (req) => {
    if (req.method !== 'GET' || !req.url?.startsWith('/sse')) return;
    const socket = req.socket;
    streams.add(socket);
    socket.once('close', () => streams.delete(socket));
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('server has no TCP address');
  return {
    url: `http://127.0.0.1:${address.port}/sse`,
    dropStreams() {
      const count = streams.size;
      for (const socket of streams) socket.destroy();
      return count;
    },
    close: () => app.close(),
  };
}
