import type { ClientChannel, ClientRequestOptions } from './client-channel.js';
import type {
  CreateMessageParams,
  CreateMessageResult,
  ElicitParams,
  ElicitResult,
  Root,
} from './wire-types.js';

/**
 * What a handler may ask the client. On 2025 sessions each call is a request on the session;
 * on 2026-07-28 it becomes an entry of an `input_required` result and the handler runs again
 * with the answer. Each rejects with a {@link ClientRequestError} (a client without the
 * capability gets nothing sent: `capability_missing`).
 */
export interface ClientRequests {
  /** `elicitation/create`: asks the user to fill a form (or visit a URL, `mode: 'url'`). */
  elicit(params: ElicitParams, options?: ClientRequestOptions): Promise<ElicitResult>;
  /**
   * `sampling/createMessage`: asks the client's model. A string is one user message with
   * `maxTokens` 1000.
   */
  sample(
    params: CreateMessageParams | string,
    options?: ClientRequestOptions,
  ): Promise<CreateMessageResult>;
  /** `roots/list`: the roots the client exposes. */
  roots(options?: ClientRequestOptions): Promise<Root[]>;
}

/** {@link ClientRequests} on top of a channel. */
export function clientRequests(channel: () => ClientChannel): ClientRequests {
  return {
    elicit: (params, options) =>
      channel().request(
        'elicitation/create',
        params as Record<string, unknown>,
        options,
      ) as Promise<ElicitResult>,
    sample: (params, options) =>
      channel().request(
        'sampling/createMessage',
        typeof params === 'string'
          ? {
              messages: [{ role: 'user', content: { type: 'text', text: params } }],
              maxTokens: 1000,
            }
          : (params as Record<string, unknown>),
        options,
      ) as Promise<CreateMessageResult>,
    roots: async (options) => {
      const result = await channel().request('roots/list', {}, options);
      return result.roots as Root[];
    },
  };
}
