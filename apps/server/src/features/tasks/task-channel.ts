import {
  type ClientChannel,
  type ClientRequestMethod,
  type ClientRequestOptions,
  capabilityError,
  missingCapability,
} from '../client-channel.js';
import type { InputRequest } from '../input-round.js';

/** Parks a task on one input request until `tasks/update` answers it. */
export type AskTask = (key: string, request: InputRequest) => Promise<Record<string, unknown>>;

/**
 * How a task's handler asks the client (2026-07-28): each request becomes an entry of the
 * task's `inputRequests` (status `input_required`) and resolves when `tasks/update` brings
 * its answer. Unlike a multi round-trip request the handler is not run again: it waits.
 */
export class TaskChannel implements ClientChannel {
  #index = 0;

  constructor(
    readonly capabilities: Record<string, unknown> | undefined,
    readonly ask: AskTask,
  ) {}

  request(
    method: ClientRequestMethod,
    params: Record<string, unknown>,
    options?: ClientRequestOptions,
  ): Promise<Record<string, unknown>> {
    const key = options?.key ?? `${method}#${this.#index}`;
    this.#index++;
    const missing = missingCapability(this.capabilities, method, params);
    if (missing !== undefined) return Promise.reject(capabilityError(method, missing));
    return this.ask(key, { method, params });
  }
}
