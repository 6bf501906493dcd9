/**
 * HTTP header names of MCP's Streamable HTTP transport. HTTP header names are
 * case-insensitive; these are the spellings the specification uses (lower-case them to
 * read Node's `IncomingHttpHeaders`).
 */
export const McpHeader = {
  /** Every request after `initialize` (2025-06-18+), every request (2026-07-28). */
  ProtocolVersion: 'MCP-Protocol-Version',
  /** The session id of 2025-03-26 .. 2025-11-25; ignored by 2026-07-28 servers. */
  SessionId: 'Mcp-Session-Id',
  /** 2026-07-28: the JSON-RPC `method` of the body, on every POST. */
  Method: 'Mcp-Method',
  /** 2026-07-28: `params.name` (tools/call, prompts/get) or `params.uri` (resources/read). */
  Name: 'Mcp-Name',
  /** The SSE resumption header of 2025-03-26 .. 2025-11-25. */
  LastEventId: 'Last-Event-ID',
} as const;
/** One of the {@link McpHeader} values. */
export type McpHeader = (typeof McpHeader)[keyof typeof McpHeader];

/** 2026-07-28: prefix of the headers that mirror tool arguments marked `x-mcp-header`. */
export const MCP_PARAM_HEADER_PREFIX = 'Mcp-Param-';

/** 2026-07-28: the JSON Schema keyword that marks a tool argument to mirror in a header. */
export const X_MCP_HEADER = 'x-mcp-header';

/** The header that mirrors the tool argument marked `x-mcp-header: name`. */
export function mcpParamHeaderName(name: string): string {
  return `${MCP_PARAM_HEADER_PREFIX}${name}`;
}

/** The methods whose `Mcp-Name` header is required, and the params member it mirrors. */
export const MCP_NAME_SOURCE: Readonly<Record<string, 'name' | 'uri' | 'taskId'>> = {
  'tools/call': 'name',
  'prompts/get': 'name',
  'resources/read': 'uri',
  // The tasks extension (SEP-2663) routes its methods by task id.
  'tasks/get': 'taskId',
  'tasks/update': 'taskId',
  'tasks/cancel': 'taskId',
};
