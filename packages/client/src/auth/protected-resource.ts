import { McpAuthError } from './auth-error.js';
import type { BearerChallenge } from './bearer-challenge.js';
import { isLoopback } from './http-options.js';

/** What the client needs from Protected Resource Metadata (RFC 9728). */
export interface ProtectedResource {
  /** The resource identifier to ask tokens for (RFC 8707 `resource`). */
  resource: string;
  /** The authorization servers that issue tokens for it (the first is used). */
  authorizationServers: string[];
  /** The scopes the resource knows, when it says. */
  scopesSupported?: string[];
  /** True when it takes DPoP-bound tokens (`dpop_signing_alg_values_supported`, RFC 9728). */
  dpop?: boolean;
}

/** The resource identifier of an MCP server URL: no fragment, no query (RFC 8707). */
export function resourceIdentifier(serverUrl: URL): string {
  const url = new URL(serverUrl);
  url.hash = '';
  url.search = '';
  return url.href;
}

/** The well-known metadata URLs to try, path-aware first, then the root (RFC 9728 section 3). */
export function protectedResourceMetadataUrls(serverUrl: URL): URL[] {
  const path = serverUrl.pathname.replace(/\/$/, '');
  const root = new URL('/.well-known/oauth-protected-resource', serverUrl);
  if (path === '') return [root];
  return [new URL(`/.well-known/oauth-protected-resource${path}`, serverUrl), root];
}

/**
 * Finds the Protected Resource Metadata of `serverUrl`: the `resource_metadata` URL of the
 * challenge when there is one, else the path-aware well-known URL, then the root. The
 * metadata's `resource` must be the server URL or a parent of it on the same origin, so a
 * server cannot send our tokens' audience elsewhere.
 */
export async function discoverProtectedResource(
  serverUrl: URL,
  challenge: BearerChallenge | undefined,
  fetchImpl: typeof fetch,
  signal?: AbortSignal,
): Promise<ProtectedResource> {
  const candidates =
    challenge?.resourceMetadata !== undefined
      ? [new URL(challenge.resourceMetadata, serverUrl)]
      : protectedResourceMetadataUrls(serverUrl);
  const tried: string[] = [];
  for (const url of candidates) {
    if (url.protocol !== 'https:' && !isLoopback(url)) {
      throw new McpAuthError(
        'discovery_failed',
        `Refusing protected resource metadata over plain HTTP: ${url.href}`,
      );
    }
    let response: Response;
    try {
      response = await fetchImpl(url, { headers: { accept: 'application/json' }, signal });
    } catch (cause) {
      tried.push(`${url.href} (unreachable)`);
      if (signal?.aborted) throw cause;
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel();
      tried.push(`${url.href} (${response.status})`);
      continue;
    }
    const body = (await response.json().catch(() => undefined)) as
      | Record<string, unknown>
      | undefined;
    const servers = body?.authorization_servers;
    if (
      !Array.isArray(servers) ||
      servers.length === 0 ||
      !servers.every((s) => typeof s === 'string')
    ) {
      tried.push(`${url.href} (no authorization_servers)`);
      continue;
    }
    const resource =
      typeof body?.resource === 'string' ? body.resource : resourceIdentifier(serverUrl);
    checkResource(resource, serverUrl);
    const scopes = body?.scopes_supported;
    const dpop =
      body?.dpop_bound_access_tokens_required === true ||
      Array.isArray(body?.dpop_signing_alg_values_supported);
    return {
      ...(dpop ? { dpop } : {}),
      resource,
      authorizationServers: servers as string[],
      ...(Array.isArray(scopes) && scopes.every((s) => typeof s === 'string')
        ? { scopesSupported: scopes as string[] }
        : {}),
    };
  }
  throw new McpAuthError(
    'discovery_failed',
    `No protected resource metadata for ${serverUrl.href}: tried ${tried.join(', ')}. ` +
      'Is the server protected with OAuth (RFC 9728)?',
  );
}

function checkResource(resource: string, serverUrl: URL): void {
  let url: URL;
  try {
    url = new URL(resource);
  } catch {
    throw new McpAuthError(
      'discovery_failed',
      `The protected resource metadata names an invalid resource: ${resource}`,
    );
  }
  const base = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  const path = serverUrl.pathname.endsWith('/') ? serverUrl.pathname : `${serverUrl.pathname}/`;
  if (url.origin !== serverUrl.origin || !path.startsWith(base)) {
    throw new McpAuthError(
      'discovery_failed',
      `The protected resource metadata is for ${resource}, not for ${serverUrl.href}: refusing it.`,
    );
  }
}
