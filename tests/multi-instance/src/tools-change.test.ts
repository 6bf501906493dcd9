import type { AddressInfo } from 'node:net';
import type { McpSseClient } from '@mcp-sse/client';
import { buildApp, defineTool, exampleTools } from '@mcp-sse/server';
import { connectOver, HTTP_SSE, RedisProcess, RoundRobinProxy, waitFor } from '@mcp-sse/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { textOf } from './text-of.js';

const shout = defineTool({
  name: 'shout',
  description: 'Upper-cases a message.',
  input: z.object({ message: z.string() }),
  handler: ({ message }) => message.toUpperCase(),
});

describe('a tool list change made on every instance', () => {
  let redis: RedisProcess;
  const apps: Array<Awaited<ReturnType<typeof buildApp>>> = [];
  let proxy: RoundRobinProxy;
  const clients: McpSseClient[] = [];

  beforeAll(async () => {
    redis = await RedisProcess.start();
    for (let i = 0; i < 2; i++) {
      const app = await buildApp({ tools: [...exampleTools], redis: redis.url, rateLimit: 0 });
      await app.listen({ port: 0, host: '127.0.0.1' });
      apps.push(app);
    }
    proxy = await RoundRobinProxy.start(
      apps.map((app, i) => ({
        name: `app-${i + 1}`,
        port: (app.server.address() as AddressInfo).port,
      })),
    );
  });

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await proxy?.close();
    await Promise.all(apps.map((app) => app.close()));
    await redis?.dispose();
  });

  it('reaches the sessions of every instance, whichever instance their POSTs land on', async () => {
    // One session held by each instance, both with POSTs spread over both.
    for (const app of apps) {
      const { port } = app.server.address() as AddressInfo;
      clients.push(await connectOver(HTTP_SSE, `http://127.0.0.1:${port}`));
    }
    clients.push(await connectOver(HTTP_SSE, proxy.origin));
    const changed = clients.map(() => false);
    for (const [i, client] of clients.entries()) {
      client.on('toolsChanged', (tools) => {
        if (tools.some((tool) => tool.name === 'shout')) changed[i] = true;
      });
    }
    for (const app of apps) app.mcp.addTool(shout);
    await waitFor(() => changed.every(Boolean), 'every client to see the new tool');
    for (const client of clients) {
      expect(textOf(await client.callTool('shout', { message: 'hi' }))).toBe('HI');
    }
  });
});
