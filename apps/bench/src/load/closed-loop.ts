import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AnswerCounts, CallSession } from './call-session.js';
import { countError, type ErrorCounts } from './error-counts.js';
import { LatencyRecorder } from './latency.js';
import type { CallOutcome } from './session.js';

/** Makes one call on `session` for worker number `worker`; its `n`-th call. */
export type MakeCall = (session: CallSession, worker: number, n: number) => Promise<CallOutcome>;

/** The phases of a closed-loop run, in milliseconds. */
export interface LoopTiming {
  /** Load before the window: JIT warm-up, and every POST socket opened. */
  warmupMs: number;
  /** The measured window. */
  windowMs: number;
  /** How long to wait for calls in flight after the window before giving up on them. */
  drainMs: number;
}

/** What a closed-loop run measured. */
export interface LoopResult {
  /** Calls completed correctly inside the window. */
  calls: number;
  callsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** Mean progress notifications per correct call in the window. */
  progressPerCall: number;
  /** Failures inside the window, by kind. */
  errors: ErrorCounts;
  /** Over the whole run (warm-up, window, drain): calls started, correct, failed by kind. */
  totals: { started: number; ok: number; errors: ErrorCounts; unexpected: number };
  /** The load generator's own CPU in the window, percent of one core. */
  loadGenCpuPct: number;
  /** Streamable HTTP: answers as JSON and as SSE over the whole run; undefined on HTTP+SSE. */
  answers?: AnswerCounts;
}

/** Hooks run at the edges of the window: sample server CPU/RSS there. */
export interface WindowHooks {
  onWindowStart?: () => void;
  onWindowEnd?: () => void;
}

/**
 * Runs `inFlight` closed-loop workers per session: each makes a call, waits until it is
 * complete, and makes the next. Only calls that end inside the window count; each worker
 * stops after the window, and calls still stuck after `drainMs` are counted as timeouts.
 * With `spread`, that many workers in all take the sessions in turn instead.
 */
export async function runClosedLoop(
  sessions: readonly CallSession[],
  inFlight: number,
  makeCall: MakeCall,
  timing: LoopTiming,
  hooks: WindowHooks = {},
  spread?: number,
): Promise<LoopResult> {
  const latency = new LatencyRecorder();
  const errors: ErrorCounts = {};
  const totals = { started: 0, ok: 0, errors: {} as ErrorCounts, unexpected: 0 };
  let windowStart = Number.POSITIVE_INFINITY;
  let windowEnd = Number.POSITIVE_INFINITY;
  let progress = 0;
  let stop = false;
  let finished = false;

  const record = (outcome: CallOutcome) => {
    // After the drain, calls cut off by closing their session are no longer news.
    if (finished) return;
    if (outcome.ok) totals.ok += 1;
    else countError(totals.errors, outcome.kind ?? 'error');
    if (outcome.endedAt < windowStart || outcome.endedAt > windowEnd) return;
    if (outcome.ok) {
      latency.record(outcome.latencyMs);
      progress += outcome.progress;
    } else {
      countError(errors, outcome.kind ?? 'error');
    }
  };

  const workers: Promise<void>[] = [];
  let worker = 0;
  if (spread !== undefined) {
    // `spread` workers in all, each call on the next session in turn: every session is
    // used while the calls in flight stay the same whatever the number of sessions.
    for (let id = 0; id < spread; id += 1) {
      workers.push(
        (async () => {
          for (let n = 0; !stop; n += 1) {
            totals.started += 1;
            record(await makeCall(sessions[(id + spread * n) % sessions.length]!, id, n));
          }
        })(),
      );
    }
  }
  for (const session of spread === undefined ? sessions : []) {
    for (let i = 0; i < inFlight; i += 1) {
      const id = worker++;
      workers.push(
        (async () => {
          for (let n = 0; !stop; n += 1) {
            totals.started += 1;
            record(await makeCall(session, id, n));
          }
        })(),
      );
    }
  }

  await sleep(timing.warmupMs);
  const cpu0 = process.cpuUsage();
  hooks.onWindowStart?.();
  windowStart = performance.now();
  await sleep(timing.windowMs);
  windowEnd = performance.now();
  hooks.onWindowEnd?.();
  const cpu = process.cpuUsage(cpu0);
  stop = true;

  let drainTimer: NodeJS.Timeout | undefined;
  const drained = await Promise.race([
    Promise.all(workers).then(() => true),
    new Promise<boolean>((resolve) => {
      drainTimer = setTimeout(() => resolve(false), timing.drainMs);
    }),
  ]);
  clearTimeout(drainTimer);
  finished = true;
  if (!drained) {
    for (const session of sessions) {
      const stuck = session.inFlight;
      if (stuck > 0) totals.errors.timeout = (totals.errors.timeout ?? 0) + stuck;
    }
  }
  let answers: AnswerCounts | undefined;
  for (const session of sessions) {
    totals.unexpected += session.unexpected;
    if (session.answers !== undefined) {
      answers ??= { json: 0, sse: 0 };
      answers.json += session.answers.json;
      answers.sse += session.answers.sse;
    }
  }

  const seconds = (windowEnd - windowStart) / 1000;
  return {
    calls: latency.count,
    callsPerSec: latency.count / seconds,
    p50Ms: latency.percentile(50),
    p99Ms: latency.percentile(99),
    progressPerCall: latency.count === 0 ? 0 : progress / latency.count,
    errors,
    totals,
    loadGenCpuPct: ((cpu.user + cpu.system) / 1000 / (windowEnd - windowStart)) * 100,
    ...(answers === undefined ? {} : { answers }),
  };
}
