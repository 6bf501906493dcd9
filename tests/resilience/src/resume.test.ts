import type { McpSseClient, McpSseClientError, ReplayGapInfo } from '@mcp-sse/client';
import { ChaosProxy, connectOver, HTTP_SSE, SESSION_TRANSPORTS } from '@mcp-sse/test-kit';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './test-server.js';

/** Resolves once `fn` is true, checking every 10 ms, for at most `ms`. */
async function until(fn: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!fn()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe.each(SESSION_TRANSPORTS)('resuming the same session over $name', (over) => {
  let server: TestServer | undefined;
  let proxy: ChaosProxy | undefined;
  let client: McpSseClient | undefined;

  afterEach(async () => {
    await client?.close();
    await proxy?.close();
    await server?.close();
    client = undefined;
    proxy = undefined;
    server = undefined;
  });

  async function setUp(replayEvents: number) {
    server = await startTestServer({ replayEvents });
    proxy = await ChaosProxy.start({ target: server, seed: 1 });
    proxy.chaos = false;
    client = await connectOver(over, proxy.origin, {
      reconnect: { initialDelayMs: 10, maxDelayMs: 50, maxAttempts: 200, maxElapsedMs: 20_000 },
    });
    return { server, proxy, client };
  }

  it('a call in flight through an outage completes once, with every progress step in order', async () => {
    const { proxy, client } = await setUp(256);
    const progress: number[] = [];
    const resumed: boolean[] = [];
    client.on('reconnected', (info) => resumed.push(info.resumed));
    const call = client.callTool(
      'sleep',
      { ms: 800 },
      { onProgress: (p) => progress.push(p.progress) },
    );
    await until(() => progress.length >= 2);
    // Down for a while: the server keeps the session and buffers what it sends.
    proxy.setTarget(undefined);
    proxy.cutAll();
    const during = progress.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    proxy.setTarget(server);
    expect(await call).toMatchObject({ content: [{ type: 'text', text: 'Slept 800 ms' }] });
    // HTTP+SSE reopens its one stream (a `reconnected` event); Streamable HTTP resumes the
    // call's response stream with GET + Last-Event-ID, which is no reconnection of the session.
    expect(resumed).toEqual(over === HTTP_SSE ? [true] : []);
    expect(progress.length).toBeGreaterThan(during);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(new Set(progress).size).toBe(progress.length);
  });

  it('a replay that lost events: the call still completes, and the gap is reported', async () => {
    const { proxy, client } = await setUp(2);
    const errors: McpSseClientError[] = [];
    const gaps: ReplayGapInfo[] = [];
    client.on('error', (error) => errors.push(error));
    client.on('replayGap', (gap) => gaps.push(gap));
    let steps = 0;
    const call = client.callTool('sleep', { ms: 900 }, { onProgress: () => steps++ });
    await until(() => steps >= 1);
    proxy.setTarget(undefined);
    proxy.cutAll();
    // More progress events than the server keeps (2) pile up while the client is away.
    await new Promise((resolve) => setTimeout(resolve, 500));
    proxy.setTarget(server);
    expect(await call).toMatchObject({ content: [{ type: 'text', text: 'Slept 900 ms' }] });
    expect(errors.map((e) => e.message).join('\n')).toMatch(/without \d+ event/);
    expect(gaps.length).toBeGreaterThan(0);
    // HTTP+SSE has one stream; Streamable HTTP resumed the call's own response stream.
    expect(gaps[0]).toMatchObject({ stream: over === HTTP_SSE ? 'sse' : 'response' });
    expect(gaps[0]?.missed).toBeGreaterThan(0);
  });
});
