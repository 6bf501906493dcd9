import { type CallToolResult, ErrorCode, formatIssues, type RequestId } from '@mcp-sse/protocol';
import { InputRequired } from '../features/input-round.js';
import { missingCapabilityError } from '../features/missing-capability.js';
import { JsonRpcError } from '../features/tasks/json-rpc-error.js';
import type { DefinedTool } from '../tools/define-tool.js';
import { errorResult, toCallToolResult } from '../tools/to-call-tool-result.js';
import { CallContext } from './call-context.js';
import type { CallOutcome } from './call-outcome.js';
import type { CoreSession } from './core-session.js';
import { type CallEndReason, InFlightCall } from './in-flight-call.js';
import type { CoreLogger } from './logger.js';

/** Limits of a {@link CallRunner}. */
export interface CallRunnerOptions {
  /** Handlers running at once per session. */
  maxCalls: number;
  /** Calls waiting per session. */
  maxQueued: number;
  /** Call timeout in ms; 0 for none. */
  timeoutMs: number;
  logger: CoreLogger;
}

const ABORT_MESSAGES: Record<CallEndReason, string> = {
  cancelled: 'The call was cancelled by the client',
  timeout: 'The call timed out',
  disconnected: 'The client disconnected',
  shutdown: 'The server is shutting down',
};

/**
 * Runs tool handlers: per-session slots and a bounded queue, synchronous answers for
 * synchronous handlers, early ends (cancel, timeout, disconnect, shutdown) that abort
 * the handler's signal, and a way to wait until nothing runs.
 */
export class CallRunner {
  readonly #maxCalls: number;
  readonly #maxQueued: number;
  readonly #timeoutMs: number;
  readonly #log: CoreLogger;
  #running = 0;
  #queued = 0;
  #idleWaiters: Array<() => void> = [];

  constructor(options: CallRunnerOptions) {
    this.#maxCalls = Math.max(1, options.maxCalls);
    this.#maxQueued = Math.max(0, options.maxQueued);
    this.#timeoutMs = options.timeoutMs;
    this.#log = options.logger;
  }

  /** Handlers running now. */
  get running(): number {
    return this.#running;
  }

  /** Calls waiting for a slot. */
  get queued(): number {
    return this.#queued;
  }

  /** Ends overdue calls with a timeout. */
  tick(sessions: Iterable<CoreSession>, now: number): void {
    if (this.#timeoutMs <= 0) return;
    for (const session of sessions) {
      for (const call of session.calls) {
        if (call.deadline <= now) this.end(session, call, 'timeout');
      }
    }
  }

  /** Ends every call of a closing session and drops its queue. */
  closeSession(session: CoreSession, reason: CallEndReason): void {
    for (const call of session.calls) this.end(session, call, reason);
    this.#queued -= session.queue.length;
    session.queue.length = 0;
    this.#checkIdle();
  }

  /** Resolves once nothing runs or waits, or after `timeoutMs`, whichever comes first. */
  async idle(timeoutMs: number): Promise<void> {
    if (this.#running + this.#queued === 0) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, Math.max(0, timeoutMs));
      this.#idleWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Starts a call now, queues it, or refuses it when the queue is full. */
  start(
    session: CoreSession,
    tool: DefinedTool,
    args: unknown,
    requestId: RequestId | undefined,
    progressToken: InFlightCall['progressToken'],
    respond: (outcome: CallOutcome) => void,
    clientChannel?: InFlightCall['clientChannel'],
  ): void {
    const now = Date.now();
    const deadline = this.#timeoutMs > 0 ? now + this.#timeoutMs : Number.POSITIVE_INFINITY;
    const call = new InFlightCall(requestId, tool.name, deadline, progressToken, now, respond);
    call.clientChannel = clientChannel;
    call.args = args;
    if (session.running < this.#maxCalls) {
      this.#track(session, call);
      this.#run(session, call, tool, args);
    } else if (session.queue.length < this.#maxQueued) {
      this.#track(session, call);
      this.#queued++;
      session.queue.push(() => this.#run(session, call, tool, args));
    } else {
      call.settled = true;
      respond({
        ok: false,
        code: ErrorCode.InternalError,
        message: `Too many calls for this session (${this.#maxCalls} running, ${this.#maxQueued} queued): wait for some to finish`,
        data: { reason: 'too_many_calls' },
      });
    }
  }

  #track(session: CoreSession, call: InFlightCall): void {
    session.calls.add(call);
    if (call.requestId !== undefined) session.byRequestId.set(call.requestId, call);
  }

  #forget(session: CoreSession, call: InFlightCall): void {
    session.calls.delete(call);
    if (call.requestId !== undefined && session.byRequestId.get(call.requestId) === call) {
      session.byRequestId.delete(call.requestId);
    }
  }

  #run(session: CoreSession, call: InFlightCall, tool: DefinedTool, args: unknown): void {
    if (call.settled) return; // cancelled or timed out while queued
    call.started = true;
    session.running++;
    this.#running++;
    let value: unknown;
    try {
      value = tool.handler(args, new CallContext(session, call));
    } catch (error) {
      this.#finish(session, call, tool, this.#failed(session, call, error));
      return;
    }
    // A synchronous handler is answered at once: no promise round trips on the hot path.
    if (typeof (value as PromiseLike<unknown> | null)?.then !== 'function') {
      this.#finish(session, call, tool, this.#toResult(value, tool));
      return;
    }
    (value as PromiseLike<unknown>).then(
      (resolved) => this.#finish(session, call, tool, this.#toResult(resolved, tool)),
      (error: unknown) => this.#finish(session, call, tool, this.#failed(session, call, error)),
    );
  }

  #toResult(value: unknown, tool: DefinedTool): CallOutcome {
    try {
      return this.#checkOutput(toCallToolResult(value, tool), tool);
    } catch (error) {
      return { ok: true, result: errorResult(error) };
    }
  }

