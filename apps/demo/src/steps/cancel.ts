import { McpSseClientError } from '@mcp-sse/client';
import { describeError } from '../describe.js';
import { clientOf, type Step } from './types.js';

const LONG_MS = 10_000;
const CANCEL_AFTER_UPDATES = 3;

/**
 * A long call cancelled by the caller: the client sends `notifications/cancelled` and the
 * promise rejects with code `aborted`; a ping afterwards shows the session carries on.
 */
export const cancelStep: Step = {
  id: 'cancel',
  title: `Cancel a long call (sleep ${LONG_MS / 1000} s)`,
  wire: true,
  timeoutMs: 30_000,
  async run(ctx) {
    const call = ctx.plan?.sleep?.(LONG_MS);
    if (!call) return { status: 'skip', summary: 'the server has no slow tool' };
    const client = clientOf(ctx);
    const controller = new AbortController();
    const stop = () => controller.abort(new Error('step timed out'));
    ctx.signal.addEventListener('abort', stop, { once: true });
    let updates = 0;
    const started = Date.now();
    try {
      await client.callTool(call.tool, call.args, {
        signal: controller.signal,
        onProgress: (progress) => {
          updates += 1;
          ctx.narrator.progress(progress);
          if (updates === CANCEL_AFTER_UPDATES) {
            ctx.narrator.detail(`cancelling after ${updates} progress updates`);
            controller.abort(new Error('cancelled by the demo'));
          }
        },
      });
      return { status: 'fail', summary: 'the call completed although it was cancelled' };
    } catch (error) {
      if (ctx.signal.aborted) throw error;
      if (!McpSseClientError.isInstance(error) || error.code !== 'aborted') {
        return {
          status: 'fail',
          summary: `expected an aborted error, got: ${describeError(error)}`,
        };
      }
      ctx.narrator.detail(`the call rejected: ${describeError(error)}`);
    } finally {
      ctx.signal.removeEventListener('abort', stop);
    }
    await client.ping({ signal: ctx.signal });
    return {
      status: 'ok',
      summary: `cancelled after ${Date.now() - started} ms; ping still answered`,
      data: { updates },
    };
  },
};
