import type { CoreStats, McpServerCore } from '../core/mcp-server-core.js';
import type { DefinedTool } from '../tools/define-tool.js';
import type { Principal } from '../tools/tool-context.js';

/** What the plugin adds to the Fastify instance as `fastify.mcp`. */
export interface McpSseDecoration {
  /** Adds a tool while running; every session gets `list_changed` and a `tools` event. */
  addTool(tool: DefinedTool): void;
  /** Removes a tool by name; returns whether it existed. */
  removeTool(name: string): boolean;
  /** Open sessions and calls in flight. */
  stats(): CoreStats;
  /** The transport-agnostic core, for other transports. */
  readonly core: McpServerCore;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The MCP server added by the `mcpSse` plugin. */
    mcp: McpSseDecoration;
  }
  interface FastifyRequest {
    /** Who sent the request, once authenticated; null without auth. */
    mcpPrincipal: Principal | null;
  }
  interface FastifyContextConfig {
    /** Routes that skip authentication (health check, CORS preflight). */
    mcpPublic?: boolean;
    /** Routes whose errors are JSON-RPC error responses (the Streamable HTTP endpoint). */
    mcpJsonRpcErrors?: boolean;
  }
}
