import { z } from 'zod';
import { RequestParamsSchema } from '../jsonrpc.js';

/** `ping`: either side checks the other is alive; the answer is an empty result. */
export const PingRequestSchema = z.looseObject({
  method: z.literal('ping'),
  params: RequestParamsSchema.optional(),
});
/** `ping` request. */
export type PingRequest = z.infer<typeof PingRequestSchema>;
