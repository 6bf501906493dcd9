import { z } from 'zod';

/**
 * The original design's simple call form, POSTed to the SSE path: easy to send with curl.
 * The answer arrives on the session's stream as a `result` or `error` event.
 */
export const SimpleCallSchema = z.object({
  session_id: z.string().min(1),
  tool: z.string().min(1),
  args: z.record(z.string(), z.unknown()).default({}),
});
/** The simple call form's POST body. */
export type SimpleCall = z.infer<typeof SimpleCallSchema>;

/** The data of an `error` event: what failed, as a code and a message. */
export const SimpleErrorSchema = z.looseObject({
  code: z.union([z.string(), z.number()]),
  message: z.string(),
});
/** The data of an `error` event. */
export type SimpleError = z.infer<typeof SimpleErrorSchema>;

/** Whether `value` is a simple call body. */
export const isSimpleCall = (value: unknown): value is SimpleCall =>
  SimpleCallSchema.safeParse(value).success;
