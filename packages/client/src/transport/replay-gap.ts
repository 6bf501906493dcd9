/**
 * What a resumed stream lacked: the server's replay buffer had dropped events between the
 * id the client resumed from and the first id it got back.
 */
export interface ReplayGapInfo {
  /** Which stream: the HTTP+SSE stream, a request's response stream, or the standalone GET stream. */
  stream: 'sse' | 'response' | 'standalone';
  /** The request a response stream answers. */
  requestId?: string | number;
  /** The `Last-Event-ID` the client resumed from. */
  from: string;
  /** The first event id after the resume. */
  to: string;
  /** How many events were missing. */
  missed: number;
}

/**
 * How many events lie between two ids of the `<stream>:<seq>` form (what `@mcp-sse/server`
 * writes; the per-stream sequence numbers count up by one). 0 for other id shapes, which
 * say nothing about order, and for ids of different streams.
 */
export function missedEvents(from: string, to: string): number {
  const a = /^(.*):(\d{1,15})$/.exec(from);
  const b = /^(.*):(\d{1,15})$/.exec(to);
  if (!a || !b || a[1] !== b[1]) return 0;
  return Math.max(0, Number(b[2]) - Number(a[2]) - 1);
}
