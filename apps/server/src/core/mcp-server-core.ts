import {
  ErrorCode,
  type Implementation,
  InitializeRequestSchema,
  type InitializeResult,
  isStatelessProtocolVersion,
  type JSONRPCMessage,
  type JSONRPCRequest,
  negotiateProtocolVersion,
  parseWith,
  SAME_ID_RESEND_CAPABILITY,
  SetLevelRequestSchema,
} from '@mcp-sse/protocol';
import type { DefinedPrompt } from '../features/define-prompt.js';
import type { DefinedResource } from '../features/define-resource.js';
import type { DefinedResourceTemplate } from '../features/define-resource-template.js';
import type { FeatureRegistry } from '../features/feature-registry.js';
import { ServerFeatures } from '../features/server-features.js';
import { TaskManager, type TaskManagerOptions } from '../features/tasks/task-manager.js';
import { handleTasksMethod, isTasksMethod } from '../features/tasks/task-methods.js';
import { taskModeOf } from '../features/tasks/task-mode.js';
import { createTaskResult, experimentalTask } from '../features/tasks/task-wire.js';
import { tasksCapabilities } from '../features/tasks/tasks-capabilities.js';
import type { DefinedTool } from '../tools/define-tool.js';
import { ToolRegistry } from '../tools/tool-registry.js';
import type { CallOutcome } from './call-outcome.js';
import { CallRunner } from './call-runner.js';
import { CoreSession, type CoreSessionInit } from './core-session.js';
import type { CallEndReason } from './in-flight-call.js';
import { type CoreLogger, silentLogger } from './logger.js';
import { prepareCall } from './prepare-call.js';
import { decodeToolsCursor, encodeToolsCursor } from './tools-cursor.js';
import { errorJson, rawResultJson } from './wire.js';

/** Options of {@link McpServerCore}. */
export interface McpServerCoreOptions {
  /** The tools, as a live registry or a list. */
  tools?: ToolRegistry | Iterable<DefinedTool>;
  /** Resources at fixed URIs; passing a list (even empty) declares the capability. */
  resources?: Iterable<DefinedResource> | FeatureRegistry<DefinedResource>;
  /** Resource templates (RFC 6570); they also declare the resources capability. */
  resourceTemplates?: Iterable<DefinedResourceTemplate> | FeatureRegistry<DefinedResourceTemplate>;
  /** Prompts; passing a list (even empty) declares the capability. */
  prompts?: Iterable<DefinedPrompt> | FeatureRegistry<DefinedPrompt>;
  /**
   * Secret that signs the `requestState` of multi round-trip requests (2026-07-28): give
   * every instance behind one URL the same one. Default: random per process.
   */
  requestStateSecret?: string;
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
  /** Tools that run as tasks: where tasks are kept (default in memory), TTL, poll interval. */
  tasks?: TaskManagerOptions | TaskManager;
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

/**
 * MCP message handling with no knowledge of HTTP: lifecycle, dispatch, tools, progress,
 * cancellation, per-session concurrency. A transport opens sessions with a `send`
 * function, feeds every inbound message to {@link handle}, and closes sessions when their
 * connection goes; the SSE routes are one such transport, Streamable HTTP can be another.
 */
export class McpServerCore {
  /** The live tool set; changes are announced to every session. */
  readonly tools: ToolRegistry;
  /** Resources, templates, prompts, completion and requests to the client. */
  readonly features: ServerFeatures;
  /** Tool calls running as tasks (tools with `execution.taskSupport`). */
  readonly tasks: TaskManager;
  readonly #sessions = new Map<string, CoreSession>();
  readonly #serverInfo: Implementation;
  readonly #instructions: string | undefined;
  readonly #pageSize: number;
  readonly #log: CoreLogger;
  readonly #calls: CallRunner;
  #shuttingDown = false;

