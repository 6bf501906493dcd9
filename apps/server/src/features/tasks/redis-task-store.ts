import { type CoreLogger, silentLogger } from '../../core/logger.js';
import { RedisConnections, type RedisConnectOption } from '../../redis/redis-connections.js';
import { expiresAt, type TaskRecord } from './task-record.js';
import type { TaskStore } from './task-store.js';

/**
 * A {@link TaskStore} on Redis: every instance behind one URL reads the same tasks, so any
 * of them answers `tasks/get`, `tasks/update` and `tasks/cancel`. Answers to a task's
 * input requests are kept in a hash and announced on a channel, which wakes the instance
 * that runs the task's handler. Keys expire with the task's `ttlMs`.
 * It keeps its own two connections (commands and a subscriber), made on first use.
 */
export class RedisTaskStore implements TaskStore {
  readonly #conn: RedisConnections;
  readonly #prefix: string;
  readonly #channel: string;
  readonly #listeners = new Set<(taskId: string) => void>();
  #ready: Promise<void> | undefined;

  constructor(option: RedisConnectOption, options: { prefix?: string; logger?: CoreLogger } = {}) {
    this.#conn = new RedisConnections(option, options.logger ?? silentLogger);
    this.#prefix = `${this.#conn.keys.prefix}${options.prefix ?? 'task:'}`;
    this.#channel = `${this.#prefix}responses`;
  }

  /** Connects and subscribes once; a failure is retried by the next call. */
  #connected(): Promise<void> {
    this.#ready ??= (async () => {
      if (!(await this.#conn.connect())) throw new Error('Redis is not reachable for tasks');
      await this.#conn.listen(this.#channel, (taskId) => {
        for (const listener of this.#listeners) listener(taskId);
      });
    })().catch((error: unknown) => {
      this.#ready = undefined;
      throw error;
    });
    return this.#ready;
  }

  #key(taskId: string): string {
    return `${this.#prefix}{${taskId}}`;
  }

  #owners(owner: string | undefined): string {
    // An owner id is opaque text: JSON keeps "no owner" apart from any real one.
    return `${this.#prefix}owner:${JSON.stringify(owner ?? null)}`;
  }

  async put(record: TaskRecord): Promise<void> {
    await this.#connected();
    const left = expiresAt(record) - Date.now();
    if (left <= 0) return;
    const json = JSON.stringify(record);
    const multi = this.#conn.cmd.multi();
    if (Number.isFinite(left)) multi.set(this.#key(record.taskId), json, 'PX', Math.ceil(left));
    else multi.set(this.#key(record.taskId), json);
    multi.zadd(this.#owners(record.owner), Date.parse(record.createdAt), record.taskId);
    await multi.exec();
  }

  async get(taskId: string): Promise<TaskRecord | undefined> {
    await this.#connected();
    const json = await this.#conn.cmd.get(this.#key(taskId));
    return json === null ? undefined : (JSON.parse(json) as TaskRecord);
  }

  async list(owner: string | undefined): Promise<TaskRecord[]> {
    await this.#connected();
    const index = this.#owners(owner);
    const ids = await this.#conn.cmd.zrange(index, 0, -1);
    if (ids.length === 0) return [];
    const values = await this.#conn.cmd.mget(...ids.map((id) => this.#key(id)));
    const gone = ids.filter((_id, i) => values[i] === null);
    // Expired tasks leave the index lazily, when a listing meets them.
    if (gone.length > 0) await this.#conn.cmd.zrem(index, ...gone);
    return values.filter((v): v is string => v !== null).map((v) => JSON.parse(v) as TaskRecord);
  }

  async addResponses(taskId: string, responses: Record<string, unknown>): Promise<void> {
    await this.#connected();
    const entries = Object.entries(responses).flatMap(([key, value]) => [
      key,
      JSON.stringify(value),
    ]);
    if (entries.length === 0) return;
    const key = `${this.#key(taskId)}:responses`;
    await this.#conn.cmd
      .multi()
      .hset(key, ...entries)
      .pexpire(key, 3_600_000)
      .exec();
    await this.#conn.cmd.publish(this.#channel, taskId);
  }

  async takeResponses(taskId: string): Promise<Record<string, unknown>> {
    await this.#connected();
    const key = `${this.#key(taskId)}:responses`;
    const result = await this.#conn.cmd.multi().hgetall(key).del(key).exec();
    const raw = (result?.[0]?.[1] ?? {}) as Record<string, string>;
    return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, JSON.parse(v) as unknown]));
  }

  onResponses(listener: (taskId: string) => void): () => void {
    // No connection yet: the instance that runs a task stored it first, so it is subscribed
    // before anyone can answer; a server without task tools never connects.
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Closes the connections. */
  async close(): Promise<void> {
    await this.#conn.close();
  }
}
