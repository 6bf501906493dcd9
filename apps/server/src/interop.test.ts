import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import {
  LoggingMessageNotificationSchema,
  ToolListChangedNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { onCleanup, start, until, untilDetached } from '../test/helpers.js';
import { defineTool } from './tools/define-tool.js';

/**
 * The official TypeScript SDK client over its SSE transport, as shipped, against our server.
 * Extra headers go in `requestInit`: the transport adds them to its GETs and POSTs alike.
 */
async function connect(base: string, headers: Record<string, string> = {}): Promise<Client> {
  const client = new Client({ name: 'interop-test', version: '1.0.0' });
  const transport = new SSEClientTransport(new URL(`${base}/sse`), { requestInit: { headers } });
  await client.connect(transport);
  onCleanup(() => client.close());
  return client;
}

/**
 * The POST URL the SDK client uses now. It is private to SSEClientTransport; the test reads
 * it because the client adopts a new endpoint only when the `endpoint` event arrives, and
 * anything it POSTs before that goes to the old session (which is what this test is not about).
 */
function sdkEndpoint(client: Client): string | undefined {
  const transport = client.transport as unknown as { _endpoint?: URL } | undefined;
  return transport?._endpoint?.href;
}

/** The server-side sockets and headers of every `GET /sse`, to cut streams and see reconnects. */
function watchStreams(
  app: FastifyInstance,
): Array<{ socket: Socket; headers: IncomingHttpHeaders; at: number }> {
  const streams: Array<{ socket: Socket; headers: IncomingHttpHeaders; at: number }> = [];
  app.server.on('request', (req: IncomingMessage) => {
    if (req.method === 'GET' && req.url?.startsWith('/sse')) {
      streams.push({ socket: req.socket, headers: req.headers, at: performance.now() });
    }
  });
  return streams;
}

const text = (result: unknown): string =>
  (result as { content: Array<{ text: string }> }).content[0]!.text;

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

  it('keeps working through a stream drop: the call in flight and calls made meanwhile complete', async () => {
    // Defaults (resumable, 30 s grace, retry hint 1 s) with a key: only an authenticated
    // principal is ever re-attached without Last-Event-ID.
    const { app, base } = await start({ apiKeys: ['interop-key-0123456789'] });
    const streams = watchStreams(app);
    const client = await connect(base, { 'x-api-key': 'interop-key-0123456789' });
    expect(text(await client.callTool({ name: 'echo', arguments: { message: 'before' } }))).toBe(
      'before',
    );
    const inFlight = client.callTool({ name: 'sleep', arguments: { ms: 1500 } });
    await until(() => app.mcp.stats().callsInFlight === 1, 'sleep to start');

    const cutAt = performance.now();
    streams[0]!.socket.destroy();
    await untilDetached(base, 1);
    // Made while the stream is down: the client posts them to its old endpoint.
    const during = Array.from({ length: 10 }, (_, i) =>
      client
        .callTool({ name: 'echo', arguments: { message: `during ${i}` } })
        .then((r) => ({ text: text(r), ms: performance.now() - cutAt })),
    );
    const sleptMs = inFlight.then(() => performance.now() - cutAt);
    const results = await Promise.all(during);
    expect(results.map((r) => r.text)).toEqual(Array.from({ length: 10 }, (_, i) => `during ${i}`));
    expect(text(await inFlight)).toBe('Slept 1500 ms');
    expect(text(await client.callTool({ name: 'echo', arguments: { message: 'after' } }))).toBe(
      'after',
    );

    // The reconnect: the same SSE URL, now with the negotiated version and no Last-Event-ID.
    expect(streams).toHaveLength(2);
    expect(streams[0]!.headers['mcp-protocol-version']).toBeUndefined();
    expect(streams[1]!.headers['mcp-protocol-version']).toBe('2025-11-25');
    expect(streams[1]!.headers['last-event-id']).toBeUndefined();
    // Re-attached: one session throughout, nothing left detached.
    expect(app.mcp.stats().sessions).toBe(1);
    await untilDetached(base, 0);
    console.log(
      `[interop drop, re-attached] reconnect GET ${Math.round(streams[1]!.at - cutAt)} ms after the cut; ` +
        `10/10 calls made during the drop answered after ${Math.round(Math.min(...results.map((r) => r.ms)))}-${Math.round(Math.max(...results.map((r) => r.ms)))} ms; ` +
        `call in flight (sleep 1500) answered ${Math.round(await sleptMs)} ms after the cut; calls after: 1/1 ok`,
    );
  });

  it('keeps working when its session cannot be told apart: a new initialised session, in-flight calls lost', async () => {
    const { app, base } = await start({ toolTimeoutMs: 0 });
    const streams = watchStreams(app);
    const clients = [await connect(base), await connect(base)];
    const inFlight = clients.map((client) =>
      client.callTool({ name: 'sleep', arguments: { ms: 800 } }, undefined, { timeout: 4000 }).then(
        () => 'answered',
        (error: Error) => (/timed out/i.test(error.message) ? 'timed out' : error.message),
      ),
    );
    await until(() => app.mcp.stats().callsInFlight === 2, 'both calls to start');
    const cutAt = performance.now();
    // Same principal (none), address and User-Agent, dropped together: ambiguous.
    for (const stream of streams.slice(0, 2)) stream.socket.destroy();
    await until(() => streams.length === 4, 'both clients to reconnect', 10_000);
    const reconnectMs = Math.round(streams[3]!.at - cutAt);

    let failedAttempts = 0;
    for (const [i, client] of clients.entries()) {
      let answer: string | undefined;
      // Until the new endpoint arrives a call goes to the old session and is lost: bounded retries.
      for (let attempt = 0; attempt < 10 && answer === undefined; attempt++) {
        try {
          answer = text(
            await client.callTool(
              { name: 'echo', arguments: { message: `after ${i}` } },
              undefined,
              {
                timeout: 500,
              },
            ),
          );
        } catch {
          failedAttempts++;
        }
      }
      expect(answer).toBe(`after ${i}`);
    }
    const outcomes = await Promise.all(inFlight);
    // The old sessions finished the calls, but their answers wait in sessions nobody resumes.
    expect(outcomes).toEqual(['timed out', 'timed out']);
    // Two old sessions (in their grace period) and two new ones, initialised at 2025-11-25.
    expect(app.mcp.stats().sessions).toBe(4);
    console.log(
      `[interop drop, ambiguous] reconnect GETs ${reconnectMs} ms after the cut; 2/2 clients served on new sessions; ` +
        `calls in flight lost: 2/2 (client timeout); calls before the new endpoint lost: ${failedAttempts}`,
    );
  });

  it('keeps working when it comes back after the grace period: a new session, the call in flight aborted', async () => {
    const { app, base } = await start({ resumeGraceMs: 200 }); // shorter than the 1 s retry hint
    const streams = watchStreams(app);
    const client = await connect(base);
    const firstEndpoint = sdkEndpoint(client);
    const inFlight = client
      .callTool({ name: 'sleep', arguments: { ms: 5000 } }, undefined, { timeout: 2500 })
      .then(
        () => 'answered',
        (error: Error) => (/timed out/i.test(error.message) ? 'timed out' : error.message),
      );
    await until(() => app.mcp.stats().callsInFlight === 1, 'sleep to start');
    streams[0]!.socket.destroy();
    await until(() => app.mcp.stats().sessions === 0, 'the grace period to end');
    // The handler stops on its aborted signal, long before its 5 s would be up.
    await until(() => app.mcp.stats().callsInFlight === 0, 'the handler to be aborted');
    await until(() => streams.length === 2, 'the client to reconnect', 10_000);
    await until(() => app.mcp.stats().sessions === 1, 'its new session');
    await until(
      () => sdkEndpoint(client) !== undefined && sdkEndpoint(client) !== firstEndpoint,
      'the client to take the new endpoint',
    );
    expect(text(await client.callTool({ name: 'echo', arguments: { message: 'again' } }))).toBe(
      'again',
    );
    expect(await inFlight).toBe('timed out');
    console.log(
      '[interop drop, grace over] handler aborted at the end of the grace period; new initialised session; calls after: 1/1 ok; call in flight lost (client timeout)',
    );
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
