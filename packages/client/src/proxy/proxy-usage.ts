/** Usage of `mcp-sse proxy`. */
export const PROXY_USAGE = `Usage: mcp-sse proxy URL [options]

Put a remote MCP server on stdio: a desktop host (Claude Desktop, an IDE) starts this
command and speaks MCP on its stdin/stdout; the proxy speaks to the server at URL over
Streamable HTTP (2025 revisions) or HTTP+SSE, negotiated, reconnecting and resuming.
Notifications (progress, logging, list changes, resource updates, cancellations) and the
server's requests (sampling, elicitation, roots) pass through both ways. The host's
initialize is answered with the server's own result: its revision, capabilities and
info; the host's capabilities are the ones declared to the server. Logs go to stderr,
stdout carries only JSON-RPC. OAuth: run "mcp-sse login URL" once first.

Options:
  -k, --api-key KEY          API key, sent as Authorization: Bearer (env MCP_API_KEY)
      --api-key-header NAME  authorization (default) or x-api-key
  -H, --header "K: V"        an extra request header (repeatable)
  -t, --transport T          streamable-http, sse, or auto (default: negotiate)
      --protocol-version V   offer this revision instead of the host's (2025-11-25, ...)
      --connect-timeout S    seconds to wait for the connection (default 10)
      --timeout S            seconds a relayed request may take (default 3600)
      --verbose              print the wire on stderr, one line per message
  -h, --help                 show this help

Claude Desktop (claude_desktop_config.json):
  { "mcpServers": { "remote": { "command": "npx",
      "args": ["-y", "@mcp-sse/client", "proxy", "https://example.com/mcp"] } } }`;
