/**
 * `@mcp-sse/protocol`: zod schemas for JSON-RPC 2.0 and every MCP message of revisions
 * 2024-11-05 .. 2026-07-28, the HTTP header helpers of Streamable HTTP, and an SSE
 * encoder / decoder. Schemas are `XxxSchema`, their types `Xxx`, guards `isXxx`. Objects are
 * loose: members that a newer revision adds pass through.
 *
 * @packageDocumentation
 */

// ---- Protocol revisions ----

/** The revisions by name, the negotiable (session) ones, the stateless ones, and checks. */
export {
  ALL_PROTOCOL_VERSIONS,
  isKnownProtocolVersion,
  isStatelessProtocolVersion,
  isSupportedProtocolVersion,
  LATEST_PROTOCOL_VERSION,
  negotiateProtocolVersion,
  ProtocolVersion,
  STATELESS_PROTOCOL_VERSIONS,
  type StatelessProtocolVersion,
  SUPPORTED_PROTOCOL_VERSIONS,
  type SupportedProtocolVersion,
} from './versions.js';

// ---- JSON-RPC 2.0 ----

/** Builders for the four kinds of JSON-RPC message. */
export { jsonRpcError, jsonRpcNotification, jsonRpcRequest, jsonRpcResult } from './build.js';
/** The numeric error codes that travel on the wire. */
export { ErrorCode } from './error-codes.js';
/** JSON-RPC message schemas, types and guards. */
export {
  isJSONRPCErrorResponse,
  isJSONRPCMessage,
  isJSONRPCNotification,
  isJSONRPCRequest,
  isJSONRPCResultResponse,
  JSONRPC_VERSION,
  type JSONRPCErrorObject,
  JSONRPCErrorObjectSchema,
  type JSONRPCErrorResponse,
  JSONRPCErrorResponseSchema,
  type JSONRPCMessage,
  JSONRPCMessageSchema,
  type JSONRPCNotification,
  JSONRPCNotificationSchema,
  type JSONRPCRequest,
  JSONRPCRequestSchema,
  type JSONRPCResponse,
  JSONRPCResponseSchema,
  type JSONRPCResultResponse,
  JSONRPCResultResponseSchema,
  type ProgressToken,
  ProgressTokenSchema,
  type RequestId,
  RequestIdSchema,
  type RequestMeta,
  RequestMetaSchema,
  RequestParamsSchema,
} from './jsonrpc.js';

// ---- Reading input ----

/** The local error for input that could not be read. */
export { ProtocolError, type ProtocolErrorCode } from './errors.js';
/** Zod issues as one readable line per field. */
export { firstIssuePath, formatIssues } from './issues.js';
/** Reading JSON and messages without throwing; readable zod issues. */
export {
  type ParseResult,
  parseJSONRPCMessage,
  parseJson,
  parseWith,
  toJSONRPCMessage,
} from './parse.js';

// ---- Shared MCP shapes ----

/** What each side can do. */
export {
  type ClientCapabilities,
  ClientCapabilitiesSchema,
  type ServerCapabilities,
  ServerCapabilitiesSchema,
} from './mcp/capabilities.js';
/** Implementations, icons, names, `_meta`, result types, cursors, roles. */
export {
  type BaseMetadata,
  BaseMetadataSchema,
  type Cursor,
  CursorSchema,
  type Icon,
  IconSchema,
  type Implementation,
  ImplementationSchema,
  type Meta,
  MetaSchema,
  type ResultType,
  ResultTypeSchema,
  type Role,
  RoleSchema,
} from './mcp/common.js';
/** Content blocks of tool results, prompts and sampling. */
export {
  type Annotations,
  AnnotationsSchema,
  type AudioContent,
  AudioContentSchema,
  type BlobResourceContents,
  BlobResourceContentsSchema,
  type ContentAnnotations,
  ContentAnnotationsSchema,
  type ContentBlock,
  ContentBlockSchema,
  type EmbeddedResource,
  EmbeddedResourceSchema,
  type ImageContent,
  ImageContentSchema,
  type ResourceContents,
  ResourceContentsSchema,
  type ResourceLink,
  ResourceLinkSchema,
  type SamplingMessageContentBlock,
  SamplingMessageContentBlockSchema,
  type TextContent,
  TextContentSchema,
  type TextResourceContents,
  TextResourceContentsSchema,
  type ToolResultContent,
  ToolResultContentSchema,
  type ToolUseContent,
  ToolUseContentSchema,
} from './mcp/content.js';
/** Params of notifications and of paged list requests. */
export {
  type NotificationParams,
  NotificationParamsSchema,
  type PaginatedRequestParams,
  PaginatedRequestParamsSchema,
} from './mcp/params.js';
/** The empty result. */
export { type EmptyResult, EmptyResultSchema } from './mcp/result.js';

