import { Client as Sdk2Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import type { StreamableHTTPClientTransport as StreamableHTTPClientTransportV1 } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { ProgressNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { onCleanup, start, until } from '../../test/helpers.js';
import type { GatewayCore } from './gateway-core.js';
import { GatewayErrorCode } from './gateway-error-codes.js';
import { postInitialize, SCRIPTED_CHILD, sdkClient, textOf } from './test-gateway.js';

describe('the gateway process model', () => {
  it('gives 50 concurrent sessions a child each, within the cap', {
    timeout: 120_000,
  }, async () => {
    const { app, base } = await start({ stdio: { command: SCRIPTED_CHILD, maxChildren: 50 } });
    const clients = await Promise.all(
      Array.from({ length: 50 }, () => sdkClient(base, 'streamable')),
    );
    const pids = await Promise.all(
      clients.map(async (client, i) => {
        const echoed = await client.callTool({ name: 'echo', arguments: { text: `c${i}` } });
        expect(textOf(echoed)).toBe(`c${i}`);
        return textOf(await client.callTool({ name: 'pid', arguments: {} }));
      }),
    );
    expect(new Set(pids).size).toBe(50);
    // The 51st session finds no room: 503 with a JSON-RPC error, before any child starts.
    const full = await postInitialize(base);
    expect(full.status).toBe(503);
    const body = (await full.json()) as { id: unknown; error: { code: number; message: string } };
    expect(body.id).toBe(1);
    expect(body.error.code).toBe(GatewayErrorCode.TooManyChildren);
    expect(body.error.message).toMatch(/limit 50/);
    // A closed session frees its child's slot.
    await (clients[0]!.transport as StreamableHTTPClientTransportV1).terminateSession();
    const gateway = (app.mcp.core as GatewayCore).gateway;
    await until(() => gateway.stats().children === 49, 'the child of the closed session gone');
    const again = await sdkClient(base, 'streamable');
    expect(textOf(await again.callTool({ name: 'echo', arguments: { text: 'room' } }))).toBe(
      'room',
    );
  });

  it('shared mode: one child for every session, progress still reaches its own caller', {
    timeout: 60_000,
  }, async () => {
    const { base } = await start({ stdio: { command: SCRIPTED_CHILD, mode: 'shared' } });
    const [a, b] = await Promise.all([sdkClient(base, 'streamable'), sdkClient(base, 'sse')]);
    expect(a.getServerVersion()?.name).toBe('scripted-child');
    const pidA = textOf(await a.callTool({ name: 'pid', arguments: {} }));
    expect(textOf(await b.callTool({ name: 'pid', arguments: {} }))).toBe(pidA);
    const seen = { a: [] as unknown[], b: [] as unknown[] };
    a.setNotificationHandler(ProgressNotificationSchema, (n) => {
      seen.a.push(n.params.progressToken);
    });
    b.setNotificationHandler(ProgressNotificationSchema, (n) => {
      seen.b.push(n.params.progressToken);
    });
    // Both clients use the same progress token (their own request id): the child sees two.
    await Promise.all([
      a.callTool({ name: 'progress', arguments: {} }, undefined, { onprogress: () => {} }),
      b.callTool({ name: 'progress', arguments: {} }, undefined, { onprogress: () => {} }),
    ]);
    await until(() => seen.a.length === 3 && seen.b.length === 3, 'three progress each');
    // The shared child crashes: the call in flight fails typed, everyone's next call works.
    const crash = await a.callTool({ name: 'crash', arguments: {} }).catch((e: unknown) => e);
    expect((crash as { code?: number }).code).toBe(GatewayErrorCode.ChildExited);
    expect(textOf(await b.callTool({ name: 'echo', arguments: { text: 'b' } }))).toBe('b');
    expect(textOf(await a.callTool({ name: 'pid', arguments: {} }))).not.toBe(pidA);
  });

  it('2026-07-28 stateless clients: the child asking them something gets a clear refusal', {
    timeout: 60_000,
  }, async () => {
    const { base } = await start({ stdio: { command: SCRIPTED_CHILD } });
    const client = new Sdk2Client(
      { name: 'gateway-sdk2', version: '1.0.0' },
      { versionNegotiation: { mode: 'auto' } },
    );
    await client.connect(new StreamableHTTPClientTransport(new URL(`${base}/mcp`)));
    onCleanup(() => client.close());
    expect(client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
    const result = await client.callTool({ name: 'ask-sampling', arguments: { text: 'hi' } });
    expect(textOf(result)).toMatch(
      /sampling refused: The gateway cannot relay sampling\/createMessage .*2026-07-28 stateless/,
    );
    expect(textOf(await client.callTool({ name: 'echo', arguments: { text: 'ok' } }))).toBe('ok');
  });
});
