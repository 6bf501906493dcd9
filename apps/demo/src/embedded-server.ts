import type { Socket } from 'node:net';
import { buildApp, exampleTools } from '@mcp-sse/server';
import { demoGreetTool, demoNote, demoPrompt } from './demo-definitions.js';

/** The demo's own server, in this process on a free loopback port. */
export interface EmbeddedServer {
  /** The SSE URL to connect to (HTTP+SSE, 2024-11-05). */
  url: string;
  /** The Streamable HTTP endpoint (2025 sessions and the stateless 2026-07-28). */
  mcpUrl: string;
  /** How long a `tools/call` response stream on /mcp lasts before the server asks the client to poll. */
  pollAfterMs: number;
  /** Cuts every open SSE stream at the socket, as a failing network would; returns how many. */
  dropStreams(): number;
  close(): Promise<void>;
}

/** Short enough that the resume step's 1.2 s call is polled a few times. */
const POLL_AFTER_MS = 400;

/**
 * Starts `@mcp-sse/server` with its example tools, the demo's own tool, resource and prompt,
 * and in-memory defaults on 127.0.0.1, port 0: nothing to install, nothing left behind.
 */
export async function startEmbeddedServer(): Promise<EmbeddedServer> {
  const app = await buildApp({
    logger: false,
    tools: [...exampleTools, demoGreetTool],
    resources: [demoNote],
    prompts: [demoPrompt],
    // Resumable, so that the drop step's call completes on the same session after a reconnect.
    resumeGraceMs: 30_000,
    retryMs: 200,
    // SEP-1699: a long call's Streamable HTTP response stream ends early and the client
    // resumes it with GET + Last-Event-ID; the resume step shows it.
    pollAfterMs: POLL_AFTER_MS,
  });
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
  const base = `http://127.0.0.1:${address.port}`;
  return {
    url: `${base}/sse`,
    mcpUrl: `${base}/mcp`,
    pollAfterMs: POLL_AFTER_MS,
    dropStreams() {
      const count = streams.size;
      for (const socket of streams) socket.destroy();
      return count;
    },
    close: () => app.close(),
  };
}
