import type { ClientCapabilities, RequestId } from '@mcp-sse/protocol';
import { McpSseClientError } from '../errors.js';
import { applyElicitationDefaults } from './elicitation-defaults.js';

/** What a handler is told besides the request's params. */
export interface HandlerContext {
  /** The method the server asked (`elicitation/create`, ...). */
  method: string;
  /** Aborted when the client closes. */
  signal: AbortSignal;
  /**
   * The id of the server's request, when it came as one (not in a 2026-07-28 input round):
   * the server's `notifications/cancelled` names it.
   */
  requestId?: RequestId;
}

/** The answer to `elicitation/create`. */
export interface ElicitAnswer {
  action: 'accept' | 'decline' | 'cancel';
  content?: Record<string, unknown>;
  [key: string]: unknown;
}

/** A root the client exposes (`roots/list`). */
export interface RootEntry {
  uri: string;
  name?: string;
  [key: string]: unknown;
}

/**
 * What the application answers when the server asks (a request on the stream, or an input
 * request of a 2026-07-28 multi round-trip request). Only registered ones are declared as
 * capabilities; anything else is answered with a JSON-RPC error.
 */
export interface ClientHandlers {
  /** `elicitation/create` (form and URL modes): ask the user. Form defaults are filled in. */
  elicitation?: (
    params: Record<string, unknown>,
    context: HandlerContext,
  ) => ElicitAnswer | Promise<ElicitAnswer>;
  /** `sampling/createMessage`: run the model. */
  sampling?: (
    params: Record<string, unknown>,
    context: HandlerContext,
  ) => Record<string, unknown> | Promise<Record<string, unknown>>;
  /** `roots/list`: the roots the server may use. */
  roots?: (context: HandlerContext) => RootEntry[] | Promise<RootEntry[]>;
}

/** The capabilities that go with `handlers`, added to `base`. */
export function capabilitiesFor(
  handlers: ClientHandlers | undefined,
  base: ClientCapabilities = {},
): ClientCapabilities {
  const capabilities: Record<string, unknown> = { ...base };
  if (handlers?.elicitation) capabilities.elicitation ??= { form: {}, url: {} };
  if (handlers?.sampling) capabilities.sampling ??= {};
  if (handlers?.roots) capabilities.roots ??= { listChanged: false };
  return capabilities as ClientCapabilities;
}

/** JSON-RPC -32601: the client has no handler for what the server asked. */
export const METHOD_NOT_FOUND = -32601;

/**
 * Answers one server request with the registered handler. Rejects with a `server_error`
 * carrying `rpcCode` -32601 when no handler is registered for it.
 */
export async function answerServerRequest(
  handlers: ClientHandlers | undefined,
  method: string,
  params: Record<string, unknown> | undefined,
  signal: AbortSignal,
  requestId?: RequestId,
): Promise<Record<string, unknown>> {
  const context: HandlerContext =
    requestId === undefined ? { method, signal } : { method, signal, requestId };
  if (method === 'ping') return {};
  if (method === 'elicitation/create' && handlers?.elicitation) {
    const answer = await handlers.elicitation(params ?? {}, context);
    return applyElicitationDefaults(params, answer);
  }
  if (method === 'sampling/createMessage' && handlers?.sampling) {
    return handlers.sampling(params ?? {}, context);
  }
  if (method === 'roots/list' && handlers?.roots) {
    return { roots: await handlers.roots(context) };
  }
  throw new McpSseClientError(
    'server_error',
    `The server asked for ${method.slice(0, 100)}, which this client has no handler for ` +
      '(register one in connect(url, { handlers })).',
    { rpcCode: METHOD_NOT_FOUND },
  );
}
