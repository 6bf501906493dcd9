import {
  type CallToolResult,
  ErrorCode,
  firstIssuePath,
  formatIssues,
  type Implementation,
  InitializeRequestSchema,
  type InitializeResult,
  type JSONRPCMessage,
  type JSONRPCRequest,
  negotiateProtocolVersion,
  parseWith,
  type RequestId,
  SetLevelRequestSchema,
} from '@mcp-sse/protocol';
import type { DefinedTool } from '../tools/define-tool.js';
import { errorResult, toCallToolResult } from '../tools/to-call-tool-result.js';
import { ToolRegistry } from '../tools/tool-registry.js';
import { CallContext } from './call-context.js';
import type { CallOutcome } from './call-outcome.js';
import { CoreSession, type CoreSessionInit } from './core-session.js';
import { type CallEndReason, InFlightCall } from './in-flight-call.js';
import { type CoreLogger, silentLogger } from './logger.js';
import { decodeToolsCursor, encodeToolsCursor } from './tools-cursor.js';
import { errorJson, notificationJson, rawResultJson, resultJson } from './wire.js';

/** Options of {@link McpServerCore}. */
export interface McpServerCoreOptions {
  /** The tools, as a live registry or a list. */
  tools?: ToolRegistry | Iterable<DefinedTool>;
  /** Name and version sent in the `initialize` result. */
  serverInfo?: Implementation;
  /** Optional `instructions` for the model, sent in the `initialize` result. */
  instructions?: string;
  /** Handlers running at once per session; more wait in a queue. Default 32. */
  maxCallsPerSession?: number;
  /** Calls waiting per session; beyond this they get a JSON-RPC error. Default 128. */
  maxQueuedCallsPerSession?: number;
  /** A call not answered after this many ms gets -32001 and its signal aborts; 0: never. Default 120000. */
  toolTimeoutMs?: number;
  /** Tools per `tools/list` page. Default 100. */
  pageSize?: number;
  /** Where calls and errors are logged. */
  logger?: CoreLogger;
}

/** Counts for health checks. */
export interface CoreStats {
  /** Open sessions. */
  sessions: number;
  /** Tool handlers running now. */
  callsInFlight: number;
  /** Calls waiting for a slot. */
  callsQueued: number;
}

type Prepared =
  | { ok: true; tool: DefinedTool; args: unknown }
  | { ok: false; code: number; message: string; data?: Record<string, unknown> };

const ABORT_MESSAGES: Record<CallEndReason, string> = {
  cancelled: 'The call was cancelled by the client',
  timeout: 'The call timed out',
  disconnected: 'The client disconnected',
  shutdown: 'The server is shutting down',
};

/**
 * MCP message handling with no knowledge of HTTP: lifecycle, dispatch, tools, progress,
 * cancellation, per-session concurrency. A transport opens sessions with a `send`
 * function, feeds every inbound message to {@link handle}, and closes sessions when their
 * connection goes; the SSE routes are one such transport, Streamable HTTP can be another.
 */
export class McpServerCore {
  /** The live tool set; changes are announced to every session. */
  readonly tools: ToolRegistry;
  readonly #sessions = new Map<string, CoreSession>();
  readonly #serverInfo: Implementation;
  readonly #instructions: string | undefined;
  readonly #maxCalls: number;
  readonly #maxQueued: number;
  readonly #timeoutMs: number;
  readonly #pageSize: number;
  readonly #log: CoreLogger;
  #running = 0;
  #queued = 0;
  #shuttingDown = false;
  #idleWaiters: Array<() => void> = [];

