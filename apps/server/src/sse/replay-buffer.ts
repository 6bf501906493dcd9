/** One event kept for replay: its sequence number, its exact wire text and its size. */
interface Entry {
  seq: number;
  text: string;
  /** Wire text that follows `text`, shared by many sessions' entries (a tools list). */
  tail: string;
  bytes: number;
  /** Dropped before any entry that is not: a notification, or an event already sent. */
  expendable: boolean;
}

/**
 * The last events of a session, bounded by count and by bytes, so that a client that
 * reconnects with `Last-Event-ID` gets what it missed. When over a bound, the oldest
 * expendable event falls out first (a notification, or anything already written to a live
 * stream), and only then the oldest of the rest: the answers produced while no stream was
 * attached. So a long call's progress cannot push out the result of a call that finished
 * while the client was away; on a live stream this is plain oldest-first.
 */
export class ReplayBuffer {
  /** Kept events from `#head` on; slots before it are released (undefined). */
  readonly #entries: Array<Entry | undefined> = [];
  readonly #maxEvents: number;
  readonly #maxBytes: number;
  #head = 0;
  #bytes = 0;
  #expendable = 0;
  #dropped = 0;

  constructor(maxEvents: number, maxBytes: number) {
    this.#maxEvents = maxEvents;
    this.#maxBytes = maxBytes;
  }

  /** Keeps an event. */
  push(seq: number, text: string, expendable = false, tail = ''): void {
    // UTF-8 bytes, not UTF-16 units: the limit is about memory and wire size.
    const bytes = Buffer.byteLength(text) + (tail === '' ? 0 : Buffer.byteLength(tail));
    this.#entries.push({ seq, text, tail, bytes, expendable });
    this.#bytes += bytes;
    if (expendable) this.#expendable++;
    while (this.size > this.#maxEvents || (this.#bytes > this.#maxBytes && this.size > 1)) {
      this.#evict();
    }
    // Compact now and then instead of shifting on every push; the released slots before
    // the head hold nothing, so this only bounds the array's own length.
    if (this.#head > 64 && this.#head * 2 > this.#entries.length) {
      this.#entries.splice(0, this.#head);
      this.#head = 0;
    }
  }

  #evict(): void {
    let index = this.#head;
    // Only answers at the head while notifications wait behind them: drop a notification.
    if (!this.#entries[index]!.expendable && this.#expendable > 0) {
      while (!this.#entries[index]!.expendable) index++;
    }
    const entry = this.#entries[index]!;
    this.#bytes -= entry.bytes;
    if (entry.expendable) this.#expendable--;
    if (entry.seq > this.#dropped) this.#dropped = entry.seq;
    if (index === this.#head) {
      // Release the entry now: keeping it until the next compaction kept megabytes of
      // evicted text reachable, so the byte bound did not bound memory.
      this.#entries[index] = undefined;
      this.#head++;
    } else {
      this.#entries.splice(index, 1);
    }
  }

  /** Marks every kept event expendable: they were just sent (a resume replayed them). */
  releaseAll(): void {
    for (let i = this.#head; i < this.#entries.length; i++) this.#entries[i]!.expendable = true;
    this.#expendable = this.size;
  }

  /** Events kept now. */
  get size(): number {
    return this.#entries.length - this.#head;
  }

  /** Bytes kept now. */
  get bytes(): number {
    return this.#bytes;
  }

  /** The highest sequence number dropped so far (0 for none): a resume from before it has a gap. */
  get dropped(): number {
    return this.#dropped;
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
      if (entry.seq > seq) out += entry.text + entry.tail;
    }
    return out;
  }
}
