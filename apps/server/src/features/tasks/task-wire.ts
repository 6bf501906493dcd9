import type { TaskRecord } from './task-record.js';

/** The fields every 2026-07-28 task message carries. */
function handle(record: TaskRecord): Record<string, unknown> {
  return {
    taskId: record.taskId,
    status: record.status,
    ...(record.statusMessage === undefined ? {} : { statusMessage: record.statusMessage }),
    createdAt: record.createdAt,
    lastUpdatedAt: record.lastUpdatedAt,
    ttlMs: record.ttlMs,
    pollIntervalMs: record.pollIntervalMs,
  };
}

/** What `tools/call` answers when it runs as a task (2026-07-28): a flat `Result & Task`. */
export function createTaskResult(record: TaskRecord): Record<string, unknown> {
  return { resultType: 'task', ...handle(record) };
}

/**
 * The `tasks/get` answer (2026-07-28 DetailedTask): what the status calls for is inlined,
 * `inputRequests` while `input_required`, `result` once `completed`, `error` once `failed`.
 */
export function detailedTask(record: TaskRecord): Record<string, unknown> {
  const out: Record<string, unknown> = { resultType: 'complete', ...handle(record) };
  if (record.status === 'input_required' && record.inputRequests !== undefined) {
    out.inputRequests = record.inputRequests;
  }
  if (record.status === 'completed' && record.result !== undefined) out.result = record.result;
  if (record.status === 'failed' && record.error !== undefined) out.error = record.error;
  return out;
}

/** A task as the experimental tasks of 2025-11-25 spell it (`ttl`, `pollInterval`). */
export function experimentalTask(record: TaskRecord): Record<string, unknown> {
  return {
    taskId: record.taskId,
    status: record.status,
    ...(record.statusMessage === undefined ? {} : { statusMessage: record.statusMessage }),
    createdAt: record.createdAt,
    lastUpdatedAt: record.lastUpdatedAt,
    ttl: record.ttlMs,
    pollInterval: record.pollIntervalMs,
  };
}
