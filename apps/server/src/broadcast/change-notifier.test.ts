import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { missableBroadcast } from '../../test/missable-broadcast.js';
import { McpServerCore } from '../core/mcp-server-core.js';
import { definePrompt } from '../features/define-prompt.js';
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

  it('never hands an instance its own change as received; hands it every other one', () => {
    const hub = new MemoryBroadcastHub();
    const a = instance(hub);
    const b = instance(hub);
    const receivedOnA: string[] = [];
    const receivedOnB: string[] = [];
    a.core.features.changes.onReceived((change) => receivedOnA.push(change.method));
    b.core.features.changes.onReceived((change) => receivedOnB.push(change.method));
    a.core.tools.add(tool);
    expect(receivedOnA).toEqual([]);
    expect(receivedOnB).toEqual(['notifications/tools/list_changed']);
  });
});

describe('ChangeNotifier after changes may have been missed', () => {
  /** A core with prompts and resources, its sessions recording what they hear. */
  function server(withPrompts: boolean) {
    const core = new McpServerCore({
      resources: [resource, defineResource({ uri: 'mem://b', name: 'b', read: () => 'b' })],
      ...(withPrompts
        ? { prompts: [definePrompt({ name: 'p', description: 'p', get: () => 'p' })] }
        : {}),
    });
    const heard = new Map<string, string[]>();
    const open = (id: string, initialized = true) => {
      heard.set(id, []);
      core.openSession({
        id,
        protocolVersion: initialized ? '2025-11-25' : undefined,
        send: (json) => {
          const message = JSON.parse(json);
          heard.get(id)!.push(message.params?.uri ?? message.method);
        },
      });
    };
    return { core, heard, open };
  }

  it('resync tells every session each declared list changed, and each watcher its resources', () => {
    const { core, heard, open } = server(true);
    open('plain');
    open('watcher');
    open('fresh', false);
    core.features.subscriptions.subscribe('watcher', 'mem://a');
    core.features.subscriptions.subscribe('watcher', 'mem://b');
    const received: Array<[string, string | undefined]> = [];
    core.features.changes.onReceived((change, only) => received.push([change.method, only]));
    const lists = [
      'notifications/tools/list_changed',
      'notifications/prompts/list_changed',
      'notifications/resources/list_changed',
    ];
    expect(core.features.changes.resync()).toBe(3 + 3 + 2);
    expect(heard.get('plain')).toEqual(lists);
    expect(heard.get('watcher')).toEqual([...lists, 'mem://a', 'mem://b']);
    // Before its handshake a session hears nothing, as with any change.
    expect(heard.get('fresh')).toEqual([]);
    // Transports with a form of their own (the HTTP+SSE `tools` event) hear it too.
    expect(received.map(([method]) => method)).toEqual([
      ...lists,
      'notifications/resources/updated',
      'notifications/resources/updated',
    ]);
    expect(received.every(([, only]) => only === undefined)).toBe(true);
  });

  it('names only the lists the server declares', () => {
    const { core, heard, open } = server(false);
    open('s');
    core.features.changes.resync();
    expect(heard.get('s')).toEqual([
      'notifications/tools/list_changed',
      'notifications/resources/list_changed',
    ]);
  });

  it('catchUp tells one session only (a session restored after a takeover)', () => {
    const { core, heard, open } = server(false);
    open('restored');
    open('other');
    core.features.subscriptions.subscribe('restored', 'mem://b');
    core.features.subscriptions.subscribe('other', 'mem://a');
    const only: Array<string | undefined> = [];
    core.features.changes.onReceived((_change, to) => only.push(to));
    expect(core.features.changes.catchUp(core.session('restored')!)).toBe(3);
    expect(heard.get('restored')).toEqual([
      'notifications/tools/list_changed',
      'notifications/resources/list_changed',
      'mem://b',
    ]);
    expect(heard.get('other')).toEqual([]);
    expect(only).toEqual(['restored', 'restored', 'restored']);
    // A session closed meanwhile hears nothing, and nobody is told about it.
    const other = core.session('other')!;
    core.closeSession('other');
    expect(core.features.changes.catchUp(other)).toBe(0);
    expect(only).toEqual(['restored', 'restored', 'restored']);
  });

  it('a broadcast that says it missed changes makes the notifier resync', () => {
    const { core, heard, open } = server(false);
    open('s');
    const { broadcast, miss } = missableBroadcast();
    core.features.changes.use(broadcast);
    expect(heard.get('s')).toEqual([]);
    miss();
    expect(heard.get('s')).toEqual([
      'notifications/tools/list_changed',
      'notifications/resources/list_changed',
    ]);
  });
});
