import { z } from 'zod';
import { JSONRPCErrorObjectSchema, RequestParamsSchema } from '../jsonrpc.js';
import { paginatedResultFields, resultBase } from './fields.js';
import { InputRequestsSchema, InputResponsesSchema } from './input-required.js';
import { NotificationParamsSchema, PaginatedRequestParamsSchema } from './params.js';

/** Where a task is; `completed`, `failed` and `cancelled` are final. */
export const TaskStatusSchema = z.enum([
  'working',
  'input_required',
  'completed',
  'failed',
  'cancelled',
]);
/** Where a task is. */
export type TaskStatus = z.infer<typeof TaskStatusSchema>;

/** Whether a task in `status` will never change again. */
export function isTerminalTaskStatus(status: TaskStatus): boolean {
  return status === 'completed' || status === 'failed' || status === 'cancelled';
}

const taskBase = {
  taskId: z.string(),
  status: TaskStatusSchema,
  statusMessage: z.string().optional(),
  /** ISO 8601. */
  createdAt: z.string(),
  /** ISO 8601. */
  lastUpdatedAt: z.string(),
};

// ---- The io.modelcontextprotocol/tasks extension of 2026-07-28 (SEP-2663) ----

/**
 * A task of the 2026-07-28 tasks extension: the durable handle of long work. `ttlMs` is
 * null for no limit; `pollIntervalMs` is how often the client should ask.
 */
export const TaskSchema = z.looseObject({
  ...taskBase,
  ttlMs: z.number().nullable(),
  pollIntervalMs: z.number().optional(),
});
/** A task (2026-07-28 extension). */
export type Task = z.infer<typeof TaskSchema>;

/**
 * A task with what its status calls for: `inputRequests` while `input_required`, `result`
 * once `completed`, the JSON-RPC `error` once `failed`. Kept as one loose object (rather
 * than a union per status) so that a newer status still reads.
 */
export const DetailedTaskSchema = TaskSchema.extend({
  inputRequests: InputRequestsSchema.optional(),
  result: z.looseObject({}).optional(),
  error: JSONRPCErrorObjectSchema.optional(),
});
/** A task with its result, error or input requests. */
export type DetailedTask = z.infer<typeof DetailedTaskSchema>;

/** What a request answers with when the server runs it as a task: `resultType: 'task'`. */
export const CreateTaskResultSchema = TaskSchema.extend({
  ...resultBase,
  resultType: z.literal('task'),
});
/** A task handle in place of a result (2026-07-28 extension). */
export type CreateTaskResult = z.infer<typeof CreateTaskResultSchema>;

const taskIdParams = RequestParamsSchema.extend({ taskId: z.string() });

/** `tasks/get`: the task's current state (both task flavours). */
export const GetTaskRequestSchema = z.looseObject({
  method: z.literal('tasks/get'),
  params: taskIdParams,
});
/** `tasks/get` request. */
export type GetTaskRequest = z.infer<typeof GetTaskRequestSchema>;

/** The answer to `tasks/get` (2026-07-28 extension). */
export const GetTaskResultSchema = DetailedTaskSchema.extend({ ...resultBase });
/** The answer to `tasks/get`. */
export type GetTaskResult = z.infer<typeof GetTaskResultSchema>;

/** `tasks/update` (2026-07-28 extension): answers to the task's outstanding input requests. */
export const UpdateTaskRequestSchema = z.looseObject({
  method: z.literal('tasks/update'),
  params: taskIdParams.extend({ inputResponses: InputResponsesSchema }),
});
/** `tasks/update` request. */
export type UpdateTaskRequest = z.infer<typeof UpdateTaskRequestSchema>;

/** `tasks/cancel`: please stop (cooperative; both task flavours). */
export const CancelTaskRequestSchema = z.looseObject({
  method: z.literal('tasks/cancel'),
  params: taskIdParams,
});
/** `tasks/cancel` request. */
export type CancelTaskRequest = z.infer<typeof CancelTaskRequestSchema>;

/** 2026-07-28 extension: a task's new state, on a `subscriptions/listen` stream. */
export const TaskStatusNotificationSchema = z.looseObject({
  method: z.literal('notifications/tasks'),
  params: DetailedTaskSchema.extend({ _meta: z.looseObject({}).optional() }),
});
/** `notifications/tasks`. */
export type TaskStatusNotification = z.infer<typeof TaskStatusNotificationSchema>;

// ---- Experimental tasks of 2025-11-25 ----

/** A task of the experimental tasks of 2025-11-25 (`ttl` and `pollInterval` in ms). */
export const ExperimentalTaskSchema = z.looseObject({
  ...taskBase,
  ttl: z.number().nullable(),
  pollInterval: z.number().optional(),
});
/** A task (2025-11-25). */
export type ExperimentalTask = z.infer<typeof ExperimentalTaskSchema>;

/** 2025-11-25: what a task-augmented request answers with. */
export const ExperimentalCreateTaskResultSchema = z.looseObject({
  task: ExperimentalTaskSchema,
  ...resultBase,
});
/** A task handle (2025-11-25). */
export type ExperimentalCreateTaskResult = z.infer<typeof ExperimentalCreateTaskResultSchema>;

/** 2025-11-25: the answer to `tasks/get` and `tasks/cancel`, the task itself. */
export const ExperimentalTaskResultSchema = ExperimentalTaskSchema.extend({ ...resultBase });
/** The answer to `tasks/get` or `tasks/cancel` (2025-11-25). */
export type ExperimentalTaskResult = z.infer<typeof ExperimentalTaskResultSchema>;

/** 2025-11-25 `tasks/result`: wait for the task's result (the original request's result). */
export const GetTaskPayloadRequestSchema = z.looseObject({
  method: z.literal('tasks/result'),
  params: taskIdParams,
});
/** `tasks/result` request. */
export type GetTaskPayloadRequest = z.infer<typeof GetTaskPayloadRequestSchema>;

/** 2025-11-25 `tasks/list`, paged. */
export const ListTasksRequestSchema = z.looseObject({
  method: z.literal('tasks/list'),
  params: PaginatedRequestParamsSchema.optional(),
});
/** `tasks/list` request. */
export type ListTasksRequest = z.infer<typeof ListTasksRequestSchema>;

/** One page of tasks (2025-11-25). */
export const ListTasksResultSchema = z.looseObject({
  tasks: z.array(ExperimentalTaskSchema),
  ...paginatedResultFields,
});
/** One page of tasks. */
export type ListTasksResult = z.infer<typeof ListTasksResultSchema>;

/**
 * `notifications/tasks/status`: a task's new status. 2025-11-25 sends an experimental task;
 * the later drafts of the tasks extension reuse the name for a 2026-07-28 task, so both read.
 */
export const ExperimentalTaskStatusNotificationSchema = z.looseObject({
  method: z.literal('notifications/tasks/status'),
  params: z.union([
    ExperimentalTaskSchema.extend(NotificationParamsSchema.shape),
    DetailedTaskSchema.extend(NotificationParamsSchema.shape),
  ]),
});
/** `notifications/tasks/status`. */
export type ExperimentalTaskStatusNotification = z.infer<
  typeof ExperimentalTaskStatusNotificationSchema
>;

/** Whether `value` is a 2026-07-28 task handle (`resultType: 'task'`). */
export const isCreateTaskResult = (value: unknown): value is CreateTaskResult =>
  CreateTaskResultSchema.safeParse(value).success;
