import { describeResult } from '../describe.js';
import { clientOf, type Step } from './types.js';

/** The simplest call: a message goes out and comes back. */
export const echoStep: Step = {
  id: 'echo',
  title: 'Call a tool: echo',
  wire: true,
  timeoutMs: 30_000,
  async run(ctx) {
    const call = ctx.plan?.echo?.('hello from mcp-sse');
    if (!call) return { status: 'skip', summary: 'the server has no echo tool' };
    const result = await clientOf(ctx).callTool(call.tool, call.args, { signal: ctx.signal });
    const text = describeResult(result);
    if (result.isError) return { status: 'fail', summary: text };
    return { status: 'ok', summary: `${call.tool} answered "${text}"`, data: { call, result } };
  },
};
