import type { Narrator, StepResult, StepStatus } from './narrator.js';
import type { DemoContext, Step } from './steps/types.js';

/** How the whole run went. */
export interface RunOutcome {
  ok: boolean;
  counts: Record<StepStatus, number>;
  /** The first failure, as `step: reason`. */
  reason?: string;
}

async function runOne(step: Step, ctx: DemoContext): Promise<StepResult> {
  const controller = new AbortController();
  ctx.signal = controller.signal;
  ctx.showWire = step.wire === true;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<StepResult>((resolve) => {
    timer = setTimeout(() => {
      controller.abort(new Error(`timed out after ${step.timeoutMs} ms`));
      resolve({ status: 'fail', summary: `timed out after ${step.timeoutMs} ms` });
    }, step.timeoutMs);
  });
  try {
    return await Promise.race([step.run(ctx), timeout]);
  } catch (error) {
    return { status: 'fail', summary: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
    ctx.showWire = false;
  }
}

/**
 * Runs the steps in order, each bounded by its own timeout. After a failure only the
 * `always` steps (cleanup) still run, since the rest depend on what failed.
 */
export async function runSteps(
  steps: readonly Step[],
  ctx: DemoContext,
  narrator: Narrator,
): Promise<RunOutcome> {
  const counts: Record<StepStatus, number> = { ok: 0, skip: 0, fail: 0 };
  let reason: string | undefined;
  for (const step of steps) {
    if (reason !== undefined && !step.always) continue;
    narrator.begin(step);
    const started = Date.now();
    const result = await runOne(step, ctx);
    narrator.end({ ...result, ms: Date.now() - started });
    counts[result.status] += 1;
    if (result.status === 'fail' && reason === undefined) reason = `${step.id}: ${result.summary}`;
  }
  return reason === undefined ? { ok: true, counts } : { ok: false, counts, reason };
}
