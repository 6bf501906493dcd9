/**
 * Who may reuse a cached result (2026-07-28 `cacheScope`): `public` results are the same for
 * every caller, `private` ones only within the authorization context that fetched them.
 */
export type CacheScope = 'public' | 'private';

/** The methods whose results carry caching hints (`ttlMs`, `cacheScope`). */
export const CACHEABLE_METHODS: ReadonlySet<string> = new Set([
  'server/discover',
  'tools/list',
  'prompts/list',
  'resources/list',
  'resources/templates/list',
  'resources/read',
]);

/** What a cached result is looked up by. */
export interface ResultCacheKey {
  /** The server (its MCP endpoint URL). */
  server: string;
  /** The authorization context of the caller: private results never leave it. */
  context: string;
  method: string;
  /** The params that shape the result (`cursor`, `uri`); `_meta` is left out. */
  params: Record<string, unknown> | undefined;
}

/** Options of {@link ResultCache}. */
export interface ResultCacheOptions {
  /** Entries kept at most; the least recently used go first (default 1000). */
  maxEntries?: number;
}

interface Entry {
  result: Record<string, unknown>;
  expiresAt: number;
}

/**
 * Results of list and read requests kept while the server says they are fresh: `ttlMs`
 * from the result (absent or 0: not kept), `cacheScope` deciding who may reuse it. A
 * `public` result is shared by every client using this cache for the same server; a
 * `private` one (or one with no scope: the safe reading) only by clients of the same
 * authorization context. One cache per client by default; give several clients the same
 * instance (the `cache` option) to share public results between them.
 */
export class ResultCache {
  readonly #entries = new Map<string, Entry>();
  readonly #maxEntries: number;

  constructor(options: ResultCacheOptions = {}) {
    const max = options.maxEntries;
    this.#maxEntries = typeof max === 'number' && Number.isFinite(max) && max >= 0 ? max : 1000;
  }

  /** Entries held now (fresh or not yet swept). */
  get size(): number {
    return this.#entries.size;
  }

  /** A fresh result for `key`: a public one for the server, else one of `key.context`. */
  get(key: ResultCacheKey, now = Date.now()): Record<string, unknown> | undefined {
    return this.#fresh(entryKey(key, 'public'), now) ?? this.#fresh(entryKey(key, 'private'), now);
  }

  /**
   * Keeps `result` for as long as its `ttlMs` says, in the partition its `cacheScope` names.
   * Results that are not complete (`input_required`) or carry no positive `ttlMs` are not kept.
   */
  set(key: ResultCacheKey, result: Record<string, unknown>, now = Date.now()): void {
    const ttl = result.ttlMs;
    if (typeof ttl !== 'number' || !Number.isFinite(ttl) || ttl <= 0) return;
    if (result.resultType !== undefined && result.resultType !== 'complete') return;
    const scope: CacheScope = result.cacheScope === 'public' ? 'public' : 'private';
    // One copy: the same request must not be served from a stale scope later.
    this.#entries.delete(entryKey(key, scope === 'public' ? 'private' : 'public'));
    const id = entryKey(key, scope);
    this.#entries.delete(id);
    this.#entries.set(id, { result, expiresAt: now + ttl });
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
  }

  /**
   * Forgets the results of `method` from `server` (every context: the server said the list
   * changed), or only the one for `params` when given (`resources/read` of one URI).
   */
  invalidate(server: string, method: string, params?: Record<string, unknown>): void {
    const prefix = `${JSON.stringify(server)}\u0000`;
    const suffix = params === undefined ? undefined : `\u0000${canonical(params)}`;
    for (const id of [...this.#entries.keys()]) {
      if (!id.startsWith(prefix)) continue;
      const [, , entryMethod] = id.split('\u0000');
      if (entryMethod !== method) continue;
      if (suffix === undefined || id.endsWith(suffix)) this.#entries.delete(id);
    }
  }

  /** Forgets everything. */
  clear(): void {
    this.#entries.clear();
  }

  #fresh(id: string, now: number): Record<string, unknown> | undefined {
    const entry = this.#entries.get(id);
    if (entry === undefined) return undefined;
    if (now >= entry.expiresAt) {
      this.#entries.delete(id);
      return undefined;
    }
    // Most recently used last, so the bound drops the least used.
    this.#entries.delete(id);
    this.#entries.set(id, entry);
    return entry.result;
  }
}

function entryKey(key: ResultCacheKey, scope: CacheScope): string {
  const partition = scope === 'public' ? 'public' : `private:${key.context}`;
  return [JSON.stringify(key.server), partition, key.method, canonical(key.params)].join('\u0000');
}

/** The params as a key: `_meta` left out, members sorted, so equal requests match. */
function canonical(params: Record<string, unknown> | undefined): string {
  if (params === undefined) return '{}';
  const entries = Object.entries(params).filter(([name]) => name !== '_meta');
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(entries);
}
