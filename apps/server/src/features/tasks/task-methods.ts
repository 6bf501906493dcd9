import { ErrorCode, MetaKey } from '@mcp-sse/protocol';
import { decodeListCursor, pageAfter } from '../list-cursor.js';
import { usesInputRounds } from '../multi-round.js';
import type { TaskManager } from './task-manager.js';
import { declaresTasksExtension, tasksExtensionRequired } from './task-mode.js';
import type { TaskError, TaskRecord } from './task-record.js';
import { detailedTask, experimentalTask } from './task-wire.js';

/** The methods of the 2026-07-28 tasks extension. */
const EXTENSION_METHODS = new Set(['tasks/get', 'tasks/update', 'tasks/cancel']);
/** The methods of the experimental tasks of 2025-11-25. */
const EXPERIMENTAL_METHODS = new Set(['tasks/get', 'tasks/cancel', 'tasks/result', 'tasks/list']);

/** Whether `method` is a tasks method at this protocol version (others are -32601). */
export function isTasksMethod(method: string, protocolVersion: string | undefined): boolean {
  if (usesInputRounds(protocolVersion)) return EXTENSION_METHODS.has(method);
  return protocolVersion !== undefined && protocolVersion >= '2025-11-25'
    ? EXPERIMENTAL_METHODS.has(method)
    : false;
}

/** Who asks, and how. */
export interface TasksCaller {
  protocolVersion: string | undefined;
  /** The principal id, or undefined without auth: tasks are private to their creator. */
  owner: string | undefined;
  capabilities: Record<string, unknown> | undefined;
  /** Aborts a waiting `tasks/result` (the session closed). */
  signal?: AbortSignal;
}

/** The answer to a tasks method. */
export type TasksOutcome =
  | { ok: true; result: Record<string, unknown> }
  | { ok: false; error: TaskError };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const PAGE = 100;

/**
 * Answers `tasks/get`, `tasks/update` and `tasks/cancel` (2026-07-28 extension: DetailedTask,
 * empty acks, -32021 without the extension) and `tasks/get`, `tasks/cancel`, `tasks/result`,
 * `tasks/list` (2025-11-25 experimental shapes). Call only for an {@link isTasksMethod}.
 */
export async function handleTasksMethod(
  manager: TaskManager,
  caller: TasksCaller,
  method: string,
  params: Record<string, unknown> | undefined,
): Promise<TasksOutcome> {
  const p = params ?? {};
  if (usesInputRounds(caller.protocolVersion)) {
    if (!declaresTasksExtension(caller.capabilities))
      return { ok: false, error: tasksExtensionRequired(method) };
    if (method === 'tasks/update') {
      if (!isObject(p.inputResponses)) {
        return {
          ok: false,
          error: {
            code: ErrorCode.InvalidParams,
            message: 'params.inputResponses must be an object of answers keyed like inputRequests',
          },
        };
      }
      const updated = await manager.update(p.taskId, caller.owner, p.inputResponses);
      return updated.ok ? { ok: true, result: { resultType: 'complete' } } : updated;
    }
    if (method === 'tasks/cancel') {
      const cancelled = await manager.cancel(p.taskId, caller.owner);
      return cancelled.ok ? { ok: true, result: { resultType: 'complete' } } : cancelled;
    }
    const found = await manager.get(p.taskId, caller.owner);
    return found.ok ? { ok: true, result: detailedTask(found.record) } : found;
  }
  switch (method) {
    case 'tasks/list':
      return listTasks(manager, caller, p.cursor);
    case 'tasks/cancel': {
      const found = await manager.get(p.taskId, caller.owner);
      if (!found.ok) return found;
      if (found.record.status !== 'working' && found.record.status !== 'input_required') {
        return {
          ok: false,
          error: {
            code: ErrorCode.InvalidParams,
            message: `Task ${found.record.taskId} is already ${found.record.status}: only a working task can be cancelled`,
          },
        };
      }
      const cancelled = await manager.cancel(found.record.taskId, caller.owner);
      return cancelled.ok ? { ok: true, result: experimentalTask(cancelled.record) } : cancelled;
    }
    case 'tasks/result': {
      const found = await manager.get(p.taskId, caller.owner);
      if (!found.ok) return found;
      const record = await manager.settled(found.record.taskId, caller.signal);
      if (record === undefined) {
        return {
          ok: false,
          error: { code: ErrorCode.InvalidParams, message: `Task ${found.record.taskId} expired` },
        };
      }
      return payloadOf(record);
    }
    default: {
      const found = await manager.get(p.taskId, caller.owner);
      return found.ok ? { ok: true, result: experimentalTask(found.record) } : found;
    }
  }
}

/** 2025-11-25 `tasks/result`: the call's own result (or error), tagged with its task. */
function payloadOf(record: TaskRecord): TasksOutcome {
  const related = { [MetaKey.RelatedTask]: { taskId: record.taskId } };
  if (record.status === 'failed' && record.error !== undefined) {
    return { ok: false, error: { ...record.error, data: record.error.data ?? related } };
  }
  if (record.status === 'completed' && record.result !== undefined) {
    const meta = isObject(record.result._meta) ? record.result._meta : {};
    return { ok: true, result: { ...record.result, _meta: { ...meta, ...related } } };
  }
  return {
    ok: false,
    error: {
      code: ErrorCode.InvalidParams,
      message: `Task ${record.taskId} is ${record.status}: it has no result`,
    },
  };
}

async function listTasks(
  manager: TaskManager,
  caller: TasksCaller,
  cursor: unknown,
): Promise<TasksOutcome> {
  let after: string | undefined;
  if (cursor !== undefined) {
    after = decodeListCursor(cursor);
    if (after === undefined) {
      return {
        ok: false,
        error: {
          code: ErrorCode.InvalidParams,
          message: 'Invalid cursor: pass nextCursor from the previous page unchanged',
        },
      };
    }
  }
  // Paged by task id: a cursor names the last id of its page, whichever instance reads it.
  const records = (await manager.list(caller.owner)).sort((a, b) =>
    a.taskId < b.taskId ? -1 : a.taskId > b.taskId ? 1 : 0,
  );
  const page = pageAfter(records, (record) => record.taskId, after, PAGE);
  return {
    ok: true,
    result: {
      tasks: page.items.map(experimentalTask),
      ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }),
    },
  };
}
