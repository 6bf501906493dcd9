import type { BearerChallenge } from './bearer-challenge.js';

/** Why a provider is asked to authorize: the server's answer that asked for it. */
export interface AuthChallenge {
  /** 401 (no or bad token) or 403 (`insufficient_scope`: step-up). */
  status: 401 | 403;
  /** The MCP server URL the request went to. */
  serverUrl: URL;
  /** The Bearer challenge of its `WWW-Authenticate`, when it sent one. */
  challenge?: BearerChallenge;
}

/**
 * What the transports ask for credentials: a token to send, and a way to get a (better) one
 * when the server refuses. {@link OAuthProvider} is the OAuth 2.1 implementation; an
 * application may give its own (a token from elsewhere).
 */
export interface AuthProvider {
  /** The access token to send to `serverUrl` now, or undefined (refreshing it if due). */
  token(serverUrl: URL, signal?: AbortSignal): Promise<string | undefined>;
  /** Obtains a token after a 401 or 403 `insufficient_scope`; rejects when it cannot. */
  authorize(challenge: AuthChallenge, signal?: AbortSignal): Promise<void>;
  /**
   * Optional: sends a request to the MCP server itself, for tokens that need more than an
   * `Authorization: Bearer` header (DPoP proofs, RFC 9449). Undefined: send the Bearer
   * token of `token()`.
   */
  send?(
    serverUrl: URL,
    url: URL,
    init: RequestInit,
    fetchImpl: typeof fetch,
  ): Promise<Response | undefined>;
}
