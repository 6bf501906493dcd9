import { describeResult } from '../describe.js';
import { clientOf, type Step } from './types.js';

/** The demo server's tool that asks the user for a name mid-call. */
const TOOL = 'greet';

/**
 * A tool that asks the user mid-call: the server sends `elicitation/create` on the
 * session, the demo's handler (registered at connect) answers, and the call completes with
 * the answer in its result.
 */
export const elicitStep: Step = {
  id: 'elicit',
  title: 'Elicitation: a tool asks the user mid-call (elicitation/create)',
  wire: true,
  timeoutMs: 30_000,
  async run(ctx) {
    const client = clientOf(ctx);
    if (!client.tools.some((tool) => tool.name === TOOL)) {
      return { status: 'skip', summary: `the server has no ${TOOL} tool that elicits` };
    }
    ctx.narrator.detail(`tools/call ${TOOL} {}`);
    const result = await client.callTool(TOOL, {}, { signal: ctx.signal });
    if (result.isError) return { status: 'fail', summary: describeResult(result) };
    return {
      status: 'ok',
      summary: `the server asked, the demo answered, the tool said "${describeResult(result)}"`,
      data: { tool: TOOL, result: describeResult(result) },
    };
  },
};
