import type { LoopTiming } from '../load/closed-loop.js';
import { cpuPerCall } from '../report/rows.js';
import type { ServerKind } from '../servers/kinds.js';
import { runThroughput } from './throughput.js';

/** One point of the cost curve: a server holding `sessions` sessions under 32 calls in flight. */
export interface CurvePoint {
  kind: ServerKind;
  sessions: number;
  opened: number;
  callsPerSec: number;
  p99Ms: number;
  serverCpuUsPerCall: number;
  /** (RSS with the sessions open - RSS before) / sessions, before the load. */
  kbPerSession: number;
  errors: number;
}

/** Calls in flight at every point of the curve, spread over all the sessions. */
export const CURVE_IN_FLIGHT = 32;

/**
 * How cost grows with sessions: a fresh server, `sessions` sessions opened, then 32 echo
 * calls in flight taking the sessions in turn (every session is used); calls/s, p99, CPU
 * per call and memory per session. Flat is the goal.
 */
export async function runCurvePoint(
  kind: ServerKind,
  sessions: number,
  timing: LoopTiming,
): Promise<CurvePoint> {
  const r = await runThroughput(kind, sessions, 1, timing, {
    spread: CURVE_IN_FLIGHT,
    openParallel: 50,
    openDeadlineMs: 180_000,
  });
  const errors =
    Object.values(r.errors).reduce((a, b) => a + b, 0) +
    Object.values(r.openErrors).reduce((a, b) => a + b, 0);
  return {
    kind,
    sessions,
    opened: r.opened,
    callsPerSec: r.callsPerSec,
    p99Ms: r.p99Ms,
    serverCpuUsPerCall: cpuPerCall(r),
    kbPerSession: ((r.rssOpenedMB - r.rssBeforeOpenMB) * 1024) / Math.max(1, r.opened),
    errors,
  };
}
