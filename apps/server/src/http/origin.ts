/** Which browser origins may call the server; `'*'` lets every origin through. */
export type AllowedOrigins = readonly string[] | '*';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Whether a request's `Origin` may call us. No Origin (curl, SDK clients, other servers)
 * passes: DNS rebinding needs a browser, and browsers always send one. By default only
 * loopback origins pass, since the server binds loopback by default.
 */
export function isOriginAllowed(origin: string, allowed: AllowedOrigins | undefined): boolean {
  if (allowed === '*') return true;
  if (allowed !== undefined) return allowed.includes(origin);
  try {
    const url = new URL(origin);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOSTS.has(url.hostname)
    );
  } catch {
    return false;
  }
}

/** Request headers a browser client may send: content type, auth and MCP's own. */
export const CORS_ALLOW_HEADERS =
  'Content-Type, Authorization, X-API-Key, api_key, MCP-Protocol-Version, Mcp-Session-Id, Last-Event-ID, Cache-Control, Mcp-Method, Mcp-Name';

/** Response headers a browser client may read: the Streamable HTTP session id and version. */
export const CORS_EXPOSE_HEADERS = 'Mcp-Session-Id, MCP-Protocol-Version';

const PARAM_HEADER = /^mcp-param-[!#$%&'*+.^_`|~0-9a-z-]+$/;

/**
 * The allowed request headers for a preflight: {@link CORS_ALLOW_HEADERS}, plus the
 * `Mcp-Param-*` headers it asks for (2026-07-28 mirrors tool arguments in them, under names
 * each tool chooses, so no fixed list can hold them).
 */
export function corsAllowHeaders(headers: Record<string, string | string[] | undefined>): string {
  const requested = headers['access-control-request-headers'];
  if (typeof requested !== 'string') return CORS_ALLOW_HEADERS;
  const params = requested
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => PARAM_HEADER.test(name));
  return params.length === 0 ? CORS_ALLOW_HEADERS : `${CORS_ALLOW_HEADERS}, ${params.join(', ')}`;
}
