import type { TaskRecord } from './task-record.js';

/**
 * Where tasks live. The memory store serves one instance; a shared store lets any instance
 * behind one URL answer `tasks/get`, `tasks/update` and `tasks/cancel` for any task.
 * Implementations drop records once their `ttlMs` has passed (a store may keep them longer,
 * never shorter).
 */
export interface TaskStore {
  /** Stores a new or changed record; resolves once a `get` anywhere would see it. */
  put(record: TaskRecord): Promise<void>;
  /** The record, or undefined when unknown or expired. */
  get(taskId: string): Promise<TaskRecord | undefined>;
  /** The live records of an owner (undefined: tasks created without auth), oldest first. */
  list(owner: string | undefined): Promise<TaskRecord[]>;
  /**
   * Answers for a task's input requests, from `tasks/update` on any instance. The instance
   * running the task takes them with {@link takeResponses}; a shared store also wakes it.
   */
  addResponses(taskId: string, responses: Record<string, unknown>): Promise<void>;
  /** Takes (and removes) the answers waiting for a task. */
  takeResponses(taskId: string): Promise<Record<string, unknown>>;
  /** Calls `listener` with a task id whenever answers arrive for it; returns an unsubscribe. */
  onResponses(listener: (taskId: string) => void): () => void;
}
