import type { Implementation, LoggingLevel } from '@mcp-sse/protocol';
import type { McpServerCore } from '../core/mcp-server-core.js';

/**
 * The protocol state a session builds up (`initialize`, `logging/setLevel`,
 * `notifications/initialized`, `resources/subscribe`): what an instance that takes a
 * session over must restore so that the client notices nothing. Transport-neutral: saved
 * the same way for HTTP+SSE and Streamable HTTP sessions.
 */
export interface SessionState {
  protocolVersion: string | undefined;
  clientInfo: Implementation | undefined;
  /** The capabilities the client declared (elicitation, sampling, roots...). */
  clientCapabilities: Record<string, unknown> | undefined;
  logLevel: LoggingLevel | undefined;
  initialized: boolean;
  /** Resource URIs the session subscribed to. */
  subscriptions: readonly string[];
}

/** Methods after which a session's {@link SessionState} changed and is saved again. */
export const STATE_CHANGING_METHODS: ReadonlySet<string> = new Set([
  'initialize',
  'logging/setLevel',
  'notifications/initialized',
  'resources/subscribe',
  'resources/unsubscribe',
]);

/** The state of a session open on `core`; undefined when it is not open here. */
export function captureState(core: McpServerCore, id: string): SessionState | undefined {
  const session = core.session(id);
  if (session === undefined) return undefined;
  return {
    protocolVersion: session.protocolVersion,
    clientInfo: session.clientInfo,
    clientCapabilities: session.clientCapabilities,
    logLevel: session.logLevel,
    initialized: session.initialized,
    subscriptions: core.features.subscriptions.of(id),
  };
}

/** Puts saved state back on a session just opened on `core` (a takeover). */
export function restoreState(core: McpServerCore, id: string, state: Partial<SessionState>): void {
  const session = core.session(id);
  if (session === undefined) return;
  session.protocolVersion = state.protocolVersion;
  session.clientInfo = state.clientInfo;
  session.clientCapabilities = state.clientCapabilities;
  session.logLevel = state.logLevel;
  session.initialized = state.initialized ?? false;
  for (const uri of state.subscriptions ?? []) core.features.subscriptions.subscribe(id, uri);
  // Restored: it had no holder for a while, and changes raised meanwhile are gone.
  core.features.changes.catchUp(session);
}
