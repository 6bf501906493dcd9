import type { AddressInfo } from 'node:net';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { seededRandom } from './seeded-random.js';

/** Where the proxy forwards to. */
export interface ProxyTarget {
  host: string;
  port: number;
}

/** Options of {@link ChaosProxy.start}. */
export interface ChaosProxyOptions {
  /** Where to forward; `undefined` refuses every connection (a server that is down). */
  target: ProxyTarget | undefined;
  /** Seed of every random decision. */
  seed: number;
  /**
   * A connection's bytes (both ways) run through windows of a uniform [0, maxBytesBeforeCut)
   * length; at the end of each window a POST connection is cut with this chance (0..1).
   */
  cutChance?: number;
  /** The same chance for an SSE stream (a GET); default `cutChance`. */
  sseCutChance?: number;
  /** Upper bound of a window's length in bytes. */
  maxBytesBeforeCut?: number;
  /** The same bound for an SSE stream (a GET); default `maxBytesBeforeCut`. */
  sseMaxBytesBeforeCut?: number;
  /** Chance that a doomed SSE stream (a GET) goes silent instead of closing (0..1). */
  stallChance?: number;
  /**
   * Cuts at most; after that every connection is left alone, so the run can finish. POSTs get
   * two thirds of it at most: fast POSTs would otherwise use it all before a GET stream that
   * carries only heartbeats reached its first window.
   */
  maxCuts?: number;
}

/** What the proxy did. */
export interface ChaosStats {
  connections: number;
  /** Connections closed mid-flight, of any kind. */
  cuts: number;
  /** Of those, SSE streams (GET). */
  sseCuts: number;
  /** Of those, POST connections. */
  postCuts: number;
  /** SSE streams left open but silent: only the client's watchdog notices. */
  stalls: number;
  /** Connections refused while there was no target. */
  refused: number;
}

interface Pair {
  client: Socket;
  upstream: Socket | undefined;
  /** From the request's first bytes: a GET is the SSE stream, anything else a POST. */
  kind: 'sse' | 'post' | undefined;
}

/**
 * A TCP proxy that breaks things: every connection may be cut after a random number of
 * bytes (anywhere: inside a request, a response or an SSE event), and an SSE stream may
 * go silent instead. Deterministic given the seed,
 * bounded by `maxCuts`. `cutAll()` and `setTarget()` script outages and restarts.
 */
export class ChaosProxy {
  readonly stats: ChaosStats = {
    connections: 0,
    cuts: 0,
    sseCuts: 0,
    postCuts: 0,
    stalls: 0,
    refused: 0,
  };
  readonly #server: Server;
  readonly #options: Required<Omit<ChaosProxyOptions, 'target' | 'seed'>>;
  readonly #random: () => number;
  readonly #pairs = new Set<Pair>();
  #target: ProxyTarget | undefined;
  /** Chaos on or off (off: a plain proxy). */
  chaos = true;

