import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { onCleanup, start, until } from '../../test/helpers.js';

/** The official SDK 1.32 client over its Streamable HTTP transport, as shipped. */
async function connect(
  url: string,
): Promise<{ client: Client; transport: StreamableHTTPClientTransport }> {
  const client = new Client({ name: 'streamable-interop', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(url));
  await client.connect(transport);
  onCleanup(() => client.close());
  return { client, transport };
}

const text = (result: unknown): string =>
  (result as { content: Array<{ text: string }> }).content[0]!.text;

describe.each(['/mcp', '/sse'])('SDK 1.32 StreamableHTTPClientTransport against %s', (path) => {
  it('initialises with a session, lists and calls tools, gets progress, and ends the session', async () => {
    const { app, base } = await start();
    const { client, transport } = await connect(`${base}${path}`);
    expect(transport.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(client.getServerVersion()?.name).toBe('mcp-sse-server');
    const tools = await client.listTools();
    expect(tools.tools.map((t) => t.name)).toContain('echo');
    expect(text(await client.callTool({ name: 'echo', arguments: { message: 'hi' } }))).toBe('hi');
    const progress: number[] = [];
    await client.callTool({ name: 'sleep', arguments: { ms: 300 } }, undefined, {
      onprogress: (p) => progress.push(p.progress),
    });
    expect(progress.length).toBeGreaterThan(0);
    // The standalone GET stream carries list changes.
    let changed = 0;
    client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
      changed++;
    });
    await until(() => app.mcp.core.stats().sessions > 0, 'session open');
    app.mcp.removeTool('time');
    await until(() => changed === 1, 'tools/list_changed on the GET stream');
    await transport.terminateSession();
    await expect(client.listTools()).rejects.toThrow();
  });

  it('follows SEP-1699 polling: the server ends the call stream, the client resumes and gets the answer', async () => {
    const { base } = await start({ pollAfterMs: 50, retryMs: 20 });
    const { client } = await connect(`${base}${path}`);
    const result = await client.callTool({ name: 'sleep', arguments: { ms: 300 } });
    expect(text(result)).toContain('300');
  });
});