  #failed(session: CoreSession, call: InFlightCall, error: unknown): CallOutcome {
    // Asking a 2026 client for input unwinds the handler on purpose: not a failure.
    if (error instanceof InputRequired) return { ok: true, result: errorResult(error) };
    if (JsonRpcError.isInstance(error)) {
      const { code, message, data } = error;
      return {
        ok: false,
        code,
        message,
        ...(data === undefined ? {} : { data: data as Record<string, unknown> }),
      };
    }
    const missing = missingCapabilityError(error, session.protocolVersion);
    if (missing !== undefined) return { ok: false, ...missing };
    if (!call.settled)
      this.#log.warn({ sessionId: session.id, tool: call.tool, err: error }, 'tool failed');
    return { ok: true, result: errorResult(error) };
  }

  #finish(session: CoreSession, call: InFlightCall, tool: DefinedTool, outcome: CallOutcome): void {
    session.running--;
    this.#running--;
    this.#forget(session, call);
    if (!call.settled) {
      call.settled = true;
      // Checked first: the line's object and clock read cost more than a dropped line.
      if (this.#log.isLevelEnabled?.('debug') !== false) {
        this.#log.debug(
          {
            sessionId: session.id,
            tool: tool.name,
            ms: Date.now() - call.startedAt,
            isError: !outcome.ok || outcome.result.isError === true,
          },
          'tool call',
        );
      }
      call.respond(outcome);
    }
    this.#next(session);
    this.#checkIdle();
  }

  /**
   * A tool with an output schema must return structured content of that shape (the spec's
   * MUST). A wrong shape is the server's bug, not the caller's: a JSON-RPC internal error
   * naming the field, never a silent pass. Error results (`isError`) are exempt.
   */
  #checkOutput(result: CallToolResult, tool: DefinedTool): CallOutcome {
    if (tool.output === undefined || result.isError) return { ok: true, result };
    if (result.structuredContent === undefined) {
      return {
        ok: false,
        code: ErrorCode.InternalError,
        message: `Tool ${tool.name} declares an output schema but returned no structuredContent: return the structured value (or { structuredContent })`,
      };
    }
    const parsed = tool.output.safeParse(result.structuredContent);
    if (parsed.success) return { ok: true, result };
    return {
      ok: false,
      code: ErrorCode.InternalError,
      message: `Tool ${tool.name} returned structuredContent that fails its output schema: ${formatIssues(parsed.error, 'structuredContent')}`,
    };
  }

  #next(session: CoreSession): void {
    while (session.running < this.#maxCalls && session.queue.length > 0) {
      const job = session.queue.shift()!;
      this.#queued--;
      job();
    }
  }

  /** Settles a call early: aborts its handler and answers when the reason calls for it. */
  end(session: CoreSession, call: InFlightCall, reason: CallEndReason): void {
    if (call.settled) return;
    call.settled = true;
    this.#forget(session, call);
    const error = new Error(ABORT_MESSAGES[reason]);
    error.name = reason === 'timeout' ? 'TimeoutError' : 'AbortError';
    call.abort(error);
    this.#log.debug({ sessionId: session.id, tool: call.tool, reason }, 'tool call ended early');
    // A cancelled call gets no answer (the spec's rule); a closed session cannot get one.
    if (reason === 'timeout') {
      call.respond({
        ok: false,
        code: ErrorCode.RequestTimeout,
        message: `Tool ${call.tool} did not finish within ${this.#timeoutMs} ms`,
      });
    } else if (reason === 'shutdown' && !session.closed) {
      call.respond({
        ok: false,
        code: ErrorCode.ConnectionClosed,
        message: `The server shut down before tool ${call.tool} finished`,
      });
    }
  }

  #checkIdle(): void {
    if (this.#running + this.#queued > 0 || this.#idleWaiters.length === 0) return;
    const waiters = this.#idleWaiters;
    this.#idleWaiters = [];
    for (const waiter of waiters) waiter();
  }
}
