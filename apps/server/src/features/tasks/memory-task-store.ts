import { expiresAt, type TaskRecord } from './task-record.js';
import type { TaskStore } from './task-store.js';

/** Options of {@link MemoryTaskStore}. */
export interface MemoryTaskStoreOptions {
  /** Most records kept; the oldest terminal ones go first beyond it. Default 10000. */
  maxTasks?: number;
}

/**
 * A {@link TaskStore} in this process: tasks outlive the client's connection but not the
 * process, and only this instance can answer for them. Expired records are dropped when met.
 */
export class MemoryTaskStore implements TaskStore {
  readonly #records = new Map<string, TaskRecord>();
  readonly #responses = new Map<string, Record<string, unknown>>();
  readonly #listeners = new Set<(taskId: string) => void>();
  readonly #max: number;

  constructor(options: MemoryTaskStoreOptions = {}) {
    this.#max = Math.max(1, options.maxTasks ?? 10_000);
  }

  async put(record: TaskRecord): Promise<void> {
    this.#records.delete(record.taskId); // re-insert: Map order is update order
    this.#records.set(record.taskId, structuredClone(record));
    if (this.#records.size > this.#max) this.#evict();
  }

  async get(taskId: string): Promise<TaskRecord | undefined> {
    const record = this.#records.get(taskId);
    if (record === undefined) return undefined;
    if (expiresAt(record) <= Date.now()) {
      this.#records.delete(taskId);
      this.#responses.delete(taskId);
      return undefined;
    }
    return structuredClone(record);
  }

  async list(owner: string | undefined): Promise<TaskRecord[]> {
    const now = Date.now();
    return [...this.#records.values()]
      .filter((record) => record.owner === owner && expiresAt(record) > now)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.taskId.localeCompare(b.taskId))
      .map((record) => structuredClone(record));
  }

  async addResponses(taskId: string, responses: Record<string, unknown>): Promise<void> {
    this.#responses.set(taskId, { ...this.#responses.get(taskId), ...responses });
    for (const listener of this.#listeners) listener(taskId);
  }

  async takeResponses(taskId: string): Promise<Record<string, unknown>> {
    const responses = this.#responses.get(taskId) ?? {};
    this.#responses.delete(taskId);
    return responses;
  }

  onResponses(listener: (taskId: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Drops expired records, then the least recently changed ones, down to the limit. */
  #evict(): void {
    const now = Date.now();
    for (const [id, record] of this.#records) {
      if (expiresAt(record) <= now) this.#records.delete(id);
    }
    for (const id of this.#records.keys()) {
      if (this.#records.size <= this.#max) break;
      this.#records.delete(id);
      this.#responses.delete(id);
    }
  }
}
