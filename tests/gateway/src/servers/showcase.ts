import { McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';

/** The resource whose updates the `change` tool announces (as on our server). */
export const WATCHED_URI = 'test://doc';

/** The elicitation message the host never answers: the server gives up and cancels it. */
export const UNANSWERED = 'Wait for the server to cancel';

/** What a showcase server reports to its test: a step of `slow`, `wait` started or cancelled. */
export type ShowcaseEvent = 'step' | 'waiting' | 'cancelled';

/**
 * The same showcase tools as our server, on the official SDK v2 (2.4) McpServer: one per
 * session (the `servers` set, so `change` reaches every session), `report` told of each
 * step of `slow` and of `wait` starting and being cancelled.
 */
export function showcase(
  servers: Set<McpServer>,
  report: (event: ShowcaseEvent, step?: number) => void,
): McpServer {
  const server = new McpServer(
    { name: 'sdk2-server', version: '2.4.0' },
    { capabilities: { logging: {}, resources: { subscribe: true, listChanged: true } } },
  );
  servers.add(server);
  let added = 0;
  server.registerTool(
    'slow',
    { inputSchema: z.object({ steps: z.number().int(), pauseMs: z.number().int() }) },
    async ({ steps, pauseMs }, ctx) => {
      const token = ctx.mcpReq._meta?.progressToken;
      for (let step = 1; step <= steps; step++) {
        await new Promise((resolve) => setTimeout(resolve, Math.min(pauseMs, 500)));
        if (token !== undefined) {
          await ctx.mcpReq.notify({
            method: 'notifications/progress',
            params: { progressToken: token, progress: step, total: steps, message: `step ${step}` },
          });
        }
        report('step', step);
      }
      return { content: [{ type: 'text', text: `done after ${steps} steps` }] };
    },
  );
  server.registerTool(
    'log',
    { inputSchema: z.object({ text: z.string() }) },
    async ({ text }, ctx) => {
      await ctx.mcpReq.log('warning', { text });
      return { content: [{ type: 'text', text: 'logged' }] };
    },
  );
  server.registerTool('change', { inputSchema: z.object({}) }, async () => {
    added++;
    for (const each of servers) {
      each.registerTool(`added_${added}`, { inputSchema: z.object({}) }, async () => ({
        content: [{ type: 'text', text: 'hi' }],
      }));
      await each.server.sendResourceUpdated({ uri: WATCHED_URI });
    }
    return { content: [{ type: 'text', text: 'changed' }] };
  });
  server.registerTool('ask', { inputSchema: z.object({}) }, async (_args, ctx) => {
    const answer = await ctx.mcpReq.elicitInput({
      message: 'Your name?',
      requestedSchema: {
        type: 'object',
        properties: { name: { type: 'string' } },
        required: ['name'],
      },
    });
    return { content: [{ type: 'text', text: JSON.stringify(answer) }] };
  });
  server.registerTool('sample', { inputSchema: z.object({}) }, async (_args, ctx) => {
    const answer = await ctx.mcpReq.requestSampling({
      messages: [{ role: 'user', content: { type: 'text', text: 'Say hi' } }],
      maxTokens: 1000,
    });
    return { content: [{ type: 'text', text: JSON.stringify(answer) }] };
  });
  server.registerTool('roots', { inputSchema: z.object({}) }, async () => {
    const { roots } = await server.server.listRoots();
    return { content: [{ type: 'text', text: JSON.stringify(roots) }] };
  });
  server.registerTool('wait', { inputSchema: z.object({}) }, async (_args, ctx) => {
    report('waiting');
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 20_000);
      ctx.mcpReq.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        report('cancelled');
        resolve();
      });
    });
    return { content: [{ type: 'text', text: 'waited' }] };
  });
  server.registerTool('ask_briefly', { inputSchema: z.object({}) }, async (_args, ctx) => {
    const answer = await ctx.mcpReq
      .elicitInput(
        { message: UNANSWERED, requestedSchema: { type: 'object', properties: {} } },
        { timeout: 300 },
      )
      .then(
        () => 'answered',
        () => 'gave up',
      );
    return { content: [{ type: 'text', text: answer }] };
  });
  server.registerResource('doc', WATCHED_URI, { mimeType: 'text/plain' }, async (uri) => ({
    contents: [{ uri: uri.href, mimeType: 'text/plain', text: 'v1' }],
  }));
  return server;
}
