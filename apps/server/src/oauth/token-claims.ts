import type { Principal } from '../tools/tool-context.js';

/** The principal of a request authorised by an OAuth access token. */
export interface OAuthPrincipal extends Principal {
  /** `oauth:<issuer>#<sub>`: sessions bind to the subject at its issuer. */
  id: string;
  /** The token's `sub`. */
  subject: string;
  /** The token's issuer. */
  issuer: string;
  /** The scopes the token grants. */
  scopes: readonly string[];
  /** The client the token was issued to (`client_id` or `azp`), when it says. */
  clientId?: string;
  /** When the token expires (seconds since the epoch), when it says. */
  expiresAt?: number;
  /** `cnf.jkt`: the token is bound to this DPoP key (RFC 9449) and only opens DPoP requests. */
  keyThumbprint?: string;
}

/** Whether a principal came from an OAuth token (API-key principals have no `scopes`). */
export function isOAuthPrincipal(
  principal: Principal | null | undefined,
): principal is OAuthPrincipal {
  return (
    principal !== null &&
    principal !== undefined &&
    typeof principal.subject === 'string' &&
    Array.isArray(principal.scopes)
  );
}

/** The scopes of a token: RFC 9068 `scope` (space separated) or the common `scp` array. */
export function scopesOf(claims: Record<string, unknown>): string[] {
  if (typeof claims.scope === 'string') return claims.scope.split(' ').filter((s) => s !== '');
  if (Array.isArray(claims.scp))
    return claims.scp.filter((s): s is string => typeof s === 'string');
  if (typeof claims.scp === 'string') return claims.scp.split(' ').filter((s) => s !== '');
  return [];
}

/** Builds the principal from validated claims; undefined when `sub` is missing. */
export function principalOf(
  claims: Record<string, unknown>,
  issuer: string,
): OAuthPrincipal | undefined {
  // Client credentials tokens from some servers carry no sub: the client is the subject.
  const clientId =
    typeof claims.client_id === 'string'
      ? claims.client_id
      : typeof claims.azp === 'string'
        ? claims.azp
        : undefined;
  const subject = typeof claims.sub === 'string' && claims.sub !== '' ? claims.sub : clientId;
  if (subject === undefined) return undefined;
  const cnf = claims.cnf;
  const jkt =
    typeof cnf === 'object' && cnf !== null ? (cnf as Record<string, unknown>).jkt : undefined;
  return {
    id: `oauth:${issuer}#${subject}`,
    subject,
    issuer,
    scopes: scopesOf(claims),
    ...(clientId === undefined ? {} : { clientId }),
    ...(typeof claims.exp === 'number' ? { expiresAt: claims.exp } : {}),
    ...(typeof jkt === 'string' ? { keyThumbprint: jkt } : {}),
  };
}

/** The scopes of `needed` that `principal` lacks. */
export function missingScopes(principal: OAuthPrincipal, needed: readonly string[]): string[] {
  return needed.filter((scope) => !principal.scopes.includes(scope));
}
