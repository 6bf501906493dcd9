import { Client as Sdk2Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import {
  ProgressNotificationSchema,
  ToolListChangedNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { onCleanup, start, until } from '../../test/helpers.js';
import { everythingCommand, type SdkTransportKind, sdkClient, textOf } from './test-gateway.js';

/*
 * The real stdio server from npm (@modelcontextprotocol/server-everything, stdio mode)
 * behind our server, used by the official SDK clients over each transport.
 */

const SPAWNS = { timeout: 90_000 };
const LONG_RUN = { name: 'trigger-long-running-operation', arguments: { duration: 0.3, steps: 3 } };

describe.each<SdkTransportKind>(['streamable', 'sse'])(
  'server-everything over %s (SDK 1.32)',
  (kind) => {
    it(
      'initializes through to the child, calls tools, passes progress and list changes',
      SPAWNS,
      async () => {
        const { base } = await start({ stdio: { command: everythingCommand() } });
        let changed = 0;
        const progress: number[] = [];
        const client = await sdkClient(base, kind, { sampling: {}, elicitation: {} }, (c) => {
          // Set before connecting: the child announces its conditional tools right after initialized.
          c.setNotificationHandler(ToolListChangedNotificationSchema, () => {
            changed++;
          });
          c.setNotificationHandler(ProgressNotificationSchema, (n) => {
            progress.push(n.params.progress);
          });
        });
        expect(client.getServerVersion()?.name).toBe('mcp-servers/everything');
        await until(() => changed > 0, 'tools/list_changed from the child', 30_000);
        const names = (await client.listTools()).tools.map((tool) => tool.name);
        expect(names).toEqual(expect.arrayContaining(['echo', 'trigger-sampling-request']));
        expect(textOf(await client.callTool({ name: 'echo', arguments: { message: 'hi' } }))).toBe(
          'Echo: hi',
        );
        const done = await client.callTool(LONG_RUN, undefined, { onprogress: () => {} });
        expect(textOf(done)).toMatch(/completed/);
        await until(() => progress.length === 3, 'three progress notifications');
        expect(progress).toEqual([1, 2, 3]);
      },
    );
  },
);

describe('server-everything with the SDK 2.4 client', () => {
  it.each(['default', 'auto'] as const)(
    '%s negotiation (auto: 2026-07-28 stateless on the shared child)',
    SPAWNS,
    async (mode) => {
      const { base } = await start({ stdio: { command: everythingCommand() } });
      const client = new Sdk2Client(
        { name: 'gateway-sdk2', version: '1.0.0' },
        mode === 'auto' ? { versionNegotiation: { mode: 'auto' } } : {},
      );
      await client.connect(new StreamableHTTPClientTransport(new URL(`${base}/mcp`)));
      onCleanup(() => client.close());
      expect(client.getNegotiatedProtocolVersion()).toBe(
        mode === 'auto' ? '2026-07-28' : '2025-11-25',
      );
      const names = (await client.listTools()).tools.map((tool) => tool.name);
      expect(names).toContain('echo');
      const echoed = await client.callTool({ name: 'echo', arguments: { message: 'v2' } });
      expect(textOf(echoed)).toBe('Echo: v2');
      const progress: number[] = [];
      const done = await client.callTool(LONG_RUN, {
        onprogress: (p: { progress: number }) => progress.push(p.progress),
      });
      expect(textOf(done)).toMatch(/completed/);
      expect(progress.length).toBeGreaterThan(0);
    },
  );
});
