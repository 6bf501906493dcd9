/** The OAuth part of the bin's configuration (`--oauth-issuer`, `--oauth-audience`, `--oauth-scopes`). */
export interface OAuthCliConfig {
  issuer: string;
  /** Undefined: the server's own MCP URL, known once it listens. */
  audience: string | undefined;
  scopes: string[];
}

/** The flags' raw values. */
export interface OAuthCliValues {
  'oauth-issuer'?: string | undefined;
  'oauth-audience'?: string | undefined;
  'oauth-scopes'?: string | undefined;
}

function httpUrl(value: string, name: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.hash) {
    throw new Error(
      `${name} must be an absolute http(s) URL without a fragment, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/**
 * Reads the OAuth flags, then MCP_OAUTH_ISSUER / MCP_OAUTH_AUDIENCE / MCP_OAUTH_SCOPES.
 * Undefined without an issuer; throws a usage message when a value is malformed, or when
 * audience or scopes are given without an issuer (they would silently do nothing).
 */
export function parseOAuthCli(
  values: OAuthCliValues,
  env: NodeJS.ProcessEnv,
): OAuthCliConfig | undefined {
  const issuer = values['oauth-issuer'] ?? (env.MCP_OAUTH_ISSUER || undefined);
  const audience = values['oauth-audience'] ?? (env.MCP_OAUTH_AUDIENCE || undefined);
  const scopes = (values['oauth-scopes'] ?? env.MCP_OAUTH_SCOPES ?? '')
    .split(',')
    .map((scope) => scope.trim())
    .filter((scope) => scope !== '');
  if (issuer === undefined) {
    if (audience !== undefined || scopes.length > 0) {
      throw new Error(
        '--oauth-audience and --oauth-scopes need --oauth-issuer (MCP_OAUTH_ISSUER): name the authorization server',
      );
    }
    return undefined;
  }
  const bad = scopes.find((scope) => !/^[\x21\x23-\x5b\x5d-\x7e]+$/.test(scope));
  if (bad !== undefined) {
    throw new Error(
      `--oauth-scopes (MCP_OAUTH_SCOPES) must be scope names separated by commas, got ${JSON.stringify(bad)}`,
    );
  }
  return {
    issuer: httpUrl(issuer, '--oauth-issuer (MCP_OAUTH_ISSUER)'),
    audience:
      audience === undefined
        ? undefined
        : httpUrl(audience, '--oauth-audience (MCP_OAUTH_AUDIENCE)'),
    scopes,
  };
}

/**
 * The default audience: the MCP endpoint at the address the bin listens on. A wildcard
 * bind (0.0.0.0, ::) or port 0 names no URL a client would use: then it must be given.
 */
export function defaultAudience(host: string, port: number): string {
  if (port === 0 || host === '0.0.0.0' || host === '::') {
    throw new Error(
      '--oauth-audience (MCP_OAUTH_AUDIENCE) is needed with --port 0 or a wildcard --host: give the public URL of the MCP endpoint, e.g. https://mcp.example.com/mcp',
    );
  }
  const name = host.includes(':') ? `[${host}]` : host;
  return `http://${name}:${port}/mcp`;
}
