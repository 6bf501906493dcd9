/** Usage of `mcp-sse login`. */
export const LOGIN_USAGE = `Usage: mcp-sse login URL [options]

Logs in to an OAuth-protected MCP server and stores the tokens (per issuer, in
$XDG_CONFIG_HOME/mcp-sse/auth.json or ~/.config/mcp-sse/auth.json, mode 0600) for every
later command. A person logs in in the browser (authorization code with PKCE, redirect to
127.0.0.1); machine clients use --client-credentials.

Options:
      --no-browser                print the URL instead of opening $BROWSER
      --scope "A B"               the scope to ask for (default: what the server says)
      --client-id ID              a pre-registered client id
      --client-secret S           its secret (client_secret_basic)
      --client-metadata-url URL   a Client ID Metadata Document to use as client id
      --client-credentials        no browser: the client credentials grant, with
                                  --client-secret or --private-key
      --private-key FILE          PKCS#8 PEM or JWK private key (private_key_jwt)
      --signing-alg ALG           its algorithm: RS256, ES256, ... (default RS256)
      --idp-token-endpoint URL    cross-app access (Enterprise-Managed Authorization): no
      --idp-client-id ID          browser; the ID token is exchanged at the IdP's token
      --id-token JWT              endpoint for an ID-JAG, then used with --client-id (and
                                  --client-secret) in the JWT bearer grant
      --assertion-file FILE       workload identity: the JWT in FILE (read again at each
                                  renewal) in the JWT bearer grant, with --client-id
      --timeout S                 seconds to wait for the browser (default 300)
  -h, --help                      show this help

Later commands renew tokens the same way. A 401, or a 403 asking for more scope, opens the
browser again on a terminal; elsewhere they say to log in, unless MCP_OAUTH_BROWSER=1 lets
them open $BROWSER without a terminal (automation whose $BROWSER completes the login).

Examples:
  mcp-sse login https://mcp.example.com/mcp
  mcp-sse login https://mcp.example.com/mcp --client-id ci-bot --client-credentials \\
    --client-secret "$SECRET"
  mcp-sse login https://mcp.example.com/mcp --client-id my-app --client-secret "$SECRET" \\
    --idp-token-endpoint https://idp.example.com/oauth2/token --idp-client-id my-app-sso \\
    --id-token "$ID_TOKEN"`;

/** Usage of `mcp-sse logout`. */
export const LOGOUT_USAGE = `Usage: mcp-sse logout URL

Forgets the stored OAuth tokens for that server.

Options:
  -h, --help   show this help`;
