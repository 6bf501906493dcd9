import type { OAuthOptions } from './oauth-options.js';

/** The OAuth part of the bin's configuration, as the flags and environment gave it. */
export interface OAuthCliConfig {
  issuer: string;
  /** Undefined: the first audience URL, else the server's own MCP URL (known from host and port). */
  resource: string | undefined;
  /** Undefined: the resource. */
  audiences: string[] | undefined;
  scopes: string[];
  /** Extra scopes by tool name (`--oauth-tool-scopes`). */
  toolScopes: Record<string, string[]>;
  /** This server's credentials at the issuer: opaque tokens are then introspected. */
  introspection: { clientId: string; clientSecret: string } | undefined;
}

/** The flags, for `parseArgs` (the bin spreads them into its options). */
export const OAUTH_CLI_OPTIONS = {
  'oauth-issuer': { type: 'string' },
  'oauth-resource': { type: 'string' },
  'oauth-audience': { type: 'string' },
  'oauth-scopes': { type: 'string' },
  'oauth-tool-scopes': { type: 'string' },
  'oauth-client-id': { type: 'string' },
  'oauth-client-secret': { type: 'string' },
} as const;

/** The flags' raw values. */
export type OAuthCliValues = { [K in keyof typeof OAUTH_CLI_OPTIONS]?: string | undefined };

/** The `--help` rows of the flags (flag, what it does, variable and default). */
export const OAUTH_USAGE_ROWS = [
  {
    flag: '--oauth-issuer <url>',
    help: ['accept OAuth access tokens from this authorization', 'server (JWKS from its metadata)'],
    env: 'MCP_OAUTH_ISSUER (none)',
  },
  {
    flag: '--oauth-resource <url>',
    help: ["this server's public MCP URL (RFC 9728 resource)"],
    env: 'MCP_OAUTH_RESOURCE (http://<host>:<port>/mcp)',
  },
  {
    flag: '--oauth-audience <a,b>',
    help: ['token aud values accepted'],
    env: 'MCP_OAUTH_AUDIENCE (the resource)',
  },
  {
    flag: '--oauth-scopes <a,b>',
    help: ['scopes every token must hold (advertised)'],
    env: 'MCP_OAUTH_SCOPES (none)',
  },
  {
    flag: '--oauth-tool-scopes <t=s>',
    help: [
      'more scopes per tool: tool=scope scope,tool2=scope',
      '(403 insufficient_scope: step-up)',
    ],
    env: 'MCP_OAUTH_TOOL_SCOPES (none)',
  },
  {
    flag: '--oauth-client-id <id>',
    help: [
      "with --oauth-client-secret: this server's client",
      'at the issuer; opaque tokens are introspected',
    ],
    env: 'MCP_OAUTH_CLIENT_ID, MCP_OAUTH_CLIENT_SECRET (none)',
  },
];

const SCOPE = /^[\x21\x23-\x5b\x5d-\x7e]+$/;

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

const items = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

function scopeNames(names: string[], flag: string): string[] {
  const bad = names.find((scope) => !SCOPE.test(scope));
  if (bad !== undefined) {
    throw new Error(
      `${flag} must hold scope names (no quotes or backslashes), got ${JSON.stringify(bad)}`,
    );
  }
  return names;
}

/** `tool=scope scope,tool2=scope` to a table. */
function toolScopeTable(value: string | undefined): Record<string, string[]> {
  const flag = '--oauth-tool-scopes (MCP_OAUTH_TOOL_SCOPES)';
  const table: Record<string, string[]> = {};
  for (const entry of items(value)) {
    const eq = entry.indexOf('=');
    const tool = entry.slice(0, eq).trim();
    const scopes = entry
      .slice(eq + 1)
      .split(/\s+/)
      .filter((s) => s !== '');
    if (eq < 1 || scopes.length === 0) {
      throw new Error(
        `${flag} entries look like tool=scope (several scopes separated by spaces), got ${JSON.stringify(entry)}`,
      );
    }
    table[tool] = scopeNames(scopes, flag);
  }
  return table;
}

