import { z } from 'zod';

/** The notifications that say a list changed, one per list kind. */
export const LIST_CHANGED_METHODS = [
  'notifications/tools/list_changed',
  'notifications/prompts/list_changed',
  'notifications/resources/list_changed',
] as const;
/** One of {@link LIST_CHANGED_METHODS}. */
export type ListChangedMethod = (typeof LIST_CHANGED_METHODS)[number];

/**
 * A change every session of the deployment must hear about, whichever instance it lives
 * on: a list changed, or one resource's contents did. It is the notification itself
 * (method and params), so an instance that receives it sends it on as it is.
 */
export const ServerChangeSchema = z.union([
  z.object({ method: z.enum(LIST_CHANGED_METHODS) }),
  z.object({
    method: z.literal('notifications/resources/updated'),
    params: z.object({ uri: z.string().min(1) }),
  }),
]);
/** A change every session of the deployment must hear about. */
export type ServerChange = z.infer<typeof ServerChangeSchema>;

/** Whether a value is a {@link ServerChange}. */
export function isServerChange(value: unknown): value is ServerChange {
  return ServerChangeSchema.safeParse(value).success;
}
