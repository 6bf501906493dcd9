/** One event kept for replay: its sequence number, its exact wire text and its size. */
interface Entry {
  seq: number;
  text: string;
  bytes: number;
}

/**
 * The last events of a session, bounded by count and by bytes, so that a client that
 * reconnects with `Last-Event-ID` gets what it missed. Oldest events fall out first.
 */
export class ReplayBuffer {
  readonly #entries: Entry[] = [];
  readonly #maxEvents: number;
  readonly #maxBytes: number;
  #head = 0;
  #bytes = 0;

  constructor(maxEvents: number, maxBytes: number) {
    this.#maxEvents = maxEvents;
    this.#maxBytes = maxBytes;
  }

  /** Keeps an event. */
  push(seq: number, text: string): void {
    // UTF-8 bytes, not UTF-16 units: the limit is about memory and wire size.
    const bytes = Buffer.byteLength(text);
    this.#entries.push({ seq, text, bytes });
    this.#bytes += bytes;
    while (
      this.#entries.length - this.#head > this.#maxEvents ||
      (this.#bytes > this.#maxBytes && this.#entries.length - this.#head > 1)
    ) {
      this.#bytes -= this.#entries[this.#head]!.bytes;
      this.#head++;
    }
    // Compact now and then instead of shifting on every push.
    if (this.#head > 1024 && this.#head * 2 > this.#entries.length) {
      this.#entries.splice(0, this.#head);
      this.#head = 0;
    }
  }

  /** Events kept now. */
  get size(): number {
    return this.#entries.length - this.#head;
  }

  /** Bytes kept now. */
  get bytes(): number {
    return this.#bytes;
  }

  /** The oldest sequence number still kept, or undefined when empty. */
  get oldest(): number | undefined {
    return this.#entries[this.#head]?.seq;
  }

  /** The wire text of every kept event after `seq`, in order. */
  after(seq: number): string {
    let out = '';
    for (let i = this.#head; i < this.#entries.length; i++) {
      const entry = this.#entries[i]!;
      if (entry.seq > seq) out += entry.text;
    }
    return out;
  }
}