  constructor(options: McpServerCoreOptions = {}) {
    this.tools =
      options.tools instanceof ToolRegistry ? options.tools : new ToolRegistry(options.tools ?? []);
    this.#serverInfo = options.serverInfo ?? { name: 'mcp-sse-server', version: '0.1.0' };
    this.#instructions = options.instructions;
    this.#maxCalls = Math.max(1, options.maxCallsPerSession ?? 32);
    this.#maxQueued = Math.max(0, options.maxQueuedCallsPerSession ?? 128);
    this.#timeoutMs = options.toolTimeoutMs ?? 120_000;
    this.#pageSize = Math.max(1, options.pageSize ?? 100);
    this.#log = options.logger ?? silentLogger;
    this.tools.onChange(() => this.#announceToolsChanged());
  }

  /** Opens a session; its messages go out through `init.send`. */
  openSession(init: CoreSessionInit): CoreSession {
    const session = new CoreSession(init);
    this.#sessions.set(session.id, session);
    return session;
  }

  /** The open session with this id. */
  session(id: string): CoreSession | undefined {
    return this.#sessions.get(id);
  }

  /**
   * Handles one inbound message for a session; answers go out through the session's
   * `send`. Never throws. Returns false when the session is not open here.
   */
  handle(sessionId: string, message: JSONRPCMessage): boolean {
    const session = this.#sessions.get(sessionId);
    if (session === undefined) return false;
    if (!('method' in message)) return true; // a response: we send no requests, nothing waits
    if ('id' in message && message.id !== undefined) {
      this.#request(session, message as JSONRPCRequest);
    } else {
      this.#notification(session, (message as { method: string }).method, message.params);
    }
    return true;
  }

  /**
   * Runs a tool outside JSON-RPC (the simple form): same validation, queueing, timeout
   * and abort rules, but not cancellable by request id. Never rejects.
   */
  callTool(sessionId: string, name: unknown, args: unknown): Promise<CallOutcome> {
    return new Promise((resolve) => {
      const session = this.#sessions.get(sessionId);
      if (session === undefined) {
        resolve({ ok: false, code: ErrorCode.ConnectionClosed, message: 'Session closed' });
        return;
      }
      const prepared = this.#prepare(name, args);
      if (!prepared.ok) {
        resolve(prepared);
        return;
      }
      this.#start(session, prepared.tool, prepared.args, undefined, undefined, resolve);
    });
  }

  /** Closes a session: aborts its calls (no answers are sent) and forgets it. */
  closeSession(id: string, reason: CallEndReason = 'disconnected'): void {
    const session = this.#sessions.get(id);
    if (session === undefined) return;
    this.#sessions.delete(id);
    for (const call of session.calls) this.#end(session, call, reason);
    session.closed = true;
    this.#queued -= session.queue.length;
    session.queue.length = 0;
    this.#checkIdle();
  }

  /** Times out overdue calls. The transport calls it about once a second: no timer per call. */
  tick(now = Date.now()): void {
    if (this.#timeoutMs <= 0) return;
    for (const session of this.#sessions.values()) {
      for (const call of session.calls) {
        if (call.deadline <= now) this.#end(session, call, 'timeout');
      }
    }
  }

  /** Sessions, running and queued calls. */
  stats(): CoreStats {
    return {
      sessions: this.#sessions.size,
      callsInFlight: this.#running,
      callsQueued: this.#queued,
    };
  }

  /** True once {@link beginShutdown} was called. */
  get shuttingDown(): boolean {
    return this.#shuttingDown;
  }

  /** Refuses new calls from now on; calls already accepted go on. */
  beginShutdown(): void {
    this.#shuttingDown = true;
  }

  /**
   * Waits for accepted calls to finish, at most `timeoutMs`; then aborts the rest and
   * answers them with -32000 so that no caller waits forever.
   */
  async drain(timeoutMs: number): Promise<void> {
    this.beginShutdown();
    if (this.#running + this.#queued > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(0, timeoutMs));
        this.#idleWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    for (const session of this.#sessions.values()) {
      for (const call of session.calls) this.#end(session, call, 'shutdown');
    }
  }

  #request(session: CoreSession, request: JSONRPCRequest): void {
    const id = request.id;
    switch (request.method) {
      case 'tools/call':
        this.#toolsCall(session, request);
        return;
      case 'tools/list':
        this.#toolsList(session, request);
        return;
      case 'ping':
        session.send(resultJson(id, {}));
        return;
      case 'initialize':
        this.#initialize(session, request);
        return;
      case 'logging/setLevel': {
        const parsed = parseWith(SetLevelRequestSchema, request, 'logging/setLevel request');
        if (!parsed.ok) {
          session.send(errorJson(id, ErrorCode.InvalidParams, parsed.error.message));
          return;
        }
        session.logLevel = parsed.value.params.level;
        session.send(resultJson(id, {}));
        return;
      }
      default:
        session.send(
          errorJson(id, ErrorCode.MethodNotFound, `Method not found: ${request.method}`),
        );
    }
  }

  #notification(session: CoreSession, method: string, params: unknown): void {
    if (method === 'notifications/cancelled') {
      const requestId = (params as { requestId?: unknown } | undefined)?.requestId;
      if (typeof requestId !== 'string' && typeof requestId !== 'number') return;
      const call = session.byRequestId.get(requestId);
      // A cancel for a call already answered is normal (it crossed the answer): ignore it.
      if (call !== undefined) this.#end(session, call, 'cancelled');
    } else if (method === 'notifications/initialized') {
      session.initialized = true;
    }
  }

