import { z } from 'zod';
import { RequestParamsSchema } from '../jsonrpc.js';

/** Syslog severities, least severe first. */
export const LOGGING_LEVELS = [
  'debug',
  'info',
  'notice',
  'warning',
  'error',
  'critical',
  'alert',
  'emergency',
] as const;

/** One of the syslog severities MCP uses. */
export const LoggingLevelSchema = z.enum(LOGGING_LEVELS);
/** One of the syslog severities MCP uses. */
export type LoggingLevel = z.infer<typeof LoggingLevelSchema>;

/** `logging/setLevel`: the client asks for log messages at `level` and above. */
export const SetLevelRequestSchema = z.looseObject({
  method: z.literal('logging/setLevel'),
  params: RequestParamsSchema.extend({ level: LoggingLevelSchema }),
});
/** `logging/setLevel` request. */
export type SetLevelRequest = z.infer<typeof SetLevelRequestSchema>;

/** A log message from the server. */
export const LoggingMessageNotificationSchema = z.looseObject({
  method: z.literal('notifications/message'),
  params: z.looseObject({
    level: LoggingLevelSchema,
    logger: z.string().optional(),
    // z.unknown() alone would let a missing `data` through; any JSON value, null included, is fine.
    data: z
      .unknown()
      .refine(
        (value) => value !== undefined,
        'Invalid input: expected any JSON value, received undefined',
      ),
  }),
});
/** `notifications/message`. */
export type LoggingMessageNotification = z.infer<typeof LoggingMessageNotificationSchema>;

/** Whether a message at `level` passes a threshold of `threshold`. */
export function isLevelEnabled(level: LoggingLevel, threshold: LoggingLevel): boolean {
  return LOGGING_LEVELS.indexOf(level) >= LOGGING_LEVELS.indexOf(threshold);
}
