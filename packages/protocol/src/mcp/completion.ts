import { z } from 'zod';
import { RequestParamsSchema } from '../jsonrpc.js';
import { resultBase } from './fields.js';

/** Completion for an argument of the prompt `name`. */
export const PromptReferenceSchema = z.looseObject({
  type: z.literal('ref/prompt'),
  name: z.string(),
  title: z.string().optional(),
});
/** A prompt being completed. */
export type PromptReference = z.infer<typeof PromptReferenceSchema>;

/** Completion for a variable of the resource template `uri`. */
export const ResourceTemplateReferenceSchema = z.looseObject({
  type: z.literal('ref/resource'),
  uri: z.string(),
});
/** A resource template being completed. */
export type ResourceTemplateReference = z.infer<typeof ResourceTemplateReferenceSchema>;

/** `completion/complete`: suggestions for one argument as the user types it. */
export const CompleteRequestSchema = z.looseObject({
  method: z.literal('completion/complete'),
  params: RequestParamsSchema.extend({
    ref: z.discriminatedUnion('type', [PromptReferenceSchema, ResourceTemplateReferenceSchema]),
    argument: z.looseObject({ name: z.string(), value: z.string() }),
    /** Arguments already filled in (2025-06-18+). */
    context: z.looseObject({ arguments: z.record(z.string(), z.string()).optional() }).optional(),
  }),
});
/** `completion/complete` request. */
export type CompleteRequest = z.infer<typeof CompleteRequestSchema>;

/**
 * Suggestions, best first; the specification caps them at 100 (a sender must cut, a reader
 * does not refuse more). `total` and `hasMore` say whether there are more.
 */
export const CompleteResultSchema = z.looseObject({
  completion: z.looseObject({
    values: z.array(z.string()),
    total: z.number().int().optional(),
    hasMore: z.boolean().optional(),
  }),
  ...resultBase,
});
/** Completion suggestions. */
export type CompleteResult = z.infer<typeof CompleteResultSchema>;
