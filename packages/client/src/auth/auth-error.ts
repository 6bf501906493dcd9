/** Why authorization failed, as a stable string a caller can switch on. */
export type McpAuthErrorCode =
  /** No protected resource or authorization server metadata could be found or trusted. */
  | 'discovery_failed'
  /** The authorization server does not advertise PKCE with S256, so we refuse to use it. */
  | 'pkce_unsupported'
  /** No client identity: none given, no Client ID Metadata Document, no registration endpoint. */
  | 'registration_required'
  /** The authorization step failed (denied, wrong state or issuer, no callback in time). */
  | 'authorization_failed'
  /** The token endpoint refused or answered something we cannot accept. */
  | 'token_failed'
  /** A person must log in, but the provider may not interact (no TTY, `interactive: false`). */
  | 'interaction_required'
  /** The server kept asking for more scope after the step-up retries. */
  | 'step_up_exhausted';

const BRAND = Symbol.for('@mcp-sse/client/McpAuthError');

/** An OAuth failure of the client, with a `code` and a message that says what to do. */
export class McpAuthError extends Error {
  /** Machine-readable reason. */
  readonly code: McpAuthErrorCode;
  readonly [BRAND] = true;

  constructor(code: McpAuthErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'McpAuthError';
    this.code = code;
  }

  /** True for a McpAuthError from any copy of this package. */
  static isInstance(value: unknown): value is McpAuthError {
    return typeof value === 'object' && value !== null && BRAND in value;
  }
}
