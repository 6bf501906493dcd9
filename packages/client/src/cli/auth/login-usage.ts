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
      --timeout S                 seconds to wait for the browser (default 300)
  -h, --help                      show this help`;

/** Usage of `mcp-sse logout`. */
export const LOGOUT_USAGE = `Usage: mcp-sse logout URL

Forgets the stored OAuth tokens for that server.

Options:
  -h, --help   show this help`;
