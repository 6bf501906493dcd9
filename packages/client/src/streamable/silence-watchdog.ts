/**
 * Calls `onSilent` once a stream stayed silent longer than `windowMs`: the server sends
 * heartbeat comments, so a stream with no byte for a few heartbeat intervals is a dead peer
 * (a NAT that forgot us, a stuck proxy) and is resumed rather than waited on until the
 * timeout. One timestamp per chunk and a coarse interval: no timer reset on every read.
 */
export class SilenceWatchdog {
  readonly #windowMs: number;
  #lastByteAt = Date.now();
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(windowMs: number, onSilent: () => void) {
    this.#windowMs = windowMs;
    this.#timer = setInterval(
      () => {
        if (Date.now() - this.#lastByteAt <= this.#windowMs) return;
        this.stop();
        onSilent();
      },
      Math.max(10, Math.floor(windowMs / 4)),
    );
    (this.#timer as { unref?: () => void }).unref?.();
  }

  /** Bytes arrived. */
  touch(): void {
    this.#lastByteAt = Date.now();
  }

  /** The stream ended: no more checks. */
  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
