const MAX_DELAY = 2 ** 31 - 1;

/**
 * One timer for all pending requests instead of one per call: it is armed for the
 * earliest deadline only, and re-armed after each sweep. A deadline that moves later
 * (progress resets it) needs nothing, since the sweep simply finds it not due yet.
 */
export class DeadlineTimer {
  #timer: ReturnType<typeof setTimeout> | undefined;
  #armedAt = Number.POSITIVE_INFINITY;

  constructor(private readonly onDue: () => void) {}

  /** Makes sure the sweep runs no later than `at` (epoch ms). */
  schedule(at: number): void {
    if (at >= this.#armedAt) return;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#armedAt = at;
    const delay = Math.min(MAX_DELAY, Math.max(0, at - Date.now()));
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#armedAt = Number.POSITIVE_INFINITY;
      this.onDue();
    }, delay);
    // Pending requests alone must not keep a Node process alive; the stream does that.
    (this.#timer as { unref?: () => void }).unref?.();
  }

  /** Stops the timer. */
  clear(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#armedAt = Number.POSITIVE_INFINITY;
  }
}
