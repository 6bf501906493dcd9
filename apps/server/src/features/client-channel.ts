import { ClientRequestError } from './client-request-error.js';

/** The requests a server may send to a client. */
export type ClientRequestMethod = 'elicitation/create' | 'sampling/createMessage' | 'roots/list';

/** Options of one request to the client. */
export interface ClientRequestOptions {
  /**
   * The key the request goes under in a multi round-trip `inputRequests` map (2026-07-28).
   * Default: the method and the request's position in the handler, which is stable as long
   * as the handler asks in the same order on every run.
   */
  key?: string;
  /** Give up (and cancel the request) after this many ms. Default 60000; 2025 sessions only. */
  timeoutMs?: number;
}

/**
 * How a handler's requests reach the client: a request on the session (2025 revisions) or
 * an entry of an `input_required` result (2026-07-28). Both resolve with the client's
 * result or reject with a {@link ClientRequestError}.
 */
export interface ClientChannel {
  request(
    method: ClientRequestMethod,
    params: Record<string, unknown>,
    options?: ClientRequestOptions,
  ): Promise<Record<string, unknown>>;
}

type Capabilities = Record<string, unknown> | undefined;

const has = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/**
 * The capability a request needs, or undefined when the client declared it. Form
 * elicitation is implied by a bare `elicitation: {}` (2025-06-18 clients declare no modes).
 */
export function missingCapability(
  capabilities: Capabilities,
  method: ClientRequestMethod,
  params: Record<string, unknown>,
): string | undefined {
  if (method === 'roots/list') return has(capabilities?.roots) ? undefined : 'roots';
  if (method === 'sampling/createMessage') {
    const sampling = capabilities?.sampling;
    if (!has(sampling)) return 'sampling';
    if (params.tools !== undefined && !has(sampling.tools)) return 'sampling.tools';
    const context = params.includeContext;
    if (context !== undefined && context !== 'none' && !has(sampling.context)) {
      return 'sampling.context';
    }
    return undefined;
  }
  const elicitation = capabilities?.elicitation;
  if (!has(elicitation)) return 'elicitation';
  if (params.mode === 'url') return has(elicitation.url) ? undefined : 'elicitation.url';
  const declaresModes = has(elicitation.form) || has(elicitation.url);
  return !declaresModes || has(elicitation.form) ? undefined : 'elicitation.form';
}

/** The error for a missing capability: nothing is sent. */
export function capabilityError(
  method: ClientRequestMethod,
  capability: string,
): ClientRequestError {
  return new ClientRequestError(
    'capability_missing',
    method,
    `The client did not declare the ${capability} capability, so ${method} was not sent: check for it before asking, or carry on without`,
    { capability },
  );
}

/** Checks that a client's result has its method's shape; returns why not, or undefined. */
export function invalidResult(method: ClientRequestMethod, result: unknown): string | undefined {
  if (!has(result)) return 'the result is not an object';
  if (method === 'roots/list') {
    return Array.isArray(result.roots) &&
      result.roots.every((root) => has(root) && typeof root.uri === 'string')
      ? undefined
      : 'roots must be an array of {uri}';
  }
  if (method === 'sampling/createMessage') {
    if (result.role !== 'user' && result.role !== 'assistant')
      return 'role must be user or assistant';
    if (!has(result.content) && !Array.isArray(result.content)) return 'content is missing';
    return typeof result.model === 'string' ? undefined : 'model must be a string';
  }
  if (result.action !== 'accept' && result.action !== 'decline' && result.action !== 'cancel') {
    return 'action must be accept, decline or cancel';
  }
  return result.content === undefined || has(result.content)
    ? undefined
    : 'content must be an object';
}
