import { z } from 'zod';
import { ElicitRequestSchema, ElicitResultSchema } from './elicitation.js';
import { resultBase } from './fields.js';
import { ListRootsRequestSchema, ListRootsResultSchema } from './roots.js';
import { CreateMessageRequestSchema, CreateMessageResultSchema } from './sampling.js';

/**
 * A request a 2026-07-28 server needs the client to fulfil before it can answer: a
 * sampling, elicitation or roots request, written without `jsonrpc` and `id`.
 */
export const InputRequestSchema = z.discriminatedUnion('method', [
  CreateMessageRequestSchema,
  ElicitRequestSchema,
  ListRootsRequestSchema,
]);
/** A request the server needs fulfilled. */
export type InputRequest = z.infer<typeof InputRequestSchema>;

/** The client's answer to one {@link InputRequestSchema}: the matching result. */
export const InputResponseSchema = z.union([
  ElicitResultSchema,
  CreateMessageResultSchema,
  ListRootsResultSchema,
]);
/** The client's answer to one input request. */
export type InputResponse = z.infer<typeof InputResponseSchema>;

/** Input requests keyed by ids of the server's choosing. */
export const InputRequestsSchema = z.record(z.string(), InputRequestSchema);
/** Input requests keyed by id. */
export type InputRequests = z.infer<typeof InputRequestsSchema>;

/** Input responses keyed as the requests were. */
export const InputResponsesSchema = z.record(z.string(), InputResponseSchema);
/** Input responses keyed by id. */
export type InputResponses = z.infer<typeof InputResponsesSchema>;

/**
 * A 2026-07-28 result with `resultType: 'input_required'` (multi round-trip requests):
 * the client fulfils `inputRequests`, then sends the original request again with
 * `inputResponses` and `requestState` unchanged in its params.
 */
export const InputRequiredResultSchema = z.looseObject({
  ...resultBase,
  resultType: z.literal('input_required'),
  inputRequests: InputRequestsSchema.optional(),
  requestState: z.string().optional(),
});
/** An `input_required` result. */
export type InputRequiredResult = z.infer<typeof InputRequiredResultSchema>;

/** Whether `value` is an `input_required` result. */
export const isInputRequiredResult = (value: unknown): value is InputRequiredResult =>
  InputRequiredResultSchema.safeParse(value).success;
