import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { postJson, rpc, start, TestStream } from '../../test/helpers.js';

const STALLED = 20;

/** Opens a socket that sends a POST's headers, announces a body and never sends it. */
function stalledPost(
  base: string,
  path: string,
): Promise<{ socket: Socket; closed: Promise<string> }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(
        `POST ${path} HTTP/1.1\r\nHost: ${hostname}:${port}\r\n` +
          'Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"jsonrpc":',
      );
      let received = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => {
        received += chunk;
      });
      const closed = new Promise<string>((done) => socket.on('close', () => done(received)));
      resolve({ socket, closed });
    });
    socket.on('error', reject);
  });
}

/** How many of `promises` settle within `ms` (the rest are counted as still held). */
async function settledWithin(promises: Array<Promise<unknown>>, ms: number): Promise<number> {
  let settled = 0;
  const counted = promises.map((p) => p.then(() => settled++));
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.all(counted),
    new Promise((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]);
  clearTimeout(timer);
  return settled;
}

describe('requests whose body never comes', () => {
  it('are closed after requestTimeoutMs while an SSE stream stays open', async () => {
    const { base } = await start({ requestTimeoutMs: 1000 });
    const stream = await TestStream.open(`${base}/sse`);
    const postUrl = new URL((await stream.event('endpoint')) as string, base);
    const stalled = await Promise.all(
      Array.from({ length: STALLED }, () =>
        stalledPost(base, `${postUrl.pathname}${postUrl.search}`),
      ),
    );
    // Bounded so that today's code (never closing them) fails instead of hanging.
    const closed = await settledWithin(
      stalled.map((s) => s.closed),
      30_000,
    );
    console.log(
      `[stalled] ${closed} of ${STALLED} stalled bodies closed, ${STALLED - closed} held`,
    );
    for (const { socket } of stalled) socket.destroy();
    expect(closed).toBe(STALLED);
    // The timeout has passed for the stream too: it is a response, not a request being received.
    expect((await postJson(postUrl.toString(), rpc(1, 'ping'))).status).toBe(202);
    expect(await stream.reply(1)).toMatchObject({ result: {} });
    stream.close();
  }, 60_000);

  it('are closed after requestTimeoutMs once answered 429 too', async () => {
    const { base } = await start({ requestTimeoutMs: 1000, rateLimit: 1 });
    await fetch(`${base}/healthz`); // public: not counted
    await postJson(
      `${base}/messages?sessionId=00000000-0000-4000-8000-000000000000`,
      rpc(1, 'ping'),
    );
    const stalled = await Promise.all(
      Array.from({ length: STALLED }, () =>
        stalledPost(base, '/messages?sessionId=00000000-0000-4000-8000-000000000000'),
      ),
    );
    const closed = await settledWithin(
      stalled.map((s) => s.closed),
      30_000,
    );
    console.log(
      `[stalled] ${closed} of ${STALLED} bodies answered 429 closed, ${STALLED - closed} held`,
    );
    for (const { socket } of stalled) socket.destroy();
    expect(closed).toBe(STALLED);
    for (const { closed: text } of stalled) expect(await text).toMatch(/^HTTP\/1\.1 429 /);
  }, 60_000);
});
