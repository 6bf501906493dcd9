import { describe, expect, it } from 'vitest';
import { onCleanup, until } from '../../test/helpers.js';
import { GatewayCore } from './gateway-core.js';
import { resolveGatewayOptions } from './gateway-options.js';
import { SCRIPTED_CHILD } from './test-gateway.js';

describe('a session restored after it opened (Redis takeover)', () => {
  it('gets a child of its own, initialized from the saved state', { timeout: 60_000 }, async () => {
    const core = new GatewayCore(resolveGatewayOptions({ command: SCRIPTED_CHILD }));
    await core.gateway.start();
    onCleanup(async () => core.gateway.stop());
    const sent: string[] = [];
    core.openSession({ id: 's1', send: (json) => sent.push(json) });
    // What restoreState does after openSession on the instance that takes the session over.
    const session = core.session('s1')!;
    session.protocolVersion = '2025-06-18';
    session.clientInfo = { name: 'restored', version: '1' };
    session.clientCapabilities = {};
    session.initialized = true;
    core.handle('s1', {
      jsonrpc: '2.0',
      id: 5,
      method: 'tools/call',
      params: { name: 'echo', arguments: { text: 'back' } },
    });
    await until(() => sent.length > 0, 'the answer', 30_000);
    expect(JSON.parse(sent[0]!)).toEqual({
      jsonrpc: '2.0',
      id: 5,
      result: { content: [{ type: 'text', text: 'back' }] },
    });
    expect(core.gateway.stats().children).toBe(1);
    core.closeSession('s1');
    expect(core.gateway.stats().children).toBe(0);
  });
});
