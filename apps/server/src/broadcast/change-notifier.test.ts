import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { McpServerCore } from '../core/mcp-server-core.js';
import { defineResource } from '../features/define-resource.js';
import { defineTool } from '../tools/define-tool.js';
import { MemoryBroadcastHub } from './memory-broadcast.js';

const tool = defineTool({
  name: 'extra',
  description: 'x',
  input: z.object({}),
  handler: () => 'x',
});
const resource = defineResource({ uri: 'mem://a', name: 'a', read: () => 'a' });

/** A core joined to `hub` and a way to open sessions on it that record what they are sent. */
function instance(hub: MemoryBroadcastHub) {
  const core = new McpServerCore({ resources: [resource] });
  core.features.changes.use(hub.join());
  return {
    core,
    open(id: string, initialized = true) {
      const heard: string[] = [];
      core.openSession({
        id,
        protocolVersion: initialized ? '2025-11-25' : undefined,
        send: (json) => heard.push(JSON.parse(json).method),
      });
      return heard;
    },
  };
}

describe('ChangeNotifier on a broadcast', () => {
  it('tells every session of every instance once, the origin included', () => {
    const hub = new MemoryBroadcastHub();
    const a = instance(hub);
    const b = instance(hub);
    const onA = a.open('a1');
    const onB = b.open('b1');
    const fresh = b.open('b2', false);
    a.core.tools.add(tool);
    expect(onA).toEqual(['notifications/tools/list_changed']);
    expect(onB).toEqual(['notifications/tools/list_changed']);
    // No handshake yet: nothing, as before.
    expect(fresh).toEqual([]);
    b.core.features.resources.remove('mem://a');
    expect(onA).toEqual([
      'notifications/tools/list_changed',
      'notifications/resources/list_changed',
    ]);
    expect(onB).toEqual(onA);
  });

  it('sends resources/updated only to the sessions watching the URI, wherever they are', () => {
    const hub = new MemoryBroadcastHub();
    const a = instance(hub);
    const b = instance(hub);
    const watcherOnB = b.open('b1');
    const otherOnB = b.open('b2');
    const otherOnA = a.open('a1');
    b.core.features.subscriptions.subscribe('b1', 'mem://a');
    // Nobody watches it on A: A tells no one, and B still hears it.
    expect(a.core.features.notifyResourceUpdated('mem://a')).toBe(0);
    expect(watcherOnB).toEqual(['notifications/resources/updated']);
    expect(otherOnB).toEqual([]);
    expect(otherOnA).toEqual([]);
    b.core.closeSession('b1');
    a.core.features.notifyResourceUpdated('mem://a');
    expect(watcherOnB).toEqual(['notifications/resources/updated']);
  });

  it('stops carrying changes once the broadcast is closed', async () => {
    const hub = new MemoryBroadcastHub();
    const a = new McpServerCore();
    const broadcastA = hub.join();
    a.features.changes.use(broadcastA);
    const b = instance(hub);
    const onB = b.open('b1');
    await broadcastA.close();
    a.tools.add(tool);
    expect(onB).toEqual([]);
  });
});
