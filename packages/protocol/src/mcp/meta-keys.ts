/**
 * The reserved `_meta` keys of MCP. Keys under `io.modelcontextprotocol/` belong to the
 * specification; the 2026-07-28 revision moves what `initialize` used to carry into them.
 */
export const MetaKey = {
  /** Request `_meta` (2026-07-28, required): the revision the request is written in. */
  ProtocolVersion: 'io.modelcontextprotocol/protocolVersion',
  /** Request `_meta` (2026-07-28, required): what the client can do, per request. */
  ClientCapabilities: 'io.modelcontextprotocol/clientCapabilities',
  /** Request `_meta` (2026-07-28, should): the client's name and version. */
  ClientInfo: 'io.modelcontextprotocol/clientInfo',
  /** Request `_meta` (2026-07-28): the least severe log level the client wants for this request. */
  LogLevel: 'io.modelcontextprotocol/logLevel',
  /** Result `_meta` (2026-07-28, should): the server's name and version. */
  ServerInfo: 'io.modelcontextprotocol/serverInfo',
  /** Notification and `subscriptions/listen` result `_meta` (2026-07-28): the subscription. */
  SubscriptionId: 'io.modelcontextprotocol/subscriptionId',
  /** `_meta` of messages that belong to a task (2025-11-25 experimental tasks). */
  RelatedTask: 'io.modelcontextprotocol/related-task',
  /** Request `_meta` of every revision: the token progress notifications echo. */
  ProgressToken: 'progressToken',
} as const;

/** One of the {@link MetaKey} values. */
export type MetaKey = (typeof MetaKey)[keyof typeof MetaKey];

/** The extension id of tasks in 2026-07-28 (`capabilities.extensions`). */
export const TASKS_EXTENSION_ID = 'io.modelcontextprotocol/tasks';
