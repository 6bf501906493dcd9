import { type ClientRequest, request } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { start, until, untilAsync } from '../../test/helpers.js';

// A real GC is what makes "the heap came back" mean something; this exposes it without a flag.
setFlagsFromString('--expose-gc');
const gc = ((globalThis as { gc?: () => void }).gc ?? runInNewContext('gc')) as () => void;

// CI runs 1,000 sessions (still 100 times the warm-up, and a 1 KiB-per-session leak is
// 1 MiB); `pnpm soak` runs the full 10,000. LEAK_SESSIONS picks any size.
const SESSIONS = Number(process.env.LEAK_SESSIONS ?? (process.env.CI ? 1_000 : 10_000));
// Sized for a loaded 2-core machine: about 30 ms a session at worst, never under 2 minutes.
const TIMEOUT_MS = Math.max(120_000, SESSIONS * 30);
const BATCH = 100;

/** Opens a stream on its own socket and resolves with the request and its POST URL. */
function openStream(base: string): Promise<{ req: ClientRequest; postUrl: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}/sse`, { agent: false, headers: { accept: 'text/event-stream' } });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        // The endpoint frame: `event: endpoint`, an `id:` when resumable, `data: <url>`.
        const match = /event: endpoint\n(?:id: [^\n]*\n)?data: (\S+)\n/.exec(text);
        if (match !== null) {
          res.removeAllListeners('data');
          resolve({ req, postUrl: new URL(match[1]!, base).toString() });
        }
      });
    });
    req.on('error', (error) => {
      if (!req.destroyed) reject(error);
    });
    req.end();
  });
}

/** POSTs a JSON-RPC message on its own socket; resolves with the status. */
function post(url: string, body: unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      agent: false,
      headers: { 'content-type': 'application/json' },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

/** One session's life: open, one call, drop the stream (the grace period then ends it). */
async function session(base: string, i: number): Promise<void> {
  const { req, postUrl } = await openStream(base);
  const status = await post(postUrl, {
    jsonrpc: '2.0',
    id: i,
    method: 'tools/call',
    params: { name: 'echo', arguments: { message: `m${i}` } },
  });
  if (status !== 202) throw new Error(`POST answered ${status}`);
  req.destroy();
}

function resources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const type of process.getActiveResourcesInfo()) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}

async function quiesce(app: Awaited<ReturnType<typeof start>>['app']): Promise<void> {
  await until(() => app.mcp.stats().sessions === 0, 'every session to end', 20_000);
  await untilAsync(
    () =>
      new Promise<boolean>((resolve) =>
        app.server.getConnections((err, count) => resolve(err === null && count === 0)),
      ),
    'every socket to close',
    20_000,
  );
  // Let closed handles and expired timers be reaped, then collect what is unreachable.
  for (let round = 0; round < 3; round++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    gc();
  }
}

describe('no leaks', () => {
  it(
    `opens and closes ${SESSIONS} sessions: heap and handles return to their baseline`,
    async () => {
      // A short grace period: every session also goes through detach, timer and expiry.
      const { app, base } = await start({ resumeGraceMs: 50 });
      for (let i = 0; i < 2 * BATCH; i++) await session(base, i); // warm up JIT, pools, caches
      await quiesce(app);
      const heapBefore = process.memoryUsage().heapUsed;
      const before = resources();

      const startedAt = performance.now();
      for (let batch = 0; batch < SESSIONS / BATCH; batch++) {
        await Promise.all(
          Array.from({ length: BATCH }, (_, i) => session(base, batch * BATCH + i)),
        );
      }
      const openMs = performance.now() - startedAt;
      const peakSessions = app.mcp.stats().sessions;
      await quiesce(app);
      const heapAfter = process.memoryUsage().heapUsed;
      const after = resources();
      const growthMiB = (heapAfter - heapBefore) / 2 ** 20;
      console.log(
        `[leak] ${SESSIONS} sessions opened, called and dropped in ${Math.round(openMs)} ms ` +
          `(${peakSessions} still in grace at the end); heap ${(heapBefore / 2 ** 20).toFixed(1)} -> ` +
          `${(heapAfter / 2 ** 20).toFixed(1)} MiB (${growthMiB >= 0 ? '+' : ''}${growthMiB.toFixed(2)} MiB); ` +
          `handles before ${JSON.stringify(before)} after ${JSON.stringify(after)}`,
      );

      expect(app.mcp.stats()).toEqual({ sessions: 0, callsInFlight: 0, callsQueued: 0 });
      const health = (await (await fetch(`${base}/healthz`)).json()) as Record<string, unknown>;
      expect(health).toMatchObject({ sessions: 0, sessionsDetached: 0 });
      // A leak of even 1 KiB per session would be 10 MiB here.
      expect(growthMiB).toBeLessThan(4);
      for (const type of ['Timeout', 'TCPSocketWrap', 'Immediate']) {
        expect(after[type] ?? 0, type).toBeLessThanOrEqual((before[type] ?? 0) + 2);
      }
    },
    TIMEOUT_MS,
  );
});
