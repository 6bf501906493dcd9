import { fileURLToPath } from 'node:url';
import type { McpSseClient } from '@mcp-sse/client';
import {
  connectOver,
  STATELESS_HTTP,
  STREAMABLE_HTTP,
  type TransportCase,
} from '@mcp-sse/test-kit';
import { afterEach, describe, expect, it } from 'vitest';
import { callRequest, rawGet, rawInitialize, rawPost, SseReader } from './streamable-http.js';
import { textOf } from './text-of.js';
import { useCluster } from './use-cluster.js';

/** A slow tool marked idempotent (`sleep` is not). */
const IDEMPOTENT_TOOLS = fileURLToPath(
  new URL('../fixtures/idempotent-tools.mjs', import.meta.url),
);
const KEY = 'key-one-abcdef';
const OTHER_KEY = 'key-two-abcdef';
const AUTH = { authorization: `Bearer ${KEY}` };
const OTHER_AUTH = { authorization: `Bearer ${OTHER_KEY}` };

/** Lists, makes 30 calls and one with progress: what every transport must carry. */
async function exercise(client: McpSseClient): Promise<number> {
  expect(client.tools.map((tool) => tool.name)).toEqual(
    expect.arrayContaining(['echo', 'add', 'sleep']),
  );
  const sums = await Promise.all(
    Array.from({ length: 30 }, (_, i) => client.callTool('add', { a: i, b: 1000 })),
  );
  expect(sums.map(textOf)).toEqual(Array.from({ length: 30 }, (_, i) => String(i + 1000)));
  const progress: number[] = [];
  const slept = await client.callTool(
    'sleep',
    { ms: 350 },
    { onProgress: ({ progress: value }) => progress.push(value) },
  );
  expect(textOf(slept)).toMatch(/350/);
  return progress.length;
}

