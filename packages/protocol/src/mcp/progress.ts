import { z } from 'zod';
import { ProgressTokenSchema } from '../jsonrpc.js';

/** Progress on a request that carried `_meta.progressToken`; `progress` only ever grows. */
export const ProgressNotificationSchema = z.looseObject({
  method: z.literal('notifications/progress'),
  params: z.looseObject({
    progressToken: ProgressTokenSchema,
    progress: z.number(),
    total: z.number().optional(),
    message: z.string().optional(),
  }),
});
/** `notifications/progress`. */
export type ProgressNotification = z.infer<typeof ProgressNotificationSchema>;
/** The params of `notifications/progress`. */
export type Progress = ProgressNotification['params'];

/** Whether `value` is a progress notification. */
export const isProgressNotification = (value: unknown): value is ProgressNotification =>
  ProgressNotificationSchema.safeParse(value).success;
