import { describe, expect, it } from 'vitest';
import {
  openSession,
  postJson,
  rpc,
  TestStream,
  untilAsync,
  untilDetached,
} from '../../test/helpers.js';
import { echoTool } from '../examples/echo.js';
import { sleepTool } from '../examples/sleep.js';
import { echoCall, lastEventId, messageIds } from '../sse/resume-test-helpers.js';
import { twoRedisInstances } from './redis-test-instances.js';

/** Two instances on one Redis (in this process), resuming for 10 s. */
async function twoInstances() {
  const options = { tools: [echoTool], resumeGraceMs: 10_000, retryMs: 500 };
  const [a, b] = await twoRedisInstances(options, 'rsse');
  return { a: a.base, b: b.base };
}

describe('HTTP+SSE sessions shared through Redis', { timeout: 60_000 }, () => {
  it('POSTs on either instance reach the session; its events carry `<session>:<seq>` ids; the simple form answers with a result event', async () => {
    const { a, b } = await twoInstances();
    const { stream, sessionId, endpoint } = await openSession(a);
    expect(stream.items[0]).toEqual({ type: 'retry', retry: 500 });
    await stream.event('tools');
    expect((await postJson(`${b}${endpoint}`, rpc(1, 'ping'))).status).toBe(202);
    expect(await stream.reply(1)).toMatchObject({ result: {} });
    expect(lastEventId(stream)).toBe(`${sessionId}:1`);
    expect((await postJson(`${a}${endpoint}`, echoCall(2, 'from a'))).status).toBe(202);
    expect(await stream.reply(2)).toMatchObject({ result: { content: [{ text: 'from a' }] } });
    expect(lastEventId(stream)).toBe(`${sessionId}:2`);
    const simple = await postJson(`${b}/sse`, {
      session_id: sessionId,
      tool: 'echo',
      args: { message: 'simple' },
    });
    expect(simple.status).toBe(202);
    expect(await stream.event('result')).toMatchObject({ content: [{ text: 'simple' }] });
    expect(lastEventId(stream)).toBe(`${sessionId}:3`);
  });

  it('resumes on the other instance: endpoint again, then exactly what was missed, then live', async () => {
    const { a, b } = await twoInstances();
    const first = await openSession(a);
    await postJson(`${a}${first.endpoint}`, rpc(1, 'ping'));
    await first.stream.reply(1);
    const seen = lastEventId(first.stream);
    first.stream.close();
    await untilDetached(a, 1);
    // Sent while no stream is attached: kept in the log.
    expect((await postJson(`${b}${first.endpoint}`, echoCall(2, 'missed'))).status).toBe(202);
    const second = await TestStream.open(`${b}/sse`, { 'last-event-id': seen });
    expect(await second.event('endpoint')).toBe(first.endpoint);
    expect(await second.reply(2)).toMatchObject({ result: { content: [{ text: 'missed' }] } });
    expect(
      second.items.some((i) => i.type === 'event' && (i.event.data as { id?: unknown }).id === 1),
    ).toBe(false);
    await untilDetached(a, 0);
    expect((await postJson(`${a}${first.endpoint}`, rpc(3, 'ping'))).status).toBe(202);
    expect(await second.reply(3)).toMatchObject({ result: {} });
    expect(lastEventId(second)).toBe(`${first.sessionId}:3`);
    // A newer resume replaces this stream, wherever it is served.
    const third = await TestStream.open(`${a}/sse`, { 'last-event-id': lastEventId(second) });
    await third.event('endpoint');
    await second.ended;
    expect(second.done).toBe(true);
  });

  it('ends the session everywhere when its client does not come back within the grace period', async () => {
    const [a, b] = await twoRedisInstances({ tools: [echoTool], resumeGraceMs: 50 }, 'rsseg');
    const { stream, endpoint } = await openSession(a.base);
    await stream.event('tools');
    stream.close();
    await untilAsync(
      async () => (await postJson(`${b.base}${endpoint}`, rpc(1, 'ping'))).status === 404,
      'the session to end on the other instance',
    );
    expect((await postJson(`${a.base}${endpoint}`, rpc(2, 'ping'))).status).toBe(404);
  });

  it('runs a request sent again word for word (its 202 was lost) once, and refuses another request with its id while it is pending', async () => {
    const [a, b] = await twoRedisInstances({ tools: [sleepTool], retryMs: 500 }, 'rssecopy');
    const { stream, endpoint } = await openSession(a.base);
    const call = rpc(5, 'tools/call', { name: 'sleep', arguments: { ms: 300 } });
    expect((await postJson(`${a.base}${endpoint}`, call)).status).toBe(202);
    expect((await postJson(`${b.base}${endpoint}`, call)).status).toBe(202);
    const reused = await postJson(`${b.base}${endpoint}`, rpc(5, 'ping'));
    expect(reused.status).toBe(400);
    expect(await reused.json()).toMatchObject({
      statusCode: 400,
      code: 'MCP_SSE_REQUEST_ID_IN_USE',
      message: expect.stringContaining('Request id 5 is in use'),
    });
    expect(await stream.reply(5)).toMatchObject({
      result: { content: [{ text: 'Slept 300 ms' }] },
    });
    await postJson(`${b.base}${endpoint}`, rpc(6, 'ping'));
    await stream.reply(6);
    // Before, the copy reached the session and was answered too (-32600, id in use).
    expect(messageIds(stream).filter((id) => id === 5)).toHaveLength(1);
  });

  it('does not record an answer to a request that is no longer pending (answered elsewhere)', async () => {
    const instances = await twoRedisInstances({ tools: [echoTool] }, 'rssestrict');
    const [a, b] = instances;
    const { stream, endpoint, sessionId } = await openSession(a.base);
    await stream.event('tools');
    // A request the holder hears whose pending entry is gone: what it finds when the
    // instance it took the session from recorded the answer as it died.
    await instances.redis.publish(
      `${instances.prefix}{${sessionId}}:in`,
      `m${JSON.stringify(echoCall(9, 'answered already'))}`,
    );
    await postJson(`${b.base}${endpoint}`, rpc(10, 'ping'));
    await stream.reply(10);
    expect(messageIds(stream)).not.toContain(9);
    // An answer to a request that is pending is recorded, as always.
    await postJson(`${b.base}${endpoint}`, echoCall(11, 'pending'));
    expect(await stream.reply(11)).toMatchObject({ result: { content: [{ text: 'pending' }] } });
  });
});
