import * as oauth from 'oauth4webapi';
import { McpAuthError } from './auth-error.js';
import { basicAuth } from './client-identity.js';
import { httpOptions } from './http-options.js';
import type { AssertionSource, AssertionTarget } from './jwt-bearer.js';

/** The token exchange grant type (RFC 8693). */
const TOKEN_EXCHANGE_GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:token-exchange';
/** The Identity Assertion JWT Authorization Grant token type (the ID-JAG draft). */
export const ID_JAG_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:id-jag';
const ID_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:id_token';

/** Options of {@link crossAppAccessAssertion}: the user's enterprise identity provider. */
export interface CrossAppAccessOptions {
  /** The IdP's token endpoint, where the ID token is exchanged for an ID-JAG. */
  idpTokenEndpoint: string;
  /** Our client id at the IdP. */
  idpClientId: string;
  /** Its secret at the IdP, when it is a confidential client there (client_secret_basic). */
  idpClientSecret?: string;
  /** The user's ID token from the IdP (from their single sign-on). */
  idToken: string;
  /** The fetch to use (default: the global one). */
  fetch?: typeof fetch;
}

/**
 * Cross-app access (the Enterprise-Managed Authorization extension): the user's ID token is
 * exchanged at their IdP (RFC 8693 token exchange) for an ID-JAG addressed to the MCP
 * server's authorization server and naming its resource; that JWT is then the assertion of
 * the JWT bearer grant there. No browser: the IdP's policy decides.
 */
export function crossAppAccessAssertion(options: CrossAppAccessOptions): AssertionSource {
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  let endpoint: URL;
  try {
    endpoint = new URL(options.idpTokenEndpoint);
  } catch {
    throw new McpAuthError(
      'discovery_failed',
      `The IdP token endpoint is not a URL: ${options.idpTokenEndpoint}`,
    );
  }
  // oauth4webapi wants metadata; a token endpoint is all the exchange uses.
  const idp: oauth.AuthorizationServer = {
    issuer: endpoint.origin,
    token_endpoint: endpoint.href,
  };
  const client: oauth.Client = { client_id: options.idpClientId };
  const clientAuth =
    options.idpClientSecret !== undefined
      ? basicAuth(options.idpClientId, options.idpClientSecret)
      : oauth.None();
  return async (target: AssertionTarget, signal?: AbortSignal) => {
    const parameters: Record<string, string> = {
      requested_token_type: ID_JAG_TOKEN_TYPE,
      subject_token: options.idToken,
      subject_token_type: ID_TOKEN_TYPE,
      audience: target.issuer,
      resource: target.resource,
      ...(target.scope !== undefined ? { scope: target.scope } : {}),
    };
    let answer: oauth.TokenEndpointResponse;
    try {
      const response = await oauth.genericTokenEndpointRequest(
        idp,
        client,
        clientAuth,
        TOKEN_EXCHANGE_GRANT_TYPE,
        parameters,
        httpOptions(fetchImpl, endpoint, signal),
      );
      // An ID-JAG is no access token: its token_type is `N_A` (RFC 8693 section 2.2.1).
      answer = await oauth.processGenericTokenEndpointResponse(idp, client, response, {
        recognizedTokenTypes: { n_a: () => {} },
      });
    } catch (cause) {
      const detail =
        cause instanceof oauth.ResponseBodyError
          ? `${cause.error}${cause.error_description ? `: ${cause.error_description}` : ''}`
          : (cause as Error).message;
      throw new McpAuthError(
        'token_failed',
        `The IdP at ${endpoint.href} refused to exchange the ID token (${detail}): check ` +
          '--id-token (still valid? issued for --idp-client-id?) and that the IdP allows this app.',
        { cause },
      );
    }
    if (answer.issued_token_type !== ID_JAG_TOKEN_TYPE) {
      throw new McpAuthError(
        'token_failed',
        `The IdP at ${endpoint.href} answered with a ${String(answer.issued_token_type)} ` +
          `instead of an ID-JAG (${ID_JAG_TOKEN_TYPE}).`,
      );
    }
    return answer.access_token;
  };
}
