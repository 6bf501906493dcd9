import type { AddressInfo } from 'node:net';
import {
  connect,
  type McpSseClient,
  type McpSseClientOptions,
  MODERN_PROTOCOL_VERSION,
  type TransportKind,
} from '@mcp-sse/client';
import { type BuildAppOptions, buildApp, defineTool, exampleTools } from '@mcp-sse/server';
import { z } from 'zod';

/** A running server with a tally of how often each call key ran. */
export interface TestServer {
  app: Awaited<ReturnType<typeof buildApp>>;
  host: string;
  port: number;
  /** Executions per `tally` key: a count above 1 means the server ran a call twice. */
  executions: Map<string, number>;
  close(): Promise<void>;
}

/**
 * Our server in-process (`buildApp` from `@mcp-sse/server`) with resuming on, rate
 * limiting off, quick heartbeats and a short `retry`, plus `tally` (`add` that also counts
 * how often each key ran) and `slow_tally` (the same, slower, with progress).
 */
export async function startTestServer(options: BuildAppOptions = {}): Promise<TestServer> {
  const executions = new Map<string, number>();
  const tally = defineTool({
    name: 'tally',
    description: 'Adds a and b, and counts how often each key ran.',
    input: z.object({ key: z.string(), a: z.number(), b: z.number() }),
    handler: ({ key, a, b }) => {
      executions.set(key, (executions.get(key) ?? 0) + 1);
      return String(a + b);
    },
  });
  // The slow kind: runs across cuts, reports progress, and is in flight when a copy arrives.
  const slowTally = defineTool({
    name: 'slow_tally',
    description: 'Like tally, after `steps` pauses of 10 ms, reporting progress after each.',
    input: z.object({ key: z.string(), a: z.number(), b: z.number(), steps: z.number().int() }),
    handler: async ({ key, a, b, steps }, ctx) => {
      executions.set(key, (executions.get(key) ?? 0) + 1);
      for (let step = 1; step <= Math.min(steps, 20); step++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        ctx.progress(step, steps);
      }
      return String(a + b);
    },
  });
  const app = await buildApp({
    tools: [...exampleTools, tally, slowTally],
    resumeGraceMs: 30_000,
    retryMs: 20,
    heartbeatMs: 200,
    rateLimit: 0,
    ...options,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return { app, host: '127.0.0.1', port, executions, close: () => app.close() };
}

/** One way the client reaches the server: the transport it is pinned to, and where. */
export interface TransportCase {
  /** Shown in test names and printed figures. */
  name: string;
  /** Pinned in the client's `transport` option, so no test depends on negotiation. */
  transport: TransportKind;
  /** The server's endpoint for it. */
  path: string;
  /** Pinned in `protocolVersion`: a 2025 revision (sessions) or 2026-07-28 (stateless). */
  protocolVersion?: string;
}

/** The legacy HTTP+SSE transport of 2024-11-05: a GET stream plus POSTs to `/messages`. */
export const HTTP_SSE: TransportCase = { name: 'HTTP+SSE', transport: 'sse', path: '/sse' };

/** Streamable HTTP with a 2025 session (`Mcp-Session-Id`, `initialize`). */
export const STREAMABLE_HTTP: TransportCase = {
  name: 'Streamable HTTP',
  transport: 'streamable-http',
  path: '/mcp',
  protocolVersion: '2025-11-25',
};

/** Streamable HTTP in the stateless 2026-07-28 revision: no session, no resumption. */
export const STATELESS_HTTP: TransportCase = {
  name: 'Streamable HTTP 2026-07-28',
  transport: 'streamable-http',
  path: '/mcp',
  protocolVersion: MODERN_PROTOCOL_VERSION,
};

/** The transports a test that holds for both session transports runs over. */
export const SESSION_TRANSPORTS: readonly TransportCase[] = [HTTP_SSE, STREAMABLE_HTTP];

/** Connects to `origin` over `over`, pinned (transport and protocol version). */
export function connectOver(
  over: TransportCase,
  origin: string,
  options: McpSseClientOptions = {},
): Promise<McpSseClient> {
  return connect(`${origin}${over.path}`, {
    ...options,
    transport: over.transport,
    ...(over.protocolVersion === undefined ? {} : { protocolVersion: over.protocolVersion }),
  });
}
