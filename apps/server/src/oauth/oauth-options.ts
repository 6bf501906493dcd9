import { McpServerError } from '../errors/mcp-server-error.js';

/** RFC 7662 introspection of opaque (non-JWT) access tokens. */
export interface IntrospectionOptions {
  /** The introspection endpoint. Default: `introspection_endpoint` of the issuer's metadata. */
  endpoint?: string;
  /** This resource server's client id at the authorization server. */
  clientId: string;
  /** Its client secret (sent with HTTP Basic). */
  clientSecret: string;
}

/**
 * The `oauth` plugin option: the server becomes an OAuth 2.1 resource server as the MCP
 * authorization specification defines it (RFC 9728 metadata, Bearer challenges, JWTs
 * checked against the issuer's JWKS).
 */
export interface OAuthOptions {
  /** The authorization server's issuer URL; its metadata (RFC 8414 or OpenID discovery) names the JWKS. */
  issuer: string;
  /**
   * This server's resource identifier (RFC 8707, RFC 9728): the `resource` of the metadata
   * document, which clients send as `resource` to the authorization server and must find
   * equal to the URL they use. Give the public URL of the MCP endpoint
   * (`https://mcp.example.com/mcp`). Default: the first {@link audience} that is an http(s)
   * URL. The plugin cannot know its public URL, so one of the two is required.
   */
  resource?: string;
  /**
   * The `aud` values a token may carry (any one of them). Default: {@link resource}. Set it
   * when the authorization server puts something else there (an API identifier such as
   * `api://mcp`) or when the server answers under several names.
   */
  audience?: string | readonly string[];
  /** Scopes every token must hold (advertised in the metadata and the 401 challenge). Default: none. */
  scopes?: readonly string[];
  /** Extra scopes a `tools/call` of a tool needs, by tool name. Default: none. */
  toolScopes?: Readonly<Record<string, readonly string[]>>;
  /**
   * Extra scopes a JSON-RPC method needs, by method (`resources/read`, `prompts/get`,
   * `tools/list`...): per-feature scopes. Default: none.
   */
  methodScopes?: Readonly<Record<string, readonly string[]>>;
  /** Opaque tokens: ask the authorization server (RFC 7662). Default: only JWTs are accepted. */
  introspection?: IntrospectionOptions;
  /** `resource_name` of the metadata document. */
  resourceName?: string;
  /** Seconds of clock skew allowed on `exp` and `nbf`. Default 30. */
  clockToleranceSeconds?: number;
  /** Milliseconds to wait for the issuer's metadata, JWKS or introspection. Default 5000. */
  timeoutMs?: number;
}

/** {@link OAuthOptions} checked, with defaults. */
export interface ResolvedOAuthOptions {
  issuer: string;
  /** The resource identifier, an absolute http(s) URL. */
  resource: string;
  /** The accepted `aud` values, at least one. */
  audiences: readonly string[];
  scopes: readonly string[];
  toolScopes: Readonly<Record<string, readonly string[]>>;
  methodScopes: Readonly<Record<string, readonly string[]>>;
  introspection: IntrospectionOptions | undefined;
  resourceName: string | undefined;
  clockToleranceSeconds: number;
  timeoutMs: number;
}

/** A scope token as RFC 6749 section 3.3 defines it: printable ASCII but space, `"` and `\`. */
const SCOPE_TOKEN = /^[\x21\x23-\x5b\x5d-\x7e]+$/;

function absoluteUrl(value: unknown, key: string): string {
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    throw new McpServerError(
      'invalid_options',
      `Option oauth.${key} must be an absolute http(s) URL, got ${JSON.stringify(value)}`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new McpServerError(
      'invalid_options',
      `Option oauth.${key} must be an http(s) URL, got ${JSON.stringify(value)}`,
    );
  }
  if (url.hash !== '') {
    throw new McpServerError(
      'invalid_options',
      `Option oauth.${key} must not have a fragment, got ${JSON.stringify(value)}`,
    );
  }
  return String(value);
}

/** An `aud` value (RFC 7519 StringOrURI): any non-empty string without whitespace. */
function audienceList(value: unknown): readonly string[] | undefined {
  if (value === undefined) return undefined;
  const list = typeof value === 'string' ? [value] : value;
  if (
    !Array.isArray(list) ||
    list.length === 0 ||
    !list.every((a) => typeof a === 'string' && /^\S+$/.test(a))
  ) {
    throw new McpServerError(
      'invalid_options',
      `Option oauth.audience must be a string or a non-empty list of strings without spaces, got ${JSON.stringify(value)}`,
    );
  }
  return [...new Set(list as string[])];
}

function scopeList(value: unknown, key: string): readonly string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((s) => typeof s === 'string' && SCOPE_TOKEN.test(s))) {
    throw new McpServerError(
      'invalid_options',
      `Option oauth.${key} must be a list of scope names (no spaces or quotes), got ${JSON.stringify(value)}`,
    );
  }
  return [...new Set(value as string[])];
}

/** Checks the `oauth` option; throws `invalid_options` naming the bad field. */
export function resolveOAuthOptions(options: OAuthOptions): ResolvedOAuthOptions {
  const toolScopes: Record<string, readonly string[]> = {};
  for (const [tool, scopes] of Object.entries(options.toolScopes ?? {})) {
    toolScopes[tool] = scopeList(scopes, `toolScopes.${tool}`);
  }
  const methodScopes: Record<string, readonly string[]> = {};
  for (const [method, scopes] of Object.entries(options.methodScopes ?? {})) {
    methodScopes[method] = scopeList(scopes, `methodScopes.${method}`);
  }
  const seconds = options.clockToleranceSeconds ?? 30;
  const timeoutMs = options.timeoutMs ?? 5000;
  if (!Number.isInteger(seconds) || seconds < 0 || !Number.isInteger(timeoutMs) || timeoutMs < 1) {
    throw new McpServerError(
      'invalid_options',
      'Options oauth.clockToleranceSeconds (>= 0) and oauth.timeoutMs (>= 1) must be whole numbers',
    );
  }
  const introspection = options.introspection;
  if (introspection !== undefined) {
    if (introspection.endpoint !== undefined)
      absoluteUrl(introspection.endpoint, 'introspection.endpoint');
    if (
      typeof introspection.clientId !== 'string' ||
      typeof introspection.clientSecret !== 'string'
    ) {
      throw new McpServerError(
        'invalid_options',
        "Option oauth.introspection needs clientId and clientSecret (this server's credentials at the issuer)",
      );
    }
  }
  const audiences = audienceList(options.audience);
  const resource = options.resource ?? audiences?.find((a) => /^https?:\/\//.test(a));
  if (resource === undefined) {
    throw new McpServerError(
      'invalid_options',
      "Option oauth.resource is required: this server's public MCP URL (https://mcp.example.com/mcp)",
    );
  }
  return {
    issuer: absoluteUrl(options.issuer, 'issuer'),
    resource: absoluteUrl(resource, options.resource === undefined ? 'audience' : 'resource'),
    audiences: audiences ?? [resource],
    scopes: scopeList(options.scopes, 'scopes'),
    toolScopes,
    methodScopes,
    introspection,
    resourceName: options.resourceName,
    clockToleranceSeconds: seconds,
    timeoutMs,
  };
}
