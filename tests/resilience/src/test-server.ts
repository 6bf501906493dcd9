import type { AddressInfo } from 'node:net';
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