// ---- Lifecycle and utilities ----

/** `notifications/cancelled`. */
export { type CancelledNotification, CancelledNotificationSchema } from './mcp/cancelled.js';
/** `server/discover` (2026-07-28). */
export {
  type DiscoverRequest,
  DiscoverRequestSchema,
  type DiscoverResult,
  DiscoverResultSchema,
  isDiscoverResult,
} from './mcp/discover.js';
/** `initialize` and `notifications/initialized` (2024-11-05 .. 2025-11-25). */
export {
  type InitializedNotification,
  InitializedNotificationSchema,
  type InitializeRequest,
  InitializeRequestSchema,
  type InitializeResult,
  InitializeResultSchema,
  isInitializeRequest,
} from './mcp/initialize.js';
/** `logging/setLevel`, `notifications/message` and level filtering. */
export {
  isLevelEnabled,
  LOGGING_LEVELS,
  type LoggingLevel,
  LoggingLevelSchema,
  type LoggingMessageNotification,
  LoggingMessageNotificationSchema,
  type SetLevelRequest,
  SetLevelRequestSchema,
} from './mcp/logging.js';
/** `ping`. */
export { type PingRequest, PingRequestSchema } from './mcp/ping.js';
/** `notifications/progress`. */
export {
  isProgressNotification,
  type Progress,
  type ProgressNotification,
  ProgressNotificationSchema,
} from './mcp/progress.js';

// ---- 2026-07-28: per-request metadata, multi round-trip requests, subscriptions ----

/** The `input_required` result and the requests / responses it carries. */
export {
  type InputRequest,
  InputRequestSchema,
  type InputRequests,
  InputRequestsSchema,
  type InputRequiredResult,
  InputRequiredResultSchema,
  type InputResponse,
  InputResponseSchema,
  type InputResponses,
  InputResponsesSchema,
  isInputRequiredResult,
} from './mcp/input-required.js';
/** `_meta` of 2026-07-28 requests, results and notifications. */
export {
  isStatelessRequestMeta,
  type NotificationMeta,
  NotificationMetaSchema,
  type ResultMeta,
  ResultMetaSchema,
  type StatelessRequestMeta,
  StatelessRequestMetaSchema,
} from './mcp/meta.js';
/** The reserved `_meta` keys and the tasks extension id. */
export { MetaKey, TASKS_EXTENSION_ID } from './mcp/meta-keys.js';
/** The experimental capability of a server that re-attaches a request re-sent with its id. */
export { offersSameIdResend, SAME_ID_RESEND_CAPABILITY } from './mcp/same-id-resend.js';
/** `subscriptions/listen` and its acknowledgement. */
export {
  type SubscriptionFilter,
  SubscriptionFilterSchema,
  type SubscriptionsAcknowledgedNotification,
  SubscriptionsAcknowledgedNotificationSchema,
  type SubscriptionsListenRequest,
  SubscriptionsListenRequestSchema,
  type SubscriptionsListenResult,
  SubscriptionsListenResultSchema,
} from './mcp/subscriptions.js';
/** `error.data` of the 2026-07-28 (and 2025-11-25 URL elicitation) error codes. */
export {
  type MissingRequiredClientCapabilityData,
  MissingRequiredClientCapabilityDataSchema,
  type UnsupportedProtocolVersionData,
  UnsupportedProtocolVersionDataSchema,
  type UrlElicitationRequiredData,
  UrlElicitationRequiredDataSchema,
} from './mcp/wire-errors.js';

// ---- Server features ----

