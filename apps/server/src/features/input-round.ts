import {
  type ClientChannel,
  type ClientRequestMethod,
  type ClientRequestOptions,
  capabilityError,
  invalidResult,
  missingCapability,
} from './client-channel.js';
import type { RequestStateSealer } from './request-state.js';

/**
 * Unwinds a handler that asked for input it does not have yet (2026-07-28). It is not a
 * {@link ClientRequestError}: a handler that catches everything still ends up answering
 * `input_required`, because the round knows what was asked.
 */
export class InputRequired extends Error {
  constructor(readonly key: string) {
    super(
      `Input ${key} is required: the request ends with input_required and resumes with the answer`,
    );
    this.name = 'InputRequired';
  }
}

/** One request to the client as it appears in `inputRequests`. */
export interface InputRequest {
  method: ClientRequestMethod;
  params: Record<string, unknown>;
}

/**
 * One run of a handler under multi round-trip requests (2026-07-28). Instead of sending
 * requests to the client, the handler is run again on every round with all the answers so
 * far: a request whose answer is known resolves at once, the first unknown one unwinds the
 * handler, and the result is `input_required` listing every request asked in this run
 * (several when the handler asked in parallel). The answers travel in the signed
 * `requestState`, so the next round may land on any instance. Handlers must therefore ask
 * before they cause side effects, and ask in the same order on each run (or name a `key`).
 */
export class InputRound implements ClientChannel {
  /** What this run asked for and did not get. */
  readonly asked = new Map<string, InputRequest>();
  readonly #answers: Record<string, unknown>;
  readonly #capabilities: Record<string, unknown> | undefined;
  readonly #used: Record<string, unknown> = {};
  #index = 0;

  constructor(answers: Record<string, unknown>, capabilities: Record<string, unknown> | undefined) {
    this.#answers = answers;
    this.#capabilities = capabilities;
  }

  /** The answers this run used: what the next round's state carries (extra keys are dropped). */
  get used(): Readonly<Record<string, unknown>> {
    return this.#used;
  }

  request(
    method: ClientRequestMethod,
    params: Record<string, unknown>,
    options?: ClientRequestOptions,
  ): Promise<Record<string, unknown>> {
    const key = options?.key ?? `${method}#${this.#index}`;
    this.#index++;
    const missing = missingCapability(this.#capabilities, method, params);
    if (missing !== undefined) return Promise.reject(capabilityError(method, missing));
    const answer = this.#answers[key];
    // A wrong or missing answer is asked for again rather than failing the request.
    if (answer !== undefined && invalidResult(method, answer) === undefined) {
      this.#used[key] = answer;
      return Promise.resolve(answer as Record<string, unknown>);
    }
    this.asked.set(key, { method, params });
    return Promise.reject(new InputRequired(key));
  }
}

/** How the answers of a round are read from a request, or why they cannot be. */
export type OpenedRound = { ok: true; round: InputRound } | { ok: false; message: string };

/**
 * Starts a round from a request's `inputResponses` and `requestState`. A state that fails
 * its signature, expired, or belongs to another request is an error (-32602 on the wire).
 */
export function openInputRound(
  params: Record<string, unknown> | undefined,
  sealer: RequestStateSealer,
  target: string,
  capabilities: Record<string, unknown> | undefined,
): OpenedRound {
  const responses = params?.inputResponses;
  const fresh =
    typeof responses === 'object' && responses !== null && !Array.isArray(responses)
      ? (responses as Record<string, unknown>)
      : {};
  const state = params?.requestState;
  if (state === undefined) return { ok: true, round: new InputRound({ ...fresh }, capabilities) };
  const opened = sealer.open(state, target);
  if (opened === undefined) {
    return {
      ok: false,
      message:
        'Invalid requestState: it was altered, has expired or belongs to another request; send the requestState of the latest input_required result unchanged, or start over without one',
    };
  }
  // Answers from earlier rounds win: the client only answers what the last round asked.
  return { ok: true, round: new InputRound({ ...fresh, ...opened.answers }, capabilities) };
}

/** The `input_required` result of a round that asked for something. */
export function inputRequiredResult(
  round: InputRound,
  sealer: RequestStateSealer,
  target: string,
): Record<string, unknown> {
  const inputRequests: Record<string, InputRequest> = {};
  for (const [key, request] of round.asked) inputRequests[key] = request;
  return {
    resultType: 'input_required',
    inputRequests,
    requestState: sealer.seal({ ...round.used }, [...round.asked.keys()], target),
  };
}
