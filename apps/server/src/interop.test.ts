import type { Socket } from 'node:net';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import {
  LoggingMessageNotificationSchema,
  ToolListChangedNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { onCleanup, start, until } from '../test/helpers.js';
import { defineTool } from './tools/define-tool.js';

/** The official TypeScript SDK client over its SSE transport, against our server. */
async function connect(base: string, headers: Record<string, string> = {}): Promise<Client> {
  const client = new Client({ name: 'interop-test', version: '1.0.0' });
  const transport = new SSEClientTransport(new URL(`${base}/sse`), {
    requestInit: { headers },
    eventSourceInit: {
      fetch: (url, init) =>
        fetch(url, {
          ...init,
          headers: { ...(init?.headers as Record<string, string>), ...headers },
        }),
    },
  });
  await client.connect(transport);
  onCleanup(() => client.close());
  return client;
}

describe('official @modelcontextprotocol/sdk client over SSE', () => {
  it('connects, negotiates and lists the tools', async () => {
    const { base } = await start();
    const client = await connect(base);
    expect(client.getServerVersion()).toMatchObject({ name: 'mcp-sse-server' });
    expect(client.getServerCapabilities()?.tools).toEqual({ listChanged: true });
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(['echo', 'add', 'sleep', 'time', 'image']);
    expect(await client.ping()).toEqual({});
  });

  it('calls echo and add', async () => {
    const { base } = await start();
    const client = await connect(base);
    expect(await client.callTool({ name: 'echo', arguments: { message: 'hello' } })).toEqual({
      content: [{ type: 'text', text: 'hello' }],
    });
    const sum = await client.callTool({ name: 'add', arguments: { a: 1.5, b: 2 } });
    expect(sum.content).toEqual([{ type: 'text', text: '3.5' }]);
  });

  it('sees unknown tools and bad arguments as -32602 errors', async () => {
    const { base } = await start();
    const client = await connect(base);
    await expect(client.callTool({ name: 'nope', arguments: {} })).rejects.toThrow(
      /Unknown tool: nope/,
    );
    await expect(client.callTool({ name: 'echo', arguments: {} })).rejects.toThrow(
      /arguments\.message/,
    );
  });

  it('receives progress from sleep', async () => {
    const { base } = await start();
    const client = await connect(base);
    const progress: number[] = [];
    const result = await client.callTool({ name: 'sleep', arguments: { ms: 350 } }, undefined, {
      onprogress: (p) => progress.push(p.progress),
    });
    expect(result.content).toEqual([{ type: 'text', text: 'Slept 350 ms' }]);
    expect(progress.length).toBeGreaterThanOrEqual(2);
  });

  it('cancels a call and the server aborts the handler', async () => {
    const { app, base } = await start();
    const client = await connect(base);
    const abort = new AbortController();
    const call = client.callTool({ name: 'sleep', arguments: { ms: 60_000 } }, undefined, {
      signal: abort.signal,
    });
    await until(() => app.mcp.stats().callsInFlight === 1, 'sleep to start');
    abort.abort('changed my mind');
    await expect(call).rejects.toThrow();
    await until(() => app.mcp.stats().callsInFlight === 0, 'the handler to stop');
    expect(
      await client.callTool({ name: 'echo', arguments: { message: 'still fine' } }),
    ).toMatchObject({
      content: [{ text: 'still fine' }],
    });
  });

  it('runs 20 concurrent calls on one session', async () => {
    const { base } = await start();
    const client = await connect(base);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        client.callTool({ name: 'echo', arguments: { message: `m${i}` } }),
      ),
    );
    expect(results.map((r) => (r.content as Array<{ text: string }>)[0]!.text)).toEqual(
      Array.from({ length: 20 }, (_, i) => `m${i}`),
    );
  });

  it('works with an API key and through a prefix', async () => {
    const { base } = await start({ apiKeys: ['secret-key-1'], prefix: '/mcp' });
    const client = await connect(`${base}/mcp`, { authorization: 'Bearer secret-key-1' });
    expect(
      (await client.callTool({ name: 'time', arguments: { timeZone: 'Europe/Paris' } })).isError,
    ).toBeUndefined();
    const image = await client.callTool({ name: 'image', arguments: {} });
    expect((image.content as Array<{ type: string }>)[0]!.type).toBe('image');
  });

  it('keeps working after its stream drops: the client reconnects and adopts a new session', async () => {
    const { app, base } = await start({ resumeGraceMs: 5_000 });
    const streams: Socket[] = [];
    app.server.on('request', (req) => {
      if (req.method === 'GET' && req.url?.startsWith('/sse')) streams.push(req.socket);
    });
    const client = await connect(base);
    expect(await client.callTool({ name: 'echo', arguments: { message: 'before' } })).toMatchObject(
      {
        content: [{ text: 'before' }],
      },
    );
    streams[0]!.destroy();
    // The client waits for the retry hint (1 s here), then GETs the SSE URL again.
    await until(() => streams.length === 2, 'the client to reconnect', 10_000);
    let text: string | undefined;
    for (let attempt = 0; attempt < 10 && text === undefined; attempt++) {
      try {
        const result = await client.callTool(
          { name: 'echo', arguments: { message: 'after' } },
          undefined,
          {
            timeout: 1000,
          },
        );
        text = (result.content as Array<{ text: string }>)[0]!.text;
      } catch {
        // Until the new endpoint arrives the client still posts to the old session.
      }
    }
    expect(text).toBe('after');
  });

  it('sees tools added at run time and log messages filtered by logging/setLevel', async () => {
    const { app, base } = await start();
    const client = await connect(base);
    let changed = 0;
    const logs: unknown[] = [];
    client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
      changed++;
    });
    client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => {
      logs.push(n.params.data);
    });
    app.mcp.addTool(
      defineTool({
        name: 'chatty',
        description: 'logs twice',
        input: z.object({}),
        output: z.object({ ok: z.boolean() }),
        handler: (_args, ctx) => {
          ctx.log('debug', 'hidden');
          ctx.log('warning', 'shown');
          return { ok: true };
        },
      }),
    );
    await until(() => changed === 1, 'list_changed');
    const { tools } = await client.listTools();
    expect(tools.find((t) => t.name === 'chatty')?.outputSchema).toMatchObject({ type: 'object' });
    await client.setLoggingLevel('info');
    const result = await client.callTool({ name: 'chatty', arguments: {} });
    expect(result.structuredContent).toEqual({ ok: true });
    await until(() => logs.length === 1, 'the log message');
    expect(logs).toEqual(['shown']);
  });
});
