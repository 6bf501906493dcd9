import { setTimeout as sleep } from 'node:timers/promises';
import { createPostAgent } from '../load/agents.js';
import type { CallSession } from '../load/call-session.js';
import { countError, type ErrorCounts } from '../load/error-counts.js';
import { closeSessions, openSessions } from '../load/sessions.js';
import { SERVER_PROTOCOLS, type ServerKind } from '../servers/kinds.js';
import { launchServer } from '../servers/launch.js';
import { sampleProc } from '../servers/proc-stats.js';

/** What holding many idle sessions cost, and whether they all still answer. */
export interface IdleResult {
  requested: number;
  opened: number;
  /** Sessions that answered a `ping` after all were open. */
  answered: number;
  openSeconds: number;
  baseRssMB: number;
  rssMB: number;
  /** (RSS with the sessions - RSS before) / sessions opened. */
  rssPerSessionKB: number;
  /**
   * RSS added per session by the second half of the sessions: the marginal cost, without
   * the one-time growth (heap spaces, buffers, caches) that the first sessions trigger.
   */
  marginalKB: number;
  errors: ErrorCounts;
}

const OPEN_PARALLEL = 50;

function mergeErrors(a: ErrorCounts, b: ErrorCounts): ErrorCounts {
  const merged: ErrorCounts = { ...a };
  for (const [kind, n] of Object.entries(b))
    for (let i = 0; i < n; i += 1) countError(merged, kind);
  return merged;
}
const PING_PARALLEL = 100;

async function pingAll(sessions: readonly CallSession[]): Promise<number> {
  let next = 0;
  let answered = 0;
  const isObject = (result: unknown) => typeof result === 'object' && result !== null;
  const pinger = async () => {
    while (next < sessions.length) {
      const session = sessions[next++]!;
      if ((await session.call('ping', undefined, isObject)).ok) answered += 1;
    }
  };
  await Promise.all(Array.from({ length: PING_PARALLEL }, pinger));
  return answered;
}

/**
 * Opens `count` initialised sessions on a fresh server and leaves them idle, reads the
 * server's RSS, then pings every one of them.
 */
export async function runIdle(
  kind: ServerKind,
  count: number,
  deadlineMs: number,
): Promise<IdleResult> {
  const server = await launchServer(kind);
  const protocol = SERVER_PROTOCOLS[kind];
  const agent = createPostAgent(PING_PARALLEL + OPEN_PARALLEL);
  // The first session is opened and used before the baseline, so that the baseline has
  // warm code rather than cold start-up. It stays open and is one of the `count` held:
  // a closed one would keep its slot under the session cap while it may still resume.
  const warm = await openSessions(protocol, server.url, agent, 1, 1, 15_000);
  let sessions: CallSession[] = [...warm.sessions];
  try {
    await pingAll(warm.sessions);
    await sleep(500);
    const base = sampleProc(server.pid);
    const started = Date.now();
    const more = Math.max(0, count - warm.sessions.length);
    const half = Math.floor(more / 2);
    const first = await openSessions(protocol, server.url, agent, half, OPEN_PARALLEL, deadlineMs);
    await sleep(500);
    const middle = sampleProc(server.pid);
    const left = deadlineMs - (Date.now() - started);
    const second = await openSessions(
      protocol,
      server.url,
      agent,
      more - half,
      OPEN_PARALLEL,
      left,
    );
    const added = first.sessions.length + second.sessions.length;
    sessions = [...warm.sessions, ...first.sessions, ...second.sessions];
    const openSeconds = (Date.now() - started) / 1000;
    await sleep(1_000);
    const held = sampleProc(server.pid);
    const answered = await pingAll(sessions);
    const baseRss = base?.rssBytes ?? Number.NaN;
    const rss = held?.rssBytes ?? Number.NaN;
    return {
      requested: count,
      opened: sessions.length,
      answered,
      openSeconds,
      baseRssMB: baseRss / 2 ** 20,
      rssMB: rss / 2 ** 20,
      rssPerSessionKB: (rss - baseRss) / 1024 / Math.max(1, added),
      marginalKB:
        (rss - (middle?.rssBytes ?? Number.NaN)) / 1024 / Math.max(1, second.sessions.length),
      errors: mergeErrors(mergeErrors(warm.errors, first.errors), second.errors),
    };
  } finally {
    closeSessions(sessions);
    agent.destroy();
    await server.stop();
  }
}
