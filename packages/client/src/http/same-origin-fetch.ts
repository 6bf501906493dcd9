import { McpSseClientError } from '../errors.js';
import { discardBody } from './bounded-body.js';

/** Redirects followed per request before giving up (same origin only). */
export const MAX_REDIRECTS = 5;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** A response and the URL it finally came from. */
export interface SameOriginResponse {
  response: Response;
  /** The URL of the request that produced `response` (after same-origin redirects). */
  url: URL;
}

/**
 * Fetches with `redirect: 'manual'` and follows redirects only within the origin of `url`,
 * so that credentials in `init.headers` (an API key) and a POSTed body never go to another
 * origin. A redirect elsewhere, a POST redirected with 301/302/303 (which would turn it into
 * a bodiless GET), more than {@link MAX_REDIRECTS} hops, or a redirect whose target the
 * runtime hides (a browser's opaque redirect) all reject with `redirect_refused`.
 * Same-origin 307/308 repeat the request as it was; 301/302/303 on a GET repeat the GET.
 */
export async function fetchSameOrigin(
  fetchImpl: typeof fetch,
  url: URL,
  init: RequestInit,
  maxRedirects = MAX_REDIRECTS,
): Promise<SameOriginResponse> {
  const method = (init.method ?? 'GET').toUpperCase();
  let current = url;
  for (let hop = 0; ; hop++) {
    const response = await fetchImpl(current.href, { ...init, redirect: 'manual' });
    if (response.type === 'opaqueredirect') {
      throw new McpSseClientError(
        'redirect_refused',
        `The server redirected ${method} ${current.href} and this runtime hides where to; ` +
          'redirects are not followed. Use the final URL of the MCP endpoint.',
        { status: response.status, data: { from: current.href } },
      );
    }
    const location = response.headers.get('location');
    if (!REDIRECT_STATUSES.has(response.status) || location === null) {
      return { response, url: current };
    }
    // The redirect's own body is nobody's business.
    void discardBody(response);
    const target = resolveLocation(location, current, method, response.status);
    if (target.origin !== url.origin) {
      throw new McpSseClientError(
        'redirect_refused',
        `The server redirected ${method} ${current.href} to another origin (${target.origin}); ` +
          'refusing to follow, so credentials and messages stay with ' +
          `${url.origin}. Use the final URL of the MCP endpoint if that origin is trusted.`,
        { status: response.status, data: { from: current.href, to: target.href } },
      );
    }
    if (
      method !== 'GET' &&
      method !== 'HEAD' &&
      response.status !== 307 &&
      response.status !== 308
    ) {
      throw new McpSseClientError(
        'redirect_refused',
        `The server answered ${method} ${current.href} with a ${response.status} redirect, which ` +
          'would drop the message body; only 307/308 are followed for a POST. Check the endpoint URL.',
        { status: response.status, data: { from: current.href, to: target.href } },
      );
    }
    if (hop >= maxRedirects) {
      throw new McpSseClientError(
        'redirect_refused',
        `${method} ${url.href} was redirected more than ${maxRedirects} times (last to ${target.href}). ` +
          'Check the server configuration.',
        { status: response.status, data: { from: current.href, to: target.href } },
      );
    }
    current = target;
  }
}

function resolveLocation(location: string, base: URL, method: string, status: number): URL {
  try {
    return new URL(location, base);
  } catch (cause) {
    throw new McpSseClientError(
      'redirect_refused',
      `The server redirected ${method} ${base.href} (${status}) to an invalid URL ${JSON.stringify(location)}.`,
      { status, cause },
    );
  }
}
