import { McpSseClientError } from '../errors.js';

/** Bound on input rounds per request: a server that keeps asking cannot keep us forever. */
export const MAX_INPUT_ROUNDS = 16;

/** Answers one input request (`elicitation/create`, `sampling/createMessage`, `roots/list`). */
export type InputAnswerer = (
  method: string,
  params: Record<string, unknown> | undefined,
) => Promise<Record<string, unknown>>;

/** A result's `resultType`; absent means `complete` (an earlier revision's result). */
export function resultTypeOf(result: Record<string, unknown>): string {
  return typeof result.resultType === 'string' ? result.resultType : 'complete';
}

/**
 * Runs a request as a 2026-07-28 multi round-trip request: while the server answers
 * `input_required`, each of its `inputRequests` is answered by `answer`, and the original
 * params are sent again (a new request, so a new id) with `inputResponses` and the opaque
 * `requestState` echoed back exactly, or left out when the server gave none.
 */
export async function withInputRounds(
  send: (params: Record<string, unknown> | undefined) => Promise<Record<string, unknown>>,
  params: Record<string, unknown> | undefined,
  answer: InputAnswerer,
  method: string,
): Promise<Record<string, unknown>> {
  let next = params;
  for (let round = 0; round <= MAX_INPUT_ROUNDS; round++) {
    const result = await send(next);
    const type = resultTypeOf(result);
    if (type === 'complete') return result;
    if (type !== 'input_required') {
      throw new McpSseClientError(
        'protocol_error',
        `The server answered ${method} with resultType ${JSON.stringify(type)}, which this client does not know.`,
        { data: result },
      );
    }
    const requests = (result.inputRequests ?? {}) as Record<string, unknown>;
    const responses: Record<string, unknown> = {};
    await Promise.all(
      Object.entries(requests).map(async ([key, request]) => {
        const { method: asked, params: askedParams } = (request ?? {}) as {
          method?: unknown;
          params?: Record<string, unknown>;
        };
        if (typeof asked !== 'string') {
          throw new McpSseClientError(
            'protocol_error',
            `Input request ${key} of ${method} has no method`,
            {
              data: request,
            },
          );
        }
        responses[key] = await answer(asked, askedParams);
      }),
    );
    next = { ...params };
    if (Object.keys(requests).length > 0) next.inputResponses = responses;
    if (typeof result.requestState === 'string') next.requestState = result.requestState;
  }
  throw new McpSseClientError(
    'protocol_error',
    `The server kept answering ${method} with input_required past ${MAX_INPUT_ROUNDS} rounds.`,
  );
}
