/** The JWT bearer grant type (RFC 7523 section 2.1). */
export const JWT_BEARER_GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** Who an assertion is for: the authorization server and the resource the token is wanted for. */
export interface AssertionTarget {
  /** The authorization server's issuer (the assertion's audience). */
  issuer: string;
  /** The MCP server's resource identifier (RFC 8707). */
  resource: string;
  /** The scope about to be asked for, when there is one. */
  scope?: string;
}

/**
 * Where the JWT of the JWT bearer grant comes from, asked again at every (re)authorization:
 * a workload identity token read from a file, or an ID-JAG from the enterprise IdP
 * ({@link crossAppAccessAssertion}).
 */
export type AssertionSource = (target: AssertionTarget, signal?: AbortSignal) => Promise<string>;