/**
 * Reads the OAuth flags, then their MCP_OAUTH_* variables. Undefined without an issuer;
 * throws a usage message when a value is malformed, when the other OAuth settings are given
 * without an issuer (they would silently do nothing), or a client id without its secret.
 */
export function parseOAuthCli(
  values: OAuthCliValues,
  env: NodeJS.ProcessEnv,
): OAuthCliConfig | undefined {
  const read = (key: keyof OAuthCliValues, name: string) => values[key] ?? (env[name] || undefined);
  const issuer = read('oauth-issuer', 'MCP_OAUTH_ISSUER');
  const resource = read('oauth-resource', 'MCP_OAUTH_RESOURCE');
  const audiences = items(read('oauth-audience', 'MCP_OAUTH_AUDIENCE'));
  const scopes = items(read('oauth-scopes', 'MCP_OAUTH_SCOPES'));
  const toolScopes = read('oauth-tool-scopes', 'MCP_OAUTH_TOOL_SCOPES');
  const clientId = read('oauth-client-id', 'MCP_OAUTH_CLIENT_ID');
  const clientSecret = read('oauth-client-secret', 'MCP_OAUTH_CLIENT_SECRET');
  if (issuer === undefined) {
    const given = [resource, toolScopes, clientId, clientSecret].some((v) => v !== undefined);
    if (given || audiences.length > 0 || scopes.length > 0) {
      throw new Error(
        'the --oauth-* settings need --oauth-issuer (MCP_OAUTH_ISSUER): name the authorization server',
      );
    }
    return undefined;
  }
  if ((clientId === undefined) !== (clientSecret === undefined)) {
    throw new Error(
      '--oauth-client-id and --oauth-client-secret (MCP_OAUTH_CLIENT_ID, MCP_OAUTH_CLIENT_SECRET) go together: the credentials this server introspects tokens with',
    );
  }
  const badAudience = audiences.find((a) => /\s/.test(a));
  if (badAudience !== undefined) {
    throw new Error(
      `--oauth-audience (MCP_OAUTH_AUDIENCE) values have no spaces, got ${JSON.stringify(badAudience)}`,
    );
  }
  return {
    issuer: httpUrl(issuer, '--oauth-issuer (MCP_OAUTH_ISSUER)'),
    resource:
      resource === undefined
        ? undefined
        : httpUrl(resource, '--oauth-resource (MCP_OAUTH_RESOURCE)'),
    audiences: audiences.length > 0 ? audiences : undefined,
    scopes: scopeNames(scopes, '--oauth-scopes (MCP_OAUTH_SCOPES)'),
    toolScopes: toolScopeTable(toolScopes),
    introspection:
      clientId === undefined || clientSecret === undefined ? undefined : { clientId, clientSecret },
  };
}

/**
 * The plugin's `oauth` option for the bin listening on `host`:`port`. The resource defaults
 * to the first audience that is an http(s) URL (so a server named by `--oauth-audience`
 * alone keeps that name), else to the MCP endpoint at the bind address. A wildcard bind
 * (0.0.0.0, ::) or port 0 names no URL a client would use: then it must be given.
 */
export function resolveOAuthCli(config: OAuthCliConfig, host: string, port: number): OAuthOptions {
  const resource =
    config.resource ?? config.audiences?.find((a) => /^https?:\/\//.test(a)) ?? mcpUrl(host, port);
  return {
    issuer: config.issuer,
    resource,
    ...(config.audiences === undefined ? {} : { audience: config.audiences }),
    scopes: config.scopes,
    toolScopes: config.toolScopes,
    ...(config.introspection === undefined ? {} : { introspection: config.introspection }),
  };
}

function mcpUrl(host: string, port: number): string {
  if (port === 0 || host === '0.0.0.0' || host === '::') {
    throw new Error(
      '--oauth-resource (MCP_OAUTH_RESOURCE) is needed with --port 0 or a wildcard --host: give the public URL of the MCP endpoint, e.g. https://mcp.example.com/mcp',
    );
  }
  const name = host.includes(':') ? `[${host}]` : host;
  return `http://${name}:${port}/mcp`;
}
