import { describeError, describeResult } from '../describe.js';
import { clientOf, type Step } from './types.js';

/**
 * A call with a wrong argument type. Servers answer it either as a JSON-RPC error
 * (-32602) or as a result with `isError` (the official SDKs do): both count as a clear
 * error; a normal answer does not.
 */
export const badArgumentStep: Step = {
  id: 'bad-argument',
  title: 'A bad argument becomes a clear error',
  wire: true,
  timeoutMs: 30_000,
  async run(ctx) {
    const call = ctx.plan?.add?.(2, 40);
    if (!call) return { status: 'skip', summary: 'the server has no add tool' };
    const args = { ...call.args, a: 'two' };
    ctx.narrator.detail(`tools/call ${call.tool} ${JSON.stringify(args)}`);
    try {
      const result = await clientOf(ctx).callTool(call.tool, args, { signal: ctx.signal });
      if (!result.isError) {
        return { status: 'fail', summary: `the server accepted it: "${describeResult(result)}"` };
      }
      return {
        status: 'ok',
        summary: `answered as a tool error result: ${describeResult(result).replace(/^tool error: /, '')}`,
        data: { result },
      };
    } catch (error) {
      if (ctx.signal.aborted) throw error;
      return { status: 'ok', summary: describeError(error), data: { error: describeError(error) } };
    }
  },
};
