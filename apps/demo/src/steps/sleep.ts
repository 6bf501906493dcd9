import { describeResult } from '../describe.js';
import { clientOf, type Step } from './types.js';

const SLEEP_MS = 2_000;

/** A slow call that streams `notifications/progress` while it runs: a live bar. */
export const sleepStep: Step = {
  id: 'sleep',
  title: `A slow call with progress: sleep ${SLEEP_MS} ms`,
  timeoutMs: 45_000,
  async run(ctx) {
    const call = ctx.plan?.sleep?.(SLEEP_MS);
    if (!call) return { status: 'skip', summary: 'the server has no slow tool with progress' };
    ctx.narrator.detail(
      `tools/call ${call.tool} ${JSON.stringify(call.args)} with a progressToken`,
    );
    let updates = 0;
    const result = await clientOf(ctx).callTool(call.tool, call.args, {
      signal: ctx.signal,
      onProgress: (progress) => {
        updates += 1;
        ctx.narrator.progress(progress);
      },
    });
    const text = describeResult(result);
    if (result.isError) return { status: 'fail', summary: text };
    if (updates === 0)
      return { status: 'fail', summary: `no progress arrived (result: "${text}")` };
    return {
      status: 'ok',
      summary: `${updates} progress updates, then "${text}"`,
      data: { call, updates, result },
    };
  },
};
