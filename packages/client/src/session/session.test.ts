import type { JSONRPCMessage, JSONRPCRequest } from '@mcp-sse/protocol';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { createLinkedTransports, type LinkedTransport } from '../transport/linked.js';
import { McpSession } from './session.js';

function setup(options: ConstructorParameters<typeof McpSession>[1] = {}) {
  const [clientEnd, serverEnd] = createLinkedTransports();
  const session = new McpSession(clientEnd, options);
  const inbox: JSONRPCMessage[] = [];
  const waiting: ((m: JSONRPCMessage) => void)[] = [];
  serverEnd.onmessage = (message) => {
    const next = waiting.shift();
    if (next) next(message);
    else inbox.push(message);
  };
  const nextMessage = () =>
    inbox.length > 0
      ? Promise.resolve(inbox.shift() as JSONRPCMessage)
      : new Promise<JSONRPCMessage>((resolve) => waiting.push(resolve));
  return { session, server: serverEnd as LinkedTransport, nextMessage };
}

describe('McpSession', () => {
  it('numbers requests from 0 and matches id 0', async () => {
    const { session, server, nextMessage } = setup();
    const call = session.request('ping');
    const sent = (await nextMessage()) as JSONRPCRequest;
    expect(sent.id).toBe(0);
    await server.send({ jsonrpc: '2.0', id: 0, result: { ok: true } });
    expect(await call).toEqual({ ok: true });
  });

  it('matches responses arriving in any order, whatever the first id', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: -1000, max: 1_000_000 }),
        fc
          .integer({ min: 1, max: 8 })
          .chain((n) =>
            fc.tuple(
              fc.constant(n),
              fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }),
            ),
          ),
        async (firstId, [n, order]) => {
          const { session, server, nextMessage } = setup({ firstId });
          const calls = Array.from({ length: n }, (_, i) => session.request('echo', { i }));
          const sent: JSONRPCRequest[] = [];
          for (let i = 0; i < n; i++) sent.push((await nextMessage()) as JSONRPCRequest);
          for (const index of order) {
            const request = sent[index] as JSONRPCRequest;
            await server.send({ jsonrpc: '2.0', id: request.id, result: { i: request.params?.i } });
          }
          const results = await Promise.all(calls);
          expect(results).toEqual(Array.from({ length: n }, (_, i) => ({ i })));
          expect(session.pendingCount).toBe(0);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('logs and drops a response to an unknown id', async () => {
    const warnings: string[] = [];
    const { session, server, nextMessage } = setup({ logger: { warn: (m) => warnings.push(m) } });
    const call = session.request('ping');
    await nextMessage();
    await server.send({ jsonrpc: '2.0', id: 999, result: {} });
    await server.send({ jsonrpc: '2.0', id: 0, result: {} });
    await call;
    expect(warnings).toEqual(['Dropping a response to unknown request id 999']);
  });

  it('resets the timeout on progress when asked', async () => {
    const { session, server, nextMessage } = setup({
      requestTimeout: 120,
      resetTimeoutOnProgress: true,
    });
    const progress: number[] = [];
    const call = session.request(
      'tools/call',
      { name: 'x' },
      { onProgress: (p) => progress.push(p.progress) },
    );
    const sent = (await nextMessage()) as JSONRPCRequest;
    const token = (sent.params?._meta as { progressToken?: number } | undefined)?.progressToken;
    expect(token).toBe(sent.id);
    // Six beats 60 ms apart outlive the 120 ms timeout only because each one resets it. On
    // a fake clock: a loaded machine must not stretch the gaps past the timeout.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      for (let i = 1; i <= 6; i++) {
        await vi.advanceTimersByTimeAsync(60);
        await server.send({
          jsonrpc: '2.0',
          method: 'notifications/progress',
          params: { progressToken: token, progress: i },
        });
      }
      await vi.advanceTimersByTimeAsync(60);
      await server.send({ jsonrpc: '2.0', id: sent.id, result: { done: true } });
      expect(await call).toEqual({ done: true });
    } finally {
      vi.useRealTimers();
    }
    expect(progress).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('does not cancel initialize on timeout', async () => {
    const { session, nextMessage } = setup();
    const call = session.request('initialize', {}, { timeout: 30 });
    await nextMessage();
    await expect(call).rejects.toMatchObject({ code: 'request_timeout' });
    const more = await Promise.race([
      nextMessage(),
      new Promise((r) => setTimeout(() => r('none'), 50)),
    ]);
    expect(more).toBe('none');
  });

  it('answers a server ping and refuses other server requests', async () => {
    const { server, nextMessage } = setup();
    await server.send({ jsonrpc: '2.0', id: 0, method: 'ping' });
    expect(await nextMessage()).toEqual({ jsonrpc: '2.0', id: 0, result: {} });
    await server.send({ jsonrpc: '2.0', id: 'q', method: 'sampling/createMessage' });
    expect(await nextMessage()).toMatchObject({ id: 'q', error: { code: -32601 } });
  });

  it('rejects everything pending when the other end closes', async () => {
    const { session, server, nextMessage } = setup();
    const call = session.request('ping');
    await nextMessage();
    await server.close();
    await expect(call).rejects.toMatchObject({ code: 'session_lost' });
    await expect(session.request('ping')).rejects.toMatchObject({ code: 'session_lost' });
  });
});
