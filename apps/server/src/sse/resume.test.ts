import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openSession, postJson, rpc, start, TestStream, until } from '../../test/helpers.js';
import { defineTool } from '../tools/define-tool.js';
import { dropStream, echoCall, lastEventId } from './resume-test-helpers.js';

describe('resumable streams (resumeGraceMs)', () => {
  it('numbers events, keeps the session through a drop and replays what was missed', async () => {
    const { app, base } = await start({ resumeGraceMs: 10_000, retryMs: 500 });
    const first = await openSession(base);
    expect(first.stream.items[0]).toEqual({ type: 'retry', retry: 500 });
    await postJson(first.postUrl, rpc(1, 'ping'));
    await first.stream.reply(1);
    const seen = lastEventId(first.stream);
    expect(seen).toMatch(new RegExp(`^${first.sessionId}:\\d+$`));

    first.stream.close();
    await until(() => app.mcp.stats().sessions === 1, 'the session to stay');
    // Sent while no stream is attached: kept for replay.
    expect((await postJson(first.postUrl, echoCall(2, 'missed'))).status).toBe(202);

    const second = await TestStream.open(`${base}/sse`, { 'last-event-id': seen });
    expect(await second.event('endpoint')).toBe(first.endpoint);
    expect(await second.reply(2)).toMatchObject({ result: { content: [{ text: 'missed' }] } });
    expect(
      second.items.some((i) => i.type === 'event' && (i.event.data as { id?: unknown }).id === 1),
    ).toBe(false);
    await postJson(first.postUrl, rpc(3, 'ping'));
    expect(await second.reply(3)).toMatchObject({ result: {} });
    expect(app.mcp.stats().sessions).toBe(1);
  });

  it('closes the session when the client does not come back in time', async () => {
    const { app, base } = await start({ resumeGraceMs: 50 });
    const { stream, postUrl } = await openSession(base);
    stream.close();
    await until(() => app.mcp.stats().sessions === 0, 'the grace period to end');
    expect((await postJson(postUrl, rpc(1, 'ping'))).status).toBe(404);
  });

  it('opens a fresh session for an unknown or foreign Last-Event-ID', async () => {
    const { base } = await start({
      resumeGraceMs: 10_000,
      apiKeys: ['key-one-123', 'key-two-456'],
    });
    const owner = await openSession(base, '/sse', { 'x-api-key': 'key-one-123' });
    await owner.stream.event('tools');
    const id = lastEventId(owner.stream);
    owner.stream.close();
    const stranger = await openSession(base, '/sse', {
      'x-api-key': 'key-two-456',
      'last-event-id': id,
    });
    expect(stranger.sessionId).not.toBe(owner.sessionId);
    const unknown = await openSession(base, '/sse', {
      'x-api-key': 'key-one-123',
      'last-event-id': 'nope:3',
    });
    expect(unknown.stream.response.status).toBe(200);
    expect(unknown.sessionId).not.toBe(owner.sessionId);
  });

  it('sends no ids and keeps nothing when resuming is off', async () => {
    const { app, base } = await start({ resumeGraceMs: 0 });
    const { stream, postUrl } = await openSession(base);
    await postJson(postUrl, rpc(1, 'ping'));
    await stream.reply(1);
    expect(stream.items.every((i) => i.type !== 'event' || i.event.id === undefined)).toBe(true);
    stream.close();
    await until(() => app.mcp.stats().sessions === 0, 'the session to close at once');
  });

  it('is on by default: a retry hint, event ids, and the session outlives its stream', async () => {
    const { app, base } = await start();
    const { stream } = await openSession(base);
    expect(stream.items[0]).toEqual({ type: 'retry', retry: 1000 });
    await stream.event('tools');
    expect(lastEventId(stream)).toMatch(/:2$/);
    await dropStream(base, stream);
    expect(app.mcp.stats().sessions).toBe(1);
  });

  it('aborts running handlers and removes the session when the grace period ends', async () => {
    let reason: unknown;
    const hang = defineTool({
      name: 'hang',
      description: 'waits for its signal',
      input: z.object({}),
      handler: (_args, ctx) =>
        new Promise((resolve) => {
          ctx.signal.addEventListener('abort', () => {
            reason = ctx.signal.reason;
            resolve('gone');
          });
        }),
    });
    const { app, base } = await start({ tools: [hang], resumeGraceMs: 100 });
    const { stream, postUrl } = await openSession(base);
    await postJson(postUrl, rpc(1, 'tools/call', { name: 'hang', arguments: {} }));
    await until(() => app.mcp.stats().callsInFlight === 1, 'the call to start');
    stream.close();
    await until(() => reason !== undefined, 'the handler to be aborted');
    expect(reason).toBeInstanceOf(Error);
    expect((reason as Error).name).toBe('AbortError');
    expect((reason as Error).message).toMatch(/client disconnected/);
    await until(() => app.mcp.stats().sessions === 0, 'the session to be removed');
    expect(app.mcp.stats().callsInFlight).toBe(0);
    expect((await postJson(postUrl, rpc(2, 'ping'))).status).toBe(404);
    const health = (await (await fetch(`${base}/healthz`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ sessions: 0, sessionsDetached: 0 });
  });

  it('bounds the replay buffer by bytes: the newest events are kept', async () => {
    const { app, base } = await start({ resumeGraceMs: 10_000, replayBytes: 2048 });
    const first = await openSession(base);
    await first.stream.event('tools');
    const seen = lastEventId(first.stream);
    await dropStream(base, first.stream);
    const message = 'x'.repeat(300);
    for (let id = 1; id <= 20; id++) {
      await postJson(first.postUrl, echoCall(id, message));
    }
    const second = await TestStream.open(`${base}/sse`, { 'last-event-id': seen });
    expect(await second.reply(20)).toMatchObject({ result: { content: [{ text: message }] } });
    const replayed = second.items.filter((i) => i.type === 'event' && i.event.event === 'message');
    // About 360 bytes per answer: 2048 bytes hold 5 of them, never all 20.
    expect(replayed.length).toBeGreaterThan(0);
    expect(replayed.length).toBeLessThan(8);
    expect(app.mcp.stats().sessions).toBe(1);
  });

  it('keeps the answer of a call that finished while away, even past a flood of progress', async () => {
    const { base } = await start({ resumeGraceMs: 10_000, replayEvents: 8 });
    const first = await openSession(base);
    await first.stream.event('tools');
    const seen = lastEventId(first.stream);
    await dropStream(base, first.stream);
    await postJson(first.postUrl, echoCall(1, 'done'));
    // About 10 progress notifications a second: far more than the 8 events kept.
    await postJson(
      first.postUrl,
      rpc(2, 'tools/call', {
        name: 'sleep',
        arguments: { ms: 1500 },
        _meta: { progressToken: 't' },
      }),
    );
    const second = await new Promise<TestStream>((resolve) =>
      setTimeout(() => resolve(TestStream.open(`${base}/sse`, { 'last-event-id': seen })), 1500),
    );
    expect(await second.reply(1)).toMatchObject({ result: { content: [{ text: 'done' }] } });
    expect(await second.reply(2)).toMatchObject({
      result: { content: [{ text: 'Slept 1500 ms' }] },
    });
    expect(second.notifications('notifications/progress').length).toBeGreaterThan(0);
  });

  it('makes room under maxSessions by ending the session detached longest ago', async () => {
    const { app, base } = await start({ maxSessions: 2, maxSessionsPerClient: 2 });
    const older = await openSession(base);
    const newer = await openSession(base);
    // Both live: the cap holds.
    expect((await fetch(`${base}/sse`)).status).toBe(503);
    await dropStream(base, older.stream);
    await dropStream(base, newer.stream, 2);
    const third = await openSession(base);
    expect(third.stream.response.status).toBe(200);
    expect(app.mcp.stats().sessions).toBe(2);
    expect((await postJson(older.postUrl, rpc(1, 'ping'))).status).toBe(404);
    expect((await postJson(newer.postUrl, rpc(1, 'ping'))).status).toBe(202);
  });
});
