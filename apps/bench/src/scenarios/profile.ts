import type { LoopTiming } from '../load/closed-loop.js';

/** How long and how large a bench run is. */
export interface BenchProfile {
  name: 'full' | 'quick' | 'smoke';
  /** Repetitions of each timed scenario; the table shows the median. */
  reps: number;
  timing: LoopTiming;
  /** Idle session counts to hold. */
  idleCounts: number[];
  /** Upper bound on opening the idle sessions, per count. */
  idleDeadlineMs: number;
  /** `sleep` duration in the progress scenario. */
  sleepMs: number;
  /** New sessions timed while the server is saturated. */
  readyProbes: number;
  /** Size of the SSE decoding corpus in MB. */
  decodeMB: number;
  /** Session counts of the cost curve. */
  curveSessions: number[];
  /** Tool list lengths of the tools/list cost. */
  toolCounts: number[];
}

/** The profiles: `full` for BENCHMARKS.md, `quick` for a look, `smoke` for CI (counts only). */
export const PROFILES: Record<BenchProfile['name'], BenchProfile> = {
  full: {
    name: 'full',
    reps: 3,
    timing: { warmupMs: 1_000, windowMs: 4_000, drainMs: 5_000 },
    idleCounts: [1_000, 10_000],
    idleDeadlineMs: 120_000,
    sleepMs: 500,
    readyProbes: 5,
    decodeMB: 16,
    curveSessions: [1, 100, 1_000, 10_000],
    toolCounts: [10, 100, 1_000],
  },
  quick: {
    name: 'quick',
    reps: 1,
    timing: { warmupMs: 500, windowMs: 2_000, drainMs: 5_000 },
    idleCounts: [1_000],
    idleDeadlineMs: 60_000,
    sleepMs: 300,
    readyProbes: 3,
    decodeMB: 4,
    curveSessions: [1, 100, 1_000],
    toolCounts: [10, 100, 1_000],
  },
  smoke: {
    name: 'smoke',
    reps: 1,
    timing: { warmupMs: 100, windowMs: 300, drainMs: 5_000 },
    idleCounts: [20],
    idleDeadlineMs: 20_000,
    sleepMs: 200,
    readyProbes: 1,
    decodeMB: 0.25,
    curveSessions: [1, 10],
    toolCounts: [10],
  },
};
