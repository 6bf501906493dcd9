import { afterEach, describe, expect, it } from 'vitest';
import { type ScriptedServer, startScriptedServer } from '../test-support/scripted-server.js';
import { type SdkServer, startSdkServer } from '../test-support/sdk-server.js';
import type { McpSseClient } from './client.js';
import { connect } from './connect.js';
import { McpSseClientError } from './errors.js';

let sdk: SdkServer | undefined;
let scripted: ScriptedServer | undefined;
let client: McpSseClient | undefined;

afterEach(async () => {
  await client?.close();
  await sdk?.close();
  await scripted?.close();
  client = undefined;
  sdk = undefined;
  scripted = undefined;
});

describe.each(['/messages', '/message'])(
  'official TypeScript SDK SSE server (POST %s)',
  (postPath) => {
    it('connects, lists tools and calls them with progress', async () => {
      sdk = await startSdkServer(postPath);
      client = await connect(sdk.url);
      expect(client.serverInfo?.name).toBe('sdk-test-server');
      expect(client.endpoint).toContain(`${postPath}?sessionId=`);
      expect(client.tools.map((t) => t.name).sort()).toEqual(['add', 'echo', 'slow', 'wait']);
      expect(await client.callTool('add', { a: 2, b: 40 })).toMatchObject({
        content: [{ type: 'text', text: '42' }],
      });
      const progress: number[] = [];
      await client.callTool('slow', { steps: 3 }, { onProgress: (p) => progress.push(p.progress) });
      expect(progress.length).toBeGreaterThan(0);
      expect(progress.at(-1)).toBeLessThanOrEqual(3);
      await client.ping();
    });

    it('survives the server ending the stream: a new session, initialized, calls go on', async () => {
      sdk = await startSdkServer(postPath);
      client = await connect(sdk.url, { reconnect: { initialDelayMs: 10, maxDelayMs: 50 } });
      const first = client.endpoint;
      const order: string[] = [];
      client.on('sessionLost', () => order.push('sessionLost'));
      const back = new Promise<boolean>((resolve) =>
        client?.on('reconnected', ({ resumed }) => {
          order.push('reconnected');
          resolve(resumed);
        }),
      );
      expect(await sdk.dropStreams()).toBe(1);
      // A call made while the stream is down waits and goes to the new session.
      const during = client.callTool('add', { a: 1, b: 1 });
      expect(await back).toBe(false);
      expect(await during).toMatchObject({ content: [{ type: 'text', text: '2' }] });
      expect(order).toEqual(['sessionLost', 'reconnected']);
      expect(client.endpoint).not.toBe(first);
      expect(client.state).toBe('ready');
    });

    it('reports bad arguments the way the SDK does (isError result)', async () => {
      sdk = await startSdkServer(postPath);
      client = await connect(sdk.url);
      const result = await client.callTool('add', { a: 'x' });
      expect(result.isError).toBe(true);
      const unknown = await client.callTool('nope').catch((error: unknown) => error);
      // Either shape is legal: an isError result or a JSON-RPC -32602 error.
      if (McpSseClientError.isInstance(unknown)) expect(unknown.rpcCode).toBe(-32602);
      else expect((unknown as { isError?: boolean }).isError).toBe(true);
    });

    it('cancels a running call on abort', async () => {
      sdk = await startSdkServer(postPath);
      client = await connect(sdk.url);
      const controller = new AbortController();
      const call = client.callTool('wait', {}, { signal: controller.signal });
      // Let the call reach the server before cancelling it.
      await client.ping();
      controller.abort();
      await expect(call).rejects.toMatchObject({ code: 'aborted' });
      for (let i = 0; i < 100 && sdk.cancelled.length === 0; i++) await client.ping();
      expect(sdk.cancelled).toHaveLength(1);
    });
  },
);

describe('a server speaking the Python SDK endpoint (/messages/?session_id=<hex>)', () => {
  it('treats the endpoint as opaque and works end to end', async () => {
    scripted = await startScriptedServer({
      postPath: '/messages/',
      sessionParam: 'session_id',
      heartbeatMs: 20,
    });
    client = await connect(scripted.url);
    expect(client.endpoint).toMatch(/\/messages\/\?session_id=[0-9a-f]{32}$/);
    expect((await client.callTool('echo', { text: 'py' })).content).toEqual([
      { type: 'text', text: 'py' },
    ]);
  });

  it('keeps a mount prefix when the endpoint is relative to it', async () => {
    scripted = await startScriptedServer({
      ssePath: '/mcp/sse',
      postPath: '/mcp/messages/',
      sessionParam: 'session_id',
      endpoint: (session) => `/mcp/messages/?session_id=${session.id}`,
    });
    client = await connect(scripted.url);
    expect(new URL(client.endpoint ?? '').pathname).toBe('/mcp/messages/');
    await client.ping();
  });
});
