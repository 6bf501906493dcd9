import type { McpSseClient } from '@mcp-sse/client';
import { describeResult } from '../describe.js';
import { clientOf, type Step } from './types.js';

const SLEEP_MS = 1_500;
const DROP_AFTER_UPDATES = 3;

/**
 * Whether this client reconnects on its own: `@mcp-sse/client` does by default (it resumes
 * with `Last-Event-ID`), so the drop step runs.
 */
export function supportsReconnect(_client: McpSseClient): boolean {
  return true;
}

/**
 * The server cuts the client's SSE stream in the middle of a slow call; the client
 * reconnects and the call still completes.
 */
export const dropStep: Step = {
  id: 'drop',
  title: 'Drop the connection on purpose mid-call',
  wire: true,
  timeoutMs: 45_000,
  async run(ctx) {
    const client = clientOf(ctx);
    if (!supportsReconnect(client)) {
      return { status: 'skip', summary: 'client reconnection not available yet' };
    }
    const drop = ctx.dropStreams;
    if (!drop) return { status: 'skip', summary: 'only the embedded server can drop the stream' };
    const call = ctx.plan?.sleep?.(SLEEP_MS);
    if (!call) return { status: 'skip', summary: 'the server has no slow tool' };
    let updates = 0;
    let reconnects = 0;
    const offReconnecting = client.on('reconnecting', ({ attempt, delayMs, error }) => {
      ctx.narrator.detail(`${error.message}; reconnecting in ${delayMs} ms (attempt ${attempt})`);
    });
    const off = client.on('reconnected', ({ attempt, endpoint, resumed }) => {
      reconnects += 1;
      ctx.narrator.detail(
        `reconnected (attempt ${attempt}, ${resumed ? 'same session resumed' : 'new session'}), endpoint ${endpoint}`,
      );
    });
    try {
      const result = await client.callTool(call.tool, call.args, {
        signal: ctx.signal,
        onProgress: (progress) => {
          updates += 1;
          ctx.narrator.progress(progress);
          if (updates === DROP_AFTER_UPDATES) {
            ctx.narrator.detail(`server cuts ${drop()} SSE stream(s) now`);
          }
        },
      });
      if (result.isError) return { status: 'fail', summary: describeResult(result) };
      return {
        status: 'ok',
        summary: `stream dropped, ${reconnects} reconnect(s), the call completed: "${describeResult(result)}"`,
        data: { updates, reconnects },
      };
    } finally {
      off();
      offReconnecting();
    }
  },
};
