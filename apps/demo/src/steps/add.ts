import { describeResult } from '../describe.js';
import { clientOf, type Step } from './types.js';

/** A call with typed arguments, checked against the answer. */
export const addStep: Step = {
  id: 'add',
  title: 'Call a tool with arguments: add 2 + 40',
  timeoutMs: 30_000,
  async run(ctx) {
    const call = ctx.plan?.add?.(2, 40);
    if (!call) return { status: 'skip', summary: 'the server has no add tool' };
    ctx.narrator.detail(`tools/call ${call.tool} ${JSON.stringify(call.args)}`);
    const result = await clientOf(ctx).callTool(call.tool, call.args, { signal: ctx.signal });
    const text = describeResult(result);
    if (result.isError || !text.includes('42')) {
      return { status: 'fail', summary: `expected 42, got "${text}"`, data: { call, result } };
    }
    return { status: 'ok', summary: `${call.tool} answered "${text}"`, data: { call, result } };
  },
};
