/** One stream's share of an {@link OutboundBudget}. */
export interface BudgetShare {
  /** Records the bytes now waiting in this stream's socket buffer (then enforces the bounds). */
  set(bytes: number): void;
  /** Forgets the stream (closed): its bytes no longer count. */
  release(): void;
}

interface Holder {
  readonly client: string;
  readonly cut: (reason: string) => void;
  bytes: number;
}

/**
 * Bytes waiting for slow readers, counted across every stream of the server and per client
 * (a principal, or an address when anonymous). The per-session cut-off alone let 100 streams
 * that never read hold 900 MB; past either bound here the streams with the most bytes
 * waiting (the slowest readers) are cut until the total is back under it.
 */
export class OutboundBudget {
  readonly #maxTotal: number;
  readonly #maxPerClient: number;
  /** Streams with bytes waiting; the others cost nothing here. */
  readonly #holders = new Set<Holder>();
  readonly #byClient = new Map<string, number>();
  #total = 0;

  constructor(maxTotal: number, maxPerClient: number) {
    this.#maxTotal = maxTotal;
    this.#maxPerClient = maxPerClient;
  }

  /** Bytes waiting across the server now. */
  get bytes(): number {
    return this.#total;
  }

  /** Bytes waiting for one client's streams now. */
  bytesOf(client: string): number {
    return this.#byClient.get(client) ?? 0;
  }

  /** Starts counting a stream of `client`; `cut` closes it when it must go. */
  track(client: string, cut: (reason: string) => void): BudgetShare {
    const holder: Holder = { client, cut, bytes: 0 };
    return {
      set: (bytes) => {
        this.#set(holder, bytes);
        this.#enforce(holder.client);
      },
      release: () => this.#set(holder, 0),
    };
  }

  #set(holder: Holder, bytes: number): void {
    const delta = bytes - holder.bytes;
    if (delta === 0) return;
    holder.bytes = bytes;
    this.#total += delta;
    const clientBytes = (this.#byClient.get(holder.client) ?? 0) + delta;
    if (clientBytes > 0) this.#byClient.set(holder.client, clientBytes);
    else this.#byClient.delete(holder.client);
    if (bytes > 0) this.#holders.add(holder);
    else this.#holders.delete(holder);
  }

  #enforce(client: string): void {
    while ((this.#byClient.get(client) ?? 0) > this.#maxPerClient) {
      const reason = `this client's streams hold more than ${this.#maxPerClient} unread bytes (maxBufferedBytesPerClient)`;
      if (!this.#cutLargest((holder) => holder.client === client, reason)) break;
    }
    while (this.#total > this.#maxTotal) {
      const reason = `the server's streams hold more than ${this.#maxTotal} unread bytes (maxBufferedBytesTotal)`;
      if (!this.#cutLargest(() => true, reason)) break;
    }
  }

  /** Cuts the stream with the most bytes waiting among those that `fits`. */
  #cutLargest(fits: (holder: Holder) => boolean, reason: string): boolean {
    let largest: Holder | undefined;
    for (const holder of this.#holders) {
      if (fits(holder) && (largest === undefined || holder.bytes > largest.bytes)) largest = holder;
    }
    if (largest === undefined) return false;
    // Released first: cutting may write or call back into the budget.
    this.#set(largest, 0);
    largest.cut(`slowest reader cut: ${reason}`);
    return true;
  }
}
