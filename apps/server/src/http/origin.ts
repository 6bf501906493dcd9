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
  'Content-Type, Authorization, X-API-Key, api_key, MCP-Protocol-Version, Mcp-Session-Id, Last-Event-ID, Cache-Control';