/** `completion/complete` for prompt arguments and template variables. */
export {
  type CompleteRequest,
  CompleteRequestSchema,
  type CompleteResult,
  CompleteResultSchema,
  type PromptReference,
  PromptReferenceSchema,
  type ResourceTemplateReference,
  ResourceTemplateReferenceSchema,
} from './mcp/completion.js';
/** Prompts: list, get, list changes. */
export {
  type GetPromptRequest,
  GetPromptRequestSchema,
  type GetPromptResult,
  GetPromptResultSchema,
  isPrompt,
  type ListPromptsRequest,
  ListPromptsRequestSchema,
  type ListPromptsResult,
  ListPromptsResultSchema,
  type Prompt,
  type PromptArgument,
  PromptArgumentSchema,
  type PromptListChangedNotification,
  PromptListChangedNotificationSchema,
  type PromptMessage,
  PromptMessageSchema,
  PromptSchema,
} from './mcp/prompts.js';
/** Resources and resource templates: list, read, subscribe, updates, list changes. */
export {
  isReadResourceResult,
  isResource,
  type ListResourcesRequest,
  ListResourcesRequestSchema,
  type ListResourcesResult,
  ListResourcesResultSchema,
  type ListResourceTemplatesRequest,
  ListResourceTemplatesRequestSchema,
  type ListResourceTemplatesResult,
  ListResourceTemplatesResultSchema,
  type ReadResourceRequest,
  ReadResourceRequestSchema,
  type ReadResourceResult,
  ReadResourceResultSchema,
  type Resource,
  type ResourceListChangedNotification,
  ResourceListChangedNotificationSchema,
  ResourceSchema,
  type ResourceTemplate,
  ResourceTemplateSchema,
  type ResourceUpdatedNotification,
  ResourceUpdatedNotificationSchema,
  type SubscribeRequest,
  SubscribeRequestSchema,
  type UnsubscribeRequest,
  UnsubscribeRequestSchema,
} from './mcp/resources.js';
/** Tools: definitions, `tools/list`, `tools/call`, list changes. */
export {
  type CallToolRequest,
  CallToolRequestSchema,
  type CallToolResult,
  CallToolResultSchema,
  isCallToolResult,
  isTool,
  type ListToolsRequest,
  ListToolsRequestSchema,
  type ListToolsResult,
  ListToolsResultSchema,
  type Tool,
  type ToolAnnotations,
  ToolAnnotationsSchema,
  type ToolExecution,
  ToolExecutionSchema,
  type ToolJsonSchema,
  ToolJsonSchemaSchema,
  type ToolListChangedNotification,
  ToolListChangedNotificationSchema,
  type ToolOutputSchema,
  ToolOutputSchemaSchema,
  ToolSchema,
} from './mcp/tools.js';

// ---- Client features ----

/** `elicitation/create` in form and URL modes, and the form field subset. */
export {
  type BooleanField,
  BooleanFieldSchema,
  type ElicitationCompleteNotification,
  ElicitationCompleteNotificationSchema,
  type ElicitationFormSchema,
  ElicitationFormSchemaSchema,
  type ElicitRequest,
  type ElicitRequestFormParams,
  ElicitRequestFormParamsSchema,
  type ElicitRequestParams,
  ElicitRequestParamsSchema,
  ElicitRequestSchema,
  type ElicitRequestURLParams,
  ElicitRequestURLParamsSchema,
  type ElicitResult,
  ElicitResultSchema,
  isElicitRequestURLParams,
  type MultiSelectEnumField,
  MultiSelectEnumFieldSchema,
  type NumberField,
  NumberFieldSchema,
  type PrimitiveSchemaDefinition,
  PrimitiveSchemaDefinitionSchema,
  type SingleSelectEnumField,
  SingleSelectEnumFieldSchema,
  type StringField,
  StringFieldSchema,
} from './mcp/elicitation.js';
/** `roots/list` and roots list changes. */
export {
  type ListRootsRequest,
  ListRootsRequestSchema,
  type ListRootsResult,
  ListRootsResultSchema,
  type Root,
  RootSchema,
  type RootsListChangedNotification,
  RootsListChangedNotificationSchema,
} from './mcp/roots.js';
/** `sampling/createMessage`, with tools. */
export {
  type CreateMessageRequest,
  type CreateMessageRequestParams,
  CreateMessageRequestParamsSchema,
  CreateMessageRequestSchema,
  type CreateMessageResult,
  CreateMessageResultSchema,
  type ModelHint,
  ModelHintSchema,
  type ModelPreferences,
  ModelPreferencesSchema,
  type SamplingMessage,
  SamplingMessageSchema,
  type ToolChoice,
  ToolChoiceSchema,
} from './mcp/sampling.js';

