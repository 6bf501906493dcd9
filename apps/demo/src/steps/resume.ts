import { connect, type McpSseClient } from '@mcp-sse/client';
import { describeResult } from '../describe.js';
import { type HttpTrace, httpWire, tracingFetch } from '../http-trace.js';
import type { Step } from './types.js';

const SLEEP_MS = 1_200;

/** Whether a request is a resumption: a GET that names the last event it saw. */
function isResume(trace: HttpTrace): boolean {
  return trace.direction === 'out' && trace.method === 'GET' && 'last-event-id' in trace.headers;
}

/**
 * A Streamable HTTP session (2025-11-25) and a call whose response stream the server ends
 * before the answer (SEP-1699 polling, `pollAfterMs`): the client comes back with
 * `GET` + `Last-Event-ID` after the server's `retry`, and the call completes.
 */
export const resumeStep: Step = {
  id: 'resume',
  title: 'Streamable HTTP session: the server ends a call stream, the client resumes it',
  timeoutMs: 45_000,
  async run(ctx) {
    const url = ctx.mcpUrl ?? ctx.url;
    let watching = false;
    let resumes = 0;
    let sessionId: string | undefined;
    // The session's standalone GET stream (no Last-Event-ID) is not the call's story.
    const standalone = new Set<number>();
    let client: McpSseClient;
    try {
      client = await connect(url, {
        transport: 'streamable-http',
        protocolVersion: '2025-11-25',
        signal: ctx.signal,
        connectTimeout: 10_000,
        clientInfo: { name: 'mcp-sse-demo', version: '0.0.0' },
        fetch: tracingFetch((trace) => {
          sessionId ??= trace.headers['mcp-session-id'];
          if (isResume(trace)) resumes += 1;
          const opensStandalone =
            trace.direction === 'out' && trace.method === 'GET' && !isResume(trace);
          if (opensStandalone) standalone.add(trace.exchange);
          if (watching && !standalone.has(trace.exchange)) ctx.narrator.wire(httpWire(trace));
        }),
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { status: 'skip', summary: `no Streamable HTTP 2025 session at ${url}: ${reason}` };
    }
    try {
      ctx.narrator.detail(`session ${sessionId ?? '?'} (Mcp-Session-Id) at ${url}`);
      if (!client.tools.some((tool) => tool.name === 'sleep')) {
        return { status: 'skip', summary: 'the server has no sleep tool to call' };
      }
      ctx.narrator.detail(
        ctx.pollAfterMs === undefined
          ? `tools/call sleep ${SLEEP_MS} ms; if the server polls, the client resumes`
          : `tools/call sleep ${SLEEP_MS} ms; the server ends call streams after ${ctx.pollAfterMs} ms (pollAfterMs)`,
      );
      watching = true;
      const result = await client.callTool(
        'sleep',
        { ms: SLEEP_MS },
        { signal: ctx.signal, onProgress: (progress) => ctx.narrator.progress(progress) },
      );
      watching = false;
      if (result.isError) return { status: 'fail', summary: describeResult(result) };
      const data = { sessionId, resumes };
      if (resumes === 0) {
        return {
          status: 'skip',
          summary: `the server kept the stream open (no polling), nothing to resume: "${describeResult(result)}"`,
          data,
        };
      }
      return {
        status: 'ok',
        summary: `stream ended ${resumes} time(s) mid-call, resumed with Last-Event-ID each time, the call completed: "${describeResult(result)}"`,
        data,
      };
    } finally {
      watching = false;
      await client.close();
    }
  },
};
