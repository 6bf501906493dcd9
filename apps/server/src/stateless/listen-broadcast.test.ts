import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { start, until } from '../../test/helpers.js';
import { missableBroadcast } from '../../test/missable-broadcast.js';
import { MemoryBroadcastHub } from '../broadcast/memory-broadcast.js';
import { defineResource } from '../features/define-resource.js';
import { answerMessages, EventReader, mcpPost, messagesOf } from '../streamable/test-client.js';
import { defineTool } from '../tools/define-tool.js';

const V = '2026-07-28';

/** Opens a 2026-07-28 listen stream on `base` for tool list changes and one resource. */
async function listen(base: string, id: number): Promise<EventReader> {
  const response = await mcpPost(
    `${base}/mcp`,
    {
      jsonrpc: '2.0',
      id,
      method: 'subscriptions/listen',
      params: {
        notifications: { toolsListChanged: true, resourceSubscriptions: ['mem://doc'] },
        _meta: {
          'io.modelcontextprotocol/protocolVersion': V,
          'io.modelcontextprotocol/clientCapabilities': {},
        },
      },
    },
    { 'mcp-protocol-version': V, 'mcp-method': 'subscriptions/listen' },
  );
  const reader = new EventReader(response);
  await reader.until(1);
  return reader;
}

describe('the broadcast option: two servers of one process on a MemoryBroadcastHub', () => {
  it('a listen stream on B hears changes made on A once, and so does one on A', async () => {
    const hub = new MemoryBroadcastHub();
    const resources = [defineResource({ uri: 'mem://doc', name: 'doc', text: 'v1' })];
    const a = await start({ resources, broadcast: hub.join() });
    const b = await start({ resources, broadcast: hub.join() });
    const onB = await listen(b.base, 1);
    const onA = await listen(a.base, 2);
    a.app.mcp.addTool(
      defineTool({ name: 'extra', description: 'x', input: z.object({}), handler: () => 'x' }),
    );
    a.app.mcp.core.features.notifyResourceUpdated('mem://doc');
    // A third change closes the sequence: a duplicate of the first two would come before it.
    a.app.mcp.removeTool('extra');
    for (const [reader, id] of [
      [onB, 1],
      [onA, 2],
    ] as const) {
      await reader.until(4);
      const heard = messagesOf(reader.events).slice(1);
      expect(heard.map((m) => m.method)).toEqual([
        'notifications/tools/list_changed',
        'notifications/resources/updated',
        'notifications/tools/list_changed',
      ]);
      expect(heard.map((m) => m.params._meta['io.modelcontextprotocol/subscriptionId'])).toEqual([
        id,
        id,
        id,
      ]);
      await reader.cancel();
    }
  });

  it('without it, a server of the same process hears nothing of another', async () => {
    const a = await start();
    const b = await start();
    const onB = await listen(b.base, 1);
    a.app.mcp.removeTool('time');
    b.app.mcp.removeTool('echo');
    await onB.until(2);
    expect(messagesOf(onB.events).map((m) => m.method)).toEqual([
      'notifications/subscriptions/acknowledged',
      'notifications/tools/list_changed',
    ]);
    await onB.cancel();
  });

  it('a call in flight hears no list change on its own stream: the listen stream does', async () => {
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started = false;
    const gate = defineTool({
      name: 'gate',
      description: 'Waits for the test.',
      input: z.object({}),
      handler: async () => {
        started = true;
        await released;
        return 'done';
      },
    });
    const { app, base } = await start({ tools: [gate] });
    const onListen = await listen(base, 1);
    const call = mcpPost(
      `${base}/mcp`,
      {
        jsonrpc: '2.0',
        id: 2,
        method: 'tools/call',
        params: {
          name: 'gate',
          arguments: {},
          _meta: {
            'io.modelcontextprotocol/protocolVersion': V,
            'io.modelcontextprotocol/clientCapabilities': {},
          },
        },
      },
      { 'mcp-protocol-version': V, 'mcp-method': 'tools/call', 'mcp-name': 'gate' },
    );
    await until(() => started, 'the call to run');
    app.mcp.addTool(
      defineTool({ name: 'extra', description: 'x', input: z.object({}), handler: () => 'x' }),
    );
    await onListen.until(2);
    release();
    const messages = await answerMessages(await call);
    expect(messages.map((message) => message.method ?? message.id)).toEqual([2]);
    expect(messagesOf(onListen.events).map((message) => message.method)).toEqual([
      'notifications/subscriptions/acknowledged',
      'notifications/tools/list_changed',
    ]);
    await onListen.cancel();
  });

  it('a listen stream hears what it asked for again when the broadcast may have lost changes', async () => {
    const { broadcast, miss } = missableBroadcast();
    const resources = [defineResource({ uri: 'mem://doc', name: 'doc', text: 'v1' })];
    const { base } = await start({ resources, broadcast });
    const onListen = await listen(base, 1);
    miss();
    await onListen.until(3);
    // It asked for tool list changes and mem://doc: not for resource list changes.
    expect(messagesOf(onListen.events).map((m) => [m.method, m.params.uri])).toEqual([
      ['notifications/subscriptions/acknowledged', undefined],
      ['notifications/tools/list_changed', undefined],
      ['notifications/resources/updated', 'mem://doc'],
    ]);
    await onListen.cancel();
  });
});
