import { type Fixture, fixtures } from '@mcp-sse/protocol/fixtures';
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../test-support/close-after-each.js';
import { startFixtureServer } from '../test-support/fixture-server.js';
import type { McpSseClient } from './client.js';
import { connect } from './connect.js';
import { McpSseClientError } from './errors.js';

const closeLater = closeAfterEach();

const clientFixtures = fixtures.filter((f) => f.replay.includes('client'));

async function perform(c: McpSseClient, fixture: Fixture, progress: unknown[]): Promise<unknown> {
  const operation = fixture.client?.operation;
  switch (operation?.kind) {
    case 'connect':
      return {
        protocolVersion: c.protocolVersion,
        capabilities: c.serverCapabilities,
        serverInfo: c.serverInfo,
      };
    case 'ping':
      await c.ping();
      return {};
    case 'listTools':
      return c.listTools();
    case 'callTool':
      return c.callTool(operation.name, operation.arguments, {
        onProgress: (p) =>
          progress.push(
            p.total === undefined
              ? { progress: p.progress }
              : { progress: p.progress, total: p.total },
          ),
      });
    case 'request':
      return c.request(operation.method, operation.params);
    default:
      throw new Error(`fixture ${fixture.name} has no client operation`);
  }
}

describe('replaying the protocol fixtures against the client', () => {
  it('has client fixtures to replay', () => {
    expect(clientFixtures.length).toBeGreaterThan(0);
  });

  it.each(clientFixtures.map((f) => [f.name, f] as const))('%s', async (_name, fixture) => {
    const server = closeLater(await startFixtureServer(fixture));
    const client = closeLater(
      await connect(server.url, { transport: 'sse', connectTimeout: 5000, requestTimeout: 5000 }),
    );
    const progress: unknown[] = [];
    const expected = fixture.client;
    if (expected?.error) {
      const error = await perform(client, fixture, progress).catch((e: unknown) => e);
      expect(McpSseClientError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ code: 'server_error', rpcCode: expected.error.code });
      expect((error as Error).message).toContain(expected.error.message);
      return;
    }
    const result = await perform(client, fixture, progress);
    expect(result).toEqual(expected?.result);
    if (expected?.progress) expect(progress).toEqual(expected.progress);
  });
});
