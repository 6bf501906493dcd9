import type { JSONRPCMessage, JSONRPCRequest } from '@mcp-sse/protocol';
import { describe, expect, it } from 'vitest';
import { McpSseClientError } from '../errors.js';
import type { Transport } from '../transport/transport.js';
import { McpSession } from './session.js';

type Answer = 'accept' | 'network' | 'refused' | 'gone';

/** A transport whose POST outcome the test picks per message. */
class ScriptedTransport implements Transport {
  onmessage?: (message: JSONRPCMessage) => void;
  onclose?: Transport['onclose'];
  readonly sent: JSONRPCMessage[] = [];
  answer: (message: JSONRPCMessage) => Answer = () => 'accept';
  /** Runs before a ping is answered: what the server wrote to the stream before it. */
  beforePong: () => void = () => {};
  readonly #waiters: { test: () => boolean; resolve: () => void }[] = [];
  /** Resolves once what was sent passes `test`: waits on sends, not on the clock. */
  sentWhen(test: () => boolean): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ test, resolve }));
  }
  async start() {}
  async close() {}
  reconnect() {
    return true;
  }
  async send(message: JSONRPCMessage) {
    this.sent.push(message);
    for (const waiter of this.#waiters.filter((w) => w.test())) {
      this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
    const answer = this.answer(message);
    if (answer === 'accept' && 'method' in message && message.method === 'ping') {
      const id = (message as JSONRPCRequest).id as number;
      queueMicrotask(() => {
        this.beforePong();
        this.reply(id, {});
      });
    }
    if (answer === 'network') {
      throw new McpSseClientError('connect_failed', 'POST failed: socket hang up');
    }
    if (answer === 'refused') {
      throw new McpSseClientError('connect_failed', 'POST failed: connect ECONNREFUSED', {
        cause: new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }),
      });
    }
    if (answer === 'gone') {
      throw new McpSseClientError('session_lost', 'HTTP 404', { status: 404 });
    }
  }
  reply(id: number, result: Record<string, unknown> = { ok: id }) {
    this.onmessage?.({ jsonrpc: '2.0', id, result });
  }
}

function setup() {
  const transport = new ScriptedTransport();
  const session = new McpSession(transport, {
    recovery: { retryDelay: () => 1, maxFailures: 3 },
  });
  return { transport, session };
}

/** One turn of the event loop: every promise reaction already due has run. */
const flush = () => new Promise((resolve) => setImmediate(resolve));
/** Ids of the requests sent, the resend barriers' pings left out. */
const idsSent = (transport: ScriptedTransport) =>
  transport.sent
    .filter((m) => 'method' in m && m.method !== 'ping')
    .map((m) => (m as JSONRPCRequest).id);

