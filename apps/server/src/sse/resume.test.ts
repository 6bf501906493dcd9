import { describe, expect, it } from 'vitest';
import { openSession, postJson, rpc, start, TestStream, until } from '../../test/helpers.js';

function lastId(stream: TestStream): string {
  const ids = stream.items.flatMap((i) =>
    i.type === 'event' && i.event.id !== undefined ? [i.event.id] : [],
  );
  return ids.at(-1)!;
}

describe('resumable streams (resumeGraceMs)', () => {
  it('numbers events, keeps the session through a drop and replays what was missed', async () => {
    const { app, base } = await start({ resumeGraceMs: 10_000, retryMs: 500 });
    const first = await openSession(base);
    expect(first.stream.items[0]).toEqual({ type: 'retry', retry: 500 });
    await postJson(first.postUrl, rpc(1, 'ping'));
    await first.stream.reply(1);
    const seen = lastId(first.stream);
    expect(seen).toMatch(new RegExp(`^${first.sessionId}:\\d+$`));

    first.stream.close();
    await until(() => app.mcp.stats().sessions === 1, 'the session to stay');
    // Sent while no stream is attached: kept for replay.
    expect(
      (
        await postJson(
          first.postUrl,
          rpc(2, 'tools/call', { name: 'echo', arguments: { message: 'missed' } }),
        )
      ).status,
    ).toBe(202);

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
    const id = lastId(owner.stream);
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
    const { app, base } = await start();
    const { stream, postUrl } = await openSession(base);
    await postJson(postUrl, rpc(1, 'ping'));
    await stream.reply(1);
    expect(stream.items.every((i) => i.type !== 'event' || i.event.id === undefined)).toBe(true);
    stream.close();
    await until(() => app.mcp.stats().sessions === 0, 'the session to close at once');
  });
});
