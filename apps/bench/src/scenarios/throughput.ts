import { createPostAgent } from '../load/agents.js';
import type { MakeCall } from '../load/closed-loop.js';
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
  /** Server RSS before the sessions were opened and once they were, before the load. */
  rssBeforeOpenMB: number;
  rssOpenedMB: number;
  /** Sessions opened. */
  opened: number;
  /** CPU of the other processes watched (e.g. redis-server), percent of one core each. */
  watchedCpuPct: number[];
}

/** How {@link runThroughput} runs beyond the shape. */
export interface ThroughputOptions {
  launch?: LaunchOptions;
  /** The call each worker makes; default `echo`. */
  makeCall?: MakeCall;
  /** That many workers in all taking the sessions in turn (sessions x inFlight otherwise). */
  spread?: number;
  /** Other processes whose CPU counts (redis-server). */
  watchPids?: number[];
  /** How many sessions open at once, and how long opening them may take. */
  openParallel?: number;
  openDeadlineMs?: number;
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
  options: ThroughputOptions = {},
): Promise<ThroughputResult> {
  const server = await launchServer(kind, options.launch);
  const inFlightTotal = options.spread ?? sessions * inFlight;
  // Stateless clients need no socket of their own: the pool is sized to the calls in flight.
  const agent = createPostAgent(Math.max(inFlightTotal, options.openParallel ?? 10) + 4);
  const rssBeforeOpen = sampleProc(server.pid)?.rssBytes ?? Number.NaN;
  const opened = await openSessions(
    SERVER_PROTOCOLS[kind],
    server.url,
    agent,
    sessions,
    options.openParallel ?? 10,
    options.openDeadlineMs ?? 30_000,
  );
  // Let the heap settle after many sessions, so their memory is counted once.
  await new Promise((resolve) => setTimeout(resolve, sessions > 100 ? 1_000 : 0));
  const rssOpened = sampleProc(server.pid)?.rssBytes ?? Number.NaN;
  const watch = options.watchPids ?? [];
  const clock = { windowStart: 0, windowEnd: 0, stopRequested: 0 };
  try {
    let before: ProcSample | undefined;
    let after: ProcSample | undefined;
    let machineBefore: MachineSample | undefined;
    let machineAfter: MachineSample | undefined;
    let watchBefore: Array<ProcSample | undefined> = [];
    let watchAfter: Array<ProcSample | undefined> = [];
    const hooks = {
      onWindowStart: () => {
        watchBefore = watch.map((pid) => sampleProc(pid));
        before = sampleProc(server.pid);
        machineBefore = sampleMachine();
        clock.windowStart = Date.now();
      },
      onWindowEnd: () => {
        after = sampleProc(server.pid);
        watchAfter = watch.map((pid) => sampleProc(pid));
        machineAfter = sampleMachine();
        clock.windowEnd = Date.now();
      },
    };
    const loop = await runClosedLoop(
      opened.sessions,
      inFlight,
      options.makeCall ?? callEcho,
      timing,
      hooks,
      options.spread,
    );
    const watchedCpuPct = watch.map((_, i) => cpuPercent(watchBefore[i], watchAfter[i]));
    const serverCpuPct = cpuPercent(before, after);
    return {
      ...loop,
      serverCpuPct,
      otherCpuPct:
        machinePercent(machineBefore, machineAfter) -
        serverCpuPct -
        loop.loadGenCpuPct -
        watchedCpuPct.reduce((a, b) => a + b, 0),
      serverRssMB: (after?.rssBytes ?? Number.NaN) / 2 ** 20,
      openErrors: opened.errors,
      clock,
      rssBeforeOpenMB: rssBeforeOpen / 2 ** 20,
      rssOpenedMB: rssOpened / 2 ** 20,
      opened: opened.sessions.length,
      watchedCpuPct,
    };
  } finally {
    closeSessions(opened.sessions);
    agent.destroy();
    clock.stopRequested = Date.now();
    await server.stop();
  }
}
