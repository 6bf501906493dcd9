import { FeatureError } from './feature-error.js';

/**
 * A live set of resources, templates or prompts, keyed by URI, template or name. Lists are
 * sorted by key (code unit order), so pages are stable across instances and restarts and a
 * cursor can name the last key it saw. Listeners hear every change (list_changed).
 */
export class FeatureRegistry<T> {
  readonly #items = new Map<string, T>();
  readonly #listeners = new Set<() => void>();
  readonly #what: string;
  readonly #keyOf: (item: T) => string;
  #sorted: T[] | undefined;

  constructor(what: string, keyOf: (item: T) => string, items: Iterable<T> = []) {
    this.#what = what;
    this.#keyOf = keyOf;
    for (const item of items) this.#put(item);
  }

  /** Adds an item; throws `duplicate` if its key is taken. Notifies listeners. */
  add(item: T): void {
    this.#put(item);
    this.#changed();
  }

  /** Removes by key; returns whether it existed. Notifies listeners when it did. */
  remove(key: string): boolean {
    const removed = this.#items.delete(key);
    if (removed) this.#changed();
    return removed;
  }

  /** The item with this key. */
  get(key: string): T | undefined {
    return this.#items.get(key);
  }

  /** How many are registered. */
  get size(): number {
    return this.#items.size;
  }

  /** Every item, sorted by key (cached until the next change). */
  list(): readonly T[] {
    this.#sorted ??= [...this.#items.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, item]) => item);
    return this.#sorted;
  }

  /** The key of an item. */
  keyOf(item: T): string {
    return this.#keyOf(item);
  }

  /** Calls `listener` after every change; returns the function that unsubscribes. */
  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #put(item: T): void {
    const key = this.#keyOf(item);
    if (this.#items.has(key)) {
      throw new FeatureError(
        'duplicate',
        `A ${this.#what} ${key} is already registered: remove it first or pick another`,
      );
    }
    this.#items.set(key, item);
  }

  #changed(): void {
    this.#sorted = undefined;
    for (const listener of this.#listeners) listener();
  }
}
