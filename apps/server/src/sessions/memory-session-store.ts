import type { SessionRecord, SessionStore } from './session-store.js';

/** The default {@link SessionStore}: a Map in this process. */
export class MemorySessionStore implements SessionStore {
  readonly #records = new Map<string, SessionRecord>();

  async create(record: SessionRecord): Promise<void> {
    this.#records.set(record.id, { ...record });
  }

  get(id: string): SessionRecord | undefined {
    return this.#records.get(id);
  }

  touch(id: string, now: number): void {
    const record = this.#records.get(id);
    if (record !== undefined) record.lastActiveAt = now;
  }

  async delete(id: string): Promise<void> {
    this.#records.delete(id);
  }

  async count(): Promise<number> {
    return this.#records.size;
  }

  async idleSince(before: number): Promise<string[]> {
    const ids: string[] = [];
    for (const record of this.#records.values()) {
      if (record.lastActiveAt < before) ids.push(record.id);
    }
    return ids;
  }
}
