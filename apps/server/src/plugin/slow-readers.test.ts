import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { heapAfterGc } from '../../test/heap.js';
import { postJson, rpc, start, TestStream, until } from '../../test/helpers.js';

const MiB = 2 ** 20;
const STREAMS = 10;
const RESULTS = 12;

/** Opens a stream on a raw socket, reads up to its endpoint event, then stops reading. */
function stalledReader(
  base: string,
  headers: Record<string, string> = {},
): Promise<{ socket: Socket; postUrl: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      const extra = Object.entries(headers)
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join('');
      socket.write(
        `GET /sse HTTP/1.1\r\nHost: ${hostname}:${port}\r\nAccept: text/event-stream\r\n${extra}\r\n`,
      );
    });
    let text = '';
    socket.setEncoding('utf8');
    const onData = (chunk: string) => {
      text += chunk;
      const match = /event: endpoint\n(?:id: [^\n]*\n)?data: (\S+)\n/.exec(text);
      if (match === null) return;
      socket.off('data', onData);
      socket.pause();
      resolve({ socket, postUrl: new URL(match[1]!, base).toString() });
    };
    socket.on('data', onData);
    socket.on('error', reject);
  });
}

/** Sends `RESULTS` 1 MiB echo results to each stream, none of which reads. */
async function flood(
  base: string,
  readers: Array<{ postUrl: string; headers?: Record<string, string> }>,
): Promise<void> {
  const message = 'x'.repeat(MiB);
  for (let i = 0; i < RESULTS; i++) {
    await Promise.all(
      readers.map(({ postUrl, headers }) =>
        postJson(postUrl, rpc(i, 'tools/call', { name: 'echo', arguments: { message } }), headers),
      ),
    );
  }
}

describe('slow readers across sessions', () => {
  it('one client: its streams together hold at most maxBufferedBytesPerClient', async () => {
    // The per-session cut-off is raised out of the way: only the new bounds act here.
    const { app, base } = await start({ maxBufferedBytes: 64 * MiB, resumeGraceMs: 0 });
    const before = heapAfterGc();
    const readers = await Promise.all(Array.from({ length: STREAMS }, () => stalledReader(base)));
    await flood(base, readers);
    await until(() => app.mcp.stats().callsInFlight === 0, 'calls to finish');
    const growthMiB = (heapAfterGc() - before) / MiB;
    const left = app.mcp.stats().sessions;
    console.log(
      `[slow] one address, ${STREAMS} streams x ${RESULTS} MiB unread: heap +${growthMiB.toFixed(1)} MiB, ${left} sessions left`,
    );
    for (const { socket } of readers) socket.destroy();
    expect(left).toBeLessThan(STREAMS);
    expect(growthMiB).toBeLessThan(40);
  }, 120_000);

  it('many clients: the server holds at most maxBufferedBytesTotal, a reading client is untouched', async () => {
    const keys = Array.from({ length: STREAMS + 1 }, (_, i) => `key-${i}-0123456789`);
    const { app, base } = await start({
      apiKeys: keys,
      maxBufferedBytes: 64 * MiB,
      maxBufferedBytesTotal: 16 * MiB,
      resumeGraceMs: 0,
    });
    const reader = await TestStream.open(`${base}/sse`, { 'x-api-key': keys[STREAMS]! });
    const readerUrl = new URL((await reader.event('endpoint')) as string, base).toString();
    const before = heapAfterGc();
    const readers = await Promise.all(
      keys.slice(0, STREAMS).map(async (key) => ({
        ...(await stalledReader(base, { 'x-api-key': key })),
        headers: { 'x-api-key': key },
      })),
    );
    await flood(base, readers);
    await until(() => app.mcp.stats().callsInFlight === 0, 'calls to finish');
    const growthMiB = (heapAfterGc() - before) / MiB;
    const left = app.mcp.stats().sessions;
    console.log(
      `[slow] ${STREAMS} principals x ${RESULTS} MiB unread: heap +${growthMiB.toFixed(1)} MiB, ${left} sessions left`,
    );
    for (const { socket } of readers) socket.destroy();
    expect(growthMiB).toBeLessThan(40);
    await postJson(readerUrl, rpc('r', 'ping'), { 'x-api-key': keys[STREAMS]! });
    expect(await reader.reply('r')).toMatchObject({ result: {} });
    reader.close();
  }, 120_000);
});

describe('sessions per client', () => {
  it('caps the sessions one client holds (429), other clients still get theirs', async () => {
    const { base } = await start({
      apiKeys: ['key-a-0123456789', 'key-b-0123456789'],
      maxSessionsPerClient: 3,
    });
    const a = { 'x-api-key': 'key-a-0123456789' };
    const streams = await Promise.all([1, 2, 3].map(() => TestStream.open(`${base}/sse`, a)));
    for (const stream of streams) await stream.event('endpoint');
    const fourth = await fetch(`${base}/sse`, { headers: a });
    expect(fourth.status).toBe(429);
    expect((await fourth.json()).code).toBe('MCP_SSE_TOO_MANY_CLIENT_SESSIONS');
    const other = await TestStream.open(`${base}/sse`, { 'x-api-key': 'key-b-0123456789' });
    expect(await other.event('endpoint')).toMatch(/sessionId=/);
    for (const stream of [...streams, other]) stream.close();
  });
});
