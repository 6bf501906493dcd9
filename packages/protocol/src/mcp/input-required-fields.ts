import { z } from 'zod';

/**
 * The members a 2026-07-28 client adds when it retries a request that got an
 * `input_required` result: the answers keyed as the server's `inputRequests` were, and the
 * server's opaque `requestState` unchanged. Answers are checked loosely here (the full
 * union is `InputResponseSchema`) so that request schemas need not import every feature.
 */
export const inputResponseFields = {
  inputResponses: z.record(z.string(), z.looseObject({})).optional(),
  requestState: z.string().optional(),
};