describe('Streamable HTTP on three instances behind a round-robin proxy', () => {
  const fixture = useCluster(3, [
    '--api-key',
    `${KEY},${OTHER_KEY}`,
    '--config',
    IDEMPOTENT_TOOLS,
    '--examples',
    'default',
  ]);
  let client: McpSseClient | undefined;
  afterEach(async () => {
    await client?.close();
    client = undefined;
  });

  const connect = (over: TransportCase, origin: string) =>
    connectOver(over, origin, { requestTimeout: 20_000, headers: AUTH });

  /** Instances that served POSTs to the MCP endpoint since `before`. */
  const postsSince = (before: number) =>
    new Set(
      fixture.cluster.proxy.routed
        .slice(before)
        .filter((r) => r.method === 'POST' && r.path.startsWith('/mcp'))
        .map((r) => r.upstream),
    );

  it('2026-07-28 (stateless): every instance answers, whichever gets each POST', async () => {
    const before = fixture.cluster.proxy.routed.length;
    client = await connect(STATELESS_HTTP, fixture.cluster.proxy.origin);
    expect(client.protocolVersion).toBe(STATELESS_HTTP.protocolVersion);
    expect(await exercise(client)).toBeGreaterThan(0);
    expect(postsSince(before).size).toBe(3);
  });

  it('2025 session across instances: POSTs on any instance reach the session', async () => {
    const before = fixture.cluster.proxy.routed.length;
    client = await connect(STREAMABLE_HTTP, fixture.cluster.proxy.origin);
    expect(client.protocolVersion).toBe(STREAMABLE_HTTP.protocolVersion);
    expect(await exercise(client)).toBeGreaterThan(0);
    // No stickiness: the session's POSTs landed on all three, and none was a 404.
    expect(postsSince(before).size).toBe(3);
    // A cut GET stream resumes on whichever instance the proxy picks next.
    fixture.cluster.proxy.cutStreams();
    expect(textOf(await client.callTool('echo', { message: 'after the cut' }))).toBe(
      'after the cut',
    );
  });

  it('2025 session: principal checked, and its end seen, on every instance', async () => {
    const [a, b, c] = fixture.cluster.servers.map((server) => server.origin) as [
      string,
      string,
      string,
    ];
    const id = await rawInitialize(a, AUTH);
    const ping = { jsonrpc: '2.0', id: 1, method: 'ping' };
    for (const origin of [a, b, c]) {
      expect((await rawPost(origin, id, ping, AUTH)).status).toBe(200);
      const stranger = await rawPost(origin, id, ping, OTHER_AUTH);
      expect(stranger.status).toBe(403);
      expect((await rawGet(origin, id, undefined, OTHER_AUTH)).status).toBe(403);
      expect(
        (
          await fetch(`${origin}/mcp`, {
            method: 'DELETE',
            headers: { ...OTHER_AUTH, 'mcp-session-id': id },
          })
        ).status,
      ).toBe(403);
    }
    const deleted = await fetch(`${b}/mcp`, {
      method: 'DELETE',
      headers: { ...AUTH, 'mcp-session-id': id, 'mcp-protocol-version': '2025-11-25' },
    });
    expect(deleted.status).toBe(200);
    for (const origin of [a, b, c]) {
      expect((await rawPost(origin, id, { ...ping, id: 2 }, AUTH)).status).toBe(404);
      expect((await rawGet(origin, id, undefined, AUTH)).status).toBe(404);
      expect((await rawGet(origin, id, '1:0', AUTH)).status).toBe(404);
    }
  });

  it('2025 session: the instance holding it is killed, another takes it over', async () => {
    const [holder, edge, spare] = fixture.cluster.servers as [
      (typeof fixture.cluster.servers)[number],
      (typeof fixture.cluster.servers)[number],
      (typeof fixture.cluster.servers)[number],
    ];
    const id = await rawInitialize(holder.origin, AUTH);
    // A call that is not idempotent, its POST on another instance than the session's holder.
    const sleep = new SseReader(
      await rawPost(edge.origin, id, callRequest(10, 'sleep', { ms: 8000 }), AUTH),
    );
    // An idempotent call, its POST on the holder itself (the kill cuts its stream).
    const echo = new SseReader(
      await rawPost(
        holder.origin,
        id,
        callRequest(11, 'slow-echo', { message: 'again', ms: 3000 }),
        AUTH,
      ),
    );
    // Both run on the holder: each has streamed progress.
    const progressed = (reader: SseReader) =>
      reader.messages.some((m) => m.method === 'notifications/progress');
    await sleep.until(progressed);
    await echo.until(progressed);
    await holder.stop('SIGKILL');

    // The cut stream resumes with its Last-Event-ID on another instance and gets the answer
    // of the call run again there.
    await echo.until((reader) => reader.ended);
    expect(echo.broken || echo.ended).toBe(true);
    const lastId = echo.lastId!;
    expect(lastId).toMatch(/^\d+:\d+$/);
    const resumed = new SseReader(await rawGet(spare.origin, id, lastId, AUTH));
    await resumed.until((reader) => reader.answers(11).length > 0);
    expect(resumed.answers(11)).toEqual([
      expect.objectContaining({
        result: expect.objectContaining({ content: [{ type: 'text', text: 'again' }] }),
      }),
    ]);
    // Replayed and live events never repeat an id the client already had.
    const stream = lastId.split(':')[0];
    expect(
      resumed.events
        .filter((e) => e.id !== undefined && e.data !== '')
        .every((e) => e.id!.startsWith(`${stream}:`)),
    ).toBe(true);

    // The call that may have run is not repeated: one answer, an error that says so.
    await sleep.until((reader) => reader.answers(10).length > 0);
    const [refused] = sleep.answers(10);
    expect(refused?.error).toMatchObject({
      code: -32003,
      data: { mayHaveRun: true, tool: 'sleep' },
    });
    expect(refused?.error?.message).toMatch(/may have run/);
    await sleep.until((reader) => reader.ended);
    expect(sleep.answers(10)).toHaveLength(1);

    // The session goes on, on every instance still up.
    for (const [i, origin] of [edge.origin, spare.origin].entries()) {
      const add = await rawPost(origin, id, callRequest(20 + i, 'add', { a: i, b: 3 }), AUTH);
      expect(add.status).toBe(200);
      const reader = new SseReader(add);
      await reader.until((r) => r.answers(20 + i).length > 0);
      expect(reader.answers(20 + i)[0]?.result?.content?.[0]?.text).toBe(String(i + 3));
    }
    // The same request again (the client lost its stream and sends it once more): the
    // stream it was answered on comes back, with the same ids, on another instance.
    const again = new SseReader(
      await rawPost(
        spare.origin,
        id,
        callRequest(11, 'slow-echo', { message: 'again', ms: 3000 }),
        AUTH,
      ),
    );
    await again.until((reader) => reader.ended);
    expect(again.answers(11)).toHaveLength(1);
    expect(
      again.events.filter((e) => e.data !== '').every((e) => e.id?.startsWith(`${stream}:`)),
    ).toBe(true);

    const takeovers = [edge, spare]
      .flatMap((server) => server.stderr)
      .filter((line) => line.includes('streamable session taken over'))
      .map((line) => JSON.parse(line) as { rerun: number; refused: number });
    expect(takeovers).toEqual([expect.objectContaining({ rerun: 1, refused: 1 })]);
  });

  it('HTTP+SSE session on the same cluster: its holder is killed; an idempotent call pending there runs again, one that is not is answered -32003', async () => {
    // The Streamable HTTP case above killed one instance: two are left.
    const [holder, other] = fixture.cluster.servers.filter((server) => server.alive) as [
      (typeof fixture.cluster.servers)[number],
      (typeof fixture.cluster.servers)[number],
    ];
    const get = (origin: string, lastEventId?: string) =>
      fetch(`${origin}/sse`, {
        headers: {
          accept: 'text/event-stream',
          ...AUTH,
          ...(lastEventId === undefined ? {} : { 'last-event-id': lastEventId }),
        },
      });
    const stream = new SseReader(await get(holder.origin));
    await stream.until((reader) => reader.events.some((e) => e.event === 'endpoint'));
    const endpoint = stream.events.find((e) => e.event === 'endpoint')!.data;
    // Every POST on the other instance: the session's core runs on the one with its stream.
    const post = async (body: unknown) => {
      const res = await fetch(`${other.origin}${endpoint}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...AUTH },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(202);
    };
    await post({
      jsonrpc: '2.0',
      id: 0,
      method: 'initialize',
      params: {
        protocolVersion: '2024-11-05',
        capabilities: {},
        clientInfo: { name: 'multi-instance-raw', version: '0' },
      },
    });
    await stream.until((reader) => reader.answers(0).length > 0);
    await post({ jsonrpc: '2.0', method: 'notifications/initialized' });
    await post(callRequest(10, 'sleep', { ms: 8000 }));
    await post(callRequest(11, 'slow-echo', { message: 'again', ms: 3000 }));
    const progressed = (token: string) => (reader: SseReader) =>
      reader.messages.some(
        (m) => m.method === 'notifications/progress' && m.params?.progressToken === token,
      );
    await stream.until(progressed('p10'));
    await stream.until(progressed('p11'));
    await holder.stop('SIGKILL');
    await stream.until((reader) => reader.ended);
    const lastId = stream.lastId!;
    expect(lastId.startsWith(`${endpoint.split('sessionId=')[1]}:`)).toBe(true);

    // The client resumes on the instance left, which takes the session over.
    const resumed = new SseReader(await get(other.origin, lastId));
    await resumed.until((reader) => reader.answers(10).length > 0 && reader.answers(11).length > 0);
    expect(resumed.events.find((e) => e.event === 'endpoint')?.data).toBe(endpoint);
    expect(resumed.answers(11)).toEqual([
      expect.objectContaining({
        result: expect.objectContaining({ content: [{ type: 'text', text: 'again' }] }),
      }),
    ]);
    expect(resumed.answers(10)).toEqual([
      expect.objectContaining({
        error: expect.objectContaining({ code: -32003, data: { mayHaveRun: true, tool: 'sleep' } }),
      }),
    ]);
    // Each answered once, over both streams.
    expect([...stream.answers(10), ...stream.answers(11)]).toEqual([]);
    const takeovers = other.stderr
      .filter((line) => line.includes('session taken over') && !line.includes('streamable'))
      .map((line) => JSON.parse(line) as { rerun: number; refused: number });
    expect(takeovers).toEqual([expect.objectContaining({ rerun: 1, refused: 1 })]);
  });
});
