/**
 * Where an OAuth provider keeps what it learned: client registrations (keyed by issuer),
 * tokens (keyed by issuer and resource) and which issuer protects a server. Values are plain
 * JSON; an implementation may keep them anywhere (memory, a file, a keychain).
 */
export interface AuthStorage {
  /** The value stored under `key`, or undefined. */
  get(key: string): Promise<unknown>;
  /** Stores `value` under `key`, replacing what was there. */
  set(key: string, value: unknown): Promise<void>;
  /** Forgets `key`. */
  delete(key: string): Promise<void>;
  /** Every key stored (for logout). */
  keys(): Promise<string[]>;
}

/** Keeps everything in memory, for one process (the default of the library). */
export class MemoryAuthStorage implements AuthStorage {
  readonly #values = new Map<string, unknown>();

  async get(key: string): Promise<unknown> {
    const value = this.#values.get(key);
    // A copy, so a caller editing it cannot change what is stored.
    return value === undefined ? undefined : structuredClone(value);
  }

  async set(key: string, value: unknown): Promise<void> {
    this.#values.set(key, structuredClone(value));
  }

  async delete(key: string): Promise<void> {
    this.#values.delete(key);
  }

  async keys(): Promise<string[]> {
    return [...this.#values.keys()];
  }
}