describe('McpSession recovery', () => {
  it('re-sends a request whose POST failed before any answer, and settles it once', async () => {
    const { transport, session } = setup();
    let failures = 1;
    transport.answer = () => (failures-- > 0 ? 'network' : 'accept');
    const call = session.request('tools/call', { name: 'add' });
    await transport.sentWhen(() => idsSent(transport).length === 2);
    expect(idsSent(transport)).toEqual([0, 0]);
    transport.reply(0);
    transport.reply(0); // the server ran it twice: the second answer is dropped
    expect(await call).toEqual({ ok: 0 });
    expect(session.pendingCount).toBe(0);
  });

  it('does not re-send a request the server ran when only its 202 was lost', async () => {
    const { transport, session } = setup();
    let first = true;
    transport.answer = (m) => {
      if ('method' in m && m.method === 'tools/call' && first) {
        first = false;
        return 'network';
      }
      return 'accept';
    };
    // The server ran it: its answer is on the stream before the barrier's pong.
    transport.beforePong = () => transport.reply(0, { ran: 'once' });
    expect(await session.request('tools/call', { name: 'pay' })).toEqual({ ran: 'once' });
    // The barrier's ping went out and was answered: a resend would have followed it at once.
    await transport.sentWhen(() =>
      transport.sent.some((m) => 'method' in m && m.method === 'ping'),
    );
    await flush();
    expect(idsSent(transport)).toEqual([0]);
  });

  it('a re-sent copy refused as a duplicate id waits for the first copy to answer', async () => {
    const { transport, session } = setup();
    let failures = 1;
    transport.answer = (m) =>
      'method' in m && m.method === 'tools/call' && failures-- > 0 ? 'network' : 'accept';
    const call = session.request('tools/call', { name: 'slow' });
    await transport.sentWhen(() => idsSent(transport).length === 2);
    expect(idsSent(transport)).toEqual([0, 0]);
    transport.onmessage?.({
      jsonrpc: '2.0',
      id: 0,
      error: { code: -32600, message: 'Request id 0 is already in use by a call in flight' },
    });
    transport.reply(0, { done: true });
    expect(await call).toEqual({ done: true });
  });

  it('notifySurely tries a notification again after a lost POST, bounded', async () => {
    const { transport, session } = setup();
    let failures = 2;
    transport.answer = () => (failures-- > 0 ? 'network' : 'accept');
    await session.notifySurely('notifications/initialized');
    expect(transport.sent).toHaveLength(3);
    transport.answer = () => 'network';
    await expect(session.notifySurely('notifications/initialized')).rejects.toMatchObject({
      code: 'connect_failed',
    });
    expect(transport.sent).toHaveLength(3 + 4);
  });

  it('gives up after maxFailures with connect_failed', async () => {
    const { transport, session } = setup();
    transport.answer = () => 'network';
    await expect(session.request('tools/call')).rejects.toMatchObject({ code: 'connect_failed' });
    expect(idsSent(transport).length).toBeLessThanOrEqual(4);
  });

  it('holds requests while paused and sends them in order on resume', async () => {
    const { transport, session } = setup();
    session.pause();
    const a = session.request('a');
    const b = session.request('b');
    await flush();
    expect(transport.sent).toEqual([]);
    session.resume();
    expect(idsSent(transport)).toEqual([0, 1]);
    transport.reply(1);
    transport.reply(0);
    expect(await Promise.all([a, b])).toEqual([{ ok: 0 }, { ok: 1 }]);
  });

  it('session lost: accepted calls fail with session_lost, idempotent and unaccepted ones go again', async () => {
    const { transport, session } = setup();
    let gone = false;
    transport.answer = (m) => (gone && 'id' in m && m.id === 2 ? 'gone' : 'accept');
    const gone404: number[] = [];
    session.onsessiongone = () => gone404.push(1) > 0;
    const ran = session.request('tools/call', { name: 'pay' });
    const safe = session.request('tools/call', { name: 'read' }, { idempotent: true });
    await flush();
    gone = true;
    const refused = session.request('tools/call', { name: 'late' });
    await flush();
    expect(gone404).toEqual([1]);

    session.sessionLost(new McpSseClientError('session_lost', 'the server restarted'));
    const error = await ran.then(
      () => undefined,
      (e: unknown) => e as McpSseClientError,
    );
    expect(error?.code).toBe('session_lost');
    expect(error?.message).toMatch(/may have run/);

    const before = transport.sent.length;
    gone = false;
    const urgent = session.requestNow('initialize', {});
    expect(idsSent(transport).slice(before)).toEqual([3]);
    transport.reply(3);
    await urgent;
    session.resume();
    await flush();
    // The idempotent one and the one refused with 404 go out on the new session.
    expect(idsSent(transport).slice(before + 1)).toEqual([1, 2]);
    transport.reply(1);
    transport.reply(2);
    expect(await safe).toEqual({ ok: 1 });
    expect(await refused).toEqual({ ok: 2 });
  });

  it('session lost: a POST that broke mid-way may have run (session_lost), a refused one goes again', async () => {
    const transport = new ScriptedTransport();
    // A long delay: both wait, queued, when the session is lost.
    const session = new McpSession(transport, {
      recovery: { retryDelay: () => 60_000, maxFailures: 3 },
    });
    transport.answer = (m) => {
      if (!('method' in m) || m.method !== 'tools/call') return 'accept';
      return (m.params as { name: string }).name === 'reset' ? 'network' : 'refused';
    };
    const reset = session.request('tools/call', { name: 'reset' });
    const refused = session.request('tools/call', { name: 'refused' });
    await flush();
    session.sessionLost(new McpSseClientError('session_lost', 'the server restarted'));
    await expect(reset).rejects.toMatchObject({ code: 'session_lost' });
    transport.answer = () => 'accept';
    session.resume();
    expect(idsSent(transport)).toEqual([0, 1, 1]);
    transport.reply(1);
    expect(await refused).toEqual({ ok: 1 });
    session.close(new McpSseClientError('closed', 'done'));
  });

  it('progress never goes backwards, and a repeated answer to a settled id is dropped quietly', async () => {
    const { transport, session } = setup();
    const errors: unknown[] = [];
    session.onerror = (error) => errors.push(error);
    const seen: number[] = [];
    const call = session.request('slow', {}, { onProgress: (p) => seen.push(p.progress) });
    await flush();
    for (const progress of [1, 2, 2, 1, 3]) {
      transport.onmessage?.({
        jsonrpc: '2.0',
        method: 'notifications/progress',
        params: { progressToken: 0, progress },
      });
    }
    transport.reply(0);
    await call;
    transport.onmessage?.({ jsonrpc: '2.0', id: 0, error: { code: -32000, message: 'late' } });
    expect(seen).toEqual([1, 2, 3]);
    expect(errors).toEqual([]);
  });
});
