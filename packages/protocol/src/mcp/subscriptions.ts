import { z } from 'zod';
import { RequestIdSchema, RequestParamsSchema } from '../jsonrpc.js';
import { resultBase } from './fields.js';
import { MetaKey } from './meta-keys.js';
import { NotificationParamsSchema } from './params.js';

/**
 * What a 2026-07-28 client wants to hear about on a `subscriptions/listen` stream: list
 * changes, updates of some resources, and (tasks extension) some tasks' status.
 */
export const SubscriptionFilterSchema = z.looseObject({
  toolsListChanged: z.boolean().optional(),
  promptsListChanged: z.boolean().optional(),
  resourcesListChanged: z.boolean().optional(),
  resourceSubscriptions: z.array(z.string()).optional(),
  taskIds: z.array(z.string()).optional(),
  /** The tasks extension's later drafts call `taskIds` this. */
  tasksStatus: z.array(z.string()).optional(),
});
/** What a client wants to hear about. */
export type SubscriptionFilter = z.infer<typeof SubscriptionFilterSchema>;

/**
 * `subscriptions/listen` (2026-07-28): opens a long-lived response stream that carries the
 * notifications asked for; it replaces the GET stream and `resources/subscribe`.
 */
export const SubscriptionsListenRequestSchema = z.looseObject({
  method: z.literal('subscriptions/listen'),
  params: RequestParamsSchema.extend({ notifications: SubscriptionFilterSchema }),
});
/** `subscriptions/listen` request. */
export type SubscriptionsListenRequest = z.infer<typeof SubscriptionsListenRequestSchema>;

/** The end of a listen stream; `_meta` names the subscription it closes. */
export const SubscriptionsListenResultSchema = z.looseObject({
  ...resultBase,
  _meta: z.looseObject({ [MetaKey.SubscriptionId]: RequestIdSchema }),
});
/** The end of a listen stream. */
export type SubscriptionsListenResult = z.infer<typeof SubscriptionsListenResultSchema>;

/** First message of a listen stream: the part of the filter the server agreed to serve. */
export const SubscriptionsAcknowledgedNotificationSchema = z.looseObject({
  method: z.literal('notifications/subscriptions/acknowledged'),
  params: NotificationParamsSchema.extend({ notifications: SubscriptionFilterSchema }),
});
/** `notifications/subscriptions/acknowledged`. */
export type SubscriptionsAcknowledgedNotification = z.infer<
  typeof SubscriptionsAcknowledgedNotificationSchema
>;
