import { describe, expect, it } from 'vitest';
import { createPostAgent } from './load/agents.js';
import { runClosedLoop } from './load/closed-loop.js';
import { callEcho } from './load/echo-call.js';
import { totalErrors } from './load/error-counts.js';
import { closeSessions, openSessions } from './load/sessions.js';
import { runDecode } from './scenarios/decode.js';
import { runProgress } from './scenarios/progress.js';
import { SERVER_PROTOCOLS, type ServerKind, serverCommand } from './servers/kinds.js';
import { LaunchError, launchServer } from './servers/launch.js';

/**
 * CI smoke of the benchmark: it works and counts correctly. A few hundred calls per server,
 * every one accounted for; no timing is asserted.
 */
async function smoke(kind: ServerKind) {
  const server = await launchServer(kind);
  const agent = createPostAgent(8 + 2);
  const opened = await openSessions(SERVER_PROTOCOLS[kind], server.url, agent, 2, 2, 15_000);
  try {
    expect(opened.errors).toEqual({});
    expect(opened.sessions).toHaveLength(2);
    const result = await runClosedLoop(opened.sessions, 4, callEcho, {
      warmupMs: 50,
      windowMs: 200,
      drainMs: 10_000,
    });
    return result;
  } finally {
    closeSessions(opened.sessions);
    agent.destroy();
    await server.stop();
  }
}

function expectExactCounts(result: Awaited<ReturnType<typeof smoke>>) {
  expect(result.totals.errors).toEqual({});
  expect(result.errors).toEqual({});
  expect(result.totals.unexpected).toBe(0);
  expect(result.totals.ok).toBe(result.totals.started);
  // Calls inside the window depend on the machine's speed; calls made at all do not.
  expect(result.totals.ok).toBeGreaterThan(0);
  expect(result.calls).toBeLessThanOrEqual(result.totals.ok);
}

describe('bench smoke', () => {
  it('counts every call against the raw Fastify ceiling', async () => {
    expectExactCounts(await smoke('raw'));
  });

  it('counts every call against the SDK server', async () => {
    expectExactCounts(await smoke('sdk'));
  });

  it('counts every call against our server, when it is built', async (context) => {
    if (serverCommand('ours') === undefined) return context.skip('our server is not built');
    try {
      expectExactCounts(await smoke('ours'));
    } catch (error) {
      if (error instanceof LaunchError)
        return context.skip(`our server did not start: ${error.message}`);
      throw error;
    }
  });

  it('counts every call and how it was answered on Streamable HTTP, sessions and 2026-07-28', async () => {
    const json = await smoke('ours-json');
    expectExactCounts(json);
    expect(json.answers?.sse).toBe(0);
    // The handshake's initialize is answered too.
    expect(json.answers?.json).toBe(json.totals.started + 2);
    const stream = await smoke('ours-stream');
    expectExactCounts(stream);
    expect(stream.answers?.sse).toBe(stream.totals.started);
    const modern = await smoke('ours-2026');
    expectExactCounts(modern);
    expect((modern.answers?.json ?? 0) + (modern.answers?.sse ?? 0)).toBe(modern.totals.started);
  });

  it('counts every call against the Streamable HTTP anchors and ceiling', async () => {
    for (const kind of ['raw-mcp', 'sdk2-handler', 'fastmcp'] as const) {
      expectExactCounts(await smoke(kind));
    }
  });

  it('counts progress notifications of sleep on a Streamable HTTP SSE answer', async () => {
    const result = await runProgress('raw-mcp', 200, {
      warmupMs: 0,
      windowMs: 400,
      drainMs: 5_000,
    });
    expect(totalErrors(result.totals.errors)).toBe(0);
    expect(result.progressPerCall).toBe(2);
  });

  it('counts progress notifications for sleep', async () => {
    const result = await runProgress('raw', 200, { warmupMs: 0, windowMs: 400, drainMs: 5_000 });
    expect(totalErrors(result.totals.errors)).toBe(0);
    expect(result.calls).toBeGreaterThan(0);
    expect(result.progressPerCall).toBe(2);
  });

  it('decodes the same number of events with both decoders', () => {
    const result = runDecode(0.05);
    expect(result.counted.raw).toBe(result.events);
    expect(result.counted.rawJson).toBe(result.events);
    expect(result.counted.protocol).toBe(result.events);
  });
});
