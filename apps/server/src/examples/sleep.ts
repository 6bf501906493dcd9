import { z } from 'zod';
import { defineTool } from '../tools/define-tool.js';

const STEP_MS = 100;

/**
 * `sleep {ms}`: waits, reporting progress about every 100 ms, and stops as soon as the
 * call is cancelled (or times out, or its client goes away).
 */
export const sleepTool = defineTool({
  name: 'sleep',
  title: 'Sleep',
  description: 'Waits for ms milliseconds, reporting progress about every 100 ms. Cancellable.',
  input: z.object({
    ms: z.number().int().min(0).max(600_000).describe('How long to wait, in milliseconds'),
  }),
  annotations: { readOnlyHint: true, openWorldHint: false },
  handler: async ({ ms }, ctx) => {
    const started = Date.now();
    const signal = ctx.signal;
    // Bounded: one step per 100 ms of the (at most 10 minute) wait.
    for (let step = 0; step <= Math.ceil(ms / STEP_MS); step++) {
      const elapsed = Date.now() - started;
      if (elapsed >= ms) break;
      signal.throwIfAborted();
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.min(STEP_MS, ms - elapsed));
        function done() {
          clearTimeout(timer);
          signal.removeEventListener('abort', done);
          resolve();
        }
        signal.addEventListener('abort', done, { once: true });
      });
      signal.throwIfAborted();
      ctx.progress(
        Math.min(ms, Date.now() - started),
        ms,
        `slept ${Math.min(ms, Date.now() - started)} of ${ms} ms`,
      );
    }
    return `Slept ${ms} ms`;
  },
});
