import { randomUUID } from 'node:crypto';
import { type CallToolResult, ErrorCode, formatIssues } from '@mcp-sse/protocol';
import type { DefinedTool } from '../../tools/define-tool.js';
import { errorResult, toCallToolResult } from '../../tools/to-call-tool-result.js';
import type { SessionInfo } from '../../tools/tool-context.js';
import type { ClientChannel } from '../client-channel.js';
import { invalidResult } from '../client-channel.js';
import type { InputRequest } from '../input-round.js';
import { missingCapabilityError } from '../missing-capability.js';
import { JsonRpcError } from './json-rpc-error.js';
import { MemoryTaskStore } from './memory-task-store.js';
import { TaskChannel } from './task-channel.js';
import { TaskContext } from './task-context.js';
import { isTerminal, type TaskError, type TaskRecord } from './task-record.js';
import type { TaskStore } from './task-store.js';

/** Options of {@link TaskManager}. */
export interface TaskManagerOptions {
  /** Where tasks are kept. Default: a {@link MemoryTaskStore}. */
  store?: TaskStore;
  /** How long a task is kept after creation, in ms. Default 3600000 (one hour). */
  ttlMs?: number;
  /** The poll interval suggested to clients, in ms. Default 1000. */
  pollIntervalMs?: number;
  /** Tasks running at once on this instance; more are refused. Default 1000. */
  maxRunning?: number;
  /** Where handler failures are reported. */
  onError?: (error: unknown, taskId: string) => void;
}

/** How a task is started. */
export interface StartTask {
  tool: DefinedTool;
  /** Validated arguments. */
  args: unknown;
  /** The caller, for the handler's `ctx.session`. */
  session: SessionInfo;
  /** Which wire the task speaks. */
  flavour: TaskRecord['flavour'];
  /** The client's capabilities when the task was created. */
  capabilities: Record<string, unknown> | undefined;
  /**
   * How the handler asks the client; default: the task's `inputRequests` (2026-07-28).
   * 2025-11-25 sessions pass their outbound request table.
   */
  channel?: (signal: AbortSignal) => ClientChannel;
}

/** The outcome of a `tasks/*` operation: the record, or why not. */
export type TaskLookup = { ok: true; record: TaskRecord } | { ok: false; error: TaskError };

interface Waiter {
  method: InputRequest['method'];
  resolve: (value: Record<string, unknown>) => void;
  reject: (error: unknown) => void;
}

interface LiveTask {
  controller: AbortController;
  waiters: Map<string, Waiter>;
}

const now = () => new Date().toISOString();

const unknownTask = (taskId: unknown): TaskError => ({
  code: ErrorCode.InvalidParams,
  message: `Unknown task ${JSON.stringify(taskId)}: it expired, was never created, or belongs to another principal; use the taskId of a CreateTaskResult`,
});

/**
 * Runs tool calls as tasks (the 2026-07-28 `io.modelcontextprotocol/tasks` extension and
 * the experimental tasks of 2025-11-25). A task's handler runs on the instance that created
 * it, detached from the request and its connection; its state lives in the {@link TaskStore}
 * so that `tasks/get`, `tasks/update` and `tasks/cancel` work from any request. Changes to
 * one task are applied one at a time (read, change, write under a per-task lock).
 */
export class TaskManager {
  readonly store: TaskStore;
  readonly #ttlMs: number;
  readonly #pollIntervalMs: number;
  readonly #maxRunning: number;
  readonly #onError: (error: unknown, taskId: string) => void;
  readonly #live = new Map<string, LiveTask>();
  readonly #locks = new Map<string, Promise<unknown>>();
  readonly #settled = new Map<string, Set<() => void>>();

