import type { ResolvedOAuthOptions } from './oauth-options.js';

/** The well-known prefix of RFC 9728. */
export const PRM_WELL_KNOWN = '/.well-known/oauth-protected-resource';

/** The Protected Resource Metadata document (RFC 9728 section 2) of this server. */
export interface ProtectedResourceMetadata {
  resource: string;
  authorization_servers: string[];
  scopes_supported?: string[];
  bearer_methods_supported: string[];
  resource_name?: string;
}

/** The document: our resource identifier, the issuer, every scope we may ask for. */
export function protectedResourceMetadata(
  options: ResolvedOAuthOptions,
): ProtectedResourceMetadata {
  const scopes = new Set(options.scopes);
  for (const table of [options.toolScopes, options.methodScopes]) {
    for (const needed of Object.values(table)) for (const s of needed) scopes.add(s);
  }
  return {
    resource: options.resource,
    authorization_servers: [options.issuer],
    ...(scopes.size > 0 ? { scopes_supported: [...scopes] } : {}),
    // Only the header: tokens in query strings end up in logs (RFC 6750 section 5.3).
    bearer_methods_supported: ['header'],
    ...(options.resourceName === undefined ? {} : { resource_name: options.resourceName }),
  };
}

/**
 * Where the document is served: the root form and the path-aware form of every MCP route
 * (`/.well-known/oauth-protected-resource/mcp`), so a client finds it whichever URL it was
 * given. The first one is the resource identifier's own, named in every challenge.
 */
export function metadataPaths(resource: string, routePaths: readonly string[]): string[] {
  const resourcePath = new URL(resource).pathname.replace(/\/$/, '');
  const paths = [`${PRM_WELL_KNOWN}${resourcePath}`, PRM_WELL_KNOWN];
  for (const path of routePaths) paths.push(`${PRM_WELL_KNOWN}${path.replace(/\/$/, '')}`);
  return [...new Set(paths)];
}

/** The absolute URL of the document for the resource, as named in `resource_metadata`. */
export function metadataUrl(resource: string): string {
  const url = new URL(resource);
  return new URL(metadataPaths(resource, [])[0]!, url.origin).href;
}
