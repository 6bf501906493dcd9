/** The fields of an authorization server's metadata (RFC 8414 / OpenID discovery) we use. */
export interface IssuerMetadata {
  issuer: string;
  jwks_uri?: string;
  introspection_endpoint?: string;
  [key: string]: unknown;
}

/** Why the issuer's metadata could not be had. */
export class IssuerMetadataError extends Error {
  override readonly name = 'IssuerMetadataError';
}

/**
 * The discovery URLs to try, in order: RFC 8414 (path inserted after the well-known
 * prefix), then OpenID Connect Discovery in both its path-inserted and appended forms.
 */
export function discoveryUrls(issuer: string): string[] {
  const url = new URL(issuer);
  const path = url.pathname === '/' ? '' : url.pathname.replace(/\/$/, '');
  const at = (wellKnown: string) => new URL(`/.well-known/${wellKnown}${path}`, url.origin).href;
  const urls = [at('oauth-authorization-server'), at('openid-configuration')];
  if (path !== '') urls.push(new URL(`${path}/.well-known/openid-configuration`, url.origin).href);
  return urls;
}

/**
 * Fetches the issuer's metadata, trying each discovery URL; the document's `issuer` must be
 * identical to the configured one (RFC 8414 section 3.3), else it is refused: a mix-up or a
 * misconfiguration, either way not a key source to trust.
 */
export async function fetchIssuerMetadata(
  issuer: string,
  timeoutMs: number,
): Promise<IssuerMetadata> {
  const problems: string[] = [];
  for (const url of discoveryUrls(issuer)) {
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'error',
      });
    } catch (error) {
      problems.push(`${url}: ${(error as Error).message}`);
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel();
      problems.push(`${url}: HTTP ${response.status}`);
      continue;
    }
    let document: unknown;
    try {
      document = await response.json();
    } catch {
      problems.push(`${url}: not JSON`);
      continue;
    }
    if (typeof document !== 'object' || document === null) {
      problems.push(`${url}: not a JSON object`);
      continue;
    }
    const metadata = document as IssuerMetadata;
    if (metadata.issuer !== issuer) {
      throw new IssuerMetadataError(
        `${url} names issuer ${JSON.stringify(metadata.issuer)}, not ${JSON.stringify(issuer)}`,
      );
    }
    return metadata;
  }
  throw new IssuerMetadataError(problems.join('; '));
}
