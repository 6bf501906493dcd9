// The public API of @mcp-sse/client, chosen name by name: what is not listed here is
// internal and may change in any release. `api/public-api.txt` records this surface, and a
// test fails when it changes, so that a change to it shows in review.

// Authorization (OAuth 2.1, the specification's authorization section).
export { McpAuthError, type McpAuthErrorCode } from './auth/auth-error.js';
export { DEFAULT_MAX_STEP_UPS, withAuth } from './auth/auth-fetch.js';
export type { AuthChallenge, AuthProvider } from './auth/auth-provider.js';
export { type AuthStorage, MemoryAuthStorage } from './auth/auth-storage.js';
export type { BearerChallenge } from './auth/bearer-challenge.js';
export type { StoredClient, TokenEndpointAuthMethod } from './auth/client-identity.js';
export { type CrossAppAccessOptions, crossAppAccessAssertion } from './auth/cross-app-access.js';
export { defaultAuthFilePath, FileAuthStorage } from './auth/file-auth-storage.js';
export type { AssertionSource, AssertionTarget } from './auth/jwt-bearer.js';
export {
  type OAuthGrant,
  OAuthProvider,
  type OAuthProviderOptions,
} from './auth/oauth-provider.js';
export type { ClientRegistrationOptions } from './auth/registration.js';
export type { StoredTokens } from './auth/token-set.js';
// Connecting and calling.
export {
  type CallToolOptions,
  type ClientState,
  type ListToolsOptions,
  McpSseClient,
} from './client.js';
export { CLIENT_VERSION } from './client-info.js';
export { connect } from './connect.js';
// Errors and events.
export {
  McpSseClientError,
  type McpSseClientErrorCode,
  type McpSseClientErrorDetails,
} from './errors.js';
export type {
  CloseInfo,
  CloseReason,
  McpSseClientEvents,
  ReadyInfo,
  ReconnectedEvent,
  ReconnectingEvent,
  WireEvent,
} from './events.js';
// Features beyond tools, and answering the server.
export type { CompletionRef, ListOptions, LoggingLevel } from './features/feature-methods.js';
export type {
  ClientHandlers,
  ElicitAnswer,
  HandlerContext,
  RootEntry,
} from './features/handlers.js';
export {
  type CacheScope,
  ResultCache,
  type ResultCacheKey,
  type ResultCacheOptions,
} from './features/result-cache.js';
export type { Watch, WatchFilter } from './features/watch.js';
export type { AbortWatch, RemoveAbortListener } from './http/abort-handle.js';
export type { Logger } from './logger.js';
export type { TransportKind } from './negotiate/transport-kind.js';
export type { McpSseClientOptions } from './options.js';
export type { ReconnectOptions } from './reconnect/reconnect-options.js';
export type { AnswerQueueOptions } from './session/answer-queue.js';
export {
  DEFAULT_REQUEST_TIMEOUT,
  type RequestOptions,
  type SessionDefaults,
} from './session/request-options.js';
export { MODERN_PROTOCOL_VERSION } from './streamable/modern.js';
// Transports, for custom wiring and tests.
export {
  StreamableHttpClientTransport,
  type StreamableHttpClientTransportOptions,
} from './streamable/streamable-transport.js';
export type { ApiKeyHeader } from './transport/headers.js';
export { createLinkedTransports, LinkedTransport } from './transport/linked.js';
export type { ReplayGapInfo } from './transport/replay-gap.js';
export {
  DEFAULT_CONNECT_TIMEOUT,
  SseClientTransport,
  type SseClientTransportOptions,
} from './transport/sse-transport.js';
export type {
  ReconnectedInfo,
  ReconnectingInfo,
  SendOptions,
  Transport,
  TransportCloseInfo,
} from './transport/transport.js';
