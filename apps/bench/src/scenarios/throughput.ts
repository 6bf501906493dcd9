import { createPostAgent } from '../load/agents.js';
import { type LoopResult, type LoopTiming, runClosedLoop } from '../load/closed-loop.js';
import type { ErrorCounts } from '../load/error-counts.js';
import { echoed } from '../load/session.js';
import { closeSessions, openSessions } from '../load/sessions.js';
import type { ServerKind } from '../servers/kinds.js';
import { type LaunchOptions, launchServer } from '../servers/launch.js';
import { cpuPercent, type ProcSample, sampleProc } from '../servers/proc-stats.js';

/** A closed-loop `echo` run against one fresh server. */
export interface ThroughputResult extends LoopResult {
  serverCpuPct: number;
  serverRssMB: number;
  openErrors: ErrorCounts;
}

/**
 * `sessions` x `inFlight` closed-loop `echo` calls against a fresh server of `kind`; each
 * echo carries a message unique to the call, and the answer must carry it back.
 */
export async function runThroughput(
  kind: ServerKind,
  sessions: number,
  inFlight: number,
  timing: LoopTiming,
  launch: LaunchOptions = {},
): Promise<ThroughputResult> {
  const server = await launchServer(kind, launch);
  const agent = createPostAgent(sessions * inFlight + 4);
  const opened = await openSessions(server.url, agent, sessions, 10, 30_000);
  try {
    let before: ProcSample | undefined;
    let after: ProcSample | undefined;
    const loop = await runClosedLoop(
      opened.sessions,
      inFlight,
      (session, worker, n) => {
        const message = `w${worker}-${n}`;
        return session.call(
          'tools/call',
          { name: 'echo', arguments: { message } },
          echoed(message),
        );
      },
      timing,
      {
        onWindowStart: () => {
          before = sampleProc(server.pid);
        },
        onWindowEnd: () => {
          after = sampleProc(server.pid);
        },
      },
    );
    return {
      ...loop,
      serverCpuPct: cpuPercent(before, after),
      serverRssMB: (after?.rssBytes ?? Number.NaN) / 2 ** 20,
      openErrors: opened.errors,
    };
  } finally {
    closeSessions(opened.sessions);
    agent.destroy();
    await server.stop();
  }
}
