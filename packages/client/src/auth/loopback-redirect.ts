import type { AddressInfo } from 'node:net';
import { McpAuthError } from './auth-error.js';
import { nodeBuiltin } from './node-builtin.js';

/** A one-shot redirect listener on 127.0.0.1 (RFC 8252 section 7.3). */
export interface LoopbackRedirect {
  /** The redirect URI to register and send: `http://127.0.0.1:<port>/callback`. */
  redirectUri: string;
  /** Resolves with the callback URL the browser was sent to (query included). */
  callback: Promise<URL>;
  /** Stops listening (idempotent). */
  close(): Promise<void>;
}

/** How long the user has to finish in the browser by default: 5 minutes. */
export const DEFAULT_CALLBACK_TIMEOUT = 300_000;

/**
 * Listens on 127.0.0.1 (port 0 unless `port` is given) for the one authorization response,
 * answers the browser with a short page, and rejects when nothing comes within `timeout` or
 * `signal` aborts. Requests to other paths get 404 and are otherwise ignored.
 */
export async function startLoopbackRedirect(
  options: { port?: number; timeout?: number; signal?: AbortSignal } = {},
): Promise<LoopbackRedirect> {
  let settle: { resolve: (url: URL) => void; reject: (error: Error) => void } | undefined;
  const callback = new Promise<URL>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // Avoid an unhandled rejection when the caller stops waiting first.
  callback.catch(() => {});
  const server = nodeBuiltin('node:http', 'The loopback redirect').createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || url.pathname !== '/callback') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found\n');
      return;
    }
    const failed = url.searchParams.has('error');
    res
      .writeHead(failed ? 400 : 200, { 'content-type': 'text/plain; charset=utf-8' })
      .end(
        failed
          ? 'Authorization failed; see the terminal.\n'
          : 'Authorized. You can close this tab and go back to the terminal.\n',
      );
    settle?.resolve(new URL(`${redirectUri}${url.search}`));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const redirectUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`;
  const timeout = options.timeout ?? DEFAULT_CALLBACK_TIMEOUT;
  const timer = setTimeout(
    () =>
      settle?.reject(
        new McpAuthError(
          'authorization_failed',
          `No authorization response arrived at ${redirectUri} within ${Math.round(timeout / 1000)} s: ` +
            'finish the login in the browser, or run login again.',
        ),
      ),
    timeout,
  );
  timer.unref?.();
  const onAbort = () =>
    settle?.reject(new McpAuthError('authorization_failed', 'The login was aborted.'));
  options.signal?.addEventListener('abort', onAbort, { once: true });
  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= new Promise<void>((resolve) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      server.closeAllConnections();
      server.close(() => resolve());
    });
    return closed;
  };
  return { redirectUri, callback, close };
}
