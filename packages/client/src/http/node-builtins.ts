import type * as NodeHttp from 'node:http';
import type * as NodeHttps from 'node:https';
import type * as NodeStream from 'node:stream';

/** The Node built-ins the fast HTTP path needs. */
export interface HttpBuiltins {
  http: typeof NodeHttp;
  https: typeof NodeHttps;
  stream: typeof NodeStream;
}

let cached: HttpBuiltins | null | undefined;

/**
 * Node's `http`, `https` and `stream` when running on Node (20.16+), else undefined (a
 * browser, a worker runtime): then the client keeps to `fetch`. Looked up at run time
 * through `process.getBuiltinModule`, since a static `node:` import would break every
 * browser bundle of the library.
 */
export function httpBuiltins(): HttpBuiltins | undefined {
  if (cached !== undefined) return cached ?? undefined;
  const get = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process
    ?.getBuiltinModule;
  if (typeof get !== 'function') {
    cached = null;
    return undefined;
  }
  const http = get('node:http') as typeof NodeHttp | undefined;
  const https = get('node:https') as typeof NodeHttps | undefined;
  const stream = get('node:stream') as typeof NodeStream | undefined;
  cached = http && https && stream ? { http, https, stream } : null;
  return cached ?? undefined;
}