// ---- Tasks ----

/** `params.task` of a task-augmented request (2025-11-25). */
export { type TaskMetadata, TaskMetadataSchema } from './mcp/task-metadata.js';
/** Tasks: the 2026-07-28 extension (`Task...`) and the experimental 2025-11-25 ones. */
export {
  type CancelTaskRequest,
  CancelTaskRequestSchema,
  type CreateTaskResult,
  CreateTaskResultSchema,
  type DetailedTask,
  DetailedTaskSchema,
  type ExperimentalCreateTaskResult,
  ExperimentalCreateTaskResultSchema,
  type ExperimentalTask,
  type ExperimentalTaskResult,
  ExperimentalTaskResultSchema,
  ExperimentalTaskSchema,
  type ExperimentalTaskStatusNotification,
  ExperimentalTaskStatusNotificationSchema,
  type GetTaskPayloadRequest,
  GetTaskPayloadRequestSchema,
  type GetTaskRequest,
  GetTaskRequestSchema,
  type GetTaskResult,
  GetTaskResultSchema,
  isCreateTaskResult,
  isTerminalTaskStatus,
  type ListTasksRequest,
  ListTasksRequestSchema,
  type ListTasksResult,
  ListTasksResultSchema,
  type Task,
  TaskSchema,
  type TaskStatus,
  type TaskStatusNotification,
  TaskStatusNotificationSchema,
  TaskStatusSchema,
  type UpdateTaskRequest,
  UpdateTaskRequestSchema,
} from './mcp/tasks.js';

// ---- Unions by direction ----

/** Every request and notification of each side, discriminated by `method`. */
export {
  type ClientMethod,
  type ClientNotification,
  ClientNotificationSchema,
  type ClientRequest,
  ClientRequestSchema,
  type ServerMethod,
  type ServerNotification,
  ServerNotificationSchema,
  type ServerRequest,
  ServerRequestSchema,
} from './mcp/unions.js';

// ---- Streamable HTTP headers ----

/** The `=?base64?...?=` header value form of 2026-07-28. */
export {
  decodeHeaderValue,
  encodeHeaderValue,
  isBase64HeaderValue,
  isPlainHeaderValue,
} from './http/header-value.js';
/** Header names of Streamable HTTP and which params `Mcp-Name` mirrors. */
export {
  MCP_NAME_SOURCE,
  MCP_PARAM_HEADER_PREFIX,
  McpHeader,
  mcpParamHeaderName,
  X_MCP_HEADER,
} from './http/headers.js';

// ---- SSE ----

/** Reading SSE: push decoder, TransformStream, items, priming events, last event id. */
export {
  createSseDecoder,
  DEFAULT_MAX_SSE_EVENT_SIZE,
  type RawSseEvent,
  type SseDecoder,
  type SseDecoderOptions,
  SseDecoderStream,
  type SseItem,
  sseItemEventId,
  toSseItem,
} from './sse/decode.js';
/** Writing SSE. */
export {
  encodeSseComment,
  encodeSseEvent,
  encodeSseFrame,
  encodeSseMessage,
  encodeSseRetry,
  type SseFrame,
  sseEventData,
} from './sse/encode.js';
/** Typed SSE events of the HTTP+SSE transport (and the original design's extra events). */
export {
  SSE_EVENT_NAMES,
  type SseEndpointEvent,
  SseEndpointEventSchema,
  type SseErrorEvent,
  SseErrorEventSchema,
  type SseEvent,
  type SseEventName,
  SseEventSchema,
  type SseMessageEvent,
  SseMessageEventSchema,
  type SseResultEvent,
  SseResultEventSchema,
  type SseToolsEvent,
  SseToolsEventSchema,
} from './sse/events.js';

// ---- The original design's simple call form ----

/** The simple call form's body and error data. */
export {
  isSimpleCall,
  type SimpleCall,
  SimpleCallSchema,
  type SimpleError,
  SimpleErrorSchema,
} from './simple.js';
