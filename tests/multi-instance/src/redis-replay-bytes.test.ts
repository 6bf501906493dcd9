import { execFileSync } from 'node:child_process';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildApp } from '@mcp-sse/server';
import { RedisProcess, waitFor } from '@mcp-sse/test-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const MiB = 2 ** 20;
const CALLS = 40;

/** One redis-cli command against the test's Redis; its raw reply. */
function redisCli(redis: RedisProcess, ...args: string[]): string {
  return execFileSync('redis-cli', ['-p', String(redis.port), '--raw', ...args], {
    encoding: 'utf8',
  }).trim();
}

/** Opens a stream; resolves with its POST URL and a counter of the `message` events read. */
function openStream(
  base: string,
): Promise<{ postUrl: string; messages: () => number; close: () => void }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}/sse`, { headers: { accept: 'text/event-stream' } }, (res) => {
      let text = '';
      let messages = 0;
      let resolved = false;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        // Count whole frames, then keep only what follows the last one.
        const frames = text.split('\n\n');
        text = frames.pop()!;
        for (const frame of frames) {
          if (frame.includes('event: message\n')) messages++;
          const endpoint = /event: endpoint\n(?:id: [^\n]*\n)?data: (\S+)/.exec(frame);
          if (endpoint !== null && !resolved) {
            resolved = true;
            resolve({
              postUrl: new URL(endpoint[1]!, base).toString(),
              messages: () => messages,
              close: () => req.destroy(),
            });
          }
        }
      });
    });
    req.on('error', (error) => {
      if (!req.destroyed) reject(error);
    });
    req.end();
  });
}

describe('replay kept in Redis', () => {
  let redis: RedisProcess;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let base: string;

  beforeAll(async () => {
    redis = await RedisProcess.start();
    app = await buildApp({ redis: redis.url, rateLimit: 0 });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await app?.close();
    await redis?.dispose();
  });

  it('is bounded by replayBytes (default 256 KiB), not only by the event count', async () => {
    const stream = await openStream(base);
    const sessionId = new URL(stream.postUrl).searchParams.get('sessionId')!;
    const message = 'x'.repeat(MiB);
    for (let id = 1; id <= CALLS; id++) {
      const res = await fetch(stream.postUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          jsonrpc: '2.0',
          id,
          method: 'tools/call',
          params: { name: 'echo', arguments: { message } },
        }),
      });
      expect(res.status).toBe(202);
    }
    await waitFor(() => stream.messages() === CALLS, `${CALLS} results on the stream`, 60_000);
    // An HTTP+SSE session's one stream is logged as stream 0 (like a standalone GET stream).
    const key = `mcp:{${sessionId}}:s:0:events`;
    const events = Number(redisCli(redis, 'XLEN', key));
    const bytes = Number(redisCli(redis, 'MEMORY', 'USAGE', key));
    console.log(
      `[redis replay] ${CALLS} results of 1 MiB: ${events} events, ${(bytes / MiB).toFixed(1)} MiB kept in Redis`,
    );
    stream.close();
    // The newest event is always kept, whatever its size; nothing older beyond the bound.
    expect(events).toBe(1);
    expect(bytes).toBeLessThan(2 * MiB);
  });

  it('answers a POST with 100,000-deep params with 400, not a 500 from re-serialising it', async () => {
    const stream = await openStream(base);
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const res = await fetch(stream.postUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{"message":${deep}}}}`,
    });
    stream.close();
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe('MCP_SSE_JSON_TOO_DEEP');
  });
});
