import type { Agent, ClientRequest, IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import { ABORT_HANDLE, type AbortWatch } from './abort-handle.js';
import { type HttpBuiltins, httpBuiltins } from './node-builtins.js';
import { NodeResponse } from './node-response.js';

/**
 * A request or its body that sees no byte for this long is given up, as the global `fetch`
 * does (undici's `headersTimeout` / `bodyTimeout`): a server that took the connection and
 * then went silent, or a stream without heartbeats behind a dead link, ends in an error the
 * transports recover from instead of hanging forever.
 */
export const IDLE_TIMEOUT_MS = 300_000;

/**
 * How long an idle kept-alive socket waits for its next request (as the global `fetch`
 * keeps them): a server or proxy that closes idle connections without a `Keep-Alive`
 * hint may close it any moment after, and a POST written onto a closing connection breaks.
 */
export const FREE_SOCKET_TIMEOUT_MS = 4_000;

/** Sockets kept open per origin between requests, for the next calls. */
export const MAX_FREE_SOCKETS = 256;

let agents: { http: Agent; https: Agent } | undefined;

/**
 * The keep-alive agents every client in the process shares (as `fetch` shares one
 * dispatcher): no limit on sockets in use, so N calls in flight get N connections at once;
 * the most recently used idle socket is taken first (`lifo`), so a burst's extra sockets
 * age out while the busy ones stay warm. Idle sockets are dropped after
 * {@link FREE_SOCKET_TIMEOUT_MS}, or a second before the server's `Keep-Alive: timeout`
 * hint when that is sooner (Node's agent reads it), so a POST is not written onto a
 * connection the server is closing. (A request sets its own, longer idle bound.)
 */
function sharedAgents(builtins: HttpBuiltins): { http: Agent; https: Agent } {
  if (!agents) {
    const options = {
      keepAlive: true,
      scheduling: 'lifo' as const,
      maxFreeSockets: MAX_FREE_SOCKETS,
      timeout: FREE_SOCKET_TIMEOUT_MS,
    };
    agents = { http: new builtins.http.Agent(options), https: new builtins.https.Agent(options) };
  }
  return agents;
}

/**
 * `fetch` on Node's own `http` / `https` with keep-alive agents: the client's default on
 * Node. Node's built-in `fetch` (undici) costs about four times the CPU of `http.request`
 * per call (a `Request`, `Headers`, web streams and several promises per exchange), and
 * that was most of the client's cost. Takes what the transports send (a string or byte
 * body, `redirect: 'manual'`): anything else (a redirect to follow, a stream body, a
 * `Request`) goes to the global `fetch`. It never follows redirects itself.
 * Failures reject like `fetch`: a TypeError whose `cause` is the socket error (its `code`
 * tells a refused connection from a reset), or the signal's reason when aborted.
 */
export function nodeHttpFetch(
  input: string | URL | Request,
  init: RequestInit = {},
): Promise<Response> {
  return fetchOverNode(input, init, IDLE_TIMEOUT_MS);
}

/** {@link nodeHttpFetch} with another idle bound (tests). */
export function nodeHttpFetchWithIdleTimeout(idleTimeoutMs: number): typeof fetch {
  return (input, init) => fetchOverNode(input, init, idleTimeoutMs);
}

function fetchOverNode(
  input: string | URL | Request,
  init: RequestInit = {},
  idleTimeoutMs: number,
): Promise<Response> {
  const builtins = httpBuiltins();
  if (!builtins || !handles(input, init) || customDispatcher()) return viaFetch(input, init);
  const url = typeof input === 'string' ? new URL(input) : (input as URL);
  // The client's transports pass a cheap handle instead of a signal (see AbortHandle).
  const handle = (init as { [ABORT_HANDLE]?: AbortWatch })[ABORT_HANDLE];
  const signal = handle ?? init.signal ?? undefined;
  if (signal?.aborted) return Promise.reject(signal.reason);
  const method = (init.method ?? 'GET').toUpperCase();
  const body = bodyOf(init.body);
  const headers = headersOf(init.headers);
  if (init.body instanceof URLSearchParams && headers['content-type'] === undefined) {
    headers['content-type'] = 'application/x-www-form-urlencoded;charset=UTF-8';
  }
  if (body !== undefined) headers['content-length'] = body.length;
  else if (method === 'POST' || method === 'PUT' || method === 'PATCH')
    headers['content-length'] = 0;
  const secure = url.protocol === 'https:';
  const pool = sharedAgents(builtins);
  return new Promise<Response>((resolve, reject) => {
    let response: IncomingMessage | undefined;
    let settled = false;
    const onAbort = () => {
      const reason = signal?.reason;
      if (response) response.destroy(reason);
      request.destroy(reason);
      if (!settled) {
        settled = true;
        reject(reason);
      }
    };
    let done = noop;
    const request: ClientRequest = (secure ? builtins.https : builtins.http).request(
      {
        protocol: url.protocol,
        hostname: url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
        port: url.port === '' ? undefined : url.port,
        path: `${url.pathname}${url.search}`,
        method,
        headers,
        agent: secure ? pool.https : pool.http,
        timeout: idleTimeoutMs,
      },
      (message) => {
        response = message;
        // The abort listener stays until the body is over: an abort then ends the body.
        message.once('close', () => done());
        if (settled) {
          message.destroy();
          return;
        }
        settled = true;
        resolve(
          NodeResponse.fromMessage(
            message,
            url.href,
            builtins,
            method === 'HEAD',
          ) as unknown as Response,
        );
      },
    );
    request.once('timeout', () => {
      const error = Object.assign(new Error(`No data from ${url.origin} for ${idleTimeoutMs} ms`), {
        code: 'ETIMEDOUT',
      });
      if (response) response.destroy(error);
      request.destroy(error);
    });
    request.once('error', (error) => {
      done();
      if (settled) return;
      settled = true;
      reject(new TypeError('fetch failed', { cause: error }));
    });
    if (handle) done = handle.onAbort(onAbort);
    else if (init.signal) {
      const given = init.signal;
      given.addEventListener('abort', onAbort, { once: true });
      done = () => given.removeEventListener('abort', onAbort);
    }
    request.end(body);
  });
}

/** The global `fetch`, given a real signal in place of the client's abort handle. */
function viaFetch(input: string | URL | Request, init: RequestInit): Promise<Response> {
  const handle = (init as { [ABORT_HANDLE]?: AbortWatch })[ABORT_HANDLE];
  return globalThis.fetch(input, handle ? { ...init, signal: handle.signal } : init);
}

/** Where undici (Node's `fetch`) keeps the process-wide dispatcher. */
const GLOBAL_DISPATCHER = Symbol.for('undici.globalDispatcher.1');

/**
 * Whether the application routed `fetch` through a dispatcher of its own (undici's
 * `setGlobalDispatcher(new ProxyAgent(...))` or `EnvHttpProxyAgent`, the usual way through a
 * corporate proxy): then requests keep going through `fetch`, as before. Node's own default
 * is a plain `Agent`.
 */
function customDispatcher(): boolean {
  const dispatcher = (globalThis as Record<symbol, unknown>)[GLOBAL_DISPATCHER];
  if (dispatcher === undefined || dispatcher === null) return false;
  return (dispatcher as { constructor?: { name?: string } }).constructor?.name !== 'Agent';
}

/** Whether {@link nodeHttpFetch} takes this request itself. */
function handles(input: string | URL | Request, init: RequestInit): boolean {
  if (typeof input !== 'string' && !(input instanceof URL)) return false;
  if (init.redirect !== 'manual') return false;
  const body = init.body;
  return (
    body === undefined ||
    body === null ||
    typeof body === 'string' ||
    body instanceof Uint8Array ||
    body instanceof URLSearchParams
  );
}

function bodyOf(body: RequestInit['body']): Uint8Array | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return Buffer.from(body);
  if (body instanceof URLSearchParams) return Buffer.from(body.toString());
  return body as Uint8Array;
}

/** A fresh header object (Node sends it as given; names lower-cased as fetch sends them). */
function headersOf(given: HeadersInit | undefined): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {};
  if (given === undefined) return headers;
  if (given instanceof Headers || Array.isArray(given)) {
    for (const [name, value] of given as Iterable<[string, string]>) {
      headers[name.toLowerCase()] = value;
    }
    return headers;
  }
  for (const name of Object.keys(given)) {
    const value = (given as Record<string, string>)[name];
    if (value !== undefined) headers[name.toLowerCase()] = value;
  }
  return headers;
}

function noop(): void {}
