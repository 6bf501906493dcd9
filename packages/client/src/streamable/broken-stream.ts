import type { RequestId } from '@mcp-sse/protocol';
import { McpSseClientError } from '../errors.js';

/**
 * Requests that change nothing on the server (or start over, as `initialize` does): without
 * a session to re-attach to, a POST of one that broke mid-way may be sent again. Anything
 * else (`tools/call` above all) is reported as may-have-run instead.
 */
export const SAFE_TO_RESEND: ReadonlySet<string> = new Set([
  'initialize',
  'ping',
  'server/discover',
  'tools/list',
  'resources/list',
  'resources/templates/list',
  'resources/read',
  'resources/subscribe',
  'resources/unsubscribe',
  'prompts/list',
  'prompts/get',
  'completion/complete',
  'logging/setLevel',
]);

/** How a response stream ended before its answer, for {@link brokenStreamError}. */
export interface BrokenStream {
  /** The last event id seen: the stream was resumable, and resuming it failed. */
  lastEventId: string | undefined;
  /** Sent again with the same id on the session this many times, in vain. */
  resends: number;
}

/**
 * The request's answer cannot come any more: its stream broke and could be neither resumed
 * nor re-attached. It may have run, so it is only re-issued when the caller said it is
 * idempotent (`data.streamBroken`).
 */
export function brokenStreamError(
  requestId: RequestId,
  stream: BrokenStream,
  failure: unknown,
  modern: boolean,
): McpSseClientError {
  const why = failure instanceof Error ? ` (${failure.message})` : '';
  const how =
    stream.resends > 0
      ? ` and ${stream.resends} re-send(s) with the same id on the session got no answer either`
      : stream.lastEventId !== undefined && !modern
        ? ' and could not be resumed'
        : ' and the server gave no event id to resume from';
  return new McpSseClientError(
    'session_lost',
    `The response stream of request ${String(requestId)} ended before its answer${why}${how}. ` +
      'The request may have run on the server: retry it if that is safe (or pass `idempotent: true`).',
    { cause: failure, data: { requestId, streamBroken: true } },
  );
}

/**
 * The session a request was being sent again on is gone (404, or the client already moved
 * to a new one). `mayHaveRun`: an earlier POST of it may have reached the old session, so
 * the new one runs it only when it is idempotent.
 */
export function sessionGoneError(
  requestId: RequestId,
  url: string,
  mayHaveRun: boolean,
): McpSseClientError {
  return new McpSseClientError(
    'session_lost',
    `The server at ${url} no longer knows our session (HTTP 404) while request ` +
      `${String(requestId)} was being sent again; it starts a new session.`,
    { status: 404, data: { mayHaveRun } },
  );
}
