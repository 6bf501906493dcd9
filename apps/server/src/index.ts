/*
 * The public API of @mcp-sse/server, chosen name by name: what is not listed here
 * (the core's session state, SSE outboxes, Redis connections and scripts, the example
 * tools one by one) is internal and may change in any release. api/server.api.md records
 * this surface; a change to it shows in review.
 */

// Running a server: the Fastify plugin, or a ready app with it.
export { type BuildAppOptions, buildApp } from './app.js';
// List changes and resource updates between instances (the `broadcast` option).
export { MemoryBroadcastHub } from './broadcast/memory-broadcast.js';
export type { NotificationBroadcast } from './broadcast/notification-broadcast.js';
export type { ServerChange } from './broadcast/server-change.js';
// The transport-agnostic core, as `fastify.mcp.core` exposes it (types only).
export type { CallOutcome } from './core/call-outcome.js';
export type { CoreLogger } from './core/logger.js';
export type { CoreStats, McpServerCore } from './core/mcp-server-core.js';
export {
  AuthRateLimitedError,
  BodyTooLargeError,
  HostNotAllowedError,
  InvalidBodyError,
  InvalidJsonError,
  InvalidSessionIdError,
  JsonTooDeepError,
  MissingSessionIdError,
  OriginNotAllowedError,
  RateLimitedError,
  RequestIdInUseError,
  SessionForbiddenError,
  SessionNotFoundError,
  ShuttingDownError,
  TooManyClientSessionsError,
  TooManySessionsError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
} from './errors/http-errors.js';
export { McpServerError, type McpServerErrorCode } from './errors/mcp-server-error.js';
export { RedisUnavailableError } from './errors/redis-unavailable-error.js';
/** The example tools `buildApp` serves by default (echo, add, sleep, time, image). */
export { exampleTools } from './examples/example-tools.js';
// Resources, prompts, completions and requests to the client.
export {
  type ClientChannel,
  type ClientRequestMethod,
  type ClientRequestOptions,
  capabilityError,
  invalidResult,
  missingCapability,
} from './features/client-channel.js';
export {
  ClientRequestError,
  type ClientRequestErrorCode,
} from './features/client-request-error.js';
export type { ClientRequests } from './features/client-requests.js';
export {
  type Completer,
  type CompletionContext,
  MAX_COMPLETION_VALUES,
  runCompleter,
} from './features/completer.js';
export {
  type DefinedPrompt,
  definePrompt,
  type PromptDefinition,
  type PromptReturn,
  toGetPromptResult,
} from './features/define-prompt.js';
export {
  type DefinedResource,
  defineResource,
  type ResourceDefinition,
} from './features/define-resource.js';
export {
  type DefinedResourceTemplate,
  defineResourceTemplate,
  type ResourceTemplateDefinition,
} from './features/define-resource-template.js';
export { FeatureError, type FeatureErrorCode } from './features/feature-error.js';
export { FeatureRegistry } from './features/feature-registry.js';
export { type InputRequest, InputRequired, InputRound } from './features/input-round.js';
export {
  MISSING_REQUIRED_CLIENT_CAPABILITY,
  missingCapabilityError,
} from './features/missing-capability.js';
export { MULTI_ROUND_TRIP_VERSION, usesInputRounds } from './features/multi-round.js';
export {
  CLIENT_REQUEST_TIMEOUT_MS,
  OutboundRequests,
  type OutboundSend,
} from './features/outbound-requests.js';
export { type RequestStatePayload, RequestStateSealer } from './features/request-state.js';
export { defineServer, type ServerDefinitions } from './features/server-definitions.js';
export {
  type FeatureRequest,
  type FeaturesSession,
  ServerFeatures,
  type ServerFeaturesOptions,
} from './features/server-features.js';
export { JsonRpcError } from './features/tasks/json-rpc-error.js';
export {
  MemoryTaskStore,
  type MemoryTaskStoreOptions,
} from './features/tasks/memory-task-store.js';
export { RedisTaskStore } from './features/tasks/redis-task-store.js';
export {
  type StartTask,
  type TaskLookup,
  TaskManager,
  type TaskManagerOptions,
} from './features/tasks/task-manager.js';
export type { TaskError, TaskRecord } from './features/tasks/task-record.js';
export type { TaskStore } from './features/tasks/task-store.js';
export type { ResourceReadReturn } from './features/to-resource-contents.js';
export { UriTemplate } from './features/uri-template.js';
export type {
  BlobResourceContents,
  Completion,
  CreateMessageParams,
  CreateMessageResult,
  ElicitParams,
  ElicitResult,
  GetPromptResult,
  Icon,
  ListRootsResult,
  PromptArgumentDescriptor,
  PromptContent,
  PromptDescriptor,
  PromptMessage,
  ResourceAnnotations,
  ResourceContents,
  ResourceDescriptor,
  ResourceTemplateDescriptor,
  Root,
  SamplingMessage,
  TextResourceContents,
} from './features/wire-types.js';
/** The stdio gateway: serve a stdio MCP server over every transport (`stdio` option). */
export { GatewayError, type GatewayErrorReason } from './gateway/gateway-error.js';
export { GatewayErrorCode, type GatewayErrorType } from './gateway/gateway-error-codes.js';
export type { StdioGatewayOptions, StdioMode } from './gateway/gateway-options.js';
// Access control.
export { type Authenticate, apiKeyAuthenticator } from './http/auth.js';
// Errors: the HTTP answers (each with its `code`) and the server's own.
export type { HttpErrorBody } from './http/error-handler.js';
export type { AllowedHosts } from './http/host.js';
export type { AllowedOrigins } from './http/origin.js';
export {
  AuthServerUnavailableError,
  InsufficientScopeError,
  InvalidAuthorizationHeaderError,
  InvalidTokenError,
} from './oauth/oauth-errors.js';
export type { IntrospectionOptions, OAuthOptions } from './oauth/oauth-options.js';
export { OAuthResourceServer } from './oauth/oauth-resource-server.js';
export {
  PRM_WELL_KNOWN,
  type ProtectedResourceMetadata,
} from './oauth/protected-resource-metadata.js';
export { isOAuthPrincipal, type OAuthPrincipal } from './oauth/token-claims.js';
export type { McpSseOptions } from './plugin/options.js';
export { mcpSse, mcpSsePlugin, mcpSsePlugin as default } from './plugin/plugin.js';
export type { McpSseDecoration } from './plugin/types.js';
export type { RedisConnectOption } from './redis/redis-connections.js';
export { MemorySessionDelivery } from './sessions/memory-session-delivery.js';
export { MemorySessionStore } from './sessions/memory-session-store.js';
// Where sessions live: the interfaces to implement, the in-memory defaults, Redis' option.
export type { Inbound, SessionDelivery } from './sessions/session-delivery.js';
export type { MaybePromise, SessionRecord, SessionStore } from './sessions/session-store.js';
// Tools.
export {
  type DefinedTool,
  defineTool,
  type ToolDefinition,
  type ToolExecutionOptions,
  type ToolReturn,
} from './tools/define-tool.js';
export { errorResult, toCallToolResult } from './tools/to-call-tool-result.js';
export type { Principal, SessionInfo, ToolContext } from './tools/tool-context.js';
export { ToolRegistry } from './tools/tool-registry.js';
