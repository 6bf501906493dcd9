import { z } from 'zod';
import { RequestIdSchema } from '../jsonrpc.js';

/**
 * Either side asks the other to stop work on a request it sent. A cancel that arrives
 * after the response is ignored; `initialize` is never cancelled.
 */
export const CancelledNotificationSchema = z.looseObject({
  method: z.literal('notifications/cancelled'),
  params: z.looseObject({
    requestId: RequestIdSchema,
    reason: z.string().optional(),
  }),
});
/** `notifications/cancelled`. */
export type CancelledNotification = z.infer<typeof CancelledNotificationSchema>;
