import * as oauth from 'oauth4webapi';

/**
 * The request options oauth4webapi takes: our fetch, and plain HTTP allowed only for loopback
 * addresses (local servers and tests); anything else must be HTTPS, as OAuth 2.1 requires.
 */
export function httpOptions(
  fetchImpl: typeof fetch,
  url: URL,
  signal?: AbortSignal,
): {
  [oauth.customFetch]: typeof fetch;
  [oauth.allowInsecureRequests]?: boolean;
  signal?: AbortSignal;
} {
  return {
    [oauth.customFetch]: fetchImpl,
    ...(isLoopback(url) ? { [oauth.allowInsecureRequests]: true } : {}),
    ...(signal ? { signal } : {}),
  };
}

/** True for http(s) URLs whose host is a loopback address or `localhost`. */
export function isLoopback(url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
