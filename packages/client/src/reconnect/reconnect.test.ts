import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../test-support/close-after-each.js';
import {
  type Script,
  type ScriptedServer,
  startScriptedServer,
} from '../../test-support/scripted-server.js';
import { connect } from '../connect.js';
import { McpSseClientError } from '../errors.js';
import type { CloseInfo } from '../events.js';

const FAST = { initialDelayMs: 5, maxDelayMs: 20, maxAttempts: 5, maxElapsedMs: 5_000 };

function endAll(server: ScriptedServer): void {
  for (const session of server.sessions.values()) session.end();
}

describe('reconnecting (against a server without event ids, like the TS SDK)', () => {
  const closeLater = closeAfterEach();

  it('the stream ends mid-call: the call that may have run fails, the next ones carry on in a new session', async () => {
    const server = closeLater(await startScriptedServer());
    const client = closeLater(await connect(server.url, { reconnect: FAST }));
    const events: string[] = [];
    client.on('reconnecting', ({ attempt }) => events.push(`reconnecting ${attempt}`));
    client.on('sessionLost', () => events.push('sessionLost'));
    client.on('reconnected', ({ resumed }) => events.push(`reconnected resumed=${resumed}`));
    const first = client.endpoint;
    const hung = client.callTool('hang');
    await server.waitFor((m) => 'method' in m && m.method === 'tools/call');
    endAll(server);
    const error = await hung.then(
      () => undefined,
      (e: unknown) => e as McpSseClientError,
    );
    expect(error?.code).toBe('session_lost');
    expect((await client.callTool('add', { a: 1, b: 2 })).content).toEqual([
      { type: 'text', text: '3' },
    ]);
    expect(events).toEqual(['reconnecting 1', 'sessionLost', 'reconnected resumed=false']);
    expect(client.endpoint).not.toBe(first);
    expect(server.received.filter((m) => 'method' in m && m.method === 'initialize')).toHaveLength(
      2,
    );
    // No event ids were ever sent, so there was nothing to resume from.
    expect(server.requestHeaders.some((h) => h['last-event-id'] !== undefined)).toBe(false);
  });

  it('a refused reconnect (403) is final: one attempt, then close', async () => {
    const script: Script = {};
    const server = closeLater(await startScriptedServer(script));
    const client = closeLater(await connect(server.url, { reconnect: FAST }));
    const attempts: number[] = [];
    client.on('reconnecting', ({ attempt }) => attempts.push(attempt));
    const closed = new Promise<CloseInfo>((resolve) => client?.on('close', resolve));
    script.getStatus = 403;
    endAll(server);
    const info = await closed;
    expect(attempts).toEqual([1]);
    expect(info).toMatchObject({
      reason: 'stream_ended',
      error: { code: 'session_lost', status: 403 },
    });
    expect(info.error?.message).toMatch(/refused the credentials/);
  });

  it('a silent stream is cut and reopened (the heartbeat watchdog)', async () => {
    const server = closeLater(await startScriptedServer());
    const client = closeLater(
      await connect(server.url, {
        reconnect: { ...FAST, heartbeatMs: 40, deadAfterHeartbeats: 2 },
      }),
    );
    const reasons: string[] = [];
    client.on('reconnecting', ({ error }) => reasons.push(error.message));
    const back = new Promise((resolve) => client?.on('reconnected', resolve));
    await back;
    expect(reasons[0]).toMatch(/went silent \(no data for 80 ms/);
    await client.ping();
  });

  it('heartbeats keep a quiet stream alive', async () => {
    const server = closeLater(await startScriptedServer({ heartbeatMs: 20 }));
    const client = closeLater(
      await connect(server.url, {
        reconnect: { ...FAST, heartbeatMs: 20, deadAfterHeartbeats: 10 },
      }),
    );
    let reconnects = 0;
    client.on('reconnecting', () => reconnects++);
    // Counted in heartbeats, not in time: 15 arrive, well past what a silent stream may last.
    let beats = 0;
    await new Promise<void>((resolve) => {
      client?.on('wire', ({ kind }) => {
        if (kind === 'comment' && ++beats === 15) resolve();
      });
    });
    expect(reconnects).toBe(0);
  });

  it('a POST answered 404 starts a new session, and the call goes out there', async () => {
    let refused = 0;
    const server = closeLater(
      await startScriptedServer({
        postStatus: (m) =>
          'method' in m && m.method === 'tools/call' && refused++ === 0 ? 404 : 202,
      }),
    );
    const client = closeLater(await connect(server.url, { reconnect: FAST }));
    const lost = new Promise((resolve) => client?.on('sessionLost', resolve));
    const result = await client.callTool('echo', { text: 'again' });
    await lost;
    expect(result.content).toEqual([{ type: 'text', text: 'again' }]);
    expect(refused).toBe(2);
  });

  it('close() while reconnecting is final: no attempt after it', async () => {
    const script: Script = {};
    const server = closeLater(await startScriptedServer(script));
    const client = closeLater(
      await connect(server.url, {
        reconnect: { ...FAST, initialDelayMs: 40, maxDelayMs: 40, maxAttempts: 100 },
      }),
    );
    const attempts: number[] = [];
    // Waits on the second attempt itself, not on the clock.
    const secondAttempt = new Promise<void>((resolve) => {
      client.on('reconnecting', ({ attempt }) => {
        attempts.push(attempt);
        if (attempts.length === 2) resolve();
      });
    });
    const closed = new Promise<CloseInfo>((resolve) => client?.on('close', resolve));
    script.getStatus = 503;
    endAll(server);
    await secondAttempt;
    expect(attempts.length).toBeGreaterThanOrEqual(2);
    const pending = client.callTool('echo', { text: 'never sent' });
    await client.close();
    expect((await closed).reason).toBe('closed');
    await expect(pending).rejects.toMatchObject({ code: 'closed' });
    const gets = server.requestHeaders.length;
    const seen = attempts.length;
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(server.requestHeaders.length).toBe(gets);
    expect(attempts.length).toBe(seen);
  });

  it('reconnect: false keeps the old behaviour', async () => {
    const server = closeLater(await startScriptedServer());
    const client = closeLater(await connect(server.url, { reconnect: false }));
    const closed = new Promise<CloseInfo>((resolve) => client?.on('close', resolve));
    endAll(server);
    expect((await closed).reason).toBe('stream_ended');
    expect(McpSseClientError.isInstance((await closed).error)).toBe(true);
  });
});