  private constructor(options: ChaosProxyOptions) {
    this.#target = options.target;
    this.#random = seededRandom(options.seed);
    this.#options = {
      cutChance: options.cutChance ?? 0.5,
      sseCutChance: options.sseCutChance ?? options.cutChance ?? 0.5,
      maxBytesBeforeCut: options.maxBytesBeforeCut ?? 8000,
      sseMaxBytesBeforeCut: options.sseMaxBytesBeforeCut ?? options.maxBytesBeforeCut ?? 8000,
      stallChance: options.stallChance ?? 0.25,
      maxCuts: options.maxCuts ?? 50,
    };
    this.#server = createServer((client) => this.#accept(client));
  }

  /** Starts a proxy on 127.0.0.1, port 0. */
  static async start(options: ChaosProxyOptions): Promise<ChaosProxy> {
    const proxy = new ChaosProxy(options);
    await new Promise<void>((resolve, reject) => {
      proxy.#server.once('error', reject);
      proxy.#server.listen(0, '127.0.0.1', () => resolve());
    });
    return proxy;
  }

  /** The proxy's own origin. */
  get origin(): string {
    const { port } = this.#server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** Forwards new connections here from now on; `undefined` refuses them. */
  setTarget(target: ProxyTarget | undefined): void {
    this.#target = target;
  }

  /** Cuts every open connection now (an outage); counted as cuts. */
  cutAll(): number {
    let count = 0;
    for (const pair of [...this.#pairs]) {
      this.#count(pair);
      this.#destroy(pair);
      count++;
    }
    return count;
  }

  /** Closes the proxy and every connection through it. */
  async close(): Promise<void> {
    for (const pair of [...this.#pairs]) this.#destroy(pair);
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #accept(client: Socket): void {
    this.stats.connections++;
    client.on('error', () => {});
    const target = this.#target;
    if (target === undefined) {
      this.stats.refused++;
      client.destroy();
      return;
    }
    // One generator per connection, seeded in accept order: the seed fixes every decision
    // whatever the timing between connections.
    const random = seededRandom(Math.floor(this.#random() * 2 ** 32));
    const maxBytes = () =>
      pair.kind === 'sse' ? this.#options.sseMaxBytesBeforeCut : this.#options.maxBytesBeforeCut;
    const upstream = createConnection(target.port, target.host);
    upstream.on('error', () => {});
    const pair: Pair = { client, upstream, kind: undefined };
    this.#pairs.add(pair);
    let seen = 0;
    // A window is drawn once the request shows its kind (a GET's windows are shorter).
    let windowEnd = -1;
    let silent = false;
    const forward = (from: Socket, to: Socket, chunk: Buffer) => {
      if (silent) return;
      // A GET's own request is passed whole: its windows are short (a few heartbeat bytes), so
      // counting its ~300 request bytes would cut nearly every resume before it is sent, and
      // a client would run out of attempts against a proxy no real network resembles.
      if (pair.kind === 'sse' && from === client) {
        to.write(chunk);
        return;
      }
      if (windowEnd < 0) windowEnd = seen + Math.floor(random() * maxBytes());
      const { maxCuts } = this.#options;
      const spent =
        this.stats.cuts >= maxCuts ||
        (pair.kind !== 'sse' && this.stats.postCuts >= Math.ceil((maxCuts * 2) / 3));
      if (!this.chaos || spent) {
        to.write(chunk);
        return;
      }
      // The bytes run through windows of random length; at the end of each a draw decides
      // whether the connection is cut right there, so long-lived connections are not spared.
      while (seen + chunk.length > windowEnd) {
        const chance = pair.kind === 'sse' ? this.#options.sseCutChance : this.#options.cutChance;
        if (random() < chance) {
          this.#cut(pair, from, to, chunk.subarray(0, windowEnd - seen), random);
          silent = true;
          return;
        }
        windowEnd += 1 + Math.floor(random() * maxBytes());
      }
      seen += chunk.length;
      to.write(chunk);
    };
    client.on('data', (chunk: Buffer) => {
      // Each request on a kept-alive connection sets its kind anew (a GET after POSTs).
      const head = chunk.toString('latin1', 0, 5);
      if (head.startsWith('GET ')) {
        // A GET on a connection kept alive after POSTs: its own, shorter window from here.
        if (pair.kind !== 'sse') windowEnd = -1;
        pair.kind = 'sse';
      } else if (head === 'POST ' || pair.kind === undefined) pair.kind = 'post';
      forward(client, upstream, chunk);
    });
    upstream.on('data', (chunk: Buffer) => forward(upstream, client, chunk));
    client.on('end', () => upstream.end());
    upstream.on('end', () => client.end());
    client.on('close', () => this.#destroy(pair));
    upstream.on('close', () => this.#destroy(pair));
  }

  /** Cuts after delivering `part`, or, for an SSE stream, may leave it open and silent. */
  #cut(pair: Pair, from: Socket, to: Socket, part: Buffer, random: () => number): void {
    this.#count(pair);
    if (pair.kind === 'sse' && random() < this.#options.stallChance) {
      // Stays open, says nothing more: a dead peer behind a NAT or a stuck proxy.
      this.stats.stalls++;
      if (part.length > 0) to.write(part);
      return;
    }
    if (part.length > 0) to.write(part, () => this.#destroy(pair));
    else this.#destroy(pair);
    from.destroy();
  }

  #count(pair: Pair): void {
    this.stats.cuts++;
    if (pair.kind === 'sse') this.stats.sseCuts++;
    else this.stats.postCuts++;
  }

  #destroy(pair: Pair): void {
    if (!this.#pairs.delete(pair)) return;
    pair.client.destroy();
    pair.upstream?.destroy();
  }
}