  #initialize(session: CoreSession, request: JSONRPCRequest): void {
    const parsed = parseWith(InitializeRequestSchema, request, 'initialize request');
    if (!parsed.ok) {
      session.send(errorJson(request.id, ErrorCode.InvalidParams, parsed.error.message));
      return;
    }
    const { protocolVersion, clientInfo } = parsed.value.params;
    session.clientInfo = clientInfo;
    session.protocolVersion = negotiateProtocolVersion(protocolVersion);
    const result: InitializeResult = {
      protocolVersion: session.protocolVersion,
      capabilities: { tools: { listChanged: true }, logging: {} },
      serverInfo: this.#serverInfo,
      ...(this.#instructions === undefined ? {} : { instructions: this.#instructions }),
    };
    this.#log.info({ sessionId: session.id, client: clientInfo, protocolVersion }, 'initialize');
    session.send(resultJson(request.id, result));
  }

  #toolsList(session: CoreSession, request: JSONRPCRequest): void {
    const cursor = request.params?.cursor;
    let offset = 0;
    if (cursor !== undefined) {
      const decoded = typeof cursor === 'string' ? decodeToolsCursor(cursor) : undefined;
      if (decoded === undefined) {
        session.send(
          errorJson(
            request.id,
            ErrorCode.InvalidParams,
            'Invalid cursor: pass nextCursor from the previous page unchanged',
          ),
        );
        return;
      }
      offset = decoded;
    }
    const all = this.tools.list();
    if (offset === 0 && all.length <= this.#pageSize) {
      session.send(rawResultJson(request.id, `{"tools":${this.tools.listJson()}}`));
      return;
    }
    const end = offset + this.#pageSize;
    const result: Record<string, unknown> = { tools: all.slice(offset, end) };
    if (end < all.length) result.nextCursor = encodeToolsCursor(end);
    session.send(resultJson(request.id, result));
  }

  #toolsCall(session: CoreSession, request: JSONRPCRequest): void {
    const id = request.id;
    const params = request.params as Record<string, unknown> | undefined;
    const prepared = this.#prepare(params?.name, params?.arguments);
    if (!prepared.ok) {
      session.send(errorJson(id, prepared.code, prepared.message, prepared.data));
      return;
    }
    if (session.byRequestId.has(id)) {
      session.send(
        errorJson(
          id,
          ErrorCode.InvalidRequest,
          `Request id ${JSON.stringify(id)} is already in use by a call in flight`,
        ),
      );
      return;
    }
    const meta = params?._meta as { progressToken?: unknown } | undefined;
    const token = meta?.progressToken;
    const progressToken =
      typeof token === 'string' || typeof token === 'number' ? token : undefined;
    this.#start(session, prepared.tool, prepared.args, id, progressToken, (outcome) => {
      session.send(
        outcome.ok
          ? resultJson(id, outcome.result as Record<string, unknown>)
          : errorJson(id, outcome.code, outcome.message, outcome.data),
      );
    });
  }

  /** Looks the tool up and validates the arguments: the cheap checks, before any queueing. */
  #prepare(name: unknown, args: unknown): Prepared {
    if (typeof name !== 'string' || name === '') {
      return {
        ok: false,
        code: ErrorCode.InvalidParams,
        message: 'params.name: the tool name must be a non-empty string',
      };
    }
    const tool = this.tools.get(name);
    if (tool === undefined) {
      return { ok: false, code: ErrorCode.InvalidParams, message: `Unknown tool: ${name}` };
    }
    if (args !== undefined && (typeof args !== 'object' || args === null || Array.isArray(args))) {
      return {
        ok: false,
        code: ErrorCode.InvalidParams,
        message: 'params.arguments: expected an object',
      };
    }
    const parsed = tool.input.safeParse(args ?? {});
    if (!parsed.success) {
      const field = firstIssuePath(parsed.error);
      return {
        ok: false,
        code: ErrorCode.InvalidParams,
        message: `Invalid arguments for tool ${name}: ${formatIssues(parsed.error, 'arguments')}`,
        ...(field === undefined ? {} : { data: { field: `arguments.${field}` } }),
      };
    }
    if (this.#shuttingDown) {
      return {
        ok: false,
        code: ErrorCode.ConnectionClosed,
        message: 'The server is shutting down: retry on another instance',
      };
    }
    return { ok: true, tool, args: parsed.data };
  }

  #start(
    session: CoreSession,
    tool: DefinedTool,
    args: unknown,
    requestId: RequestId | undefined,
    progressToken: InFlightCall['progressToken'],
    respond: (outcome: CallOutcome) => void,
  ): void {
    const now = Date.now();
    const deadline = this.#timeoutMs > 0 ? now + this.#timeoutMs : Number.POSITIVE_INFINITY;
    const call = new InFlightCall(requestId, tool.name, deadline, progressToken, now, respond);
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

  #toResult(value: unknown, tool: DefinedTool): CallToolResult {
    try {
      return this.#checkOutput(toCallToolResult(value, tool), tool);
    } catch (error) {
      return errorResult(error);
    }
  }

  #failed(session: CoreSession, call: InFlightCall, error: unknown): CallToolResult {
    if (!call.settled)
      this.#log.warn({ sessionId: session.id, tool: call.tool, err: error }, 'tool failed');
    return errorResult(error);
  }

  #finish(
    session: CoreSession,
    call: InFlightCall,
    tool: DefinedTool,
    result: CallToolResult,
  ): void {
    session.running--;
    this.#running--;
    this.#forget(session, call);
    if (!call.settled) {
      call.settled = true;
      this.#log.debug(
        {
          sessionId: session.id,
          tool: tool.name,
          ms: Date.now() - call.startedAt,
          isError: result.isError === true,
        },
        'tool call',
      );
      call.respond({ ok: true, result });
    }
    this.#next(session);
    this.#checkIdle();
  }

  #checkOutput(result: CallToolResult, tool: DefinedTool): CallToolResult {
    if (tool.output === undefined || result.isError || result.structuredContent === undefined)
      return result;
    const parsed = tool.output.safeParse(result.structuredContent);
    if (parsed.success) return result;
    return errorResult(
      new Error(
        `Tool ${tool.name} returned output that fails its output schema: ${formatIssues(parsed.error)}`,
      ),
    );
  }

  #next(session: CoreSession): void {
    while (session.running < this.#maxCalls && session.queue.length > 0) {
      const job = session.queue.shift()!;
      this.#queued--;
      job();
    }
  }

  /** Settles a call early: aborts its handler and answers when the reason calls for it. */
  #end(session: CoreSession, call: InFlightCall, reason: CallEndReason): void {
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

  #announceToolsChanged(): void {
    const json = notificationJson('notifications/tools/list_changed');
    for (const session of this.#sessions.values()) {
      if (session.protocolVersion !== undefined) session.send(json);
    }
  }
}
