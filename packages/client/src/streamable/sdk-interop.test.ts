import { afterEach, describe, expect, it } from 'vitest';
import {
  type SdkStreamableServer,
  startSdkStreamableServer,
} from '../../test-support/sdk-streamable-server.js';
import type { McpSseClient } from '../client.js';
import { connect } from '../connect.js';
import { McpSseClientError } from '../errors.js';

let server: SdkStreamableServer | undefined;
let client: McpSseClient | undefined;

afterEach(async () => {
  await client?.close();
  await server?.close();
  client = undefined;
  server = undefined;
});

describe.each([
  { stateless: false, json: false },
  { stateless: false, json: true },
  { stateless: true, json: false },
  { stateless: true, json: true },
])('official SDK 1.32 Streamable HTTP server %o', (mode) => {
  it('connect(url) negotiates Streamable HTTP, lists tools and calls them with progress', async () => {
    server = await startSdkStreamableServer(mode);
    client = await connect(server.url);
    expect(client.serverInfo?.name).toBe('sdk-streamable');
    expect(client.protocolVersion).toBe('2025-11-25');
    expect(client.tools.map((tool) => tool.name).sort()).toEqual(['ask', 'echo', 'poll', 'slow']);
    expect(await client.callTool('echo', { text: 'hi' })).toMatchObject({
      content: [{ type: 'text', text: 'hi' }],
    });
    const progress: number[] = [];
    await client.callTool('slow', { steps: 3 }, { onProgress: (p) => progress.push(p.progress) });
    if (!mode.json) expect(progress).toEqual([1, 2, 3]);
    await client.ping();
  });
});

describe('official SDK 1.32 Streamable HTTP server, stateful', () => {
  it('sends the session id back, ends the session with DELETE on close', async () => {
    server = await startSdkStreamableServer();
    client = await connect(server.url);
    await client.callTool('echo', { text: 'a' });
    await client.close();
    expect(server.methods).toContain('DELETE');
  });

  it('resumes a response stream the server closed (priming event, retry, Last-Event-ID)', async () => {
    server = await startSdkStreamableServer();
    client = await connect(server.url);
    const logs: unknown[] = [];
    const result = await client.callTool('poll', {}, { onProgress: (p) => logs.push(p.message) });
    expect(result).toMatchObject({
      content: [{ type: 'text', text: 'polled' }],
    });
    expect(server.runs.get('poll')).toBe(1);
    expect(logs).toEqual(['before the cut']);
    expect(server.methods.filter((method) => method === 'GET').length).toBeGreaterThan(0);
  });

  it('answers elicitation with the registered handler, defaults filled in', async () => {
    server = await startSdkStreamableServer();
    client = await connect(server.url, {
      handlers: { elicitation: async () => ({ action: 'accept', content: { name: 'Ada' } }) },
    });
    const result = await client.callTool('ask');
    const text = (result.content[0] as { text: string }).text;
    expect(JSON.parse(text)).toEqual({ action: 'accept', content: { name: 'Ada', color: 'blue' } });
  });

  it('without a handler the elicitation is refused with an error, not left hanging', async () => {
    server = await startSdkStreamableServer();
    client = await connect(server.url);
    const result = await client.callTool('ask').catch((error: unknown) => error);
    // The SDK refuses to elicit from a client without the capability.
    expect(JSON.stringify(result)).toMatch(/elicit/i);
  });

  it('starts a new session when the server lost ours; an idempotent call goes on', async () => {
    server = await startSdkStreamableServer();
    client = await connect(server.url, { reconnect: { initialDelayMs: 5, maxDelayMs: 20 } });
    const lost = new Promise((resolve) => client?.on('sessionLost', resolve));
    await server.forgetSessions();
    const result = await client.callTool('echo', { text: 'again' }, { idempotent: true });
    expect(result).toMatchObject({ content: [{ type: 'text', text: 'again' }] });
    await lost;
    expect(client.state).toBe('ready');
  });

  it('a call in flight when the session is lost is not run again; the next call gets a new session', async () => {
    server = await startSdkStreamableServer();
    client = await connect(server.url, { reconnect: { initialDelayMs: 5, maxDelayMs: 20 } });
    let cut = false;
    const running = client.callTool(
      'slow',
      { steps: 20 },
      {
        onProgress: () => {
          if (cut) return;
          cut = true;
          void server?.forgetSessions();
        },
      },
    );
    const error = await running.catch((e: unknown) => e);
    expect(McpSseClientError.isInstance(error) && error.code).toBe('session_lost');
    expect(server.runs.get('slow')).toBe(1);
    expect(await client.callTool('echo', { text: 'after' })).toMatchObject({
      content: [{ type: 'text', text: 'after' }],
    });
    expect(server.runs.get('slow')).toBe(1);
  });

  it('pinned to HTTP+SSE, the failure names the transport to use', async () => {
    server = await startSdkStreamableServer();
    const error = await connect(server.url, { transport: 'sse' }).catch((e: unknown) => e);
    expect(McpSseClientError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/streamable-http/);
  });
});
