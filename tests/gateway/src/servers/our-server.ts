import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import { buildApp, defineResource, defineTool } from '@mcp-sse/server';
import { z } from 'zod';
import type { RunningServer } from './running-server.js';
import { UNANSWERED, WATCHED_URI } from './showcase.js';

export { WATCHED_URI };

/**
 * Our server (`buildApp`) serving HTTP+SSE at /sse and Streamable HTTP at /mcp, with the
 * showcase tools every bridge is tried on: progress (`slow`), logging (`log`), list and
 * resource changes (`change`), and the server's own requests (`ask`, `sample`, `roots`).
 */
export async function startOurServer(): Promise<RunningServer> {
  let added = 0;
  const stepEvents = new EventEmitter();
  const tools = [
    defineTool({
      name: 'slow',
      description: 'Reports progress `steps` times, `pauseMs` apart, then answers.',
      input: z.object({ steps: z.number().int().min(1).max(50), pauseMs: z.number().int() }),
      handler: async ({ steps, pauseMs }, ctx) => {
        for (let step = 1; step <= steps; step++) {
          await new Promise((resolve) => setTimeout(resolve, Math.min(pauseMs, 500)));
          ctx.progress(step, steps, `step ${step}`);
          stepEvents.emit('step', step);
        }
        return `done after ${steps} steps`;
      },
    }),
    defineTool({
      name: 'log',
      description: 'Sends one log message.',
      input: z.object({ text: z.string() }),
      handler: ({ text }, ctx) => {
        ctx.log('warning', { text });
        return 'logged';
      },
    }),
    defineTool({
      name: 'change',
      description: 'Adds a tool (tools/list_changed) and updates test://doc (resources/updated).',
      input: z.object({}),
      handler: () => {
        added++;
        app.mcp.addTool(
          defineTool({
            name: `added_${added}`,
            description: 'Added at run time',
            input: z.object({}),
            handler: () => 'hi',
          }),
        );
        app.mcp.core.features.notifyResourceUpdated(WATCHED_URI);
        return 'changed';
      },
    }),
    defineTool({
      name: 'ask',
      description: 'Asks the user for a name (elicitation).',
      input: z.object({}),
      handler: async (_input, ctx) =>
        JSON.stringify(
          await ctx.elicit({
            message: 'Your name?',
            requestedSchema: {
              type: 'object',
              properties: { name: { type: 'string' } },
              required: ['name'],
            },
          }),
        ),
    }),
    defineTool({
      name: 'sample',
      description: "Asks the client's model (sampling).",
      input: z.object({}),
      handler: async (_input, ctx) => JSON.stringify(await ctx.sample('Say hi')),
    }),
    defineTool({
      name: 'wait',
      description: 'Waits until cancelled (at most 20 s).',
      input: z.object({}),
      handler: async (_input, ctx) => {
        stepEvents.emit('waiting');
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 20_000);
          ctx.signal.addEventListener('abort', () => {
            clearTimeout(timer);
            stepEvents.emit('cancelled');
            resolve();
          });
        });
        return 'waited';
      },
    }),
    defineTool({
      name: 'ask_briefly',
      description: 'Asks the user, gives up (cancels the request) after 300 ms.',
      input: z.object({}),
      handler: async (_input, ctx) =>
        ctx
          .elicit(
            { message: UNANSWERED, requestedSchema: { type: 'object', properties: {} } },
            { timeoutMs: 300 },
          )
          .then(
            () => 'answered',
            () => 'gave up',
          ),
    }),
    defineTool({
      name: 'roots',
      description: "Lists the client's roots.",
      input: z.object({}),
      handler: async (_input, ctx) => JSON.stringify(await ctx.roots()),
    }),
  ];
  const app = await buildApp({
    tools,
    resources: [defineResource({ uri: WATCHED_URI, name: 'doc', text: 'v1' })],
    retryMs: 20,
    heartbeatMs: 500,
    rateLimit: 0,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    name: 'mcp-sse-server',
    host: '127.0.0.1',
    port,
    paths: { streamable: '/mcp', sse: '/sse' },
    steps: stepEvents,
    close: () => app.close(),
  };
}