  constructor(options: TaskManagerOptions = {}) {
    this.store = options.store ?? new MemoryTaskStore();
    this.#ttlMs = Math.max(1, options.ttlMs ?? 3_600_000);
    this.#pollIntervalMs = Math.max(1, Math.round(options.pollIntervalMs ?? 1000));
    this.#maxRunning = Math.max(1, options.maxRunning ?? 1000);
    this.#onError = options.onError ?? (() => {});
    this.store.onResponses((taskId) => void this.#deliver(taskId));
  }

  /** Tasks whose handler runs on this instance now. */
  get running(): number {
    return this.#live.size;
  }

  /**
   * Creates a task and starts its handler. Resolves once the task is stored (a `tasks/get`
   * right after the answer finds it), before the handler ends.
   */
  async start(init: StartTask): Promise<TaskLookup> {
    if (this.#live.size >= this.#maxRunning) {
      return {
        ok: false,
        error: {
          code: ErrorCode.InternalError,
          message: `Too many tasks running on this instance (${this.#maxRunning}): wait for some to finish`,
        },
      };
    }
    const created = now();
    const record: TaskRecord = {
      taskId: randomUUID(),
      status: 'working',
      createdAt: created,
      lastUpdatedAt: created,
      ttlMs: this.#ttlMs,
      pollIntervalMs: this.#pollIntervalMs,
      flavour: init.flavour,
      ...(init.session.principal === undefined ? {} : { owner: init.session.principal.id }),
    };
    await this.store.put(record);
    const live: LiveTask = { controller: new AbortController(), waiters: new Map() };
    this.#live.set(record.taskId, live);
    const signal = live.controller.signal;
    const channel =
      init.channel?.(signal) ??
      new TaskChannel(init.capabilities, (key, request) => this.#ask(record.taskId, key, request));
    const ctx = new TaskContext(init.session, signal, channel);
    // Detached: the request that created the task is answered now, the handler goes on.
    void Promise.resolve()
      .then(() => init.tool.handler(init.args, ctx))
      .then(
        (value) => this.#settle(record.taskId, outcomeOf(value, init.tool)),
        (error: unknown) => this.#settle(record.taskId, this.#failure(error, init, record.taskId)),
      );
    return { ok: true, record };
  }

  /** The task, if `owner` may see it. */
  async get(taskId: unknown, owner: string | undefined): Promise<TaskLookup> {
    if (typeof taskId !== 'string' || taskId === '') {
      return {
        ok: false,
        error: {
          code: ErrorCode.InvalidParams,
          message: 'params.taskId must be a non-empty string',
        },
      };
    }
    const record = await this.store.get(taskId);
    if (record === undefined || record.owner !== owner)
      return { ok: false, error: unknownTask(taskId) };
    return { ok: true, record };
  }

  /** The live tasks of `owner`, oldest first (2025-11-25 `tasks/list`). */
  list(owner: string | undefined): Promise<TaskRecord[]> {
    return this.store.list(owner);
  }

  /**
   * Delivers answers to a task's input requests (`tasks/update`). Answered keys leave
   * `inputRequests` at once; unknown keys and answers of the wrong shape are ignored (the
   * request stays pending). The task goes back to `working` when nothing is left to answer.
   */
  async update(
    taskId: unknown,
    owner: string | undefined,
    responses: Record<string, unknown>,
  ): Promise<TaskLookup> {
    const found = await this.get(taskId, owner);
    if (!found.ok) return found;
    const accepted: Record<string, unknown> = {};
    const record = await this.#mutate(found.record.taskId, (current) => {
      if (isTerminal(current) || current.inputRequests === undefined) return current;
      const pending = { ...current.inputRequests };
      for (const [key, answer] of Object.entries(responses)) {
        const request = pending[key];
        if (request === undefined || invalidResult(request.method, answer) !== undefined) continue;
        accepted[key] = answer;
        delete pending[key];
      }
      if (Object.keys(accepted).length === 0) return current;
      const next: TaskRecord = { ...current, lastUpdatedAt: now() };
      if (Object.keys(pending).length === 0) {
        delete next.inputRequests;
        next.status = 'working';
      } else {
        next.inputRequests = pending;
      }
      return next;
    });
    if (record === undefined) return { ok: false, error: unknownTask(taskId) };
    if (Object.keys(accepted).length > 0) await this.store.addResponses(record.taskId, accepted);
    return { ok: true, record };
  }

