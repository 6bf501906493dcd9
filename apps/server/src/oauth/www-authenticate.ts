/** Quotes a value for an auth-param (RFC 9110 quoted-string); our values never hold `"` or `\`. */
const q = (value: string): string => `"${value.replace(/["\\]/g, '')}"`;

/** The fields of a Bearer challenge (RFC 6750 section 3, RFC 9728 section 5.1). */
export interface BearerChallenge {
  /** Where the Protected Resource Metadata is. */
  resourceMetadata: string;
  /** The scopes the request needs. */
  scopes?: readonly string[];
  /** `invalid_request`, `invalid_token` or `insufficient_scope`. */
  error?: 'invalid_request' | 'invalid_token' | 'insufficient_scope';
  /** A sentence for the developer. */
  description?: string;
}

/** Formats a `WWW-Authenticate: Bearer ...` value. */
export function bearerChallenge(challenge: BearerChallenge): string {
  const params = [`resource_metadata=${q(challenge.resourceMetadata)}`];
  if (challenge.scopes !== undefined && challenge.scopes.length > 0) {
    params.push(`scope=${q(challenge.scopes.join(' '))}`);
  }
  if (challenge.error !== undefined) params.push(`error=${q(challenge.error)}`);
  if (challenge.description !== undefined) {
    params.push(`error_description=${q(challenge.description)}`);
  }
  return `Bearer ${params.join(', ')}`;
}
