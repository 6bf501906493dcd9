import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { echoTool } from '../examples/echo.js';
import {
  answerMessages,
  EventReader,
  initSession,
  mcpPost,
  messagesOf,
} from '../streamable/test-client.js';
import { defineTool } from '../tools/define-tool.js';
import { twoRedisInstances } from './redis-test-instances.js';

/** Two instances on one Redis (in this process), and a tool that counts its runs across both. */
async function twoInstances() {
  const runs = new Map<string, number>();
  const counted = defineTool({
    name: 'counted',
    description: 'Counts its runs per key, waits ms, answers the count.',
    input: z.object({ key: z.string(), ms: z.number().int().min(0).max(5000) }),
    handler: async ({ key, ms }, ctx) => {
      runs.set(key, (runs.get(key) ?? 0) + 1);
      for (let waited = 0; waited < ms; waited += 50) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        ctx.progress(waited + 50, ms);
      }
      return String(runs.get(key));
    },
  });
  const [a, b] = await twoRedisInstances({ tools: [echoTool, counted] }, 'rss');
  return { a: `${a.base}/mcp`, b: `${b.base}/mcp`, runs };
}

const call = (id: number, name: string, args: Record<string, unknown>) => ({
  jsonrpc: '2.0',
  id,
  method: 'tools/call',
  params: { name, arguments: args, _meta: { progressToken: id } },
});

describe('Streamable HTTP sessions shared through Redis', { timeout: 60_000 }, () => {
  it('serves a session on either instance: answers, 202s, the 2025-11-25 batch rule, and DELETE seen by both', async () => {
    const { a, b } = await twoInstances();
    const { sessionId, headers } = await initSession(a);
    const listed = await mcpPost(b, { jsonrpc: '2.0', id: 1, method: 'tools/list' }, headers);
    expect(listed.status).toBe(200);
    expect(listed.headers.get('mcp-session-id')).toBe(sessionId);
    const [list] = await answerMessages(listed);
    expect(list?.result.tools.map((t: { name: string }) => t.name)).toContain('counted');
    const echoed = await answerMessages(
      await mcpPost(b, call(2, 'echo', { message: 'from b' }), headers),
    );
    expect(echoed).toEqual([expect.objectContaining({ id: 2, result: expect.anything() })]);
    expect(
      (await mcpPost(b, { jsonrpc: '2.0', method: 'notifications/roots/list_changed' }, headers))
        .status,
    ).toBe(202);
    const batch = await mcpPost(b, [call(3, 'echo', { message: 'x' })], headers);
    expect(batch.status).toBe(400);
    // Without the id: 400 on both; someone else's id format: 404.
    expect((await mcpPost(b, call(4, 'echo', { message: 'x' }))).status).toBe(400);
    const del = await fetch(b, { method: 'DELETE', headers });
    expect(del.status).toBe(200);
    for (const url of [a, b]) {
      expect((await mcpPost(url, call(5, 'echo', { message: 'x' }), headers)).status).toBe(404);
      expect((await fetch(url, { method: 'DELETE', headers })).status).toBe(404);
    }
  });

  it('a request sent again after its POST broke re-attaches on the other instance and runs once', async () => {
    const { a, b, runs } = await twoInstances();
    const { headers } = await initSession(a);
    const first = new EventReader(
      await mcpPost(a, call(7, 'counted', { key: 'k', ms: 400 }), headers),
    );
    // The priming event and a progress: the call runs; then the client loses the POST.
    await first.until(2);
    await first.cancel();
    const again = await mcpPost(b, call(7, 'counted', { key: 'k', ms: 400 }), headers);
    expect(again.status).toBe(200);
    const reader = new EventReader(again);
    const answers = messagesOf(await reader.all()).filter((m) => m.id === 7);
    expect(answers).toEqual([
      expect.objectContaining({
        result: expect.objectContaining({ content: [{ type: 'text', text: '1' }] }),
      }),
    ]);
    // The same stream, replayed from its start: ids `<stream>:<n>` of the first POST.
    const stream = first.events[0]!.id!.split(':')[0];
    expect(
      reader.events.filter((e) => e.data !== '').every((e) => e.id?.startsWith(`${stream}:`)),
    ).toBe(true);
    expect(runs.get('k')).toBe(1);
  });

  it('GET: resumes a POST stream on the other instance; 204 once seen in full; unknown ids 400; one standalone stream, taken over only by a resume', async () => {
    const { a, b } = await twoInstances();
    const { headers } = await initSession(a);
    const post = new EventReader(
      await mcpPost(b, call(8, 'counted', { key: 'g', ms: 200 }), headers),
    );
    const events = await post.all();
    const last = events.at(-1)!.id!;
    expect(messagesOf(events).filter((m) => m.id === 8)).toHaveLength(1);
    const get = (url: string, extra: Record<string, string> = {}) =>
      fetch(url, { headers: { ...headers, accept: 'text/event-stream', ...extra } });
    // From the priming id: the rest of the stream again, on the instance that did not serve it.
    const resumed = await get(a, { 'last-event-id': events[0]!.id! });
    expect(resumed.status).toBe(200);
    const replayed = messagesOf(await new EventReader(resumed).all());
    expect(replayed.filter((m) => m.id === 8)).toHaveLength(1);
    expect((await get(a, { 'last-event-id': last })).status).toBe(204);
    expect((await get(b, { 'last-event-id': '999:0' })).status).toBe(400);
    expect((await get(b, { 'last-event-id': 'nonsense' })).status).toBe(400);
    const older = new EventReader(await get(a));
    const [priming] = await older.until(1);
    // One standalone stream per session, wherever it is served: a plain GET is refused...
    expect((await get(b)).status).toBe(409);
    // ...a resume with its Last-Event-ID takes it over, and the older one ends.
    const newer = new EventReader(await get(b, { 'last-event-id': priming!.id! }));
    await newer.until(1);
    await older.all();
    expect(older.done).toBe(true);
    await newer.cancel();
  });
});