  /**
   * Cancels a task: it becomes `cancelled` at once and its handler's signal aborts. A task
   * that already ended is left as it is (cancelling is idempotent).
   */
  async cancel(taskId: unknown, owner: string | undefined): Promise<TaskLookup> {
    const found = await this.get(taskId, owner);
    if (!found.ok) return found;
    const id = found.record.taskId;
    const record = await this.#mutate(id, (current) => {
      if (isTerminal(current)) return current;
      const next: TaskRecord = {
        ...current,
        status: 'cancelled',
        statusMessage: 'The task was cancelled by the client',
        lastUpdatedAt: now(),
      };
      delete next.inputRequests;
      return next;
    });
    this.#stop(id, 'The task was cancelled by the client');
    if (record === undefined) return { ok: false, error: unknownTask(taskId) };
    return { ok: true, record };
  }

  /**
   * Resolves once the task ended (2025-11-25 `tasks/result` waits), or when `signal`
   * aborts. Checks the store every poll interval too, for tasks run by another instance.
   */
  async settled(taskId: string, signal?: AbortSignal): Promise<TaskRecord | undefined> {
    for (;;) {
      const record = await this.store.get(taskId);
      if (record === undefined || isTerminal(record) || signal?.aborted) return record;
      await new Promise<void>((resolve) => {
        const waiters = this.#settled.get(taskId) ?? new Set();
        this.#settled.set(taskId, waiters);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(done);
          signal?.removeEventListener('abort', done);
          resolve();
        };
        const timer = setTimeout(done, this.#pollIntervalMs);
        waiters.add(done);
        signal?.addEventListener('abort', done, { once: true });
      });
    }
  }

  /**
   * Ends every task running here (shutdown): each becomes `failed` with -32000, since its
   * handler cannot go on in another process, and its signal aborts.
   */
  async stopAll(
    reason = 'The server shut down before the task finished: call the tool again',
  ): Promise<void> {
    const error: TaskError = { code: ErrorCode.ConnectionClosed, message: reason };
    await Promise.all([...this.#live.keys()].map((id) => this.#settle(id, { ok: false, error })));
  }

  async #ask(taskId: string, key: string, request: InputRequest): Promise<Record<string, unknown>> {
    const live = this.#live.get(taskId);
    if (live === undefined || live.controller.signal.aborted) {
      throw live?.controller.signal.reason ?? new Error('The task is over');
    }
    const answer = new Promise<Record<string, unknown>>((resolve, reject) => {
      live.waiters.set(key, { method: request.method, resolve, reject });
    });
    await this.#mutate(taskId, (current) => {
      if (isTerminal(current)) return current;
      return {
        ...current,
        status: 'input_required',
        inputRequests: { ...current.inputRequests, [key]: request },
        lastUpdatedAt: now(),
      };
    });
    // Answers that arrived before the waiter was set (another instance) are picked up now.
    void this.#deliver(taskId);
    return answer;
  }

  async #deliver(taskId: string): Promise<void> {
    const live = this.#live.get(taskId);
    if (live === undefined || live.waiters.size === 0) return;
    const responses = await this.store.takeResponses(taskId);
    const unused: Record<string, unknown> = {};
    for (const [key, answer] of Object.entries(responses)) {
      const waiter = live.waiters.get(key);
      if (waiter === undefined) {
        unused[key] = answer;
        continue;
      }
      live.waiters.delete(key);
      waiter.resolve(answer as Record<string, unknown>);
    }
    if (Object.keys(unused).length > 0) await this.store.addResponses(taskId, unused);
  }

  #failure(error: unknown, init: StartTask, taskId: string): Outcome {
    if (JsonRpcError.isInstance(error)) {
      return {
        ok: false,
        error: {
          code: error.code,
          message: error.message,
          ...(error.data === undefined ? {} : { data: error.data }),
        },
      };
    }
    const missing = missingCapabilityError(
      error,
      init.flavour === 'extension' ? '2026-07-28' : undefined,
    );
    if (missing !== undefined) return { ok: false, error: missing };
    this.#onError(error, taskId);
    return { ok: true, result: errorResult(error) as Record<string, unknown> };
  }

  async #settle(taskId: string, outcome: Outcome): Promise<void> {
    try {
      await this.#mutate(taskId, (current) => {
        // Cancelled meanwhile: the handler's late result is dropped.
        if (isTerminal(current)) return current;
        const next: TaskRecord = { ...current, lastUpdatedAt: now() };
        delete next.inputRequests;
        if (outcome.ok) {
          next.status = 'completed';
          next.result = outcome.result;
        } else {
          next.status = 'failed';
          next.error = outcome.error;
        }
        return next;
      });
    } catch (error) {
      this.#onError(error, taskId);
    } finally {
      this.#stop(taskId, 'The task is over');
    }
  }

  /** Forgets a task's handler here: aborts its signal and rejects what it waits on. */
  #stop(taskId: string, reason: string): void {
    const live = this.#live.get(taskId);
    if (live !== undefined) {
      this.#live.delete(taskId);
      const error = new Error(reason);
      error.name = 'AbortError';
      live.controller.abort(error);
      for (const waiter of live.waiters.values()) waiter.reject(error);
      live.waiters.clear();
    }
    for (const done of [...(this.#settled.get(taskId) ?? [])]) done();
    this.#settled.delete(taskId);
  }

  /** Applies `change` to the stored record under the task's lock; the record after it. */
  #mutate(
    taskId: string,
    change: (current: TaskRecord) => TaskRecord,
  ): Promise<TaskRecord | undefined> {
    const previous = this.#locks.get(taskId) ?? Promise.resolve();
    const next = previous.then(async () => {
      const current = await this.store.get(taskId);
      if (current === undefined) return undefined;
      const changed = change(current);
      if (changed !== current) await this.store.put(changed);
      return changed;
    });
    const tail = next.catch(() => {});
    this.#locks.set(taskId, tail);
    void tail.then(() => {
      if (this.#locks.get(taskId) === tail) this.#locks.delete(taskId);
    });
    return next;
  }
}

type Outcome = { ok: true; result: Record<string, unknown> } | { ok: false; error: TaskError };

/**
 * A handler's return value as a task result: a tool with an output schema must return
 * structured content of that shape, or the task fails (the server's bug, not a tool error).
 */
function outcomeOf(value: unknown, tool: DefinedTool): Outcome {
  let result: CallToolResult;
  try {
    result = toCallToolResult(value, tool);
  } catch (error) {
    return { ok: true, result: errorResult(error) as Record<string, unknown> };
  }
  if (tool.output !== undefined && result.isError !== true) {
    const parsed = tool.output.safeParse(result.structuredContent);
    if (!parsed.success) {
      return {
        ok: false,
        error: {
          code: ErrorCode.InternalError,
          message: `Tool ${tool.name} returned structuredContent that fails its output schema: ${formatIssues(parsed.error, 'structuredContent')}`,
        },
      };
    }
  }
  return { ok: true, result: result as Record<string, unknown> };
}
