import {
  CreateMessageRequestSchema,
  ElicitRequestSchema,
  LoggingMessageNotificationSchema,
  McpError,
  ProgressNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { start, until } from '../../test/helpers.js';
import { GatewayErrorCode } from './gateway-error-codes.js';
import { SCRIPTED_CHILD, type SdkTransportKind, sdkClient, textOf } from './test-gateway.js';

const SPAWNS = { timeout: 60_000 };

describe.each<SdkTransportKind>(['streamable', 'sse'])('a scripted stdio child over %s', (kind) => {
  it(
    'answers initialize from the child, and a crash fails only the call in flight',
    SPAWNS,
    async () => {
      const { base } = await start({ stdio: { command: SCRIPTED_CHILD } });
      const client = await sdkClient(base, kind);
      expect(client.getServerVersion()?.name).toBe('scripted-child');
      expect(client.getServerCapabilities()?.tools).toEqual({ listChanged: true });
      const pid = textOf(await client.callTool({ name: 'pid', arguments: {} }));
      const crash = await client
        .callTool({ name: 'crash', arguments: {} })
        .catch((e: unknown) => e);
      expect(crash).toBeInstanceOf(McpError);
      expect((crash as McpError).code).toBe(GatewayErrorCode.ChildExited);
      expect((crash as McpError).message).toMatch(/exited with code 3/);
      expect((crash as McpError).data).toMatchObject({ type: 'child_exited', exitCode: 3 });
      // The next call reaches the restarted child, initialized again with the client's params.
      expect(textOf(await client.callTool({ name: 'echo', arguments: { text: 'again' } }))).toBe(
        'again',
      );
      expect(textOf(await client.callTool({ name: 'pid', arguments: {} }))).not.toBe(pid);
    },
  );

  it(
    'relays the child sampling and elicitation requests to this client and back',
    SPAWNS,
    async () => {
      const { base } = await start({ stdio: { command: SCRIPTED_CHILD } });
      const client = await sdkClient(base, kind, { sampling: {}, elicitation: {} });
      client.setRequestHandler(CreateMessageRequestSchema, async (request) => ({
        role: 'assistant',
        model: 'test',
        content: {
          type: 'text',
          text: `re: ${(request.params.messages[0]!.content as { text: string }).text}`,
        },
      }));
      client.setRequestHandler(ElicitRequestSchema, async () => ({
        action: 'accept',
        content: { name: 'Ada' },
      }));
      const sampled = await client.callTool({ name: 'ask-sampling', arguments: { text: 'hello' } });
      expect(textOf(sampled)).toBe('sampled: re: hello');
      const elicited = await client.callTool({
        name: 'ask-elicitation',
        arguments: { text: 'who?' },
      });
      expect(textOf(elicited)).toBe('elicited: accept Ada');
    },
  );

  it('passes progress and log notifications through', SPAWNS, async () => {
    const { base } = await start({ stdio: { command: SCRIPTED_CHILD } });
    const client = await sdkClient(base, kind);
    // Our own handler, not onprogress: the SDK drops progress it reads in the same chunk
    // as the result (its notification handlers run a tick later than its response handler).
    const progress: unknown[] = [];
    client.setNotificationHandler(ProgressNotificationSchema, (n) => {
      progress.push([n.params.progressToken, n.params.progress]);
    });
    await client.callTool({ name: 'progress', arguments: {} }, undefined, { onprogress: () => {} });
    await until(() => progress.length === 3, 'three progress notifications');
    const token = (progress[0] as unknown[])[0];
    expect(progress).toEqual([
      [token, 1],
      [token, 2],
      [token, 3],
    ]);
    const logs: unknown[] = [];
    client.setNotificationHandler(LoggingMessageNotificationSchema, (n) => {
      logs.push(n.params.data);
    });
    await client.callTool({ name: 'log', arguments: { text: 'a line' } });
    await until(() => logs.length === 1, 'the log line');
    expect(logs).toEqual(['a line']);
  });
});
