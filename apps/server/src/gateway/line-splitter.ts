/**
 * Cuts a byte stream into lines ('\n', a trailing '\r' removed) without letting one
 * endless line grow without bound: past `maxBytes` the rest of that line is skipped and
 * `onOverlong` says how long it was.
 */
export class LineSplitter {
  readonly #maxBytes: number;
  readonly #onLine: (line: string) => void;
  readonly #onOverlong: (bytes: number, head: string) => void;
  #parts: Buffer[] = [];
  #size = 0;
  /** Bytes of the current line dropped because it passed the bound. */
  #dropped = 0;

  constructor(
    maxBytes: number,
    onLine: (line: string) => void,
    onOverlong: (bytes: number, head: string) => void,
  ) {
    this.#maxBytes = maxBytes;
    this.#onLine = onLine;
    this.#onOverlong = onOverlong;
  }

  /** Feeds one chunk; complete lines are handed out at once. */
  push(chunk: Buffer): void {
    let start = 0;
    for (;;) {
      const end = chunk.indexOf(10, start);
      if (end === -1) {
        this.#keep(chunk.subarray(start));
        return;
      }
      this.#keep(chunk.subarray(start, end));
      this.#emit();
      start = end + 1;
    }
  }

  /** Hands out what is left when the stream ends without a final newline. */
  end(): void {
    if (this.#size > 0 || this.#dropped > 0) this.#emit();
  }

  #keep(part: Buffer): void {
    if (part.length === 0) return;
    const room = this.#maxBytes - this.#size;
    if (part.length > room) {
      if (room > 0) this.#take(part.subarray(0, room));
      this.#dropped += part.length - Math.max(0, room);
      return;
    }
    this.#take(part);
  }

  #take(part: Buffer): void {
    // Copied: the stream may reuse its buffer.
    this.#parts.push(Buffer.from(part));
    this.#size += part.length;
  }

  #emit(): void {
    let line = Buffer.concat(this.#parts, this.#size).toString('utf8');
    const dropped = this.#dropped;
    const total = this.#size + dropped;
    this.#parts = [];
    this.#size = 0;
    this.#dropped = 0;
    if (dropped > 0) {
      this.#onOverlong(total, line.slice(0, 200));
      return;
    }
    if (line.endsWith('\r')) line = line.slice(0, -1);
    this.#onLine(line);
  }
}
