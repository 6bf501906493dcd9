/** The suite's `MCP_CONFORMANCE_CONTEXT` for an auth scenario: what a user would be handed. */
export type AuthContext = Record<string, unknown>;

/**
 * The Client ID Metadata Document URL the suite's `auth/basic-cimd` authorization server
 * expects as client id (a user would pass the URL where their own document is published).
 */
export const CONFORMANCE_CLIENT_METADATA_URL =
  'https://conformance-test.local/client-metadata.json';

/** What `mcp-sse login` gets for one scenario: flags, and files to write first. */
export interface LoginPlan {
  /** Arguments after `mcp-sse login URL`. */
  args: string[];
  /** Files (name relative to the scenario's config dir -> content) the flags point at. */
  files: Record<string, string>;
}

const text = (context: AuthContext, key: string): string | undefined => {
  const value = context[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/**
 * Turns a scenario's context into `mcp-sse login` flags, the way a user would use what they
 * were handed out of band: pre-registered credentials, a private key file for a machine
 * client, an ID token and the IdP's token endpoint for cross-app access, a workload JWT.
 * `keyFile` is where the private key is written (the flag needs a path).
 */
export function loginPlan(scenario: string, context: AuthContext, keyFile: string): LoginPlan {
  const args = ['--timeout', '60'];
  const files: Record<string, string> = {};
  const clientId = text(context, 'client_id');
  const secret = text(context, 'client_secret');
  const pem = text(context, 'private_key_pem');
  const idToken = text(context, 'idp_id_token');
  const workloadJwt = text(context, 'valid_jwt');
  if (clientId !== undefined) args.push('--client-id', clientId);
  if (secret !== undefined) args.push('--client-secret', secret);
  if (idToken !== undefined) {
    args.push('--id-token', idToken);
    const endpoint = text(context, 'idp_token_endpoint');
    const idpClient = text(context, 'idp_client_id');
    if (endpoint !== undefined) args.push('--idp-token-endpoint', endpoint);
    if (idpClient !== undefined) args.push('--idp-client-id', idpClient);
  } else if (workloadJwt !== undefined) {
    files[keyFile] = workloadJwt;
    args.push('--assertion-file', keyFile);
  } else if (scenario.startsWith('auth/client-credentials-')) {
    args.push('--client-credentials');
    if (pem !== undefined) {
      files[keyFile] = pem;
      args.push('--private-key', keyFile);
      const alg = text(context, 'signing_algorithm');
      if (alg !== undefined) args.push('--signing-alg', alg);
    }
  }
  if (scenario === 'auth/basic-cimd') {
    args.push('--client-metadata-url', CONFORMANCE_CLIENT_METADATA_URL);
  }
  return { args, files };
}
