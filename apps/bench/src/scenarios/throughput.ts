import { createPostAgent } from '../load/agents.js';
import { type LoopResult, type LoopTiming, runClosedLoop } from '../load/closed-loop.js';
import { callEcho } from '../load/echo-call.js';
import type { ErrorCounts } from '../load/error-counts.js';
import { closeSessions, openSessions } from '../load/sessions.js';
import { SERVER_PROTOCOLS, type ServerKind } from '../servers/kinds.js';
import { type LaunchOptions, launchServer } from '../servers/launch.js';
import {
  cpuPercent,
  type MachineSample,
  machinePercent,
  type ProcSample,
  sampleMachine,
  sampleProc,
} from '../servers/proc-stats.js';

/** A closed-loop `echo` run against one fresh server. */
export interface ThroughputResult extends LoopResult {
  serverCpuPct: number;
  serverRssMB: number;
  /**
   * CPU used by everything else on the machine in the window (percent of one core): other
   * processes competing with the run. High values mean a noisy run.
   */
  otherCpuPct: number;
  openErrors: ErrorCounts;
  /** Wall-clock (Date.now) edges of the window and of the stop request, for profiles. */
  clock: { windowStart: number; windowEnd: number; stopRequested: number };
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
  const opened = await openSessions(
    SERVER_PROTOCOLS[kind],
    server.url,
    agent,
    sessions,
    10,
    30_000,
  );
  const clock = { windowStart: 0, windowEnd: 0, stopRequested: 0 };
  try {
    let before: ProcSample | undefined;
    let after: ProcSample | undefined;
    let machineBefore: MachineSample | undefined;
    let machineAfter: MachineSample | undefined;
    const loop = await runClosedLoop(opened.sessions, inFlight, callEcho, timing, {
      onWindowStart: () => {
        before = sampleProc(server.pid);
        machineBefore = sampleMachine();
        clock.windowStart = Date.now();
      },
      onWindowEnd: () => {
        after = sampleProc(server.pid);
        machineAfter = sampleMachine();
        clock.windowEnd = Date.now();
      },
    });
    const serverCpuPct = cpuPercent(before, after);
    return {
      ...loop,
      serverCpuPct,
      otherCpuPct: machinePercent(machineBefore, machineAfter) - serverCpuPct - loop.loadGenCpuPct,
      serverRssMB: (after?.rssBytes ?? Number.NaN) / 2 ** 20,
      openErrors: opened.errors,
      clock,
    };
  } finally {
    closeSessions(opened.sessions);
    agent.destroy();
    clock.stopRequested = Date.now();
    await server.stop();
  }
}