  constructor(options: McpServerCoreOptions = {}) {
    this.tools =
      options.tools instanceof ToolRegistry ? options.tools : new ToolRegistry(options.tools ?? []);
    this.#serverInfo = options.serverInfo ?? { name: 'mcp-sse-server', version: '0.1.0' };
    this.#instructions = options.instructions;
    this.#pageSize = Math.max(1, options.pageSize ?? 100);
    this.#log = options.logger ?? silentLogger;
    this.#calls = new CallRunner({
      maxCalls: options.maxCallsPerSession ?? 32,
      maxQueued: options.maxQueuedCallsPerSession ?? 128,
      timeoutMs: options.toolTimeoutMs ?? 120_000,
      logger: this.#log,
    });
    this.tools.onChange(() => this.#announceToolsChanged());
    this.tasks =
      options.tasks instanceof TaskManager
        ? options.tasks
        : new TaskManager({
            onError: (err, taskId) => this.#log.warn({ err, taskId }, 'task failed'),
            ...options.tasks,
          });
    this.features = new ServerFeatures({
      ...(options.resources === undefined ? {} : { resources: options.resources }),
      ...(options.resourceTemplates === undefined
        ? {}
        : { resourceTemplates: options.resourceTemplates }),
      ...(options.prompts === undefined ? {} : { prompts: options.prompts }),
      ...(options.requestStateSecret === undefined
        ? {}
        : { requestStateSecret: options.requestStateSecret }),
      pageSize: this.#pageSize,
      sessions: () => this.#sessions.values(),
      onError: (err, method) => this.#log.warn({ err, method }, 'handler failed'),
    });
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
    if (!('method' in message)) {
      // The answer to one of our requests (elicitation, sampling, roots); late ones are dropped.
      this.features.handleResponse(session, message);
      return true;
    }
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
      const prepared = prepareCall(this.tools, name, args, this.#shuttingDown);
      if (!prepared.ok) {
        resolve(prepared);
        return;
      }
      this.#calls.start(
        session,
        prepared.tool,
        prepared.args,
        undefined,
        undefined,
        resolve,
        (signal) =>
          this.features.outbound(session).channel(session.clientCapabilities, undefined, signal),
      );
    });
  }

  /** Closes a session: aborts its calls (no answers are sent) and forgets it. */
  closeSession(id: string, reason: CallEndReason = 'disconnected'): void {
    const session = this.#sessions.get(id);
    if (session === undefined) return;
    this.#sessions.delete(id);
    this.#calls.closeSession(session, reason);
    session.closed = true;
    this.features.closeSession(session);
  }

  /**
   * What this server offers, derived from what is registered: the `initialize` result's
   * `capabilities` (and `server/discover`'s).
   */
  serverCapabilities(protocolVersion?: string): InitializeResult['capabilities'] {
    const capabilities: InitializeResult['capabilities'] = {
      tools: { listChanged: true },
      logging: {},
      ...this.features.capabilities(),
      ...(this.#offersTasks() ? tasksCapabilities(protocolVersion) : {}),
    };
    // Sessions (2025 revisions) re-attach a request re-sent with its id: saying so lets
    // a client re-send a broken POST without risking a second run.
    if (!isStatelessProtocolVersion(protocolVersion)) {
      capabilities.experimental = {
        ...(capabilities.experimental as Record<string, unknown> | undefined),
        [SAME_ID_RESEND_CAPABILITY]: {},
      };
    }
    return capabilities;
  }

  /** Times out overdue calls. The transport calls it about once a second: no timer per call. */
  tick(now = Date.now()): void {
    this.#calls.tick(this.#sessions.values(), now);
  }

  /** Sessions, running and queued calls. */
  stats(): CoreStats {
    return {
      sessions: this.#sessions.size,
      callsInFlight: this.#calls.running,
      callsQueued: this.#calls.queued,
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
    await this.#calls.idle(timeoutMs);
    for (const session of this.#sessions.values()) {
      for (const call of session.calls) this.#calls.end(session, call, 'shutdown');
    }
    // Tasks do not wait for the drain: their handlers cannot move to another process.
    await this.tasks.stopAll();
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
        session.replyResult(id, {});
        return;
      case 'initialize':
        this.#initialize(session, request);
        return;
      case 'logging/setLevel': {
        const parsed = parseWith(SetLevelRequestSchema, request, 'logging/setLevel request');
        if (!parsed.ok) {
          session.reply(id, errorJson(id, ErrorCode.InvalidParams, parsed.error.message));
          return;
        }
        session.logLevel = parsed.value.params.level;
        session.replyResult(id, {});
        return;
      }
      default:
        if (this.#offersTasks() && isTasksMethod(request.method, session.protocolVersion)) {
          this.#tasksMethod(session, request);
          return;
        }
        if (this.features.handles(request.method)) {
          this.features.handle(session, request);
          return;
        }
        session.reply(
          id,
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
      if (call !== undefined) this.#calls.end(session, call, 'cancelled');
      else this.features.cancel(session, requestId);
    } else if (method === 'notifications/initialized') {
      session.initialized = true;
    }
  }

  #initialize(session: CoreSession, request: JSONRPCRequest): void {
    const parsed = parseWith(InitializeRequestSchema, request, 'initialize request');
    if (!parsed.ok) {
      session.reply(
        request.id,
        errorJson(request.id, ErrorCode.InvalidParams, parsed.error.message),
      );
      return;
    }
    const { protocolVersion, clientInfo, capabilities } = parsed.value.params;
    session.clientInfo = clientInfo;
    session.clientCapabilities = capabilities;
    session.protocolVersion = negotiateProtocolVersion(protocolVersion);
    const result: InitializeResult = {
      protocolVersion: session.protocolVersion,
      capabilities: this.serverCapabilities(session.protocolVersion),
      serverInfo: this.#serverInfo,
      ...(this.#instructions === undefined ? {} : { instructions: this.#instructions }),
    };
    this.#log.debug({ sessionId: session.id, client: clientInfo, protocolVersion }, 'initialize');
    session.replyResult(request.id, result);
  }

  #toolsList(session: CoreSession, request: JSONRPCRequest): void {
    const cursor = request.params?.cursor;
    let offset = 0;
    if (cursor !== undefined) {
      const decoded = typeof cursor === 'string' ? decodeToolsCursor(cursor) : undefined;
      if (decoded === undefined) {
        session.reply(
          request.id,
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
      session.reply(request.id, rawResultJson(request.id, `{"tools":${this.tools.listJson()}}`));
      return;
    }
    const end = offset + this.#pageSize;
    const result: Record<string, unknown> = { tools: all.slice(offset, end) };
    if (end < all.length) result.nextCursor = encodeToolsCursor(end);
    session.replyResult(request.id, result);
  }

  #toolsCall(session: CoreSession, request: JSONRPCRequest): void {
    const id = request.id;
    const params = request.params as Record<string, unknown> | undefined;
    const prepared = prepareCall(this.tools, params?.name, params?.arguments, this.#shuttingDown);
    if (!prepared.ok) {
      session.reply(id, errorJson(id, prepared.code, prepared.message, prepared.data));
      return;
    }
    const meta = params?._meta as { progressToken?: unknown } | undefined;
    const token = meta?.progressToken;
    const progressToken =
      typeof token === 'string' || typeof token === 'number' ? token : undefined;
    const running = session.byRequestId.get(id);
    if (running !== undefined || session.wasAnswered(id)) {
      // The same request again while it runs (its POST's 202 was lost): the one running
      // answers it. Anything else with a used id is refused.
      if (running?.isCopy(prepared.tool.name, prepared.args, progressToken)) return;
      const state = running !== undefined ? 'in use by a call in flight' : 'already answered';
      session.reply(
        id,
        errorJson(
          id,
          ErrorCode.InvalidRequest,
          `Request id ${JSON.stringify(id)} is ${state}; ids must not be reused within a session`,
        ),
      );
      return;
    }
    const target = `tools/call:${prepared.tool.name}`;
    const mode = taskModeOf(
      prepared.tool,
      params,
      this.features.clientCapabilities(session, params),
      session.protocolVersion,
    );
    if (mode.kind === 'refused') {
      session.reply(id, errorJson(id, mode.error.code, mode.error.message, mode.error.data));
      return;
    }
    const beforeTask = prepared.tool.execution?.beforeTask;
    if (mode.kind === 'task' && beforeTask === undefined) {
      this.#startTask(session, request, prepared.tool, prepared.args, mode.flavour);
      return;
    }
    // A task with a beforeTask step runs that step as a plain call (multi round-trip
    // requests and all), and only its success creates the task.
    let taskArgs: unknown;
    const tool =
      mode.kind === 'task' && beforeTask !== undefined
        ? {
            ...prepared.tool,
            output: undefined,
            handler: async (args: unknown, ctx: Parameters<typeof beforeTask>[1]) => {
              taskArgs = await beforeTask(args, ctx);
              return '';
            },
          }
        : prepared.tool;
    const channel = this.features.channelFor(session, request, target);
    if (!channel.ok) {
      session.reply(id, errorJson(id, ErrorCode.InvalidParams, channel.message));
      return;
    }
    const { round } = channel;
    this.#calls.start(
      session,
      tool,
      prepared.args,
      id,
      progressToken,
      (outcome) => {
        session.markAnswered(id);
        // A 2026 handler that asked the client for input ends this round: the client
        // answers and calls again with the requestState, and the handler runs anew.
        if (outcome.ok && round !== undefined && round.asked.size > 0) {
          session.replyResult(id, this.features.inputRequired(round, target));
          return;
        }
        if (mode.kind === 'task' && outcome.ok && outcome.result.isError !== true) {
          this.#startTask(session, request, prepared.tool, taskArgs, mode.flavour);
          return;
        }
        if (outcome.ok) session.replyResult(id, outcome.result as Record<string, unknown>);
        else session.reply(id, errorJson(id, outcome.code, outcome.message, outcome.data));
      },
      channel.channel,
    );
  }

  /** Whether any tool may run as a task: then the tasks capability and methods exist. */
  #offersTasks(): boolean {
    return this.tools.list().some((tool) => {
      const support = tool.execution?.taskSupport;
      return support === 'optional' || support === 'required';
    });
  }

  /** Creates the task of a call and answers with its handle; the handler runs on. */
  #startTask(
    session: CoreSession,
    request: JSONRPCRequest,
    tool: DefinedTool,
    args: unknown,
    flavour: 'extension' | 'experimental',
  ): void {
    const id = request.id;
    const capabilities = this.features.clientCapabilities(session, request.params);
    const outbound = flavour === 'experimental' ? this.features.outbound(session) : undefined;
    this.tasks
      .start({
        tool,
        args,
        flavour,
        capabilities,
        session: {
          id: session.id,
          clientInfo: session.clientInfo,
          protocolVersion: session.protocolVersion,
          principal: session.principal,
        },
        // 2025-11-25 tasks ask on the session, as long as it is open.
        ...(outbound === undefined
          ? {}
          : {
              channel: (signal: AbortSignal) => outbound.channel(capabilities, undefined, signal),
            }),
      })
      .then(
        (started) => {
          session.markAnswered(id);
          if (!started.ok) {
            const { code, message, data } = started.error;
            session.reply(id, errorJson(id, code, message, data));
          } else if (flavour === 'extension') {
            session.replyResult(id, createTaskResult(started.record));
          } else {
            session.replyResult(id, { task: experimentalTask(started.record) });
          }
        },
        (error: unknown) => {
          this.#log.warn({ err: error, tool: tool.name }, 'task not created');
          session.reply(
            id,
            errorJson(
              id,
              ErrorCode.InternalError,
              `The task could not be created: ${(error as Error)?.message ?? error}`,
            ),
          );
        },
      );
  }

  #tasksMethod(session: CoreSession, request: JSONRPCRequest): void {
    const id = request.id;
    const params = request.params as Record<string, unknown> | undefined;
    handleTasksMethod(
      this.tasks,
      {
        protocolVersion: session.protocolVersion,
        owner: session.principal?.id,
        capabilities: this.features.clientCapabilities(session, params),
      },
      request.method,
      params,
    ).then(
      (outcome) => {
        if (outcome.ok) session.replyResult(id, outcome.result);
        else {
          const { code, message, data } = outcome.error;
          session.reply(id, errorJson(id, code, message, data));
        }
      },
      (error: unknown) =>
        session.reply(
          id,
          errorJson(
            id,
            ErrorCode.InternalError,
            `${request.method} failed: ${(error as Error)?.message ?? error}`,
          ),
        ),
    );
  }

  #announceToolsChanged(): void {
    this.features.changes.announce({ method: 'notifications/tools/list_changed' });
  }
}
