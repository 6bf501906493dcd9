import type { LoopTiming } from '../load/closed-loop.js';
import type { ServerKind } from '../servers/kinds.js';
import { runThroughput, type ThroughputResult } from './throughput.js';

/** The same 1 x 32 run with resumability on (events logged, ids) and off. */
export interface ResumeResult {
  kind: ServerKind;
  on: ThroughputResult;
  off: ThroughputResult;
}

/**
 * What the event log costs per call: 1 x 32 echo calls answered on SSE streams against our
 * server with `resumeGraceMs` at its default (on: every event gets an id and is kept for
 * replay) and at 0 (off), back to back.
 */
export async function runResume(
  timing: LoopTiming,
  kind: ServerKind = 'ours-stream',
): Promise<ResumeResult> {
  const on = await runThroughput(kind, 1, 32, timing, {
    launch: { tweaks: { resumeGraceMs: 30_000 } },
  });
  const off = await runThroughput(kind, 1, 32, timing, {
    launch: { tweaks: { resumeGraceMs: 0 } },
  });
  return { kind, on, off };
}
