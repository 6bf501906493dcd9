/** The bounds of a {@link FinishedRing}. */
export interface FinishedRingLimits {
  /** Entries kept at most (an entry replaced but not yet at the front still counts). */
  maxCount: number;
  /** Bytes the entries may hold in all. */
  maxBytes: number;
}

/** Slots dropped from the front before the arrays are compacted (amortised O(1) per entry). */
const COMPACT_AFTER = 256;

/**
 * What a Streamable HTTP session keeps of its finished streams, oldest first, bounded by
 * count and bytes (always at least the newest entry): key -> value with O(1) add, look-up,
 * replace and eviction of the oldest. A busy session replaces one entry per answer, so
 * this is a ring of slots rather than an array shifted per answer (a memmove of the whole
 * window each time) or a Map used as a queue (whose oldest entry is found by skipping
 * every deleted one before it).
 */
export class FinishedRing<T> {
  readonly #limits: FinishedRingLimits;
  readonly #onEvict: (key: string, value: T) => void;
  /** Key -> position (slot index + #base) of its live slot. */
  readonly #positions = new Map<string, number>();
  #keys: (string | undefined)[] = [];
  #values: (T | undefined)[] = [];
  #sizes: number[] = [];
  /** Position of slot 0 (slots before it were compacted away). */
  #base = 0;
  /** Index of the oldest slot still counted. */
  #head = 0;
  #bytes = 0;

  /** `onEvict` hears each entry dropped to stay within the limits (not those replaced or deleted). */
  constructor(limits: FinishedRingLimits, onEvict: (key: string, value: T) => void) {
    this.#limits = limits;
    this.#onEvict = onEvict;
  }

  /** Live entries. */
  get size(): number {
    return this.#positions.size;
  }

  /** Bytes the live entries hold. */
  get bytes(): number {
    return this.#bytes;
  }

  /** The value kept under `key`. */
  get(key: string): T | undefined {
    const position = this.#positions.get(key);
    return position === undefined ? undefined : this.#values[position - this.#base];
  }

  /** Whether `key` is kept. */
  has(key: string): boolean {
    return this.#positions.has(key);
  }

  /** Keeps `value` as the newest entry (replacing what `key` held), then drops the oldest beyond the limits. */
  set(key: string, value: T, bytes: number): void {
    this.delete(key);
    this.#positions.set(key, this.#base + this.#keys.length);
    this.#keys.push(key);
    this.#values.push(value);
    this.#sizes.push(bytes);
    this.#bytes += bytes;
    const { maxCount, maxBytes } = this.#limits;
    while (
      this.#keys.length - this.#head > 1 &&
      (this.#keys.length - this.#head > maxCount || this.#bytes > maxBytes)
    ) {
      this.#dropOldest();
    }
    if (this.#head >= COMPACT_AFTER && this.#head * 2 >= this.#keys.length) this.#compact();
  }

  /** Forgets `key` (its slot stays, empty, until it reaches the front). */
  delete(key: string): boolean {
    const position = this.#positions.get(key);
    if (position === undefined) return false;
    const index = position - this.#base;
    this.#positions.delete(key);
    this.#bytes -= this.#sizes[index]!;
    this.#keys[index] = undefined;
    this.#values[index] = undefined;
    this.#sizes[index] = 0;
    return true;
  }

  /** Forgets everything (without `onEvict`). */
  clear(): void {
    this.#positions.clear();
    this.#keys = [];
    this.#values = [];
    this.#sizes = [];
    this.#base = 0;
    this.#head = 0;
    this.#bytes = 0;
  }

  #dropOldest(): void {
    const index = this.#head++;
    const key = this.#keys[index];
    if (key === undefined) return; // replaced or deleted earlier
    const value = this.#values[index] as T;
    this.#positions.delete(key);
    this.#bytes -= this.#sizes[index]!;
    this.#keys[index] = undefined;
    this.#values[index] = undefined;
    this.#onEvict(key, value);
  }

  #compact(): void {
    // In place: the same arrays, no new ones per compaction.
    const head = this.#head;
    const length = this.#keys.length - head;
    this.#keys.copyWithin(0, head);
    this.#keys.length = length;
    this.#values.copyWithin(0, head);
    this.#values.length = length;
    this.#sizes.copyWithin(0, head);
    this.#sizes.length = length;
    this.#base += head;
    this.#head = 0;
  }
}
