/** The local paths (prefix included) of the server's MCP routes; undefined when off. */
export interface McpRoutePaths {
  /** Streamable HTTP (`/mcp`). */
  mcp?: string | undefined;
  /** HTTP+SSE stream (`/sse`). */
  sse?: string | undefined;
  /** HTTP+SSE messages (`/messages`). */
  messages?: string | undefined;
}

/** The routes of the resolved plugin options. */
export function mcpRoutePaths(options: {
  prefix: string;
  mcpPath: string | false;
  ssePath: string | false;
  messagesPath: string | false;
}): McpRoutePaths {
  const at = (path: string | false) => (path === false ? undefined : `${options.prefix}${path}`);
  return { mcp: at(options.mcpPath), sse: at(options.ssePath), messages: at(options.messagesPath) };
}

/**
 * The resource identifier of the HTTP+SSE endpoint. A client checks that the metadata's
 * `resource` is the URL it was given or a parent of it (RFC 9728 section 3.3), so a
 * resource naming the Streamable HTTP endpoint (`https://host/mcp`) cannot serve a client
 * given `https://host/sse`: that one gets the same URL with the SSE path in place of the
 * MCP path. A resource that does not end with the MCP path (the origin, say) already is a
 * parent of both and serves both.
 */
export function sseResource(resource: string, routes: McpRoutePaths): string {
  if (routes.mcp === undefined || routes.sse === undefined) return resource;
  const url = new URL(resource);
  const path = url.pathname.replace(/\/$/, '');
  const mcp = routes.mcp.replace(/\/$/, '');
  if (!path.endsWith(mcp)) return resource;
  url.pathname = `${path.slice(0, path.length - mcp.length)}${routes.sse}`;
  return url.href;
}

/** Whether a request URL is one of the HTTP+SSE routes. */
export function isSseRequest(url: string, routes: McpRoutePaths): boolean {
  const path = url.split('?')[0];
  return path !== undefined && (path === routes.sse || path === routes.messages);
}
